/**
 * The renderer's one way to reach the backend, whichever host it runs in (docs/ARCHITECTURE.md
 * "Hosts"): the Electron preload's bridge when there is one, else the headless host's
 * WebSocket with the token from the address `ujumbe serve` printed (`#token=...`).
 *
 * The WebSocket side keeps one RpcClient for the page's life: when the socket drops it
 * reconnects with backoff underneath, and the UI follows `connection` (connecting, connected,
 * reconnecting, unauthorised) to say so. Events missed while reconnecting are not replayed:
 * when the state returns to `connected` after `reconnecting`, screens should reload what they
 * show.
 */
import type { Envelope } from '../../src-shared/rpc/envelope.ts';
import type { UjumbeBridge } from '../../src-shared/rpc/bridge.ts';
import { createRpcClient, RpcError, type RpcClient, type RpcClientOptions } from '../../src-shared/rpc/client.ts';
import type { Transport } from '../../src-shared/rpc/transport.ts';
import { createBridgeTransport } from './bridge-transport.ts';
import { browserWebSocket, createWebSocketTransport, openWebSocket, type WebSocketFactory } from './websocket-transport.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorised' | 'closed';

/** A tiny store for the UI (fits React's useSyncExternalStore(subscribe, getState)). */
export interface ConnectionStatus {
  getState(): ConnectionState;
  /** @returns unsubscribe */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export function createConnectionStatus(initial: ConnectionState = 'connecting'): ConnectionStatus & { set(state: ConnectionState): void } {
  let state = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}

const status = createConnectionStatus();
/** The page's connection to the backend. */
export const connection: ConnectionStatus = status;

/** Where the token is kept so a reload works (per tab, gone when the tab closes). */
export const TOKEN_STORAGE_KEY = 'ujumbe.token';

export const UNAUTHORISED_MESSAGE = 'Ujumbe did not accept this page\'s key. Open the address that `ujumbe serve` printed (it ends with #token=...).';

/** Reconnect delays: 0.5 s doubling to 10 s, each shortened by up to a fifth at random. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (1 - 0.2 * random()));
}

interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be switched off; the token then lasts until the next reload.
    return null;
  }
}

/**
 * The token from `#token=...` (then kept in sessionStorage and removed from the address bar, so
 * it is not bookmarked, shared or shown over a shoulder), else the one kept from before.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    try {
      env.storage?.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Quota or privacy mode: keep going with the token in memory.
    }
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export interface WebSocketConnectionOptions {
  /** ws://host/ws */
  url: string;
  /** http://host, for the health probe that tells a refused token from a stopped server. */
  httpBase: string;
  token: string;
  status: ReturnType<typeof createConnectionStatus>;
  webSocket?: WebSocketFactory;
  fetch?: typeof fetch;
  /** Called when the token is refused (to forget it). */
  onUnauthorised?: () => void;
  /** Envelopes queued while reconnecting; beyond this, calls fail at once. */
  maxQueued?: number;
  random?: () => number;
}

/**
 * A Transport that outlives its sockets: while reconnecting it queues what the client sends and
 * flushes it on the next open. It reports `close` to the client only when it gives up for good
 * (the token was refused, or close() was called), so calls fail then and not before. A request
 * that was on a socket when it dropped gets no answer and times out in the client: whether the
 * backend ran it is unknown, which is exactly what that error says.
 */
export class ReconnectingWebSocketTransport implements Transport {
  private readonly options: WebSocketConnectionOptions;
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly queue: Envelope[] = [];
  private current: Transport | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private finished = false;
  private everConnected = false;
  private firstOpen: { resolve: () => void; reject: (error: RpcError) => void } | null = null;
  private readonly onOnline = () => this.retryNow();

  constructor(options: WebSocketConnectionOptions) {
    this.options = options;
  }

  /** Starts connecting; resolves on the first open, rejects if the token is refused. */
  start(): Promise<void> {
    const opened = new Promise<void>((resolve, reject) => (this.firstOpen = { resolve, reject }));
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    void this.connect();
    return opened;
  }

