/**
 * A stand-in for the `electron` module, for `vi.mock('electron', ...)`: just enough of app
 * (login items included), BrowserWindow (closed by the person too), webContents, ipcMain,
 * ipcRenderer, contextBridge, shell, Notification, dialog and Tray
 * to drive the host's code, with every call recorded. The real binary cannot run here
 * (docs/ARCHITECTURE.md "This machine"); the Playwright test in test/e2e/electron runs the real thing.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextId = 1;

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 7,
    public routingId = nextId++,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  readonly send = vi.fn();
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** The next window's loadFile rejects with this (a broken install). */
  static failNextLoad: Error | null = null;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = true;
  private readonly loadError = FakeBrowserWindow.takeLoadError();
  readonly loadFile = vi.fn(async (path: string, options?: { query?: Record<string, string> }) => {
    if (this.loadError) throw this.loadError;
    this.webContents.mainFrame.url = `file://${path}${options?.query ? `?${new URLSearchParams(options.query).toString()}` : ''}`;
  });
  private static takeLoadError(): Error | null {
    const error = FakeBrowserWindow.failNextLoad;
    FakeBrowserWindow.failNextLoad = null;
    return error;
  }
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly show = vi.fn(() => {
    this.visible = true;
  });
  readonly hide = vi.fn(() => {
    this.visible = false;
  });
  readonly focus = vi.fn();
  /**
   * The person closes the window (its close box): `close` (cancellable), then `closed`, then the
   * app's `window-all-closed` when no window is left, as Electron does; Electron quits by itself
   * at that point only when nobody listens to `window-all-closed`.
   */
  readonly close = vi.fn(() => {
    if (this.destroyed) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    if (FakeBrowserWindow.instances.every((w) => w.destroyed)) {
      const app = fakeElectron.app;
      if (app.listenerCount('window-all-closed') === 0) app.quit();
      else app.emit('window-all-closed');
    }
  });
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** The stand-in window never has the keyboard focus (a desk whose nurse is elsewhere). */
  isFocused(): boolean {
    return false;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  readonly handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined);
}

class FakeApp extends EventEmitter {
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly paths = new Map<string, string>([['appData', '/tmp/appData'], ['userData', '/tmp/appData/ujumbe'], ['logs', '/tmp/appData/ujumbe/logs']]);
  readonly switches = new Map<string, string>();
  appPath = '/opt/Ujumbe/resources/app.asar';
  readonly enableSandbox = vi.fn();
  readonly commandLine = { getSwitchValue: (name: string) => this.switches.get(name) ?? '', hasSwitch: (name: string) => this.switches.has(name) };
  readonly setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
    if (name === 'userData') this.paths.set('logs', `${value}/logs`);
  });
  readonly getPath = vi.fn((name: string) => {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  });
  readonly getAppPath = vi.fn(() => this.appPath);
  readonly getVersion = vi.fn(() => '0.1.0');
  /** As in an installed app (the login item is applied only then). */
  isPackaged = true;
  readonly setLoginItemSettings = vi.fn((_settings: { openAtLogin?: boolean; args?: string[]; path?: string }) => {});
  /** macOS: whether this start was the login item's. */
  openedAtLogin = false;
  readonly getLoginItemSettings = vi.fn(() => ({ openAtLogin: false, wasOpenedAtLogin: this.openedAtLogin }));
  locale = 'en-US';
  readonly getLocale = vi.fn(() => this.locale);
  private ready: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));
  readonly whenReady = vi.fn(() => this.readyPromise);
  /** Electron's quit: before-quit (cancellable), then will-quit and quit unless prevented. */
  readonly quit = vi.fn(() => {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.quitted = true;
    this.emit('will-quit', { preventDefault: () => {} });
  });
  readonly exit = vi.fn((_code?: number) => {
    this.quitted = true;
  });
  quitted = false;
  /** Resolves whenReady(), as Electron does once it has initialised. */
  becomeReady(): void {
    this.ready();
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly show = vi.fn();
  constructor(readonly options: { title?: string; body?: string; silent?: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
}

export interface MenuItem {
  label?: string;
  type?: string;
  click?: () => void;
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  /** A desktop without a tray: the constructor throws, as Electron's does there. */
  static unavailable = false;
  menu: { items: MenuItem[] } | null = null;
  tooltip = '';
  title = '';
  readonly destroy = vi.fn();
  constructor(readonly image: unknown) {
    super();
    if (FakeTray.unavailable) throw new Error('Failed to create tray icon');
    FakeTray.instances.push(this);
  }
  setContextMenu(menu: { items: MenuItem[] }): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
}

export const fakeSessionInstance = fakeSession();

/**
 * safeStorage: "encrypts" by XOR with a fixed byte behind a marker, so a test can see that the
 * stored text is not the password and that a changed one is refused, as the real one does.
 */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: vi.fn(() => fakeSafeStorage.available),
  getSelectedStorageBackend: vi.fn(() => fakeSafeStorage.backend),
  encryptString: vi.fn((plain: string) => Buffer.concat([Buffer.from('FAKE'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)])),
  decryptString: vi.fn((sealed: Buffer) => {
    if (sealed.subarray(0, 4).toString() !== 'FAKE') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(sealed.subarray(4).map((b) => b ^ 0x5a)).toString('utf8');
  }),
};

export const fakeElectron = {
  safeStorage: fakeSafeStorage,
  app: new FakeApp(),
  session: { defaultSession: fakeSessionInstance },
  screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1280, height: 680 } }) },
  dialog: {
    showErrorBox: vi.fn(),
    /** Answers with the first button unless a test says otherwise (mockResolvedValueOnce). */
    showMessageBox: vi.fn(async (_options: { buttons?: string[] }) => ({ response: 0, checkboxChecked: false })),
    /** Cancelled unless a test says otherwise. */
    showOpenDialog: vi.fn(async (_options: Record<string, unknown>) => ({ canceled: true, filePaths: [] as string[] })),
  },
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: { exposeInMainWorld: vi.fn() },
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (items: MenuItem[]) => ({ items }) },
  nativeImage: { createFromDataURL: vi.fn((url: string) => ({ dataUrl: url })) },
};

/** A session with recording webRequest hooks and permission handlers. */
export function fakeSession() {
  const events = new EventEmitter();
  return {
    webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => events.on(event, listener)),
    emit: (event: string, ...args: unknown[]) => events.emit(event, ...args),
  };
}

/** Forgets every window, handler and listener between tests. */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.failNextLoad = null;
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  FakeTray.instances = [];
  FakeTray.unavailable = false;
  fakeElectron.app.isPackaged = true;
  fakeElectron.app.openedAtLogin = false;
  fakeElectron.ipcMain.handlers.clear();
  fakeElectron.app.removeAllListeners();
  fakeElectron.ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
  fakeElectron.app.requestSingleInstanceLock.mockImplementation(() => true);
}

/** An IPC event as Electron gives it to an ipcMain.handle handler. */
export function ipcEvent(sender: FakeWebContents, frame: FakeFrame | null) {
  return { sender, senderFrame: frame, processId: frame?.processId ?? 0, frameId: frame?.routingId ?? 0 };
}
