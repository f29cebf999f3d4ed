// The ModemGateway end to end: real serialport over a pty, the project's simulator, the
// project's PDU encoder. Timeouts are shortened so hangs are found in milliseconds.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { ModemGateway, MODEM_PROBLEMS } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import type { ModemGatewayOptions } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { GatewaySendError } from '../../../electron/backend/gateways/gateway.ts';
import type { OutgoingItem } from '../../../electron/backend/gateways/gateway.ts';
import type { GatewayStatus } from '../../../src-shared/model.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: Parameters<typeof ModemSimulator.start>[0] = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start(options);
  cleanups.push(() => sim.stop());
  return sim;
}

function gateway(sim: ModemSimulator, options: Partial<ModemGatewayOptions> = {}): { gw: ModemGateway; statuses: GatewayStatus[] } {
  const gw = new ModemGateway({
    id: 'modem-1',
    path: sim.path,
    reconnectDelayMs: 0,
    healthCheckMs: 0,
    busyRetryDelayMs: 20,
    ...options,
  });
  const statuses: GatewayStatus[] = [];
  gw.onStatus((status) => statuses.push(status));
  cleanups.push(() => gw.stop());
  return { gw, statuses };
}

let nextId = 1;
function item(content: string, address = '+254712345678'): OutgoingItem {
  const id = nextId++;
  return { recipientId: id, messageId: id, address, protocol: 'sms', content, subject: null, options: {}, attempt: 1 };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function sendError(gw: ModemGateway, outgoing: OutgoingItem): Promise<GatewaySendError> {
  const err = await gw.send(outgoing).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GatewaySendError);
  return err as GatewaySendError;
}

describe('ModemGateway start and status', () => {
  it('starts, reads identity and signal, and says so in its status', async () => {
    const sim = await simulator({ profile: 'huawei', signalCsq: 20 });
    const { gw, statuses } = gateway(sim);
    await gw.start();
    expect(gw.canSend()).toBe(true);
    const status = gw.status();
    expect(status).toMatchObject({ id: 'modem-1', protocol: 'sms', kind: 'modem', state: 'running', problem: null });
    expect(status.detail).toMatchObject({
      port: sim.path,
      profile: 'huawei',
      manufacturer: 'huawei',
      model: 'E3131',
      imei: '356938035643809',
      operator: 'Safaricom',
      signalDbm: -73,
      signalBars: 4,
      registration: 'home',
      sim: 'ready',
      smsMode: 'pdu',
      serviceCentre: true,
    });
    // Listeners hear every change (a ^RSSI during init is one); the states go starting -> running.
    const states = statuses.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['starting', 'running']);
  });

  it('says the SIM needs its PIN, in words, and does not run', async () => {
    const sim = await simulator({ pin: '4321' });
    const { gw } = gateway(sim);
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'error', problem: { code: MODEM_PROBLEMS.simPin } });
    expect(gw.canSend()).toBe(false);
    await expect(gw.send(item('hello'))).rejects.toMatchObject({ kind: 'gateway', code: 'not-running' });
  });

  it('unlocks the SIM with the configured PIN', async () => {
    const sim = await simulator({ pin: '4321' });
    const { gw } = gateway(sim, { pin: '4321' });
    await gw.start();
    expect(gw.status().state).toBe('running');
  });

  it('pauses when the modem is not registered, and resumes on the +CREG URC', async () => {
    const sim = await simulator({ registration: 2 });
    const { gw } = gateway(sim);
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'paused', problem: { code: MODEM_PROBLEMS.noNetwork } });
    expect(gw.canSend()).toBe(false);
    sim.setRegistration(1);
    await until(() => gw.status().problem === null);
    expect(gw.status().state).toBe('running');
    expect(gw.status().detail.registration).toBe('home');
  });

  it('a port that is not there: disconnected, waiting for the modem to be plugged in', async () => {
    const { gw } = gatewayForPath('/nonexistent/ttyUSB9');
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'disconnected', problem: { code: MODEM_PROBLEMS.waitingForModem } });
  });
});

function gatewayForPath(path: string): { gw: ModemGateway } {
  const gw = new ModemGateway({ id: 'modem-x', path, reconnectDelayMs: 0, healthCheckMs: 0 });
  cleanups.push(() => gw.stop());
  return { gw };
}

