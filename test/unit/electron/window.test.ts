/** The hardened window: every web preference pinned, navigation, new windows and webviews denied. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { appPaths } = await import('../../../electron/main/app-paths.ts');
const { HARDENED_WEB_PREFERENCES, WINDOW_SIZE, createMainWindow, fitToWorkArea, focusWindow, hardenWebContents } = await import('../../../electron/main/window.ts');

const paths = appPaths('/opt/Ujumbe/resources/app.asar');

function openWindow(): FakeBrowserWindow {
  createMainWindow(paths);
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window');
  return window;
}

/** Emits a navigation event the way Electron does: a details object with url and preventDefault. */
function navigate(window: FakeBrowserWindow, event: string, url: string): boolean {
  let prevented = false;
  window.webContents.emit(event, { url, isMainFrame: true, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

beforeEach(() => resetFakeElectron());

/** A test allow-list: the product's own list is empty until the UI links somewhere. */
const HELP_ONLY = [{ origin: 'https://help.example.org', pathPrefix: '/help/', why: 'help pages, for these tests' }];

describe('the main window', () => {
  it('pins every security flag of its web preferences', () => {
    expect(HARDENED_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(Object.isFrozen(HARDENED_WEB_PREFERENCES)).toBe(true);
  });

  it('creates the window with exactly those preferences and the bundled preload', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toEqual({ ...HARDENED_WEB_PREFERENCES, preload: '/opt/Ujumbe/resources/app.asar/dist/electron/preload.cjs' });
    expect(window.options.show).toBe(false);
  });

  it('loads the built renderer from its file with loadFile', () => {
    const window = openWindow();
    expect(window.loadFile).toHaveBeenCalledWith('/opt/Ujumbe/resources/app.asar/dist/renderer/index.html');
  });

  it('is usable on a 1280x720 screen and never opens larger than the work area', () => {
    const window = openWindow();
    expect(window.options.minWidth).toBeLessThanOrEqual(1280);
    expect(window.options.minHeight).toBeLessThanOrEqual(720);
    expect(WINDOW_SIZE.minWidth).toBeLessThanOrEqual(WINDOW_SIZE.width);
    expect(fitToWorkArea({ width: 1280, height: 680 })).toEqual({ width: 1280, height: 680 });
    expect(fitToWorkArea({ width: 1920, height: 1080 })).toEqual({ width: WINDOW_SIZE.width, height: WINDOW_SIZE.height });
    expect(fitToWorkArea({ width: 800, height: 500 })).toEqual({ width: WINDOW_SIZE.minWidth, height: WINDOW_SIZE.minHeight });
  });

  it('shows itself only when the first paint is ready', () => {
    const window = openWindow();
    window.visible = false;
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('reports a renderer that cannot be loaded (a broken install)', async () => {
    const onLoadFailed = vi.fn();
    FakeBrowserWindow.failNextLoad = new Error('ERR_FILE_NOT_FOUND');
    createMainWindow(paths, { onLoadFailed });
    await vi.waitFor(() => expect(onLoadFailed).toHaveBeenCalledWith(expect.objectContaining({ message: 'ERR_FILE_NOT_FOUND' })));
  });
});

describe('navigation and new windows', () => {
  it.each([
    ['will-navigate', 'https://evil.example/'],
    ['will-navigate', 'http://127.0.0.1:8080/'],
    ['will-navigate', 'file:///etc/passwd'],
    ['will-navigate', 'file://fileserver/opt/Ujumbe/resources/app.asar/dist/renderer/index.html'],
    ['will-navigate', 'javascript:alert(1)'],
    ['will-frame-navigate', 'https://evil.example/'],
    ['will-redirect', 'https://evil.example/'],
    ['will-redirect', 'data:text/html,<script>1</script>'],
  ])('%s to %s is prevented', (event, url) => {
    const window = openWindow();
    expect(navigate(window, event, url)).toBe(true);
  });

  it("lets the app's own page reload or route within itself", () => {
    const window = openWindow();
    expect(navigate(window, 'will-navigate', paths.appUrl)).toBe(false);
    expect(navigate(window, 'will-navigate', `${paths.appUrl}#/conversations/3`)).toBe(false);
  });

  it('denies every new window, and opens nothing outside while the allow-list is empty', () => {
    const window = openWindow();
    const handler = window.webContents.windowOpenHandler!;
    for (const url of ['https://help.example.org/modems', 'https://evil.example/', 'file:///etc/passwd', 'about:blank', paths.appUrl]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('sends an allow-listed https link to the browser, and nothing else', () => {
    const contents = new FakeBrowserWindow({}).webContents;
    const openExternal = vi.fn(() => Promise.resolve());
    hardenWebContents(contents as never, paths, openExternal, HELP_ONLY);
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://help.example.org/help/modems' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://help.example.org/help/modems');
    for (const url of ['https://evil.example/', 'http://help.example.org/help/', 'file:///etc/passwd', 'smb://host/share', 'about:blank', paths.appUrl]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).toHaveBeenCalledOnce();
  });

  it('survives openExternal failing', async () => {
    const contents = new FakeBrowserWindow({}).webContents;
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    hardenWebContents(contents as never, paths, openExternal, HELP_ONLY);
    expect(contents.windowOpenHandler!({ url: 'https://help.example.org/help/' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal).toHaveBeenCalledOnce();
  });

  it('refuses to attach a <webview>', () => {
    const window = openWindow();
    const preventDefault = vi.fn();
    window.webContents.emit('will-attach-webview', { preventDefault }, {}, { src: 'https://evil.example/' });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('focusWindow', () => {
  it('restores a minimised window, shows a hidden one and focuses it', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    window.visible = false;
    focusWindow(window as never);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('does nothing without a live window', () => {
    const window = new FakeBrowserWindow({});
    window.destroyed = true;
    focusWindow(window as never);
    focusWindow(null);
    expect(window.focus).not.toHaveBeenCalled();
  });
});