  send(message: Envelope): void {
    if (this.finished) throw new Error('The connection to Ujumbe is closed.');
    if (this.current) {
      this.current.send(message);
      return;
    }
    if (this.queue.length >= (this.options.maxQueued ?? 100)) throw new Error('Ujumbe is not connected.');
    this.queue.push(message);
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.finish('closed');
  }

  private async connect(): Promise<void> {
    if (this.finished) return;
    this.options.status.set(this.everConnected ? 'reconnecting' : 'connecting');
    let socket;
    try {
      socket = await openWebSocket(this.options.url, this.options.token, this.options.webSocket ?? browserWebSocket);
    } catch {
      // A refused upgrade and a stopped server look alike to a browser: ask the API which it was.
      if (await this.tokenRefused()) {
        this.options.onUnauthorised?.();
        this.finish('unauthorised');
        return;
      }
      this.schedule();
      return;
    }
    if (this.finished) {
      socket.close(1000);
      return;
    }
    const transport = createWebSocketTransport(socket);
    transport.onMessage((message) => {
      for (const listener of [...this.messageListeners]) listener(message);
    });
    transport.onClose(() => {
      if (this.current !== transport) return;
      this.current = null;
      this.schedule();
    });
    this.current = transport;
    this.attempt = 0;
    this.everConnected = true;
    for (const message of this.queue.splice(0)) {
      try {
        transport.send(message);
      } catch {
        // Dropped again at once: the request times out in the client.
      }
    }
    this.options.status.set('connected');
    this.firstOpen?.resolve();
    this.firstOpen = null;
  }

  private async tokenRefused(): Promise<boolean> {
    try {
      const response = await (this.options.fetch ?? fetch)(`${this.options.httpBase}/api/v1/health`, {
        headers: { Authorization: `Bearer ${this.options.token}` },
        cache: 'no-store',
      });
      return response.status === 401;
    } catch {
      return false;
    }
  }

  private schedule(): void {
    if (this.finished || this.timer !== null) return;
    this.options.status.set(this.everConnected ? 'reconnecting' : 'connecting');
    const delay = reconnectDelayMs(this.attempt++, this.options.random);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private retryNow(): void {
    if (this.finished || this.current || this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    void this.connect();
  }

  private finish(state: 'unauthorised' | 'closed'): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.queue.length = 0;
    const current = this.current;
    this.current = null;
    current?.close();
    this.options.status.set(state);
    this.firstOpen?.reject(state === 'unauthorised' ? new RpcError('unauthorised', UNAUTHORISED_MESSAGE) : new RpcError('disconnected', 'The connection was closed.'));
    this.firstOpen = null;
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
  }
}

export interface ConnectOptions extends RpcClientOptions {
  /** For tests: another window-like environment. */
  window?: Window;
}

type BridgeWindow = Window & { ujumbe?: UjumbeBridge };

/**
 * Connects to the backend. Electron: wraps the preload bridge (always connected). Headless:
 * opens the WebSocket with the token and resolves once it is open; keeps reconnecting while
 * the server is unreachable (`connection` says so).
 * @throws RpcError `unauthorised` when there is no token or the server refuses it.
 */
export async function connectToBackend(options: ConnectOptions = {}): Promise<RpcClient> {
  const win = (options.window ?? window) as BridgeWindow;
  const clientOptions: RpcClientOptions = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (win.ujumbe) {
    status.set('connected');
    return createRpcClient(createBridgeTransport(win.ujumbe), clientOptions);
  }

  const storage = win === window ? sessionStorageOrNull() : win.sessionStorage;
  const token = takeToken({ location: win.location, history: win.history, storage });
  if (!token) {
    status.set('unauthorised');
    throw new RpcError('unauthorised', UNAUTHORISED_MESSAGE);
  }
  const secure = win.location.protocol === 'https:';
  const transport = new ReconnectingWebSocketTransport({
    url: `${secure ? 'wss' : 'ws'}://${win.location.host}/ws`,
    httpBase: `${win.location.protocol}//${win.location.host}`,
    token,
    status,
    onUnauthorised: () => {
      try {
        storage?.removeItem(TOKEN_STORAGE_KEY);
      } catch {
        // Nothing to forget.
      }
    },
  });
  await transport.start();
  return createRpcClient(transport, clientOptions);
}
