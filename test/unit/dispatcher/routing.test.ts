/**
 * Several gateways of one protocol (docs/ARCHITECTURE.md "Several modems"): the routing policy, prefix rules
 * with failover, and the per-SIM daily cap that resumes at local midnight on the fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeApiHarness } from '../../support/api-harness.ts';
import { type Backbone, flush, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { hold, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });
/** A valid Kenyan mobile number on the network of `prefix` ('+25471' Safaricom, '+25473' Airtel). */
const number = (prefix: string, i: number) => `${prefix}${String(i).padStart(12 - prefix.length + 1, '0')}`;

function sendOne(b: Backbone, to: string): number {
  return b.messaging.send({ content: 'Kumbusho', recipients: [sms(to)] }).recipients[0]!.id;
}

/** Sends `to` pinned to `gatewayId` (as gateways.testSms does) and waits until it is sent. */
async function sentVia(b: Backbone, gatewayId: string, to: string): Promise<void> {
  const id = b.store.transaction(() => {
    const rid = sendOne(b, to);
    b.store.recipients.pinToGateway(rid, gatewayId);
    return rid;
  });
  await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
}

const callsOf = (...gateways: ScriptedGateway[]) => gateways.map((g) => g.calls.length);

describe('routing among several gateways', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('round-robin (the default) spreads 12 messages sent one by one evenly over 3 idle gateways', async () => {
    const gs = ['a', 'b', 'c'].map((id) => new ScriptedGateway({ id }));
    b = makeBackbone({ gateways: gs });
    b.dispatcher.start();
    for (let i = 0; i < 12; i++) {
      const id = sendOne(b, number('+25471', i));
      await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    }
    expect(callsOf(...gs)).toEqual([4, 4, 4]);
    // A strict rotation: a, b, c, a, b, c ...
    const order = b.events.filter((e) => e.to === 'sent').map((e) => e.gateway);
    expect(order.slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('round-robin still uses every idle gateway for a burst, with no row given twice', async () => {
    const gs = ['a', 'b', 'c'].map((id) => new ScriptedGateway({ id }));
    b = makeBackbone({ gateways: gs });
    const { recipients } = b.messaging.send({ content: 'Clinic closed', recipients: Array.from({ length: 30 }, (_, i) => sms(number('+25471', i))) });
    const all = Promise.all(recipients.map((r) => nextStatus(b.dispatcher, { recipientId: r.id, to: 'sent' })));
    b.dispatcher.start();
    await all;
    const handed = gs.flatMap((g) => g.calls.map((c) => c.recipientId));
    expect(new Set(handed).size).toBe(30);
    expect(handed).toHaveLength(30);
    for (const g of gs) expect(g.calls.length).toBeGreaterThan(0);
  });

  it('least-busy gives the next message to the gateway that sent the fewest today', async () => {
    const gs = ['a', 'b', 'c'].map((id) => new ScriptedGateway({ id }));
    const [a, bb, c] = gs as [ScriptedGateway, ScriptedGateway, ScriptedGateway];
    b = makeBackbone({ gateways: gs, settings: { routing: 'least-busy' } });
    b.dispatcher.start();
    for (let i = 0; i < 3; i++) await sentVia(b, 'a', number('+25471', i));
    await sentVia(b, 'c', number('+25471', 3));
    expect([b.dispatcher.sentToday('a'), b.dispatcher.sentToday('b'), b.dispatcher.sentToday('c')]).toEqual([3, 0, 1]);
    const before = callsOf(a, bb, c);

    const first = sendOne(b, number('+25471', 10));
    expect((await nextStatus(b.dispatcher, { recipientId: first, to: 'sent' })).gateway).toBe('b');
    for (let i = 11; i < 14; i++) {
      const id = sendOne(b, number('+25471', i));
      await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    }
    // 3/0/1 + 4 more: a (3) is never chosen while b and c have sent fewer.
    const added = callsOf(a, bb, c).map((n, i) => n - before[i]!);
    expect(added[0]).toBe(0);
    expect(added[1]! + added[2]!).toBe(4);
    expect(Math.abs(b.dispatcher.sentToday('b') - b.dispatcher.sentToday('c'))).toBeLessThanOrEqual(1);
  });
});

describe('prefix rules', () => {
  let b: Backbone;
  afterEach(() => b.close());

  const rules = [
    { prefix: '+25471', gatewayId: 'a' },
    { prefix: '+25473', gatewayId: 'b' },
  ];

  it('sends each number through the gateway of its network', async () => {
    const a = new ScriptedGateway({ id: 'a' });
    const c = new ScriptedGateway({ id: 'b' });
    b = makeBackbone({ gateways: [a, c], settings: { routing: 'prefix', prefixRules: rules } });
    const to = [0, 1, 2, 3, 4, 5].map((i) => number(i % 2 === 0 ? '+25471' : '+25473', i));
    const { recipients } = b.messaging.send({ content: 'Chanjo kesho', recipients: to.map(sms) });
    const all = Promise.all(recipients.map((r) => nextStatus(b.dispatcher, { recipientId: r.id, to: 'sent' })));
    b.dispatcher.start();
    await all;
    expect(a.calls.map((x) => x.address).every((n) => n.startsWith('+25471'))).toBe(true);
    expect(c.calls.map((x) => x.address).every((n) => n.startsWith('+25473'))).toBe(true);
    expect(callsOf(a, c)).toEqual([3, 3]);
  });

  it('a busy rule gateway keeps its rows; a disconnected one lets another gateway take them', async () => {
    const a = new ScriptedGateway({ id: 'a', script: [hold()] });
    const c = new ScriptedGateway({ id: 'b' });
    b = makeBackbone({ gateways: [a, c], settings: { routing: 'prefix', prefixRules: rules } });
    b.dispatcher.start();
    const ids = [0, 1, 2].map((i) => sendOne(b, number('+25471', i)));
    await a.whenCalled(1);
    await flush();
    // a is busy with the first: b, idle, leaves the other two alone.
    expect(c.calls).toHaveLength(0);
    expect(ids.slice(1).map((id) => b.store.recipients.get(id)?.status)).toEqual(['outbox', 'outbox']);

    // A number of no rule goes to any gateway.
    const other = sendOne(b, '+254720000001');
    expect((await nextStatus(b.dispatcher, { recipientId: other, to: 'sent' })).gateway).toBe('b');

    const both = Promise.all(ids.slice(1).map((id) => nextStatus(b.dispatcher, { recipientId: id, to: 'sent' })));
    a.setState('disconnected', 'unplugged');
    await both;
    expect(c.calls.map((x) => x.recipientId)).toEqual([other, ids[1], ids[2]]);
    a.held[0]!.succeed(['9']);
  });

  it('a rule gateway that is starting still holds its rows (the first modem up takes no other network’s work)', async () => {
    const a = new ScriptedGateway({ id: 'a', state: 'starting' });
    const c = new ScriptedGateway({ id: 'b' });
    b = makeBackbone({ gateways: [a, c], settings: { routing: 'prefix', prefixRules: rules } });
    b.dispatcher.start();
    const id = sendOne(b, number('+25471', 1));
    await flush();
    expect(c.calls).toHaveLength(0);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    a.setState('running');
    expect((await sent).gateway).toBe('a');
  });

  it('the first matching rule wins, and rules are ignored unless routing is prefix', async () => {
    const a = new ScriptedGateway({ id: 'a', state: 'starting' });
    const c = new ScriptedGateway({ id: 'b', state: 'starting' });
    b = makeBackbone({
      gateways: [a, c],
      settings: { routing: 'prefix', prefixRules: [{ prefix: '+254712', gatewayId: 'b' }, ...rules] },
    });
    b.dispatcher.start();
    const id = sendOne(b, number('+254712', 1));
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    a.setState('running');
    await flush();
    expect(a.calls).toHaveLength(0);
    c.setState('running');
    expect((await sent).gateway).toBe('b');

    b.store.settings.set('routing', 'round-robin');
    c.setState('stopped');
    const free = sendOne(b, number('+25473', 2));
    expect((await nextStatus(b.dispatcher, { recipientId: free, to: 'sent' })).gateway).toBe('a');
  });
});

describe('the per-SIM daily cap', () => {
  let b: Backbone;
  afterEach(() => b.close());

  /** Milliseconds from the fake clock's now to the next local midnight (as the dispatcher reckons it). */
  const toMidnight = (b: Backbone): number => {
    const m = new Date(b.clock.now());
    m.setHours(24, 0, 0, 0);
    return m.getTime() - b.clock.now();
  };

  it('stops a gateway at N sent today, says so, and resumes at midnight without a poll', async () => {
    const a = new ScriptedGateway({ id: 'a' });
    b = makeBackbone({ gateways: [a], settings: { dailyCaps: { a: 2 } } });
    const capEvents: unknown[] = [];
    b.dispatcher.onDailyCap((e) => capEvents.push(e));
    b.dispatcher.start();
    const ids = [0, 1, 2].map((i) => sendOne(b, number('+25471', i)));
    await nextStatus(b.dispatcher, { recipientId: ids[1]!, to: 'sent' });
    await flush();
    expect(a.calls).toHaveLength(2);
    expect(b.store.recipients.get(ids[2]!)?.status).toBe('outbox');
    expect(b.dispatcher.dailyCapReached('a')).toBe(true);
    expect(b.dispatcher.dailyCapReached('a')).toBe(true);
    expect(capEvents).toEqual([{ gatewayId: 'a', reached: true }]);

    const untilMidnight = toMidnight(b);
    expect(b.clock.pendingDelays()).toContain(untilMidnight);
    b.clock.advance(untilMidnight - 1);
    await flush();
    expect(a.calls).toHaveLength(2);

    const third = nextStatus(b.dispatcher, { recipientId: ids[2]!, to: 'sent' });
    b.clock.advance(1);
    await third;
    expect(b.dispatcher.dailyCapReached('a')).toBe(false);
    expect(capEvents).toEqual([{ gatewayId: 'a', reached: true }, { gatewayId: 'a', reached: false }]);
  });

  it('a capped gateway’s prefix rows fall back to another gateway', async () => {
    const a = new ScriptedGateway({ id: 'a' });
    const c = new ScriptedGateway({ id: 'b' });
    b = makeBackbone({
      gateways: [a, c],
      settings: { routing: 'prefix', prefixRules: [{ prefix: '+25471', gatewayId: 'a' }], dailyCaps: { a: 1 } },
    });
    b.dispatcher.start();
    const first = sendOne(b, number('+25471', 1));
    expect((await nextStatus(b.dispatcher, { recipientId: first, to: 'sent' })).gateway).toBe('a');
    const second = sendOne(b, number('+25471', 2));
    expect((await nextStatus(b.dispatcher, { recipientId: second, to: 'sent' })).gateway).toBe('b');
  });

  it('gateways.setDailyCap sets the cap, gateways.list shows the limit, and removing it resumes at once', async () => {
    const h = await makeApiHarness();
    try {
      const view = await h.client.call('gateways.setDailyCap', { id: 'modem-1', cap: 1 });
      expect(view).toMatchObject({ dailyCap: 1, dailyCapReached: false });
      const one = h.backend.messaging.send({ content: 'a', recipients: [sms('+254711000001')] }).recipients[0]!.id;
      await nextStatus(h.backend.dispatcher, { recipientId: one, to: 'sent' });
      const announced = h.nextEvent('gateway.status', (v) => v.id === 'modem-1' && v.dailyCapReached);
      const two = h.backend.messaging.send({ content: 'b', recipients: [sms('+254711000002')] }).recipients[0]!.id;
      await flush();
      expect((await announced).dailyCapReached).toBe(true);
      expect(h.backend.store.recipients.get(two)?.status).toBe('outbox');
      const [listed] = await h.client.call('gateways.list', {});
      expect(listed).toMatchObject({ id: 'modem-1', dailyCap: 1, sentToday: 1, dailyCapReached: true });

      const sent = nextStatus(h.backend.dispatcher, { recipientId: two, to: 'sent' });
      expect(await h.client.call('gateways.setDailyCap', { id: 'modem-1', cap: null })).toMatchObject({ dailyCap: null, dailyCapReached: false });
      await sent;
      await expect(h.client.call('gateways.setDailyCap', { id: 'nope', cap: 3 })).rejects.toMatchObject({ code: 'not-found' });
      await expect(h.client.call('gateways.setDailyCap', { id: 'modem-1', cap: -1 })).rejects.toMatchObject({ code: 'invalid-params' });
    } finally {
      await h.close();
    }
  });
});

describe('settings for several modems', () => {
  it('settings.update stores routing and prefix rules and refuses a malformed prefix', async () => {
    const h = await makeApiHarness();
    try {
      expect(await h.client.call('settings.get', {})).toMatchObject({ routing: 'round-robin', prefixRules: [] });
      const updated = await h.client.call('settings.update', { routing: 'prefix', prefixRules: [{ prefix: '+25471', gatewayId: 'modem-1' }] });
      expect(updated).toMatchObject({ routing: 'prefix', prefixRules: [{ prefix: '+25471', gatewayId: 'modem-1' }] });
      // Stored as numbers are (E.164): a national prefix gets the default country's code.
      expect(await h.client.call('settings.update', { prefixRules: [{ prefix: '0733', gatewayId: 'modem-1' }, { prefix: '0025677', gatewayId: 'modem-1' }] })).toMatchObject({
        prefixRules: [{ prefix: '+254733' }, { prefix: '+25677' }],
      });
      await expect(h.client.call('settings.update', { prefixRules: [{ prefix: 'Safaricom', gatewayId: 'modem-1' }] })).rejects.toMatchObject({ code: 'invalid-params' });
      await expect(h.client.call('settings.update', { routing: 'fastest' as never })).rejects.toMatchObject({ code: 'invalid-params' });
    } finally {
      await h.close();
    }
  });
});

describe('the claim with routing stays atomic', () => {
  it('two dispatchers on one database file, with prefix rules and caps, never take the same row', async () => {
    const a = new ScriptedGateway({ id: 'a' });
    const c = new ScriptedGateway({ id: 'b' });
    const settings = { routing: 'prefix' as const, prefixRules: [{ prefix: '+25471', gatewayId: 'a' }], dailyCaps: { b: 15 } };
    const first = makeBackbone({ gateways: [a], settings });
    const second = makeBackbone({ gateways: [c], dir: first.dir });
    try {
      const to = Array.from({ length: 40 }, (_, i) => number(i % 2 === 0 ? '+25471' : '+25472', i));
      // Both started before anything is queued: a start() recovers rows left `sending`, which
      // would be the other dispatcher's sends here (crash recovery assumes one process).
      first.dispatcher.start();
      second.dispatcher.start();
      first.messaging.send({ content: 'Clinic closed', recipients: to.map(sms) });
      second.dispatcher.notify();
      for (let i = 0; i < 200 && a.calls.length + c.calls.length < 40; i++) await flush();
      const handed = [...a.calls, ...c.calls].map((x) => x.recipientId);
      expect(handed).toHaveLength(40);
      expect(new Set(handed).size).toBe(40);
      // The second process knows no gateway "a": its rule does not hold there; its cap does.
      expect(c.calls.length).toBeLessThanOrEqual(15);
      expect(first.store.db.prepare(`SELECT COUNT(*) FROM message_recipients WHERE attempts = 1 AND status = 'sent'`).pluck().get()).toBe(40);
    } finally {
      second.store.close();
      first.close();
    }
  });
});
