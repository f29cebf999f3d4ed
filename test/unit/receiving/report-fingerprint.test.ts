// A stored status report read again after a crash between its commit and its SIM delete must
// not be applied twice (issue 10 item 7; as incoming SMS, reassembly.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu, type StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { DeliveryReports } from '../../../electron/backend/receiving/delivery-reports.ts';
import { buildStatusReportPdu } from '../../../electron/modem-sim/sms-pdus.ts';
import { type Backbone, logOf, makeBackbone } from '../../support/backbone.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

let b: Backbone;
afterEach(() => b.close());

function sent(refs: string[], to = '+254712345678'): number {
  const id = b.messaging.send({ recipients: [{ address: to, protocol: 'sms' }], content: 'Kumbusho' }).recipients[0]!.id;
  b.dispatcher.changeStatus({ recipientId: id, from: 'outbox', to: 'sending', reason: 'test', set: { gateway: 'modem-1' } });
  b.dispatcher.changeStatus({ recipientId: id, from: 'sending', to: 'sent', reason: 'Sent', set: { gatewayRefs: refs, nextAttemptAt: null } });
  return id;
}

describe('status report fingerprints', () => {
  it('applies a report once, and knows it when it is read again', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const reports = new DeliveryReports({ store: b.store, changeStatus: (r) => b.dispatcher.changeStatus(r), clock: b.clock });
    const first = sent(['7', '8']);
    const built = buildStatusReportPdu({ reference: 7, recipient: '+254712345678' });
    const raw = { hex: built.hex, length: built.tpduLength };
    const pdu = decodePdu(built.hex) as StatusReportPdu;
    expect(reports.apply('modem-1', pdu, raw)).toMatchObject({ kind: 'part-delivered', delivered: 1, parts: 2 });
    expect(reports.apply('modem-1', pdu, raw)).toEqual({ kind: 'already-applied' });
    // The same TPDU without the SMSC field (another modem's print) is the same report.
    expect(reports.apply('modem-1', pdu, { hex: built.hex.slice(built.hex.length - built.tpduLength * 2), length: built.tpduLength })).toEqual({ kind: 'already-applied' });
    // Another report (the other part) is new.
    const other = buildStatusReportPdu({ reference: 8, recipient: '+254712345678' });
    expect(reports.apply('modem-1', decodePdu(other.hex) as StatusReportPdu, { hex: other.hex, length: other.tpduLength })).toMatchObject({ kind: 'delivered', recipientId: first });
    expect(logOf(b.store, first).filter((l) => l.includes('delivered'))).toEqual(['sent → delivered: Delivered (all 2 parts)']);
  });

  it('keeps no fingerprint when the commit fails, so the report is applied when read again', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    let fail = true;
    const reports = new DeliveryReports({
      store: b.store,
      changeStatus: (r) => {
        if (fail) throw new Error('disk I/O error');
        return b.dispatcher.changeStatus(r);
      },
      clock: b.clock,
    });
    const id = sent(['7']);
    const built = buildStatusReportPdu({ reference: 7, recipient: '+254712345678' });
    const raw = { hex: built.hex, length: built.tpduLength };
    const pdu = decodePdu(built.hex) as StatusReportPdu;
    expect(() => reports.apply('modem-1', pdu, raw)).toThrow('disk I/O error');
    fail = false;
    expect(reports.apply('modem-1', pdu, raw)).toEqual({ kind: 'delivered', recipientId: id });
  });
});
