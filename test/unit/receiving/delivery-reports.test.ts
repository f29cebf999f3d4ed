import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu, type StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { DeliveryReports } from '../../../electron/backend/receiving/delivery-reports.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { buildStatusReportPdu, type StatusReportSpec } from '../../../electron/modem-sim/sms-pdus.ts';
import { type Backbone, logOf, makeBackbone } from '../../support/backbone.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

let b: Backbone;
afterEach(() => b.close());

const report = (spec: Partial<StatusReportSpec> = {}): StatusReportPdu =>
  decodePdu(buildStatusReportPdu({ reference: 7, recipient: '+254712345678', ...spec }).hex) as StatusReportPdu;

/** A recipient sent through `gateway` with the given +CMGS references. */
function sent(refs: string[], to = '+254712345678', gateway = 'modem-1'): number {
  const receipt = b.messaging.send({ recipients: [{ address: to, protocol: 'sms' }], content: 'Kumbusho: kliniki kesho' });
  const id = receipt.recipients[0]!.id;
  b.dispatcher.changeStatus({ recipientId: id, from: 'outbox', to: 'sending', reason: 'test', set: { gateway } });
  b.dispatcher.changeStatus({ recipientId: id, from: 'sending', to: 'sent', reason: 'Sent', set: { gatewayRefs: refs, nextAttemptAt: null } });
  return id;
}

const statusOf = (id: number) => b.store.recipients.get(id)?.status;
const reports = () => new DeliveryReports({ store: b.store, changeStatus: (r) => b.dispatcher.changeStatus(r), clock: b.clock });

describe('DeliveryReports', () => {
  it('marks a single-part message delivered through changeStatus', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7']);
    expect(reports().apply('modem-1', report())).toEqual({ kind: 'delivered', recipientId: id });
    expect(statusOf(id)).toBe('delivered');
    expect(logOf(b.store, id).at(-1)).toBe('sent → delivered: Delivered');
  });

  it('matches a number the SC gives in national form', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7']);
    expect(reports().apply('modem-1', report({ recipient: '0712345678' }))).toMatchObject({ kind: 'delivered', recipientId: id });
  });

  it('fails the message with the status meaning in words', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7']);
    expect(reports().apply('modem-1', report({ status: 0x46 }))).toEqual({ kind: 'failed', recipientId: id });
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'failed', lastErrorCode: 'status-46', lastError: 'SM validity period expired' });
    expect(logOf(b.store, id).at(-1)).toBe('sent → failed: Not delivered: SM validity period expired');
  });

  it('changes nothing on a pending report', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7']);
    expect(reports().apply('modem-1', report({ status: 0x21 }))).toEqual({ kind: 'pending', recipientId: id });
    expect(statusOf(id)).toBe('sent');
  });

  it('delivers a multipart message only when every part is, and remembers parts across a restart', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7', '8', '9']);
    expect(reports().apply('modem-1', report({ reference: 9 }))).toEqual({ kind: 'part-delivered', recipientId: id, delivered: 1, parts: 3 });
    expect(reports().apply('modem-1', report({ reference: 7 }))).toEqual({ kind: 'part-delivered', recipientId: id, delivered: 2, parts: 3 });
    b.store.close();
    const dir = b.dir;
    b = makeBackbone({ store: openStore({ dataDir: dir.path, clock: b.clock }), dir, clock: b.clock, gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    expect(reports().apply('modem-1', report({ reference: 8 }))).toEqual({ kind: 'delivered', recipientId: id });
    expect(logOf(b.store, id).at(-1)).toBe('sent → delivered: Delivered (all 3 parts)');
    const close = b.close;
    b.close = () => { close(); dir.remove(); };
  });

  it('leaves unmatched reports alone: other number, other gateway, outside the window', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const id = sent(['7']);
    expect(reports().apply('modem-1', report({ recipient: '+254700000001' }))).toEqual({ kind: 'unmatched' });
    expect(reports().apply('modem-2', report())).toEqual({ kind: 'unmatched' });
    expect(reports().apply('modem-1', report({ reference: 8 }))).toEqual({ kind: 'unmatched' });
    b.clock.advance(4 * 24 * 60 * 60_000);
    expect(reports().apply('modem-1', report())).toEqual({ kind: 'unmatched' });
    expect(statusOf(id)).toBe('sent');
  });

  it('after the reference wraps, matches the most recent send with that reference', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const older = sent(['7']);
    b.clock.advance(60 * 60_000);
    const newer = sent(['7']);
    expect(reports().apply('modem-1', report())).toEqual({ kind: 'delivered', recipientId: newer });
    expect(statusOf(older)).toBe('sent');
  });
});
