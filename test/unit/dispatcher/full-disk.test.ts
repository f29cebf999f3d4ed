// The dispatcher on a full disk (docs/ARCHITECTURE.md "Field survival"): a claim or a result a
// full disk refuses is tried again on its own short timer (DEFAULT_WRITE_RETRY_MS), not at the
// 60 s backstop sweep, and a send that went out is recorded once, never sent again. Fake clock;
// the disk is filled with SQLite's max_page_count (test/support/full-disk.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_INTERVAL_MS, DEFAULT_WRITE_RETRY_MS } from '../../../electron/backend/dispatcher.ts';
import { type Backbone, flush, logOf, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { fillDisk, freeDisk } from '../../support/full-disk.ts';
import { hold, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

describe('the dispatcher on a full disk', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('tries a refused claim again after DEFAULT_WRITE_RETRY_MS, well before the backstop sweep', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1' });
    b = makeBackbone({ gateways: [gateway] });
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    fillDisk(b.store.db);
    b.dispatcher.start();
    await flush();
    expect(gateway.calls).toHaveLength(0);
    expect(b.store.recipients.get(id)?.status).toBe('outbox');
    expect(DEFAULT_WRITE_RETRY_MS).toBeLessThan(DEFAULT_SWEEP_INTERVAL_MS / 10);
    expect(b.clock.pendingDelays()).toContain(DEFAULT_WRITE_RETRY_MS);

    // Still full: tried again, refused again, and the timer is armed again.
    b.clock.advance(DEFAULT_WRITE_RETRY_MS);
    await flush();
    expect(gateway.calls).toHaveLength(0);
    expect(b.clock.pendingDelays()).toContain(DEFAULT_WRITE_RETRY_MS);

    freeDisk(b.store.db);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.clock.advance(DEFAULT_WRITE_RETRY_MS);
    await sent;
    expect(gateway.calls).toHaveLength(1);
  });

  it('holds a result it cannot record and records it once there is room, without sending again', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await gateway.whenCalled(1);
    fillDisk(b.store.db);
    gateway.held[0]!.succeed(['7']);
    await flush();
    expect(b.store.recipients.get(id)?.status).toBe('sending');

    freeDisk(b.store.db);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.clock.advance(DEFAULT_WRITE_RETRY_MS);
    await sent;
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', gatewayRefs: ['7'], attempts: 1 });
    expect(gateway.calls).toHaveLength(1);
    expect(logOf(b.store, id).filter((line) => line.startsWith('sending → sent'))).toHaveLength(1);
  });

  it('records a held result at once when woken (storage recovered), before the timer', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await gateway.whenCalled(1);
    fillDisk(b.store.db);
    gateway.held[0]!.succeed(['7']);
    await flush();
    freeDisk(b.store.db);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.dispatcher.notify();
    await sent;
  });
});
