/** gateways.* over the in-memory transport: the panel's view, start/stop, PIN, test SMS, demo. */
import { afterEach, describe, expect, it } from 'vitest';
import { nextStatus } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { fail, ScriptedGateway } from '../../support/scripted-gateway.ts';
import type { Gateway } from '../../../electron/backend/gateways/gateway.ts';

/** A scripted gateway that also takes a SIM PIN, as ModemGateway does. */
class PinScriptedGateway extends ScriptedGateway {
  pins: Array<string | null> = [];
  starts = 0;
  setPin(pin: string | null): void {
    this.pins.push(pin);
  }
  override async start(): Promise<void> {
    this.starts++;
    await super.start();
  }
}

describe('gateways.* through the contract', () => {
  let h: ApiHarness;
  afterEach(() => h.close());

  const withGateways = async (...gateways: Gateway[]) => {
    h = await makeApiHarness({ gateways });
    return h;
  };

  it('lists each gateway with its status, queue, sends today, last error and demo flag', async () => {
    const a = new ScriptedGateway({ id: 'modem-a' });
    const b = new ScriptedGateway({ id: 'modem-b', state: 'stopped' });
    await withGateways(a, b);
    await b.stop();
    a.then(fail('transient', 'cms-42', 'The network is busy.'));
    const retried = nextStatus(h.backend.dispatcher, { to: 'outbox', from: 'sending' });
    await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Hi' });
    await retried;
    const [viewA, viewB] = await h.client.call('gateways.list', {});
    expect(viewA).toEqual({
      id: 'modem-a',
      protocol: 'sms',
      kind: 'modem',
      state: 'running',
      problem: null,
      detail: expect.objectContaining({ port: 'scripted:modem-a' }),
      label: 'scripted:modem-a',
      saved: false,
      enabled: true,
      queueLength: 1,
      sentToday: 0,
      lastError: 'Will try again: The network is busy.',
      demo: false,
      dailyCap: null,
      dailyCapReached: false,
    });
    expect(viewB).toMatchObject({ id: 'modem-b', state: 'stopped', queueLength: 1, lastError: null });

    // After the retry goes out, the old error no longer shows.
    const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
    h.clock.advance(60_000);
    await sent;
    const [after] = await h.client.call('gateways.list', {});
    expect(after).toMatchObject({ queueLength: 0, sentToday: 1, lastError: null });
  });

  it('starts and stops a gateway; an unknown id is not-found', async () => {
    const a = new ScriptedGateway({ id: 'modem-a' });
    await withGateways(a);
    expect(await h.client.call('gateways.stop', { id: 'modem-a' })).toMatchObject({ state: 'stopped' });
    expect(await h.client.call('gateways.start', { id: 'modem-a' })).toMatchObject({ state: 'running' });
    // From error, Start means "try again now": stop, then start.
    a.setState('error', 'sim-pin');
    expect(await h.client.call('gateways.start', { id: 'modem-a' })).toMatchObject({ state: 'running', problem: null });
    expect(await failureOf(h.client.call('gateways.start', { id: 'nope' }))).toMatchObject({ code: 'not-found' });
  });

  it('enterPin gives the PIN to that gateway and restarts it; a gateway without a SIM says so', async () => {
    const modem = new PinScriptedGateway({ id: 'modem-a' });
    const mail = new ScriptedGateway({ id: 'mail', protocol: 'email' });
    await withGateways(modem, mail);
    modem.setState('error', 'sim-pin');
    const startsBefore = modem.starts;
    expect(await h.client.call('gateways.enterPin', { id: 'modem-a', pin: '1234' })).toMatchObject({ id: 'modem-a', state: 'running' });
    expect(modem.pins).toEqual(['1234']);
    expect(modem.starts).toBe(startsBefore + 1);
    expect(await failureOf(h.client.call('gateways.enterPin', { id: 'mail', pin: '1234' }))).toMatchObject({ code: 'not-supported' });
    expect(await failureOf(h.client.call('gateways.enterPin', { id: 'modem-a', pin: '12' }))).toMatchObject({ code: 'invalid-params' });
  });

  it('testSms goes through the named gateway only, even when another is free and first in line', async () => {
    const a = new ScriptedGateway({ id: 'modem-a' });
    const b = new ScriptedGateway({ id: 'modem-b' });
    await withGateways(a, b);
    for (let i = 0; i < 3; i++) {
      const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
      const receipt = await h.client.call('gateways.testSms', { id: 'modem-b', to: '0712 345 678' });
      expect(receipt.recipients).toEqual([{ id: expect.any(Number), address: '+254712345678', status: 'outbox' }]);
      expect(await sent).toMatchObject({ recipientId: receipt.recipients[0]!.id, gateway: 'modem-b' });
    }
    expect(a.calls).toEqual([]);
    expect(b.calls.map((c) => c.content)).toEqual(['Ujumbe test message', 'Ujumbe test message', 'Ujumbe test message']);

    // While modem-b is stopped its test message waits for it; modem-a does not take it.
    await b.stop();
    const waiting = await h.client.call('gateways.testSms', { id: 'modem-b', to: '+254712345678' });
    const views = await h.client.call('gateways.list', {});
    expect(views.map((v) => [v.id, v.queueLength])).toEqual([['modem-a', 0], ['modem-b', 1]]);
    const sent = nextStatus(h.backend.dispatcher, { recipientId: waiting.recipients[0]!.id, to: 'sent' });
    await b.start();
    expect(await sent).toMatchObject({ gateway: 'modem-b' });
    expect(a.calls).toEqual([]);

    expect(await failureOf(h.client.call('gateways.testSms', { id: 'modem-b', to: '0712' }))).toMatchObject({ code: 'validation' });
    expect(await failureOf(h.client.call('gateways.testSms', { id: 'nope', to: '0712345678' }))).toMatchObject({ code: 'not-found' });
  });

  it('startDemo is not-available without a factory', async () => {
    await withGateways(new ScriptedGateway({ id: 'modem-a' }));
    expect(await failureOf(h.client.call('gateways.startDemo', {}))).toMatchObject({ code: 'not-available' });
    expect(await h.client.call('app.info', {})).toEqual({ version: '0.0.0-test', host: 'headless', dataDir: '/tmp/ujumbe-test', demo: false, demoAvailable: false, storage: { state: 'ok', freeBytes: null, lowSpaceBytes: 500 * 1024 ** 2, checkedAt: null } });
  });

  it('startDemo adds a modem gateway "demo-modem" on the factory’s device path, once, and announces its status', async () => {
    const paths: string[] = [];
    h = await makeApiHarness({
      gateways: [new ScriptedGateway({ id: 'modem-a' })],
      handlerOptions: {
        startDemoModem: async () => {
          paths.push('/dev/ujumbe-no-such-demo-port');
          return '/dev/ujumbe-no-such-demo-port';
        },
      },
    });
    const announced = h.nextEvent('gateway.status', (v) => v.id === 'demo-modem');
    const [first, second] = await Promise.all([h.client.call('gateways.startDemo', {}), h.client.call('gateways.startDemo', {})]);
    // No port there: the gateway reports it and keeps trying, as a real modem would.
    expect(first).toMatchObject({ id: 'demo-modem', kind: 'modem', demo: true, state: 'disconnected', detail: { port: '/dev/ujumbe-no-such-demo-port' } });
    expect(second).toMatchObject({ id: 'demo-modem' });
    expect(paths).toHaveLength(1);
    expect(await announced).toMatchObject({ id: 'demo-modem', demo: true });
    expect((await h.client.call('gateways.list', {})).map((g) => g.id)).toEqual(['modem-a', 'demo-modem']);
    expect(await h.client.call('app.info', {})).toMatchObject({ demo: true });
  });
});
