import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_FAIL_REASON, INTERRUPTED_RESEND_REASON, OutboxDispatcher } from '../../../electron/backend/dispatcher.ts';
import type { RecoverySummary } from '../../../electron/backend/events.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { type Backbone, logOf, makeBackbone, makeTempDir, nextStatus } from '../../support/backbone.ts';
import { hold, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

/** Leaves `count` rows in `sending` the way a crash would: claimed, never settled. */
function seedSendingRows(b: Backbone, count: number): number[] {
  const ids = b.messaging.send({ content: 'Hi', recipients: Array.from({ length: count }, (_, i) => sms(`+2547${String(i).padStart(8, '0')}`)) }).recipients.map((r) => r.id);
  for (const id of ids) {
    b.dispatcher.changeStatus({ recipientId: id, from: 'outbox', to: 'sending', reason: 'Sending via modem-1', set: { gateway: 'modem-1', attempts: 1 } });
  }
  return ids;
}

describe('crash recovery at start()', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('requeues interrupted sends flagged possible-duplicate by default, and they are sent', async () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const ids = seedSendingRows(b, 2);
    const summaries: RecoverySummary[] = [];
    b.dispatcher.onRecovery((s) => summaries.push(s));
    const sent = Promise.all(ids.map((id) => nextStatus(b.dispatcher, { recipientId: id, to: 'sent' })));

    const summary = b.dispatcher.start();
    expect(summary).toEqual({ policy: 'resend-flag-duplicate', recovered: 2, requeued: 2, failed: 0, recipientIds: ids });
    expect(summaries).toEqual([summary]);
    await sent;
    for (const id of ids) {
      expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', flags: ['possible-duplicate'], attempts: 2 });
      expect(logOf(b.store, id)).toEqual([
        '∅ → outbox: queued',
        'outbox → sending: Sending via modem-1',
        `sending → outbox: ${INTERRUPTED_RESEND_REASON}`,
        'outbox → sending: Sending via modem-1 (attempt 2)',
        'sending → sent: Sent',
      ]);
    }
  });

  it('fails interrupted sends and asks the user under fail-and-ask', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })], settings: { crashRecovery: 'fail-and-ask' } });
    const [id] = seedSendingRows(b, 1);
    expect(b.dispatcher.start()).toMatchObject({ policy: 'fail-and-ask', recovered: 1, requeued: 0, failed: 1 });
    expect(b.store.recipients.get(id!)).toMatchObject({ status: 'failed', lastErrorCode: 'interrupted', lastError: INTERRUPTED_FAIL_REASON });
  });

  it('fails instead of resending a row that already used all its attempts', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })], settings: { retry: { maxAttempts: 1, backoffBaseMs: 1000, backoffMaxMs: 1000 } } });
    const [id] = seedSendingRows(b, 1);
    expect(b.dispatcher.start()).toMatchObject({ recovered: 1, requeued: 0, failed: 1 });
    expect(b.store.recipients.get(id!)?.status).toBe('failed');
  });

  it('reports nothing when nothing was interrupted', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    expect(b.dispatcher.start()).toEqual({ policy: 'resend-flag-duplicate', recovered: 0, requeued: 0, failed: 0, recipientIds: [] });
  });

  it('recovers a row a stopped process left sending, in a fresh process on the same file', async () => {
    const dir = makeTempDir();
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    b = makeBackbone({ gateways: [gateway], dir });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await gateway.whenCalled(1);
    const stopping = b.dispatcher.stop({ deadlineMs: 5_000 });
    b.clock.advance(5_000);
    expect(await stopping).toEqual({ stillSending: [id] });
    b.store.close(); // the process dies with the send still in flight

    const store = openStore({ dataDir: dir.path, clock: b.clock });
    try {
      const fresh = new OutboxDispatcher({ store, gateways: [new ScriptedGateway({ id: 'modem-1' })], clock: b.clock, timers: b.clock });
      const sent = nextStatus(fresh, { recipientId: id, to: 'sent' });
      expect(fresh.start()).toMatchObject({ recovered: 1, recipientIds: [id] });
      await sent;
      await fresh.stop();
    } finally {
      store.close();
      dir.remove();
    }
  });
});
