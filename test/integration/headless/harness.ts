/**
 * The headless host as the tests drive it: the real host on port 0, a temp data folder, the
 * modem simulator on a real pty, real `fetch`, a real `ws` client and raw node:http requests
 * (to set headers fetch will not, such as Host).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import WebSocket from 'ws';
import { startHeadlessHost, type HeadlessHost, type HeadlessHostOptions } from '../../../electron/headless/host.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';

export interface Harness {
  host: HeadlessHost;
  sim: ModemSimulator;
  dataDir: string;
  /** `fetch` under the API with the token (unless `auth` is given, e.g. null for none). */
  api(path: string, init?: RequestInit & { auth?: string | null }): Promise<Response>;
  /** `api` with a method and, when given, a JSON body. */
  json(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<HeadlessHostOptions> = {}): Promise<Harness> {
  const sim = await ModemSimulator.start({ profile: 'huawei' });
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-headless-'));
  let host: HeadlessHost;
  try {
    host = await startHeadlessHost({ port: 0, dataDir, modems: [{ path: sim.path }], backend: { reconnectDelayMs: 0 }, ...options });
  } catch (err) {
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const api: Harness['api'] = (path, init = {}) => {
    const { auth, ...rest } = init;
    const token = auth === undefined ? host.token : auth;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    return fetch(new URL(`api/v1${path}`, host.url), { ...rest, headers });
  };
  return {
    host,
    sim,
    dataDir,
    api,
    json: (method, path, body) => api(path, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
    async close() {
      await host.close();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers and this path (no normalisation of `..`). */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {}, setHost: options.headers?.Host === undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a WebSocket the way the renderer does; resolves when open, rejects with the refusal's status. */
export async function openSocket(host: HeadlessHost, options: { token?: string | null; origin?: string; protocols?: string[] } = {}): Promise<WebSocket> {
  const token = options.token === undefined ? host.token : options.token;
  const protocols = options.protocols ?? ['ujumbe', ...(token === null ? [] : [`ujumbe.token.${token}`])];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, protocols, options.origin === undefined ? {} : { origin: options.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused with HTTP ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** A minimal RPC peer over a raw `ws` socket: requests by id, events collected. */
export function rpcPeer(ws: WebSocket) {
  let nextId = 1;
  const events: Array<{ event: string; payload: unknown }> = [];
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  const eventWaiters: Array<{ match: (e: { event: string; payload: unknown }) => boolean; resolve: (e: { event: string; payload: unknown }) => void }> = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    if (message.type === 'response') waiting.get(message.id as number)?.(message);
    if (message.type === 'event') {
      const e = { event: message.event as string, payload: message.payload };
      events.push(e);
      for (const w of [...eventWaiters]) {
        if (w.match(e)) {
          eventWaiters.splice(eventWaiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    }
  });
  return {
    events,
    call(command: string, params: unknown): Promise<Record<string, unknown>> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ type: 'request', id, command, params }));
      });
    },
    nextEvent(match: (e: { event: string; payload: unknown }) => boolean): Promise<{ event: string; payload: unknown }> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => eventWaiters.push({ match, resolve }));
    },
  };
}

/** Polls GET /messages/:id until every recipient has one of `statuses`. */
export async function waitForStatuses(h: Harness, id: number, statuses: string[], timeoutMs = 20_000): Promise<{ recipients: Array<Record<string, unknown>> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = (await (await h.api(`/messages/${id}`)).json()) as { recipients: Array<Record<string, unknown>> };
    if (message.recipients.every((r) => statuses.includes(r.status as string))) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} still ${JSON.stringify(message.recipients.map((r) => r.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { once };
