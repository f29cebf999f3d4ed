/**
 * The renderer's side of the headless connection (renderer/host/), against the real host: the
 * reconnecting WebSocket transport under the real RpcClient, with `ws` standing in for the
 * browser's WebSocket and Node's fetch for the browser's.
 *
 * renderer/ is type-checked by tsconfig.web.json (DOM libs); this file is checked by
 * tsconfig.node.json, so the module is loaded by a path the type checker does not follow and
 * used through the small interface below.
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcClient, type RpcClient } from '../../../src-shared/rpc/client.ts';
import type { Transport } from '../../../src-shared/rpc/transport.ts';
import { startHeadlessHost } from '../../../electron/headless/host.ts';
import { startHarness, type Harness } from './harness.ts';

type State = 'connecting' | 'connected' | 'reconnecting' | 'unauthorised' | 'closed';
interface StatusStore {
  getState(): State;
  subscribe(listener: (state: State) => void): () => void;
  set(state: State): void;
}
interface ConnectModule {
  createConnectionStatus(): StatusStore;
  reconnectDelayMs(attempt: number, random?: () => number): number;
  takeToken(env: { location: { hash: string; pathname: string; search: string }; history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void }; storage: Map<string, string> | null }): string | null;
  ReconnectingWebSocketTransport: new (options: {
    url: string;
    httpBase: string;
    token: string;
    status: StatusStore;
    webSocket: (url: string, protocols: string[]) => unknown;
    fetch: typeof fetch;
    random: () => number;
    onUnauthorised?: () => void;
  }) => Transport & { start(): Promise<void> };
}

const CONNECT_PATH = '../../../renderer/host/connect.ts';
const loadConnect = () => import(/* @vite-ignore */ CONNECT_PATH) as Promise<ConnectModule>;

let h: Harness | null = null;
let client: RpcClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await h?.close();
  h = null;
});

function until(status: StatusStore, state: State): Promise<void> {
  if (status.getState() === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = status.subscribe((s) => {
      if (s === state) {
        off();
        resolve();
      }
    });
  });
}

describe('renderer/host/connect.ts', () => {
  it('takes the token from #token=, keeps it for a reload, and removes it from the address bar', async () => {
    const { takeToken } = await loadConnect();
    const storage = new Map<string, string>();
    const replaced: string[] = [];
    const env = {
      location: { hash: '#token=abc_DEF-123', pathname: '/', search: '' },
      history: { state: null, replaceState: (_s: unknown, _u: string, url: string) => void replaced.push(url) },
      storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) },
    };
    expect(takeToken(env as never)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
    expect(takeToken({ ...env, location: { hash: '#/outbox', pathname: '/', search: '' } } as never)).toBe('abc_DEF-123');
  });

  it('backs off from 0.5 s to 10 s', async () => {
    const { reconnectDelayMs } = await loadConnect();
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => reconnectDelayMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('connects, calls, reconnects after the socket drops, and says unauthorised when a new server refuses the token', async () => {
    const { createConnectionStatus, ReconnectingWebSocketTransport } = await loadConnect();
    h = await startHarness();
    const port = h.host.port;
    const status = createConnectionStatus();
    const states: State[] = [];
    status.subscribe((s) => states.push(s));
    const sockets: WebSocket[] = [];
    let forgotten = false;
    const transport = new ReconnectingWebSocketTransport({
      url: `ws://127.0.0.1:${port}/ws`,
      httpBase: `http://127.0.0.1:${port}`,
      token: h.host.token,
      status,
      webSocket: (url, protocols) => {
        const ws = new WebSocket(url, protocols);
        sockets.push(ws);
        return ws;
      },
      fetch,
      random: () => 1,
      onUnauthorised: () => (forgotten = true),
    });
    await transport.start();
    client = createRpcClient(transport, { timeoutMs: 5_000 });
    expect(status.getState()).toBe('connected');
    expect((await client.call('messages.list', {})).items).toEqual([]);

    // The socket drops (a laptop slept, a proxy cut it): the same client keeps working.
    sockets[0]!.terminate();
    await until(status, 'reconnecting');
    await until(status, 'connected');
    expect(sockets).toHaveLength(2);
    expect((await client.call('gateways.list', {})).length).toBe(1);

    // The host restarts with a new token: this page's token is refused, and it says so.
    const dataDir = h.dataDir;
    await h.host.close();
    await until(status, 'reconnecting');
    const restarted = await startHeadlessHost({ port, dataDir });
    try {
      await until(status, 'unauthorised');
      expect(forgotten).toBe(true);
      await expect(client.call('messages.list', {})).rejects.toMatchObject({ code: 'disconnected' });
    } finally {
      await restarted.close();
    }
    expect(states).toEqual(['connected', 'reconnecting', 'connected', 'reconnecting', 'unauthorised']);
  });
});
