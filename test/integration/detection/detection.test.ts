// Modem detection end to end (docs/ARCHITECTURE.md "Finding modems"): the simulator's links in a
// search folder, the real serialport package over ptys, a real SQLite file. No port is named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortFindingDto } from '../../../src-shared/contract/dto.ts';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { type Backend, type BackendOptions, createBackend } from '../../../electron/backend/create-backend.ts';
import type { ModemGateway } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { openPtyPair } from '../../../electron/modem-sim/pty-pair.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';

const IMEI = '356938035643809';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function simulator(options: ModemSimulatorOptions): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start(options);
  cleanups.push(() => sim.stop());
  return sim;
}

/** A backend that looks for modems only in `search` (as UJUMBE_MODEM_SEARCH does). */
function backendIn(search: string, dataDir: string, extra: Partial<BackendOptions> = {}): Backend {
  const backend = createBackend({
    dataDir,
    reconnectDelayMs: 200,
    detection: { patterns: [join(search, 'tty*')], list: null, pollMs: 200, retryDelaysMs: [] },
    ...extra,
  });
  backend.store.settings.set('retry', { maxAttempts: 5, backoffBaseMs: 100, backoffMaxMs: 500 });
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const send = (backend: Backend, content: string): number =>
  backend.messaging.send({ content, recipients: [{ address: '0712345678', protocol: 'sms' }] }).recipients[0]!.id;
const statusOf = (backend: Backend, id: number): RecipientStatus | undefined => backend.store.recipients.get(id)?.status;
const finding = (backend: Backend, path: string): PortFindingDto | undefined => backend.detection!.report().ports.find((p) => p.path === path);
const modem = (backend: Backend): ModemGateway | undefined => backend.manager.gateway(`modem:${IMEI}`) as ModemGateway | undefined;

describe('finding modems by themselves', () => {
  it('adopts the first modem found with no flag, saves it by its IMEI, and sends through it', async () => {
    const search = folder('ujumbe-search-');
    const sim = await simulator({ profile: 'huawei', link: join(search, 'ttyUSB0') });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'the modem is adopted and running');
    expect(backend.manager.record(`modem:${IMEI}`)).toMatchObject({ imei: IMEI, lastPath: sim.path, pinned: false, enabled: true, label: 'Huawei E3131' });
    expect(finding(backend, sim.path)).toMatchObject({ outcome: 'in-use', gatewayId: `modem:${IMEI}`, model: 'E3131' });
    const id = send(backend, 'found by itself');
    await until(() => statusOf(backend, id) === 'sent', 'sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['found by itself']);
  });

  it('skips a dead pty and a device that answers garbage within the probe deadline, and still finds the modem beside them', async () => {
    const search = folder('ujumbe-search-');
    const dead = await openPtyPair(join(search, 'ttyUSB1'));
    cleanups.push(() => dead.close());
    const noisy = await openPtyPair(join(search, 'ttyUSB2'));
    cleanups.push(() => noisy.close());
    // Not a modem: whatever it hears, it answers with bytes that are no AT result.
    const babbler = new SerialPort({ path: noisy.simPath, baudRate: 115200 });
    cleanups.push(() => new Promise<void>((resolve) => (babbler.isOpen ? babbler.close(() => resolve()) : resolve())));
    babbler.on('data', () => babbler.write('\u00ff\u00fe#$%garbage\r\n'));
    const sim = await simulator({ link: join(search, 'ttyUSB3') });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await backend.detection!.scan();
    // One scan is over: every port has its verdict (the probe's deadline bounds each look).
    expect(finding(backend, join(search, 'ttyUSB1'))).toMatchObject({ outcome: 'no-answer' });
    expect(finding(backend, join(search, 'ttyUSB2'))).toMatchObject({ outcome: 'garbage' });
    expect(finding(backend, sim.path)).toMatchObject({ outcome: 'in-use', gatewayId: `modem:${IMEI}` });
    expect(backend.gateways().map((g) => g.id)).toEqual([`modem:${IMEI}`]);
  });

  it('two ports with one IMEI are one modem: the one that takes SMS commands is used, the other kept unused', async () => {
    const search = folder('ujumbe-search-');
    // The diagnostic port sorts first, so choosing it by name would be wrong.
    const sim = await simulator({ link: join(search, 'ttyUSB2'), diagnosticPort: { link: join(search, 'ttyUSB0') } });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'adopted');
    await backend.detection!.scan();
    expect(backend.gateways().map((g) => g.id)).toEqual([`modem:${IMEI}`]);
    expect(modem(backend)!.path).toBe(sim.path);
    expect(finding(backend, join(search, 'ttyUSB0'))).toMatchObject({ outcome: 'second-port', gatewayId: `modem:${IMEI}`, imei: IMEI });
  });

  it('unplugged and re-plugged under another name: the same gateway, and the message that waited goes', async () => {
    const search = folder('ujumbe-search-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'adopted');
    const gateway = modem(backend)!;
    await sim.unplug();
    await until(() => gateway.status().state === 'disconnected', 'disconnected');
    // A saved modem that is away: the send is not refused, it waits.
    const id = send(backend, 'waited for the modem');
    expect(statusOf(backend, id)).toBe('outbox');
    await sim.replug({ link: join(search, 'ttyUSB4') });
    await until(() => statusOf(backend, id) === 'sent', 'sent after the re-plug');
    expect(modem(backend)).toBe(gateway);
    expect(gateway.path).toBe(join(search, 'ttyUSB4'));
    expect(backend.manager.record(`modem:${IMEI}`)?.lastPath).toBe(join(search, 'ttyUSB4'));
    expect(backend.gateways()).toHaveLength(1);
  });

  it('after a restart the saved modem comes back and sends, even with detection off', async () => {
    const search = folder('ujumbe-search-');
    const dataDir = folder('ujumbe-data-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    const first = backendIn(search, dataDir);
    await first.start();
    await until(() => modem(first)?.canSend() === true, 'adopted');
    await first.stop();

    const again = createBackend({ dataDir, detection: false });
    cleanups.push(() => again.stop({ deadlineMs: 2_000 }));
    await again.start();
    expect(again.gateways().map((g) => g.id)).toEqual([`modem:${IMEI}`]);
    const id = send(again, 'after a restart');
    await until(() => statusOf(again, id) === 'sent', 'sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['after a restart']);
  });

  it('a disabled modem stays closed: not reopened by detection, nor after a restart; enabled, it sends again', async () => {
    const search = folder('ujumbe-search-');
    const dataDir = folder('ujumbe-data-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    const backend = backendIn(search, dataDir);
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'adopted');
    await backend.manager.setEnabled(`modem:${IMEI}`, false);
    expect(modem(backend)).toBeUndefined();
    const initsBefore = sim.commands.filter((c) => c === 'AT+CMGF=0').length;
    await backend.detection!.scan(true);
    expect(finding(backend, sim.path)).toMatchObject({ outcome: 'disabled', gatewayId: `modem:${IMEI}` });
    expect(sim.commands.filter((c) => c === 'AT+CMGF=0').length).toBe(initsBefore);
    await backend.stop();

    const again = backendIn(search, dataDir);
    await again.start();
    await again.detection!.scan();
    expect(again.gateways()).toEqual([]);
    expect(sim.commands.filter((c) => c === 'AT+CMGF=0').length).toBe(initsBefore);
    await again.manager.setEnabled(`modem:${IMEI}`, true);
    await until(() => modem(again)?.canSend() === true, 'enabled again');
  });

  it('a port another program holds is skipped with its reason', async () => {
    const search = folder('ujumbe-search-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    // Another program has the port open (serialport takes an exclusive lock, as ModemManager's does).
    const other = new SerialPort({ path: sim.path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => other.open((err) => (err ? reject(err) : resolve())));
    cleanups.push(() => new Promise<void>((resolve) => (other.isOpen ? other.close(() => resolve()) : resolve())));
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await backend.detection!.scan();
    expect(finding(backend, sim.path)).toMatchObject({ outcome: 'port-busy', technical: expect.stringMatching(/lock/i) });
    expect(backend.gateways()).toEqual([]);
  });

  it('a second modem is used too, unless "Use new modems automatically" is off: then it waits for "Use this modem"', async () => {
    const search = folder('ujumbe-search-');
    await simulator({ link: join(search, 'ttyUSB0') });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'the first is adopted');
    backend.store.settings.set('autoAdoptModems', false);
    const second = await simulator({ link: join(search, 'ttyUSB1'), imei: '861234567890123' });
    await until(() => backend.detection!.report().offered.length === 1, 'the second is offered');
    expect(backend.detection!.report().offered[0]).toMatchObject({ path: second.path, imei: '861234567890123' });
    expect(backend.gateways()).toHaveLength(1);
    const found = backend.detection!.offered(second.path)!;
    const adopted = backend.manager.adoptFound(found);
    await until(() => adopted.canSend(), 'the second runs');
    expect(backend.manager.records().map((r) => r.id)).toEqual([`modem:${IMEI}`, 'modem:861234567890123']);
  });

  it('a forgotten modem is never used again by detection; its port named by hand brings it back', async () => {
    const search = folder('ujumbe-search-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    const backend = backendIn(search, folder('ujumbe-data-'));
    await backend.start();
    await until(() => modem(backend)?.canSend() === true, 'adopted');
    await backend.manager.forget(`modem:${IMEI}`);
    expect(backend.manager.records()).toEqual([]);
    await backend.detection!.scan(true);
    expect(finding(backend, sim.path)).toMatchObject({ outcome: 'ignored' });
    expect(backend.gateways()).toEqual([]);

    const pinned = backend.manager.pinPort(sim.path);
    await pinned.start();
    await until(() => pinned.canSend(), 'pinned and running');
    expect(backend.store.gatewayConfigs.isIgnored(IMEI)).toBe(false);
  });

  it('a port named with --modem is saved like any modem and comes back after a restart without the flag', async () => {
    const search = folder('ujumbe-search-');
    const dataDir = folder('ujumbe-data-');
    const sim = await simulator({ link: join(search, 'ttyUSB0') });
    const first = createBackend({ dataDir, modems: [{ path: sim.path }], detection: false });
    await first.start();
    expect(first.manager.records()).toEqual([expect.objectContaining({ id: `modem:${sim.path}`, lastPath: sim.path, pinned: true, imei: IMEI })]);
    await first.stop();
    const again = createBackend({ dataDir, detection: false });
    cleanups.push(() => again.stop({ deadlineMs: 2_000 }));
    await again.start();
    expect(again.gateways().map((g) => g.id)).toEqual([`modem:${sim.path}`]);
    expect(again.gateways()[0]!.canSend()).toBe(true);
  });
});
