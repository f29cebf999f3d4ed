/**
 * The one app window, hardened (Electron security checklist, items 2-4, 12-15, 17): the page is
 * untrusted (docs/ARCHITECTURE.md "Habits": the renderer is untrusted). It runs sandboxed with context isolation and no Node; it cannot
 * navigate away from the app's own file, open windows, embed <webview>s or get permissions;
 * links on the allow-list open in the user's browser.
 */
import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import type { AppPaths } from './app-paths.ts';
import { isAppFileUrl } from './app-paths.ts';
import { type AllowedLink, allowedExternalUrl, EXTERNAL_LINK_ALLOW_LIST } from './external-links.ts';

/** Every security-relevant web preference, stated explicitly (not left to defaults). Tests pin it. */
export const HARDENED_WEB_PREFERENCES = Object.freeze({
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
  // A middle click opens links in a new window without a click event the page can see; new
  // windows are denied anyway, this removes the path (Electronegativity AUXCLICK_JS_CHECK).
  disableBlinkFeatures: 'Auxclick',
} satisfies WebPreferences);

/** Opens at 1280x720 (clamped to the screen) and stays usable down to the minimum. */
export const WINDOW_SIZE = Object.freeze({ width: 1280, height: 720, minWidth: 960, minHeight: 600 });

/** The window's opening size: WINDOW_SIZE, shrunk to fit the screen's work area (taskbar excluded). */
export function fitToWorkArea(workArea: { width: number; height: number }): { width: number; height: number } {
  return {
    width: Math.max(Math.min(WINDOW_SIZE.width, workArea.width), WINDOW_SIZE.minWidth),
    height: Math.max(Math.min(WINDOW_SIZE.height, workArea.height), WINDOW_SIZE.minHeight),
  };
}

export function webPreferencesFor(paths: AppPaths): WebPreferences {
  return { ...HARDENED_WEB_PREFERENCES, preload: paths.preload };
}

/**
 * Denies what no page of ours may do: open windows (an allow-listed https link goes to the
 * user's browser instead), navigate or be redirected anywhere but the app's own file, attach a
 * <webview>.
 */
export function hardenWebContents(
  contents: WebContents,
  paths: AppPaths,
  openExternal: (url: string) => unknown = (url) => shell.openExternal(url),
  allowList: readonly AllowedLink[] = EXTERNAL_LINK_ALLOW_LIST,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    const allowed = allowedExternalUrl(url, allowList);
    if (allowed !== null) {
      Promise.resolve(openExternal(allowed)).catch(() => undefined);
    }
    return { action: 'deny' };
  });
  const preventUnlessApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppFileUrl(event.url, paths.rendererIndex)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => preventUnlessApp(event));
  contents.on('will-frame-navigate', (event) => preventUnlessApp(event));
  contents.on('will-redirect', (event) => preventUnlessApp(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowOptions {
  /** The primary display's work area (from `screen`), to open no larger than the screen. */
  workArea?: { width: number; height: number };
  /** The renderer's page could not be loaded (a broken install). */
  onLoadFailed?: (error: Error) => void;
  /** The page's query (the key-recovery page: key-recovery-window.ts). */
  query?: Record<string, string>;
}

/** Creates the window, hardens it and loads the renderer. Shown once the first paint is ready. */
export function createMainWindow(paths: AppPaths, options: MainWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    ...(options.workArea ? fitToWorkArea(options.workArea) : {}),
    title: 'Ujumbe',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(paths),
  });
  hardenWebContents(window.webContents, paths);
  window.once('ready-to-show', () => window.show());
  (options.query ? window.loadFile(paths.rendererIndex, { query: options.query }) : window.loadFile(paths.rendererIndex)).catch((error: unknown) => {
    options.onLoadFailed?.(error instanceof Error ? error : new Error(String(error)));
  });
  return window;
}

/** Brings the window to the front: restores it from the taskbar or tray first. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
