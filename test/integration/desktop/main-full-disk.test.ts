/**
 * The desktop host on a full disk (issue 10 item 5), against the stand-in `electron` module: the
 * same composition root as `ujumbe serve`, so a send the full disk refuses comes back through IPC
 * as `disk-full`, app.info and the `storage.status` event carry the disk's state, and sending
 * resumes by itself once there is room. The "disk" is filled with SQLite's max_page_count on the
 * app's own connection (test/support/full-disk.ts), reached by spying on Store.observeWrites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { Store } from '../../../electron/backend/store/store.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { fillDisk, freeDisk } from '../../support/full-disk.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);
// statfs stands in: 40 GiB free, whatever this machine has.
vi.mock('../../../electron/backend/disk/free-space.ts', () => ({ statfsFreeSpace: async () => 40 * 1024 ** 3 }));

const { app, ipcMain } = fakeElectron;
let dataDir: string;
let search: string;
let sim: ModemSimulator;
let window: FakeBrowserWindow;
/** The app's Store, as createBackend hands it its write observer. */
const stores: Store[] = [];
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function ask(command: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string; details?: unknown } }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

function storageEvents(): Array<{ state: string }> {
  return window.webContents.send.mock.calls
    .filter(([channel, envelope]) => channel === IPC_CHANNELS.event && (envelope as { event?: string }).event === 'storage.status')
    .map(([, envelope]) => (envelope as { payload: { state: string } }).payload);
}

const sms = (text: string) => ({ to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-disk-'));
  search = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-disk-search-'));
  sim = await ModemSimulator.start({ profile: 'huawei', link: join(search, 'ttyUSB0') });
  process.env.UJUMBE_MODEM_SEARCH = join(search, 'tty*');
  app.switches.set('data-dir', dataDir);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const observe = Store.prototype.observeWrites;
  vi.spyOn(Store.prototype, 'observeWrites').mockImplementation(function (this: Store, observer) {
    if (observer !== null) stores.push(this);
    observe.call(this, observer);
  });
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  window = FakeBrowserWindow.instances[0]!;
  await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
});

afterAll(async () => {
  app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  delete process.env.UJUMBE_MODEM_SEARCH;
  vi.restoreAllMocks();
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(search, { recursive: true, force: true });
});

describe('the desktop host on a full disk', () => {
  it('refuses a send with disk-full through IPC, announces the state, and sends again once there is room', async () => {
    // The first request starts the backend; its first look at the free space follows at once.
    await vi.waitFor(async () => expect(await ask('app.info', {})).toMatchObject({ ok: true, result: { host: 'electron', storage: { state: 'ok', freeBytes: 40 * 1024 ** 3 } } }));
    await vi.waitFor(async () => expect((await ask('gateways.list', {})).result).toEqual([expect.objectContaining({ state: 'running' })]), { timeout: 15_000, interval: 50 });
    expect((await ask('messages.send', sms('before'))).ok).toBe(true);
    await vi.waitFor(() => expect(sim.received).toHaveLength(1), { timeout: 15_000, interval: 50 });

    fillDisk(stores[0]!.db);
    const refused = await ask('messages.send', sms('while full'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk-full', message: 'The disk is full: free some space; no message was saved.', details: { dataDir } } });
    expect(await ask('app.info', {})).toMatchObject({ result: { storage: { state: 'disk-full' } } });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'disk-full' });

    freeDisk(stores[0]!.db);
    expect((await ask('messages.send', sms('after'))).ok).toBe(true);
    await vi.waitFor(() => expect(sim.received.map((r) => r.decoded.text)).toEqual(['before', 'after']), { timeout: 15_000, interval: 50 });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'ok' });
  });

  it('warns when the free space is under the threshold (setting lowSpaceMb)', async () => {
    expect(await ask('settings.update', { lowSpaceMb: 100_000 })).toMatchObject({ ok: true, result: { lowSpaceMb: 100_000 } });
    expect(await ask('app.info', {})).toMatchObject({ result: { storage: { state: 'low-space', lowSpaceBytes: 100_000 * 1024 ** 2 } } });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'low-space' });
    expect((await ask('settings.update', { lowSpaceMb: 0 })).error).toMatchObject({ code: 'invalid-params' });
  });
});
