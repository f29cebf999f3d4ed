// Field survival end to end: real serialport over ptys, the project's simulator.
// Unplug and re-plug on another path (found by IMEI), registration loss, PUK, incoming calls, USSD.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingEvent, RecipientStatus } from '../../../src-shared/model.ts';
import { type Backend, createBackend } from '../../../electron/backend/create-backend.ts';
import { ModemGateway, MODEM_PROBLEMS } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sims: ModemSimulator[] = [];
async function simulator(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start(options);
  sims.push(sim);
  cleanups.push(async () => {
    await sim.stop();
    sims.splice(sims.indexOf(sim), 1);
  });
  return sim;
}

/**
 * The test's system list: the links of the simulators that are plugged in, as USB ports
 * (SerialPort.list() never lists ptys).
 */
const listPlugged = () => Promise.resolve(sims.filter((s) => s.plugged).map((s) => ({ path: s.path, vendorId: '12d1', productId: '1506' })));

function tempLink(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ujumbe-link-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, name);
}

function backendFor(paths: string[]): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-field-'));
  const backend = createBackend({
    dataDir,
    modems: paths.map((path) => ({ id: 'modem-1', path })),
    reconnectDelayMs: 200,
    detection: { list: listPlugged, patterns: [], watch: false, pollMs: 100, listEveryMs: 0 },
  });
  backend.store.settings.set('retry', { maxAttempts: 5, backoffBaseMs: 100, backoffMaxMs: 500 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const send = (backend: Backend, to: string, content: string): number =>
  backend.messaging.send({ content, recipients: [{ address: to, protocol: 'sms' }] }).recipients[0]!.id;
const statusOf = (backend: Backend, id: number): RecipientStatus | undefined => backend.store.recipients.get(id)?.status;

/** Every vendor profile: each field behaviour is tested with all of them. */
const VENDORS = ['huawei', 'sim800', 'quectel', 'wavecom', 'zte'] as const;

describe('unplug and re-plug on another path', () => {
  it.each(VENDORS)('unplug mid-send on a %s modem: message back to the outbox, disconnected; same IMEI on a NEW path: re-attached and sent', async (profile) => {
    const sim = await simulator({ profile, networkDelayMs: 400 });
    const backend = backendFor([sim.path]);
    await backend.start();
    const gw = backend.gateways()[0]!;
    const id = send(backend, '0712345678', 'first message');
    await until(() => sim.commands.some((c) => c.startsWith('AT+CMGS=')));
    const oldPath = sim.path;
    await sim.unplug();
    await until(() => gw.status().state === 'disconnected');
    expect(gw.status().problem?.code).toBe(MODEM_PROBLEMS.unplugged);
    await until(() => statusOf(backend, id) === 'outbox');
    expect(sim.received).toHaveLength(0);

    const newPath = tempLink('ttyUSB2');
    await sim.replug({ link: newPath });
    await until(() => gw.status().state === 'running');
    expect(gw.status().detail).toMatchObject({ port: newPath });
    expect(newPath).not.toBe(oldPath);
    await until(() => statusOf(backend, id) === 'sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['first message']);
  });

  it('a modem with a different IMEI on a new path is never taken for the unplugged one: offered (automatic use off), or saved as a second modem', async () => {
    const ours = await simulator();
    const backend = backendFor([ours.path]);
    backend.store.settings.set('autoAdoptModems', false);
    await backend.start();
    const gw = backend.manager.gateway('modem-1') as ModemGateway;
    await until(() => gw.status().state === 'running');
    expect(gw.imei).toBe('356938035643809');

    await ours.unplug();
    // serialport does not always report a pty hang-up (docs/ARCHITECTURE.md "This machine"): detection
    // seeing the path vanish is what tells the gateway.
    await until(() => gw.status().state === 'disconnected');
    const stranger = await simulator({ imei: '861234567890123', link: tempLink('ttyUSB3') });
    await until(() => backend.detection!.report().offered.length === 1);
    expect(backend.detection!.report().offered[0]).toMatchObject({ path: stranger.path, imei: '861234567890123' });
    expect(gw.status().state).toBe('disconnected');
    expect(gw.path).toBe(ours.path);
    expect(backend.gateways().map((g) => g.id)).toEqual(['modem-1']);
    // The gentle probe sent queries only: no reset, no settings.
    expect(stranger.commands.filter((c) => /^AT(Z|E0|\+CMGF=\d|\+CNMI=\d|\+CPMS|\+CREG=|\+CPIN=)/i.test(c))).toEqual([]);

    // With automatic use on, it becomes a gateway of its own; the unplugged one still waits for its modem.
    backend.store.settings.set('autoAdoptModems', true);
    await backend.detection!.scan(true);
    await until(() => backend.manager.gateway('modem:861234567890123')?.status().state === 'running');
    expect(gw.status().state).toBe('disconnected');
    expect(backend.manager.record('modem:861234567890123')).toMatchObject({ imei: '861234567890123', lastPath: stranger.path, pinned: false });
  });

  it('a different modem on the old path is not used either', async () => {
    const link = tempLink('ttyUSB0');
    const ours = await simulator({ link });
    const gw = new ModemGateway({ id: 'modem-1', path: link, reconnectDelayMs: 100, healthCheckMs: 0 });
    cleanups.push(() => gw.stop());
    await gw.start();
    await ours.unplug();
    // As the port watcher does when the path vanishes: serialport may not report the hang-up.
    gw.portVanished();
    await until(() => gw.status().state === 'disconnected');
    await ours.stop();
    await simulator({ imei: '861234567890123', link });
    await until(() => gw.status().problem?.code === MODEM_PROBLEMS.otherModem);
    expect(gw.status().state).toBe('disconnected');
  });
});

describe('network registration', () => {
  it.each(VENDORS)('registration lost on a %s modem: paused (no AT+CMGS); registered again: resumed and the waiting message sent', async (profile) => {
    const sim = await simulator({ profile });
    const backend = backendFor([sim.path]);
    await backend.start();
    const gw = backend.gateways()[0]!;
    sim.setRegistration(2);
    await until(() => gw.status().state === 'paused');
    expect(gw.status().problem?.code).toBe(MODEM_PROBLEMS.noNetwork);
    expect(gw.canSend()).toBe(false);
    const id = send(backend, '0712345678', 'waits for the network');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.commands.filter((c) => c.startsWith('AT+CMGS='))).toEqual([]);
    expect(statusOf(backend, id)).toBe('outbox');
    sim.setRegistration(5);
    await until(() => gw.status().state === 'running');
    expect(gw.status().problem).toBeNull();
    await until(() => statusOf(backend, id) === 'sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['waits for the network']);
  });

  it('starts paused when the modem is not registered', async () => {
    const sim = await simulator({ registration: 3 });
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0 });
    cleanups.push(() => gw.stop());
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'paused', problem: { code: MODEM_PROBLEMS.denied } });
  });
});

