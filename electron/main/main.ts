/**
 * The Electron main process: the desktop host of the one backend (docs/ARCHITECTURE.md
 * "Hosts"). Bundled to dist/electron/main.cjs by scripts/build-electron.mjs.
 *
 * Start: one instance per user -> data folder -> session hardening (CSP, no network, no
 * permissions) -> backend (the data folder's lock first) + RPC server + IPC transport -> tray,
 * notifications, the login item (login-item.ts) -> window (none for a start at login, `--hidden`)
 * -> backend.start().
 *
 * Closing the window does not quit (issue 11 "Scheduled sends": a reminder due at 07:00 must not
 * wait for a nurse to open the app): the backend, the modem and the dispatcher keep running, the
 * tray stays, the first close says so once (background-notice.ts), and the tray's "Open
 * Ujumbe", a second launch or (macOS) the dock icon opens a new window. Quit: the tray's "Quit
 * Ujumbe" (or Cmd+Q, a signal); before exit the backend stops (dispatcher drains in-flight
 * sends, ports close, database closes, the data folder's lock goes).
 */
import { join } from 'node:path';
import { app, dialog, screen, session, type BrowserWindow } from 'electron';
import type { Events } from '../../src-shared/contract/commands.ts';
import { createInProcessClient } from '../../src-shared/rpc/in-process-client.ts';
import type { RpcServer } from '../../src-shared/rpc/server.ts';
import { bindEvents } from '../backend/api/bind-events.ts';
import { createBackendRpcServer } from '../backend/api/create-handlers.ts';
import type { CallerSession } from '../../src-shared/contract/access.ts';
import { createBackend, type Backend } from '../backend/create-backend.ts';
import { UDEV_RULE_RESOURCE } from '../backend/doctor/udev-rule.ts';
import { modemSearchFromEnv } from '../backend/gateways/modem/discovery/port-search.ts';
import type { Logger } from '../backend/logger.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { DataFolderLockedError } from '../backend/store/data-folder-lock.ts';
import { DatabaseKeyError, recoverDatabaseKey } from '../backend/store/database-key.ts';
import { createDemoModem, demoModemAvailable } from '../modem-sim/demo-modem.ts';
import { appPaths } from './app-paths.ts';
import { createBackgroundNotice } from './background-notice.ts';
import { conversationContactName, countUnread } from './backend-queries.ts';
import { blockNetworkRequests, installContentSecurityPolicy } from './csp.ts';
import { registerIpcTransport } from './ipc-transport.ts';
import { askForRecoveryCode, type KeyRecoveryOptions } from './key-recovery-window.ts';
import { registerPathChooser } from './path-chooser.ts';
import { createMainLogger } from './main-logger.ts';
import { createBackendAskingAboutDamage, mainLanguage } from './damaged-database-dialog.ts';
import { applyLoginItem, loginItemSkipReason, startedAtLogin } from './login-item.ts';
import { createIncomingNotifier } from './notifications.ts';
import { desktopSecretStore } from './safe-storage-secret-store.ts';
import { denyAllPermissions } from './permissions.ts';
import { claimSingleInstance } from './single-instance.ts';
import { createUnreadTray, type UnreadTray } from './tray.ts';
import type { IconPlace } from './shell-words.ts';
import { createMainWindow, focusWindow } from './window.ts';

/** How long quitting waits for sends in flight before closing the modem anyway. */
const STOP_DEADLINE_MS = 10_000;
/**
 * The backend starts once the page has made its first request (it subscribes to events before
 * that, so it hears the crash-recovery notice that start() announces), or after this long if the
 * page never asks: the modem must work even when the window does not.
 */
const RENDERER_WAIT_MS = 10_000;

let mainWindow: BrowserWindow | null = null;
const getWindow = () => mainWindow;
/** Opens the window again (or focuses it); set once start() has what a window needs. */
let reopenWindow: (() => void) | null = null;

/** Set once the backend exists; quitting runs it exactly once. */
let shutdown: (() => Promise<void>) | null = null;
let quitState: 'running' | 'stopping' | 'stopped' = 'running';

// Every renderer sandboxed, whatever a window's options say (checklist item 4).
app.enableSandbox();

if (!claimSingleInstance(getWindow, () => (reopenWindow ? reopenWindow() : focusWindow(getWindow())))) {
  // Another Ujumbe runs: it brings its window forward. This one touches nothing.
  app.quit();
} else {
  configureDataFolder();
  registerLifecycle();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fatal('Ujumbe could not start', error));
}

/**
 * One data folder for both hosts: the desktop app and `ujumbe serve` open the same database
 * (backend's resolveDataDir, or `--data-dir=<folder>`). Electron's userData is pointed at it; the
 * Chromium profile (caches, local storage) goes in a subfolder.
 */
function configureDataFolder(): void {
  const explicit = app.commandLine.getSwitchValue('data-dir');
  app.setPath('userData', resolveDataDir(explicit === '' ? null : explicit));
  app.setPath('sessionData', join(app.getPath('userData'), 'chromium'));
}

