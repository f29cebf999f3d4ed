/**
 * The main process end to end with a stand-in `electron` and the real backend (SQLite in a temp
 * folder): start-up order, the hardened session and window, a request answered through the IPC
 * transport by the real handlers, a second launch, and a clean quit that stops the backend.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { FakeBrowserWindow, FakeTray, fakeElectron, fakeSessionInstance, ipcEvent } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { app, ipcMain } = fakeElectron;
let dataDir: string;
let window: FakeBrowserWindow;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-main-'));
  app.switches.set('data-dir', dataDir);
  // The main logger also writes to stderr; keep the test output readable.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  window = FakeBrowserWindow.instances[0]!;
  await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
});

afterAll(() => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  vi.restoreAllMocks();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the main process', () => {
  it('sandboxes every renderer and takes the single-instance lock before anything else', () => {
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(app.setPath.mock.invocationCallOrder[0]!);
  });

  it('keeps its data in the one data folder both hosts share, the Chromium profile in a subfolder', () => {
    expect(app.getPath('userData')).toBe(dataDir);
    expect(app.getPath('sessionData')).toBe(join(dataDir, 'chromium'));
    expect(existsSync(join(dataDir, 'ujumbe.db'))).toBe(true);
  });

  it('hardens the session: CSP, no network, no permissions', () => {
    expect(fakeSessionInstance.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(fakeSessionInstance.webRequest.onBeforeRequest).toHaveBeenCalledOnce();
    expect(fakeSessionInstance.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(fakeSessionInstance.setPermissionCheckHandler).toHaveBeenCalledOnce();
  });

  it('opens one hardened window on the built renderer, sized for the screen', () => {
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/opt/Ujumbe/resources/app.asar/dist/electron/preload.cjs' });
    expect(window.loadFile).toHaveBeenCalledWith('/opt/Ujumbe/resources/app.asar/dist/renderer/index.html');
    expect(window.options).toMatchObject({ width: 1280, height: 680 }) // a 1280x720 screen less its taskbar;
  });

  it("answers the window's requests through the real handlers, and starts the backend after the first", async () => {
    // The page subscribes to events before its first request, so it hears start()'s recovery notice.
    const log = () => readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
    expect(log()).not.toContain('Backend started');
    const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
    const answer = await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: 1, command: 'app.info', params: {} });
    expect(answer).toMatchObject({ type: 'response', id: 1, ok: true, result: { host: 'electron', version: '0.1.0', dataDir } });
    await vi.waitFor(() => expect(log()).toContain('Backend started'));
    const list = await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: 2, command: 'conversations.list', params: {} });
    expect(list).toMatchObject({ ok: true, result: { items: [] } });
  });

  it('shows the unread count in a tray icon', async () => {
    expect(FakeTray.instances).toHaveLength(1);
    await vi.waitFor(() => expect(FakeTray.instances[0]!.tooltip).toBe('Ujumbe — no unread messages'));
  });

  it('writes its log to the logs folder, readable by this user only', () => {
    const log = join(dataDir, 'logs', 'main.log');
    expect(existsSync(log)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(log).mode & 0o077).toBe(0);
  });

  it('brings the window forward when Ujumbe is launched again', () => {
    window.minimized = true;
    app.emit('second-instance', {}, ['ujumbe'], '/', {});
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('quits cleanly: stops the backend first, then exits', async () => {
    app.quit();
    expect(app.quitted).toBe(false); // held back while the backend stops
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(ipcMain.handlers.size).toBe(0);
    expect(FakeTray.instances[0]!.destroy).toHaveBeenCalledOnce();
    expect(app.quit).toHaveBeenCalledTimes(2);
  });
});