describe('SIM PUK', () => {
  it('says the SIM needs its PUK, in words, and never sends a PIN', async () => {
    const sim = await simulator({ pin: '1234', pukLocked: true });
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, pin: '1234', reconnectDelayMs: 50, healthCheckMs: 0 });
    cleanups.push(() => gw.stop());
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'error', problem: { code: MODEM_PROBLEMS.simPuk } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.commands.filter((c) => c.startsWith('AT+CPIN='))).toEqual([]);
    expect(gw.status().state).toBe('error');
  });
});

describe('incoming calls', () => {
  it('RING / +CLIP: hung up with ATH and a missed call in the caller\'s conversation', async () => {
    const sim = await simulator();
    const backend = backendFor([sim.path]);
    await backend.start();
    const incoming: IncomingEvent[] = [];
    backend.messaging.onIncoming((event) => incoming.push(event));
    sim.ring('+254712345678');
    await until(() => sim.hungUp.length > 0);
    expect(sim.commands).toContain('ATH');
    expect(sim.ringing).toBe(false);
    await until(() => incoming.length > 0);
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ from: '+254712345678', text: 'Missed call', flags: ['missed-call'], gatewayId: 'modem-1' });
    expect(backend.store.recipients.get(incoming[0]!.recipientId)?.flags).toEqual(['missed-call']);
  });

  it('with rejectCalls off it lets it ring, and logs one missed call', async () => {
    const sim = await simulator({ ringEveryMs: 100 });
    const backend = backendFor([sim.path]);
    backend.store.settings.set('rejectCalls', false);
    await backend.start();
    const incoming: IncomingEvent[] = [];
    backend.messaging.onIncoming((event) => incoming.push(event));
    sim.ring('0722000111');
    await until(() => incoming.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    sim.stopRinging();
    expect(incoming).toHaveLength(1);
    expect(sim.commands.filter((c) => c === 'ATH' || c === 'AT+CHUP')).toEqual([]);
  });
});

describe('USSD balance check', () => {
  for (const form of ['text', 'gsm7-hex', 'ucs2-hex'] as const) {
    it(`decodes the answer printed as ${form}`, async () => {
      const text = form === 'ucs2-hex' ? 'Salio: KSh 25.50 — asante' : 'Your balance is KES 25.50.';
      const sim = await simulator({ profile: form === 'gsm7-hex' ? 'huawei' : 'generic', ussd: { text, form } });
      const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0 });
      cleanups.push(() => gw.stop());
      await gw.start();
      const answer = await gw.checkBalance('*100#');
      expect(answer).toMatchObject({ code: '*100#', text });
      expect(sim.ussdRequests).toEqual(['*100#']);
    });
  }

  it('a code the network does not know: a clear error', async () => {
    const sim = await simulator({ ussd: { text: 'x', code: '*144#' } });
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0 });
    cleanups.push(() => gw.stop());
    await gw.start();
    await expect(gw.checkBalance('*100#')).rejects.toThrow('does not support');
  });
});