function registerLifecycle(): void {
  // Any web contents, not only our window: no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  // Closing the window does not quit, on any platform: scheduled messages go at their time and
  // replies are received with the window closed (issue 11). Listening is what keeps Electron from
  // quitting by itself; the tray's "Quit Ujumbe" quits.
  app.on('window-all-closed', () => {});

  app.on('before-quit', (event) => {
    if (quitState === 'stopped' || !shutdown) return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.hide();
    const run = shutdown;
    void run().finally(() => {
      quitState = 'stopped';
      app.quit();
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const hidden = startedAtLogin();
  const logger = createMainLogger(app.getPath('logs'));
  const paths = appPaths(app.getAppPath());

  const defaultSession = session.defaultSession;
  installContentSecurityPolicy(defaultSession);
  blockNetworkRequests(defaultSession);
  denyAllPermissions(defaultSession);

  let made: Backend | null;
  try {
    // The same composition root as `ujumbe serve`: saved modems, modem detection (where
    // UJUMBE_MODEM_SEARCH says for this run, else the setting), the e-mail gateway.
    // It takes the data folder's lock first: the single-instance lock keeps out a second desktop
    // app, this one a `ujumbe serve` or `ujumbe send` on the same folder. A damaged database is
    // a question to the person (start empty, restore a copy, quit), never an empty start.
    made = await openAskingForRecoveryCode(
      () =>
        createBackendAskingAboutDamage(
          (databaseRecovery) => createBackend({ dataDir, dataFolderLock: 'desktop', logger, secretStore: desktopSecretStore(dataDir), detection: { patterns: modemSearchFromEnv(process.env) }, databaseRecovery }),
          () => mainLanguage(app.getLocale()),
        ),
      {
        paths,
        workArea: screen.getPrimaryDisplay().workAreaSize,
        recover: (code) => recoverDatabaseKey(dataDir, code, desktopSecretStore(dataDir)),
        onLoadFailed: (error) => fatal('Ujumbe could not load its window', error),
      },
      logger,
    );
  } catch (error) {
    fatal(error instanceof DataFolderLockedError ? 'Ujumbe is already running' : 'Ujumbe cannot open its data', error);
    return;
  }
  if (made === null) {
    // Quit at the damaged-database question or the key-recovery window: nothing was changed, nothing started.
    logger.warn('Not started: the person chose to quit');
    quitState = 'stopped';
    app.exit(1);
    return;
  }
  const backend = made;
  if (backend.databaseStart?.after) logger.warn('Started after a damaged database', { way: backend.databaseStart.after.way, reason: backend.databaseStart.after.reason });

  // The demo modem is the project's simulator on a pty: offered where socat is installed.
  const demo = createDemoModem(logger);
  const rpcServer = createBackendRpcServer(
    backend,
    {
      host: 'electron',
      version: app.getVersion(),
      dataDir,
      ...(demoModemAvailable() ? { startDemoModem: () => demo.start() } : {}),
      // Packaged for Linux, the rule ships in resources/udev (electron-builder.yml extraResources).
      udevRuleSource: typeof process.resourcesPath === 'string' ? join(process.resourcesPath, UDEV_RULE_RESOURCE) : null,
    },
    { onError: ({ command, code }) => logger.warn('A command failed', { command, code }) },
  );
  // The shell's own calls (tray counts, notifications' names) act as the host.
  const client = createInProcessClient(rpcServer);

  // The shell's words follow the interface language the nurse chose; the login item follows its
  // setting. Both read through the contract, at start and after each settings.update.
  const shellSettings = () => client.call('settings.get', {}).catch(() => null);
  const initial = await shellSettings();
  let language = mainLanguage(initial?.language ?? app.getLocale());

  let tray: UnreadTray | null = null;
  try {
    tray = createUnreadTray({ onOpen: () => showWindow(), onQuit: () => app.quit(), language });
  } catch (error) {
    // No tray on this desktop: Ujumbe keeps running with the window closed all the same, and a
    // second launch is the way back (the first close says so).
    logger.warn('No tray icon', { error: error instanceof Error ? error.message : String(error) });
  }
  const iconPlace = (): IconPlace => (tray ? (process.platform === 'darwin' ? 'menu-bar' : 'tray') : 'none');

  const loginSkip = loginItemSkipReason({ isPackaged: app.isPackaged, explicitDataDir: app.commandLine.getSwitchValue('data-dir') !== '' });
  let loginApplied: boolean | null = null;
  const applyStartAtLogin = (on: boolean) => {
    if (on === loginApplied) return;
    loginApplied = on;
    if (loginSkip) {
      logger.info('Start at login not applied', { on, reason: loginSkip });
      return;
    }
    try {
      const outcome = applyLoginItem(on);
      logger.info('Start at login applied', { on, way: outcome.way });
    } catch (error) {
      logger.warn('Start at login could not be applied', { on, error: error instanceof Error ? error.message : String(error) });
    }
  };
  if (initial) applyStartAtLogin(initial.startAtLogin);
  const settingsChanged = () => {
    void shellSettings().then((s) => {
      if (!s) return;
      language = mainLanguage(s.language);
      tray?.setLanguage(language);
      applyStartAtLogin(s.startAtLogin);
    });
  };

  const backgroundNotice = createBackgroundNotice({
    alreadyShown: () => backend.store.settings.get('trayNoticeShown'),
    markShown: () => {
      try {
        backend.store.settings.set('trayNoticeShown', true);
      } catch (error) {
        logger.warn('Could not remember the background notice', { error: error instanceof Error ? error.message : String(error) });
      }
    },
    language: () => language,
    place: iconPlace,
    showWindow: () => showWindow(),
    quit: () => app.quit(),
  });
  const refreshUnread = () => {
    if (!tray) return;
    countUnread(client)
      .then((count) => tray?.setUnread(count))
      .catch(() => undefined);
  };

  // The window's session, once the IPC transport exists: the notifier names no one while it is locked.
  let windowSession: CallerSession | null = null;
  const notifyIncoming = createIncomingNotifier({
    lookupName: (conversationId) => conversationContactName(client, conversationId),
    showWindow: () => showWindow(),
    shouldNotify: () => !(mainWindow && !mainWindow.isDestroyed() && mainWindow.isVisible() && mainWindow.isFocused()),
    discreet: () => windowSession === null || backend.access.resolve(windowSession) === null,
  });

  // Events fan out to the window (through the RPC server) and to the shell's own listeners.
  const emit: RpcServer['emit'] = (event, payload) => {
    rpcServer.emit(event, payload);
    if (event === 'message.incoming') {
      notifyIncoming(payload as Events['message.incoming']).catch((error: unknown) => logger.warn('Notification failed', { error: String(error) }));
      refreshUnread();
    }
  };
  const unbindEvents = bindEvents(backend, emit);

  let rendererAsked: () => void = () => {};
  const firstRequest = new Promise<void>((resolve) => (rendererAsked = resolve));
  const ipc = registerIpcTransport({
    rpcServer,
    getWindow,
    rendererIndex: paths.rendererIndex,
    onAnswered: (command, ok) => {
      rendererAsked();
      if (ok && command === 'conversations.markRead') refreshUnread();
      if (ok && command === 'settings.update') settingsChanged();
    },
    onRefused: (reason) => logger.warn('An IPC request was refused', { reason }),
  });
  windowSession = ipc.session;
  const stopPathChooser = registerPathChooser({ getWindow, rendererIndex: paths.rendererIndex, language: () => language });

  shutdown = async () => {
    logger.info('Stopping');
    unbindEvents();
    ipc.close();
    stopPathChooser();
    tray?.destroy();
    await backend.stop({ deadlineMs: STOP_DEADLINE_MS });
    await demo.stop();
    logger.info('Stopped');
  };

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow(paths, {
      workArea: screen.getPrimaryDisplay().workAreaSize,
      onLoadFailed: (error) => fatal("Ujumbe's screens are missing from this installation", error),
    });
    window.on('focus', refreshUnread);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      // Closed before it asked anything: the backend need not wait for this page.
      rendererAsked();
      // Closed by the person, not by quitting: Ujumbe keeps running; the first time, say so.
      if (quitState === 'running') backgroundNotice().catch((error: unknown) => logger.warn('The background notice failed', { error: String(error) }));
    });
    return window;
  };
  function showWindow(): void {
    if (quitState !== 'running') return;
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openWindow();
    focusWindow(mainWindow);
  }
  reopenWindow = showWindow;
  // macOS: clicking the dock icon with no window open.
  app.on('activate', () => showWindow());

  if (hidden) {
    // A start at login: only the tray; the backend starts at once, with no page to wait for.
    logger.info('Started at login: no window');
  } else {
    mainWindow = openWindow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([firstRequest, new Promise<void>((resolve) => (timer = setTimeout(resolve, RENDERER_WAIT_MS)))]);
    clearTimeout(timer);
  }
  // Quit while we waited: the backend has been stopped and must not start now.
  if (quitState !== 'running') return;
  await startBackend(backend, logger);
  refreshUnread();
}

async function startBackend(backend: Backend, logger: Logger): Promise<void> {
  const recovery = await backend.start();
  logger.info('Backend started', { gateways: backend.gateways().length, policy: recovery.policy });
}

/**
 * Opens the backend; when the keychain no longer opens the data's key, asks for the recovery code
 * in the app's window (key-recovery-window.ts) and tries again. null: the person closed it.
 */
async function openAskingForRecoveryCode(open: () => Promise<Backend | null>, recovery: KeyRecoveryOptions, logger: Logger): Promise<Backend | null> {
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof DatabaseKeyError) || error.problem !== 'unreadable') throw error;
      logger.warn('The data’s key cannot be unwrapped here: asking for the recovery code');
      if (!(await askForRecoveryCode(recovery))) return null;
      logger.info('The recovery code opened the data; its key is sealed by this computer’s keychain now');
    }
  }
}

/** Tells the user in a dialog (the app may have no window yet), then exits. */
function fatal(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${title}: ${message}\n`);
  try {
    dialog.showErrorBox(title, message);
  } finally {
    quitState = 'stopped';
    const stop = shutdown;
    shutdown = null;
    void (stop ? stop() : Promise.resolve()).catch(() => undefined).finally(() => app.exit(1));
  }
}
