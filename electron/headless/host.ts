/**
 * The headless host: the same backend as the desktop app, under plain Node, serving the built
 * renderer and the contract over a WebSocket, and the HTTP API for other clinic systems
 * (docs/ARCHITECTURE.md "Hosts"). `ujumbe serve` is a thin wrapper around this.
 *
 * Order of start-up: the data folder's lock is taken, the database opened and the port bound
 * before any modem is touched, so a folder or port that is taken costs nothing; only then does
 * the backend start its gateways.
 */
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UjumbeError } from '../../src-shared/errors.ts';
import { createInProcessClient } from '../../src-shared/rpc/in-process-client.ts';
import { RpcError } from '../../src-shared/rpc/client.ts';
import { bindEvents } from '../backend/api/bind-events.ts';
import { createBackendRpcServer } from '../backend/api/create-handlers.ts';
import { authorizeCall } from '../backend/api/access-guard.ts';
import { type Backend, type BackendOptions, createBackend, type ModemConfig } from '../backend/create-backend.ts';
import type { EmailConfig } from '../backend/gateways/email/email-config.ts';
import { KeyFileSecretStore } from '../backend/gateways/email/secret-store.ts';
import { type Logger, silentLogger } from '../backend/logger.ts';
import { prepareDataDir, resolveDataDir } from '../backend/store/data-dir.ts';
import { DataFolderLockedError } from '../backend/store/data-folder-lock.ts';
import { createDemoModem, demoModemAvailable } from '../modem-sim/demo-modem.ts';
import { findRunningHost } from './api-client.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';
import { createHeadlessServer } from './http-server.ts';
import { generateToken, isLoopbackHost, isWildcardHost, urlHost } from './security.ts';
import { removeServerInfo, writeServerInfo } from './server-info.ts';

export { DEFAULT_HOST, DEFAULT_PORT };
/** The gateway id of the simulated modem `--demo` adds (decided by the handlers). */
export { DEMO_GATEWAY_ID } from '../backend/api/create-handlers.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export interface HeadlessHostOptions {
  /** 0 = any free port. Default DEFAULT_PORT. */
  port?: number;
  /** The address to bind. Default 127.0.0.1. */
  host?: string;
  /** Needed to bind an address other computers can reach. */
  allowRemote?: boolean;
  /** The data folder; default the OS's user-data folder. */
  dataDir?: string | null;
  /** Ports named by hand (`--modem PATH`): saved like any modem, pinned to their port. */
  modems?: readonly ModemConfig[];
  /** Where modem detection looks for this run (UJUMBE_MODEM_SEARCH); null = the setting. */
  modemSearch?: readonly string[] | null;
  /** Start the simulated modem (needs socat) as gateway `demo-modem`. */
  demo?: boolean;
  logger?: Logger;
  /** The built renderer; default dist/renderer of this checkout. */
  rendererDir?: string;
  /**
   * The mail server from `--smtp` / UJUMBE_SMTP_URL: used instead of the saved e-mail settings,
   * kept in memory only (saved, password sealed, only when someone saves in the panel).
   */
  email?: EmailConfig | null;
  /** Passed to createBackend (tests: reconnect delays, clocks, the mail transport; `ujumbe serve`'s way on from a damaged database). */
  backend?: Pick<BackendOptions, 'reconnectDelayMs' | 'gateways' | 'openPort' | 'email' | 'detection' | 'databaseRecovery' | 'storage' | 'databaseEncryption'>;
}

export interface HeadlessHost {
  /** The base URL, e.g. http://127.0.0.1:8765/ (no token: add `#token=<token>` for a browser). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly backend: Backend;
  /** Stops accepting, closes every connection, stops the backend, removes server.json. Never throws. */
  close(): Promise<void>;
}

/** Why the host could not start, with a code the CLI can act on. */
export class HostStartError extends UjumbeError {}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** For a wildcard bind: the names and addresses other computers may use to reach this one. */
function machineNames(): string[] {
  const names = [hostname(), `${hostname()}.local`];
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) names.push(entry.address);
  }
  return names;
}