describe('ModemGateway.send', () => {
  it('sends a short message', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim);
    await gw.start();
    const result = await gw.send(item('Kumbuka miadi yako kesho saa tatu.'));
    expect(result.references).toEqual([String(sim.received[0]?.reference)]);
    expect(sim.received[0]?.decoded).toMatchObject({ recipient: '+254712345678', text: 'Kumbuka miadi yako kesho saa tatu.', encoding: 'gsm7' });
  });

  it('sends a multipart message with AT+CMMS=1 and returns every part\'s reference', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const { gw } = gateway(sim);
    await gw.start();
    const text = 'Habari. '.repeat(50); // 400 GSM-7 characters: 3 parts
    const result = await gw.send(item(text));
    expect(result.references).toHaveLength(3);
    expect(result.references).toEqual(sim.received.map((r) => String(r.reference)));
    const cmms = sim.commands.indexOf('AT+CMMS=1');
    expect(cmms).toBeGreaterThan(-1);
    expect(cmms).toBeLessThan(sim.commands.findIndex((c) => c.startsWith('AT+CMGS=')));
    expect(sim.received.map((r) => r.decoded.concat?.part)).toEqual([1, 2, 3]);
    expect(new Set(sim.received.map((r) => r.decoded.concat?.ref)).size).toBe(1);
    expect(sim.received.map((r) => r.decoded.text).join('')).toBe(text);
  });

  it('sends UCS-2 when the text needs it', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim);
    await gw.start();
    const text = 'Dawa: 2× kila siku ✓';
    await gw.send(item(text));
    expect(sim.received[0]?.decoded).toMatchObject({ text, encoding: 'ucs2' });
  });

  it('maps +CMS ERROR codes to the dispatcher\'s kinds with words for the nurse', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim);
    await gw.start();
    sim.injectCmsError(42);
    expect(await sendError(gw, item('one'))).toMatchObject({ kind: 'transient', code: 'cms-42', reason: expect.stringMatching(/network is busy/) });
    sim.injectCmsError(1);
    expect(await sendError(gw, item('two'))).toMatchObject({ kind: 'permanent', code: 'cms-1', reason: expect.stringMatching(/does not exist/) });
    expect(gw.status().state).toBe('running');
    sim.injectCmsError(330);
    expect(await sendError(gw, item('three'))).toMatchObject({ kind: 'gateway', code: 'cms-330' });
    // Needs a person: the panel words send-stopped with the error's own code.
    expect(gw.status()).toMatchObject({ state: 'error', problem: { code: MODEM_PROBLEMS.sendStopped, values: { error: 'cms-330' } } });
  });

  it('a hang: the send fails transient (nothing went out), then the gateway says the modem is not answering', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim, { timeouts: { prompt: 200, probe: 150, default: 300, init: 300 } });
    await gw.start();
    sim.hang();
    const problems: Array<string | null> = [];
    gw.onStatus((s) => problems.push(s.problem?.code ?? null));
    const err = await sendError(gw, item('hello'));
    expect(err).toMatchObject({ kind: 'transient', code: 'timeout' });
    expect(gw.canSend()).toBe(false);
    await until(() => gw.status().state === 'error');
    expect(gw.status().problem?.code).toBe(MODEM_PROBLEMS.notAnswering);
    // The panel showed each step: probe, then (no answer) reopen, then the verdict.
    expect(problems).toEqual(expect.arrayContaining([MODEM_PROBLEMS.recoveryProbing, MODEM_PROBLEMS.recoveryReopen]));
    expect(problems.indexOf(MODEM_PROBLEMS.recoveryProbing)).toBeLessThan(problems.indexOf(MODEM_PROBLEMS.recoveryReopen));
  });

  it('recovers by itself after a short hang: probe, re-init, running again', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim, { timeouts: { prompt: 200, probe: 500 }, reconnectDelayMs: 100 });
    await gw.start();
    const problems: Array<string | null> = [];
    gw.onStatus((s) => problems.push(s.problem?.code ?? null));
    sim.hang();
    await sendError(gw, item('hello'));
    sim.hang(false);
    await until(() => gw.status().state === 'running' && gw.canSend());
    expect(problems).toContain(MODEM_PROBLEMS.recoveryProbing);
    expect(problems.some((p) => p === MODEM_PROBLEMS.recoveryReinit || p === MODEM_PROBLEMS.recoveryReopen)).toBe(true);
    await expect(gw.send(item('again'))).resolves.toMatchObject({ references: [expect.any(String)] });
  });

  it('a timeout after the PDU was written is maybe-sent', async () => {
    const sim = await simulator({ networkDelayMs: 1_000 });
    const { gw } = gateway(sim, { timeouts: { cmgsResult: 200 } });
    await gw.start();
    const err = await sendError(gw, item('hello'));
    expect(err).toMatchObject({ kind: 'maybe-sent', code: 'timeout-after-send' });
  });

  it('an unplug mid-send, after the PDU went out, is maybe-sent (issue 10 item 3), state disconnected; it reconnects when plugged back', async () => {
    const sim = await simulator({ networkDelayMs: 500 });
    const { gw, statuses } = gateway(sim, { reconnectDelayMs: 100 });
    await gw.start();
    const pending = gw.send(item('hello')).catch((e: unknown) => e);
    await until(() => sim.commands.some((c) => c.startsWith('AT+CMGS=')));
    await sim.unplug();
    const err = await pending;
    expect(err).toBeInstanceOf(GatewaySendError);
    // The PDU was written the moment the prompt came; the modem may have sent it (an unplug
    // before the prompt is still `gateway`: unplug-after-submit.test.ts).
    expect(err).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send' });
    expect(gw.status()).toMatchObject({ state: 'disconnected', problem: { code: MODEM_PROBLEMS.unplugged } });
    await sim.replug();
    await until(() => gw.status().state === 'running');
    expect(statuses.map((s) => s.state)).toContain('disconnected');
  });

  it('stop() closes the port and reports stopped', async () => {
    const sim = await simulator();
    const { gw } = gateway(sim);
    await gw.start();
    await gw.stop();
    expect(gw.status().state).toBe('stopped');
    expect(gw.canSend()).toBe(false);
  });
});
