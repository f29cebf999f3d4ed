/**
 * The desktop host against the stand-in `electron` module (the real binary cannot run here):
 * the same composition root as `ujumbe serve`, so a modem plugged in where UJUMBE_MODEM_SEARCH
 * points is found, adopted and used, and what the window asks through IPC sees it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, ipcMain } = fakeElectron;
let dataDir: string;
let search: string;
let sim: ModemSimulator;
let window: FakeBrowserWindow;
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function ask(command: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-'));
  search = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-search-'));
  sim = await ModemSimulator.start({ profile: 'huawei', link: join(search, 'ttyUSB0') });
  process.env.UJUMBE_MODEM_SEARCH = join(search, 'tty*');
  app.switches.set('data-dir', dataDir);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  window = FakeBrowserWindow.instances[0]!;
  await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
});

afterAll(async () => {
  // Quitting stops the backend (the modem's port closes) before the app exits.
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

describe('the desktop host finds the modem by itself', () => {
  it('adopts the modem plugged in, lists it through IPC, and sends through it', async () => {
    // The first request starts the backend (main.ts waits for the page).
    expect(await ask('app.info', {})).toMatchObject({ ok: true, result: { host: 'electron' } });
    await vi.waitFor(
      async () => {
        const list = await ask('gateways.list', {});
        expect(list.result).toEqual([expect.objectContaining({ id: 'modem:356938035643809', kind: 'modem', state: 'running', saved: true })]);
      },
      { timeout: 15_000, interval: 50 },
    );
    const discovery = await ask('gateways.discovery', {});
    expect(discovery.result).toMatchObject({ searchFromEnvironment: true, search: [join(search, 'tty*')], ports: [expect.objectContaining({ path: sim.path, outcome: 'in-use' })] });
    const sent = await ask('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'from the desktop' });
    expect(sent.ok).toBe(true);
    await vi.waitFor(() => expect(sim.received.map((r) => r.decoded.text)).toEqual(['from the desktop']), { timeout: 15_000, interval: 50 });
  });
});
