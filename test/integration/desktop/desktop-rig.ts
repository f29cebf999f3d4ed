/**
 * What every desktop-host test sets up (in the spirit of test/e2e/browser.ts for the browser
 * tests): the stand-in `electron` module (test/unit/electron/fake-electron.ts; the real binary
 * cannot run here) mocked in place of `electron`, a temp folder for the data folder and whatever
 * else the test lays out, optionally the modem simulator where UJUMBE_MODEM_SEARCH points, and
 * electron/main/main.ts started on it. `close()` quits the app if it still runs and undoes it all:
 * the signal handlers main.ts added, the environment, the spies, the simulator, the temp folder.
 *
 *   rig = await createDesktopRig({ prefix: 'ujumbe-desktop-', modem: 'simulator' });
 *   // the scenario's own set-up: files in rig.root or rig.dataDir, switches, dialog answers…
 *   await rig.launch();              // the window is open and its page loaded
 *   await rig.ask('app.info', {});   // a request through IPC, as the page sends it
 *   await rig.close();
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import type { ErrorData } from '../../../src-shared/errors.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

// Hoisted by Vitest, and registered when a test file imports this one: before it imports main.ts.
vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, ipcMain } = fakeElectron;

export interface DesktopRigOptions {
  /** The temp folder's name prefix (`ujumbe-desktop-…-`). */
  prefix: string;
  /**
   * `simulator`: a simulated Huawei modem on a pty, `ttyUSB0` in the folder UJUMBE_MODEM_SEARCH
   * points at; `none`: UJUMBE_MODEM_SEARCH points where there is nothing; left out: the
   * environment is left alone and the host looks where it would by default.
   */
  modem?: 'simulator' | 'none';
  /**
   * `switch` (the default): `--data-dir <root>/data`, created empty; `default`: no `--data-dir`,
   * the app's own default data folder, under a temp XDG_DATA_HOME (this machine is Linux).
   */
  dataFolder?: 'switch' | 'default';
}

/** What main.ts answers on the IPC request channel. */
export interface IpcReply {
  ok: boolean;
  result?: unknown;
  error?: ErrorData;
}

/** What `launch()` waits for once main.ts is imported and the app is ready. */
export type LaunchedWhen = 'window' | 'exit' | 'backend';

export interface DesktopRig {
  /** The temp folder, removed by close(): the data folder is in it, and the test may add its own files. */
  readonly root: string;
  /** The data folder the app opens. */
  readonly dataDir: string;
  /** UJUMBE_MODEM_SEARCH as set here (null when `modem` was left out). */
  readonly modemSearch: string | null;
  /** The simulated modem (throws without `modem: 'simulator'`). */
  readonly sim: ModemSimulator;
  /** Sets an environment variable until close(). */
  setEnv(name: string, value: string): void;
  /**
   * Imports electron/main/main.ts and makes the app ready, then waits for a new window with its
   * page loaded (`window`, the default; returned), for app.exit (`exit`: the app gave up), or for
   * the backend to start with no window (`backend`: `--hidden`). Again after vi.resetModules(),
   * for a restart.
   */
  launch(): Promise<FakeBrowserWindow>;
  launch(when: 'window'): Promise<FakeBrowserWindow>;
  launch(when: 'exit' | 'backend'): Promise<void>;
  /** The window opened last. */
  window(): FakeBrowserWindow;
  /** A request through IPC as the page of `window` (by default the one opened last) sends it. */
  ask(command: string, params: unknown, window?: FakeBrowserWindow): Promise<IpcReply>;
  /** The main process's log in the data folder. */
  log(): string;
  /** Quits the app if it still runs (the orderly shutdown: the backend stops first), then undoes it all. */
  close(): Promise<void>;
}

export async function createDesktopRig(options: DesktopRigOptions): Promise<DesktopRig> {
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (name: string, value: string): void => {
    if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
    process.env[name] = value;
  };

  const root = mkdtempSync(join(tmpdir(), options.prefix));
  let dataDir: string;
  if (options.dataFolder === 'default') {
    const dataHome = join(root, 'xdg-data');
    mkdirSync(dataHome);
    setEnv('XDG_DATA_HOME', dataHome);
    dataDir = join(dataHome, 'ujumbe');
  } else {
    dataDir = join(root, 'data');
    mkdirSync(dataDir);
    app.switches.set('data-dir', dataDir);
  }

  let sim: ModemSimulator | null = null;
  let modemSearch: string | null = null;
  if (options.modem === 'simulator') {
    mkdirSync(join(root, 'modems'));
    sim = await ModemSimulator.start({ profile: 'huawei', link: join(root, 'modems', 'ttyUSB0') });
    modemSearch = join(root, 'modems', 'tty*');
  } else if (options.modem === 'none') {
    modemSearch = join(root, 'no-modems', 'tty*');
  }
  if (modemSearch !== null) setEnv('UJUMBE_MODEM_SEARCH', modemSearch);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

  let nextId = 1;
  const window = (): FakeBrowserWindow => FakeBrowserWindow.instances.at(-1)!;

  async function launch(when: LaunchedWhen = 'window'): Promise<FakeBrowserWindow | void> {
    const before = FakeBrowserWindow.instances.length;
    await import('../../../electron/main/main.ts');
    app.becomeReady();
    if (when === 'exit') {
      await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 15_000 });
    } else if (when === 'backend') {
      await vi.waitFor(() => expect(rig.log()).toContain('Backend started'), { timeout: 15_000 });
    } else {
      await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(before + 1), { timeout: 15_000 });
      const opened = window();
      await vi.waitFor(() => expect(opened.loadFile).toHaveBeenCalled());
      return opened;
    }
  }

  const rig: DesktopRig = {
    root,
    dataDir,
    modemSearch,
    get sim(): ModemSimulator {
      if (sim === null) throw new Error("No simulated modem: createDesktopRig({ modem: 'simulator' })");
      return sim;
    },
    setEnv,
    launch: launch as DesktopRig['launch'],
    window,
    async ask(command, params, target = window()) {
      const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
      return (await handler(ipcEvent(target.webContents, target.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as IpcReply;
    },
    log: () => readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8'),
    async close() {
      if (!app.quitted) app.quit();
      await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
      for (const [name, value] of savedEnv) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      app.switches.delete('data-dir');
      vi.restoreAllMocks();
      await sim?.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return rig;
}
