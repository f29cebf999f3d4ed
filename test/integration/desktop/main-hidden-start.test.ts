/**
 * A start at login (`--hidden`) and the login item, against the stand-in `electron` module with
 * the real backend: no window, only the tray, and the backend starts at once (a reminder due at
 * 07:00 must not wait for someone to open the app); a second launch opens the window, the login
 * item firing again does not. On Linux the login item is an XDG autostart file, written here to a
 * temp XDG_CONFIG_HOME, pointing at the AppImage, and removed when the setting is turned off.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { FakeBrowserWindow, FakeTray, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, ipcMain } = fakeElectron;
const saved = { XDG_DATA_HOME: process.env.XDG_DATA_HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPIMAGE: process.env.APPIMAGE };
let dataHome: string;
let configHome: string;
let autostart: string;
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
const log = () => readFileSync(join(dataHome, 'ujumbe', 'logs', 'main.log'), 'utf8');

async function ask(window: FakeBrowserWindow, command: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

beforeAll(async () => {
  // The default data folder (no --data-dir: only a run on it decides the login item), in a temp XDG_DATA_HOME.
  dataHome = mkdtempSync(join(tmpdir(), 'ujumbe-hidden-data-'));
  configHome = mkdtempSync(join(tmpdir(), 'ujumbe-hidden-config-'));
  autostart = join(configHome, 'autostart', 'ujumbe.desktop');
  process.env.XDG_DATA_HOME = dataHome;
  process.env.XDG_CONFIG_HOME = configHome;
  process.env.APPIMAGE = '/home/nurse/My Apps/Ujumbe.AppImage';
  app.switches.set('hidden', '');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(log()).toContain('Backend started'), { timeout: 15_000 });
});

afterAll(async () => {
  if (!app.quitted) app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.restoreAllMocks();
  rmSync(dataHome, { recursive: true, force: true });
  rmSync(configHome, { recursive: true, force: true });
});

describe('a start at login', () => {
  it('opens no window, only the tray, and starts the backend without waiting for a page', async () => {
    expect(app.getPath('userData')).toBe(join(dataHome, 'ujumbe'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(FakeTray.instances).toHaveLength(1);
    await vi.waitFor(() => expect(log()).toContain('Started at login: no window'));
  });

  it('wrote the autostart file (on by default): the AppImage, quoted, with --hidden', async () => {
    const text = readFileSync(autostart, 'utf8');
    expect(text).toMatch(/^Exec="\/home\/nurse\/My Apps\/Ujumbe\.AppImage" --hidden$/m);
    expect(text).toMatch(/^Type=Application$/m);
    await vi.waitFor(() => expect(log()).toContain('Start at login applied'));
  });

  it('opens the window at a second launch, not when the login item fires again', async () => {
    app.emit('second-instance', {}, ['/home/nurse/My Apps/Ujumbe.AppImage', '--hidden'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    app.emit('second-instance', {}, ['/home/nurse/My Apps/Ujumbe.AppImage'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]!.loadFile).toHaveBeenCalled());
  });

  it('removes the autostart file when the setting is turned off, and writes it again when on', async () => {
    const window = FakeBrowserWindow.instances[0]!;
    expect(await ask(window, 'settings.get', {})).toMatchObject({ ok: true, result: { startAtLogin: true } });
    expect(await ask(window, 'settings.update', { startAtLogin: false })).toMatchObject({ ok: true, result: { startAtLogin: false } });
    await vi.waitFor(() => expect(existsSync(autostart)).toBe(false));
    expect(await ask(window, 'settings.update', { startAtLogin: true })).toMatchObject({ ok: true, result: { startAtLogin: true } });
    await vi.waitFor(() => expect(existsSync(autostart)).toBe(true));
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('re-words the tray when the interface language changes', async () => {
    const window = FakeBrowserWindow.instances[0]!;
    expect(await ask(window, 'settings.update', { language: 'sw' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(FakeTray.instances[0]!.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Fungua Ujumbe', 'Zima Ujumbe']));
    expect(FakeTray.instances[0]!.tooltip).toBe('Ujumbe — hakuna jumbe ambazo hazijasomwa');
  });
});