/**
 * Starts the headless host.
 * @throws HostStartError `remote-not-allowed`, `data-folder-in-use` (another Ujumbe holds the data
 *   folder; details pid, host, since), `already-running` (the same, and it is a headless host
 *   answering at details.url), `port-in-use`, `listen-failed`, `demo-unavailable`;
 *   DatabaseDamagedError, RestoreRefusedError (store/damaged-database.ts: nothing changed),
 *   DatabaseTooNewError or a file system error from the data folder.
 */
export async function startHeadlessHost(options: HeadlessHostOptions = {}): Promise<HeadlessHost> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new HostStartError('remote-not-allowed', `${host} can be reached from other computers; add --allow-remote if that is what you want.`, { host });
  }
  const dataDir = resolveDataDir(options.dataDir);
  prepareDataDir(dataDir);

  const version = packageVersion();
  const token = generateToken();
  let backend: Backend;
  try {
    // createBackend takes the data folder's lock first (store/data-folder-lock.ts): the one test
    // of "another Ujumbe runs here" that holds when two start at the same moment, and that also
    // sees the desktop app and `ujumbe send`, which write no server.json.
    backend = createBackend({
      dataDir,
      dataFolderLock: 'headless',
      modems: options.modems ?? [],
      logger,
      // The e-mail password, when saved, is sealed under <dataDir>/secret.key (0600).
      secretStore: new KeyFileSecretStore(dataDir),
      detection: { patterns: options.modemSearch ?? null },
      ...options.backend,
      email: { ...options.backend?.email, config: options.email ?? options.backend?.email?.config ?? null },
    });
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      // A host that answers is `already-running`, with its address (a caller can hand off to
      // it); anything else holding the folder is `data-folder-in-use`. The same words for both.
      const running = err.holder?.host === 'headless' ? await findRunningHost(dataDir) : null;
      throw new HostStartError(running ? 'already-running' : 'data-folder-in-use', err.message, { ...err.details, ...(running ? { url: running.info.url } : {}) });
    }
    throw err;
  }

  const demo = createDemoModem(logger);
  // Code and command only: a message may hold a patient's number or words.
  const rpc = createBackendRpcServer(
    backend,
    { host: 'headless', version, dataDir, ...(demoModemAvailable() ? { startDemoModem: () => demo.start() } : {}) },
    { onError: ({ command, code }) => logger.info('A command failed', { command, code }) },
  );
  const client = createInProcessClient(rpc);
  const server = createHeadlessServer({
    rpc,
    token,
    principalFor: (bearer) => backend.access.principalForKey(bearer),
    authorize: authorizeCall(backend.access),
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    hostNames: isWildcardHost(host) ? machineNames() : [],
    logger,
  });

  let boundPort: number;
  try {
    boundPort = await server.listen(port, host);
  } catch (err) {
    await server.close();
    await backend.stop();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new HostStartError('port-in-use', `Port ${port} on ${host} is already in use (another Ujumbe, or another program). Choose another with --port.`, { port, host });
    }
    throw new HostStartError('listen-failed', `Cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`, { port, host });
  }
  if (!isLoopbackHost(host)) {
    logger.warn('Listening on an address other computers can reach', { host, port: boundPort });
  }

  const unbind = bindEvents(backend, rpc.emit);
  const urlName = isWildcardHost(host) ? DEFAULT_HOST : host;
  const url = `http://${urlHost(urlName)}:${boundPort}/`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await server.close();
      unbind();
      await backend.stop();
      await demo.stop();
      removeServerInfo(dataDir, token);
      logger.info('The headless host stopped');
    })();
    return closing;
  };

  try {
    await backend.start();
    if (options.demo) {
      if (!demoModemAvailable()) throw new HostStartError('demo-unavailable', 'The demo modem needs socat (apt-get install socat).');
      // Through the contract, as the UI's "Try the demo modem" button does: one way to add it.
      try {
        await client.call('gateways.startDemo', {});
      } catch (err) {
        if (err instanceof RpcError) throw new HostStartError('demo-unavailable', err.message, err.details ?? {});
        throw err;
      }
    }
    writeServerInfo(dataDir, { url, port: boundPort, token, pid: process.pid });
  } catch (err) {
    await close();
    throw err;
  }
  logger.info('The headless host is listening', { host, port: boundPort, gateways: backend.gateways().length });

  return { url, port: boundPort, token, dataDir, backend, close };
}
