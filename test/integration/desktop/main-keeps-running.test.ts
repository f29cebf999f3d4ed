/**
 * The desktop host keeps working with its window closed (issue 11 "Scheduled sends"; the real
 * binary cannot run here, so against the stand-in `electron` module, with the real backend and
 * the modem simulator on a pty): closing the window does not quit, a message scheduled for later
 * reaches the modem with no window open, the first close says so once (not on the second close,
 * not after a restart), the tray's "Open Ujumbe" brings a window back and its "Quit Ujumbe" quits
 * through the orderly shutdown.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron, ipcEvent, resetFakeElectron } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, ipcMain } = fakeElectron;
let dataDir: string;
let search: string;
let sim: ModemSimulator;
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
const NOTICE = 'Ujumbe is still running';
const notices = () => FakeNotification.instances.filter((n) => n.options.title === NOTICE);
const log = () => readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
const current = () => FakeBrowserWindow.instances.at(-1)!;
const menuItem = (label: string) => FakeTray.instances.at(-1)!.menu!.items.find((i) => i.label === label)!;

async function ask(window: FakeBrowserWindow, command: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

async function startMain(): Promise<FakeBrowserWindow> {
  const before = FakeBrowserWindow.instances.length;
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBe(before + 1));
  const window = current();
  await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
  return window;
}

async function quitFromTray(): Promise<void> {
  menuItem('Quit Ujumbe').click!();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-bg-'));
  search = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-bg-search-'));
  sim = await ModemSimulator.start({ profile: 'huawei', link: join(search, 'ttyUSB0') });
  process.env.UJUMBE_MODEM_SEARCH = join(search, 'tty*');
  app.switches.set('data-dir', dataDir);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  if (!app.quitted) app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  delete process.env.UJUMBE_MODEM_SEARCH;
  app.switches.delete('data-dir');
  vi.restoreAllMocks();
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(search, { recursive: true, force: true });
});

describe('the desktop app with its window closed', () => {
  it('keeps running: a message scheduled for later reaches the modem with no window open', async () => {
    const window = await startMain();
    expect(await ask(window, 'app.info', {})).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await ask(window, 'gateways.list', {})).result).toEqual([expect.objectContaining({ kind: 'modem', state: 'running' })]), { timeout: 15_000, interval: 50 });
    const sendAtMs = Date.now() + 2_000;
    const sent = await ask(window, 'messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Kumbusho: miadi yako ni kesho', sendAt: new Date(sendAtMs).toISOString() });
    expect(sent).toMatchObject({ ok: true, result: { recipients: [{ status: 'scheduled' }] } });

    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.quitted).toBe(false);
    expect(ipcMain.handlers.has(IPC_CHANNELS.request)).toBe(true);
    expect(log()).not.toContain('Stopping');

    await vi.waitFor(() => expect(sim.received.map((r) => r.decoded.text)).toEqual(['Kumbusho: miadi yako ni kesho']), { timeout: 15_000, interval: 50 });
    expect(Date.now()).toBeGreaterThanOrEqual(sendAtMs);
    expect(app.quitted).toBe(false);
  });

  it('said so at the first close, once: how to open it again and how to quit it', () => {
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.options.body).toContain('send scheduled messages and receive replies');
    expect(notices()[0]!.options.body).toContain('“Quit Ujumbe”');
  });

  it('comes back from the tray ("Open Ujumbe") with a new window that talks to the running backend; the second close says nothing', async () => {
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]!.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Open Ujumbe', 'Quit Ujumbe']);
    menuItem('Open Ujumbe').click!();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const window = current();
    await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
    const list = await ask(window, 'messages.list', {});
    expect(list.ok).toBe(true);
    window.close();
    expect(notices()).toHaveLength(1);
    expect(app.quitted).toBe(false);
  });

  it('comes back with a second launch too', async () => {
    app.emit('second-instance', {}, ['/opt/Ujumbe/ujumbe'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(3);
    await vi.waitFor(() => expect(current().loadFile).toHaveBeenCalled());
  });

  it('quits from the tray ("Quit Ujumbe") through the orderly shutdown: the backend stops first', async () => {
    await quitFromTray();
    await vi.waitFor(() => expect(log()).toMatch(/Stopping[\s\S]*Stopped/));
    expect(ipcMain.handlers.size).toBe(0);
    expect(FakeTray.instances[0]!.destroy).toHaveBeenCalledOnce();
    // The quit closed the window: that is no "still running" moment.
    expect(notices()).toHaveLength(1);
    // Remembered in the settings store (the database is closed now).
    const db = new Database(join(dataDir, 'ujumbe.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT value FROM settings WHERE key = 'trayNoticeShown'").pluck().get()).toBe('true');
    } finally {
      db.close();
    }
  });

  it('after a restart, the first close says nothing: the notice was remembered in the data folder', async () => {
    resetFakeElectron();
    app.quitted = false;
    vi.resetModules();
    const window = await startMain();
    expect(await ask(window, 'app.info', {})).toMatchObject({ ok: true });
    window.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notices()).toHaveLength(0);
    expect(fakeElectron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(app.quitted).toBe(false);
    await quitFromTray();
  });
});
