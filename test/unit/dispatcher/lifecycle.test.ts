import { afterEach, describe, expect, it } from 'vitest';
import { type Backbone, flush, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { fail, hold, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

describe('dispatcher lifecycle and timers', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('does not dispatch before start()', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1' });
    b = makeBackbone({ gateways: [gateway] });
    b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] });
    await flush();
    expect(gateway.calls).toHaveLength(0);
  });

  it('stop() waits for the send in flight and records its result', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await gateway.whenCalled(1);
    const stopping = b.dispatcher.stop({ deadlineMs: 10_000 });
    gateway.held[0]!.succeed(['4']);
    expect(await stopping).toEqual({ stillSending: [] });
    expect(b.store.recipients.get(id)?.status).toBe('sent');
    expect(gateway.listenerCount()).toBe(0);
  });

  it('stop() gives up at the deadline, leaving the row sending, and claims nothing more', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const [first, second] = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678'), sms('0733000111')] }).recipients;
    await gateway.whenCalled(1);
    const stopping = b.dispatcher.stop({ deadlineMs: 2_000 });
    b.clock.advance(2_000);
    expect(await stopping).toEqual({ stillSending: [first!.id] });
    expect(b.store.recipients.get(first!.id)?.status).toBe('sending');
    b.messaging.send({ content: 'later', recipients: [sms('0722000222')] });
    await flush();
    expect(gateway.calls).toHaveLength(1);
    expect(b.store.recipients.get(second!.id)?.status).toBe('outbox');
  });

  it('keeps one timer, for the earliest retry, and no polling timer besides the sweep', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('transient', 'busy', 'Busy.'), fail('transient', 'busy', 'Busy.')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    expect(b.clock.pendingDelays()).toEqual([60_000]); // the backstop sweep only
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    await flush();
    expect(b.clock.pendingDelays()).toEqual([30_000, 60_000]);
  });

  it('stop() clears its timers', async () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    b.dispatcher.start();
    await b.dispatcher.stop();
    expect(b.clock.pendingDelays()).toEqual([]);
  });

  it('counts pending work per gateway and what it sent today', async () => {
    const a = new ScriptedGateway({ id: 'modem-a' });
    const c = new ScriptedGateway({ id: 'modem-b', state: 'stopped' });
    b = makeBackbone({ gateways: [a, c] });
    const ids = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678'), sms('0733000111')] }).recipients.map((r) => r.id);
    expect(b.dispatcher.pendingCount()).toBe(2);
    expect(b.dispatcher.pendingCount('modem-b')).toBe(2);
    expect(b.dispatcher.pendingCount('unknown')).toBe(0);
    const sent = Promise.all(ids.map((id) => nextStatus(b.dispatcher, { recipientId: id, to: 'sent' })));
    b.dispatcher.start();
    await sent;
    expect(b.dispatcher.pendingCount()).toBe(0);
    expect(b.dispatcher.sentToday('modem-a')).toBe(2);
    expect(b.dispatcher.sentToday('modem-b')).toBe(0);
    b.clock.advance(48 * 3600_000);
    expect(b.dispatcher.sentToday('modem-a')).toBe(0);
  });

  it('keeps dispatching when a status listener throws', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1' });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.onStatus(() => {
      throw new Error('a broken UI listener');
    });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
  });

  it('writes exactly one status_log row for every status event it emits', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('transient', 'busy', 'Busy.'), fail('permanent', 'cms-21', 'Refused.')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const [x, y] = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678'), sms('0733000111')] }).recipients;
    const settled = Promise.all([nextStatus(b.dispatcher, { recipientId: x!.id, to: 'sent' }), nextStatus(b.dispatcher, { recipientId: y!.id, to: 'failed' })]);
    await nextStatus(b.dispatcher, { to: 'failed' });
    b.clock.advance(30_000);
    await settled;
    const logged = b.store.db
      .prepare(`SELECT recipient_id AS recipientId, from_status AS "from", to_status AS "to", reason, gateway, at FROM status_log WHERE from_status IS NOT NULL ORDER BY id`)
      .all();
    expect(logged).toEqual(b.events.map(({ recipientId, from, to, reason, gateway, at }) => ({ recipientId, from, to, reason, gateway, at })));
  });
});
