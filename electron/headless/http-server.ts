/**
 * The headless host's one node:http server: the built renderer (static-files.ts), the contract
 * over a WebSocket at /ws (ws-transport.ts), and the JSON API under /api/v1 (api-routes.ts),
 * behind the checks of security.ts:
 *
 *   every request    headers within 10 s, the whole request within 30 s -> 408
 *                    Host, Authorization, Origin ... at most once        -> 400
 *                    Host must name this server                          -> 403
 *   /api, /ws        a browser's Origin must be this server              -> 403
 *   /api             Authorization: Bearer <token>                       -> 401
 *   /api bodies      the last byte within 10 s of the headers            -> 408
 *   /ws              subprotocols `ujumbe` + `ujumbe.token.<token>`      -> 401 (upgrade refused)
 *   static files     no token: the page must load before it can read the token from its URL;
 *                    never a source map                                  -> 404
 *
 * Refusals are logged at warn, rate-limited per reason (security.ts RefusalLog).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorData } from '../../src-shared/errors.ts';
import { RpcError } from '../../src-shared/rpc/client.ts';
import { createInProcessClient } from '../../src-shared/rpc/in-process-client.ts';
import { newSession, type CallerSession, type Principal } from '../../src-shared/contract/access.ts';
import type { CommandName } from '../../src-shared/contract/commands.ts';
import type { RpcServer } from '../../src-shared/rpc/server.ts';
import { type Logger, silentLogger } from '../backend/logger.ts';
import { errorBody, HttpError, statusForCode } from './api-errors.ts';
import { API_PREFIX, routeApiRequest } from './api-routes.ts';
import {
  allowedHostHeaders,
  BASE_SECURITY_HEADERS,
  bearerToken,
  contentSecurityPolicy,
  isAllowedHost,
  isSameOrigin,
  RefusalLog,
  repeatedHeaders,
  subprotocolToken,
  tokenMatches,
  WS_PROTOCOL,
} from './security.ts';
import { resolveStatic, sendFile } from './static-files.ts';
import { CLOSE_CODES, createWebSocketTransport, MAX_FRAME_BYTES } from './ws-transport.ts';

/** The largest JSON body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A WebSocket client that misses a pong for this long is dropped (a laptop lid closed). */
export const HEARTBEAT_INTERVAL_MS = 30_000;
export const WS_PATH = '/ws';

/**
 * Every wait has a named timeout (docs/ARCHITECTURE.md "Habits"). The host is on loopback and its
 * callers are a browser tab and clinic systems on the same machine: a request that takes longer
 * than this is a stuck or hostile client holding a connection open (slowloris), not a slow network.
 */
export const HTTP_TIMEOUTS = {
  /** From the connection (or the previous request) to the end of the headers. node: server.headersTimeout. */
  headersMs: 10_000,
  /** The whole request, body included. node: server.requestTimeout (answers 408 itself). */
  requestMs: 30_000,
  /** An API body, from its headers to its last byte (the handler's own deadline, 408 as JSON). */
  bodyMs: 10_000,
} as const;

export interface HeadlessServerOptions {
  rpc: RpcServer;
  /** The per-run token: the host's own rights (administrator), for the CLI and the person who started it. */
  token: string;
  /**
   * Who another bearer is: an API key's principal, or null (unknown or revoked: 401). Asked at
   * every request, so a revoked key is refused at once (issue 13 "API keys").
   */
  principalFor?: (bearer: string) => Principal | null;
  /** The contract's role check (backend/api/access-guard.ts authorizeCall), run on a route's command before its body is read. */
  authorize?: (command: CommandName, session: CallerSession) => ErrorData | null;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Names the Host header may carry besides 127.0.0.1, localhost and [::1] (on the bound port). */
  hostNames?: readonly string[];
  logger?: Logger;
  maxBodyBytes?: number;
  maxFrameBytes?: number;
  heartbeatIntervalMs?: number;
  /** Overrides of HTTP_TIMEOUTS (tests). */
  timeouts?: Partial<Record<keyof typeof HTTP_TIMEOUTS, number>>;
  /** The window of the refusal log's rate limit. Default 60 s. */
  refusalLogWindowMs?: number;
}

export interface HeadlessServer {
  readonly server: Server;
  /** @returns the bound port. @throws the listen error (EADDRINUSE, EACCES ...) */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, closes every WebSocket and HTTP connection. Never throws. */
  close(): Promise<void>;
  /** Open WebSocket connections. */
  readonly clientCount: number;
}

function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { ...BASE_SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra };
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  // 204 No Content has no body at all (RFC 9110 §15.3.5).
  const text = status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, jsonHeaders({ ...extra, 'Content-Length': String(Buffer.byteLength(text)) }));
  res.end(req.method === 'HEAD' ? undefined : text);
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, error: ErrorData, extra: Record<string, string> = {}): void {
  sendJson(req, res, status, errorBody(error), extra);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** The path of the request line without query or fragment, still percent-encoded. */
function rawPath(url: string | undefined): { path: string; query: URLSearchParams } {
  const value = url ?? '/';
  const q = value.indexOf('?');
  const path = q === -1 ? value : value.slice(0, q);
  return { path: path === '' ? '/' : path, query: new URLSearchParams(q === -1 ? '' : value.slice(q + 1)) };
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Reads a JSON body of at most `max` bytes that must have arrived within `timeoutMs`.
 * @throws HttpError (415, 400 bad-json / body-too-large / bad-request, 408 request-timeout)
 */
function readJsonBody(req: IncomingMessage, max: number, timeoutMs: number): Promise<unknown> {
  // No body at all (a DELETE naming its target in the query): nothing to read, whatever the type.
  if (req.headers['content-type'] === undefined && req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0') {
    return Promise.resolve(undefined);
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return Promise.reject(new HttpError(415, 'unsupported-media-type', 'Send the body as JSON, with Content-Type: application/json.'));
  }
  const tooLarge = () => new HttpError(400, 'body-too-large', `The body is larger than ${Math.round(max / 1024)} KB.`, { maxBytes: max }, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    // Created when the wait starts; the answer closes the connection, so the rest is never read.
    const timedOut = new HttpError(408, 'request-timeout', `The body did not arrive within ${Math.round(timeoutMs / 1000)} s.`, { timeoutMs }, { Connection: 'close' });
    const deadline = setTimeout(() => {
      if (failed) return;
      failed = true;
      req.pause();
      reject(timedOut);
    }, timeoutMs);
    deadline.unref();
    const fail = (error: HttpError) => {
      failed = true;
      clearTimeout(deadline);
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > max) {
        req.pause();
        fail(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => {
      if (!failed) fail(new HttpError(400, 'bad-request', `The body could not be read: ${err.message}`));
    });
    req.on('end', () => {
      if (failed) return;
      clearTimeout(deadline);
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new HttpError(400, 'bad-json', 'The body is empty; send a JSON object.'));
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new HttpError(400, 'bad-json', `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
  });
}

/** Writes a refusal on a socket that asked for an upgrade, then closes it. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, error: ErrorData): void {
  const body = JSON.stringify(errorBody(error));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}

export function createHeadlessServer(options: HeadlessServerOptions): HeadlessServer {
  const logger = options.logger ?? silentLogger;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const timeouts = { ...HTTP_TIMEOUTS, ...options.timeouts };
  const refusals = new RefusalLog({ warn: (message, fields) => logger.warn(message, fields), ...(options.refusalLogWindowMs === undefined ? {} : { windowMs: options.refusalLogWindowMs }) });
  const { rpc, token } = options;
  // The API's routes call the contract in process, each request as its bearer (the per-run
  // token is the host; an API key is that key); the WebSocket is served by `rpc` itself.
  const hostSession = newSession('http', { kind: 'host' });
  const hostClient = createInProcessClient(rpc, hostSession);
  let allowedHosts = new Set<string>();
  const clients = new Set<WebSocket>();
  const alive = new WeakSet<WebSocket>();

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes ?? MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // Answer with `ujumbe`, never echo the token subprotocol.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  /** Host and Origin checks shared by requests and upgrades: the refusal, or null. */
  function gate(req: IncomingMessage, checkOrigin: boolean): { status: number; reason: string; error: ErrorData } | null {
    const repeated = repeatedHeaders(req.rawHeaders);
    if (repeated.length > 0) {
      refusals.refused('repeated-header', 'Refused a request with a repeated header', { headers: repeated.join(',') });
      return {
        status: 400,
        reason: 'Bad Request',
        error: { code: 'bad-request', message: `Send each of these headers once: ${repeated.join(', ')}.`, details: { headers: repeated } },
      };
    }
    if (!isAllowedHost(req.headers.host, allowedHosts)) {
      refusals.refused('host', 'Refused a request for another host name', { host: String(req.headers.host ?? '').slice(0, 100) });
      return { status: 403, reason: 'Forbidden', error: { code: 'forbidden', message: 'This server does not answer to that host name.' } };
    }
    if (checkOrigin && !isSameOrigin(req.headers.origin, req.headers.host)) {
      refusals.refused('origin', 'Refused a cross-origin request', { origin: String(req.headers.origin).slice(0, 100) });
      return { status: 403, reason: 'Forbidden', error: { code: 'forbidden', message: 'Requests from other web pages are not allowed.' } };
    }
    return null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const started = Date.now();
    const refusal = gate(req, true);
    if (refusal) return sendError(req, res, refusal.status, refusal.error);
    const bearer = bearerToken(req.headers);
    const keyPrincipal = bearer !== null && !tokenMatches(bearer, token) ? (options.principalFor?.(bearer) ?? null) : null;
    if (!tokenMatches(bearer, token) && keyPrincipal === null) {
      refusals.refused('token', 'Refused an API call without the right token', { method: req.method ?? '' });
      return sendError(req, res, 401, { code: 'unauthorised', message: 'Send the token or an API key as Authorization: Bearer <token>. A revoked key is refused.' }, { 'WWW-Authenticate': 'Bearer realm="ujumbe"' });
    }
    const session = keyPrincipal === null ? hostSession : newSession('http', keyPrincipal);
    const client = keyPrincipal === null ? hostClient : createInProcessClient(rpc, session);
    let status = 500;
    try {
      const response = await routeApiRequest(req.method ?? 'GET', path.slice(API_PREFIX.length), {
        client,
        ...(options.authorize ? { authorize: (command: CommandName) => options.authorize!(command, session) } : {}),
        query,
        baseUrl: `http://${req.headers.host ?? ''}`,
        readBody: () => readJsonBody(req, maxBodyBytes, timeouts.bodyMs),
      });
      status = response.status;
      sendJson(req, res, response.status, response.body, response.headers);
    } catch (err) {
      if (err instanceof HttpError) {
        status = err.status;
        if (err.status === 408) refusals.refused('timeout', 'Refused an API call whose body was too slow', { method: req.method ?? '' });
        sendError(req, res, err.status, err.toData(), err.headers);
      } else if (err instanceof RpcError) {
        status = statusForCode(err.code);
        if (status === 500) {
          logger.error('An API call failed inside Ujumbe', { code: err.code, error: err.message });
          sendError(req, res, 500, { code: err.code, message: 'Something went wrong inside Ujumbe. The log has the details.' });
        } else {
          sendError(req, res, status, err.toData());
        }
      } else {
        logger.error('An API route threw', { error: err instanceof Error ? err.message : String(err) });
        sendError(req, res, 500, { code: 'internal', message: 'Something went wrong inside Ujumbe. The log has the details.' });
      }
    } finally {
      // The path only: a query may hold a search for a patient's name.
      logger.debug('API', { method: req.method ?? '', path: path.slice(0, 200), status, ms: Date.now() - started });
    }
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, query } = rawPath(req.url);
    if (path === API_PREFIX || path.startsWith(API_PREFIX + '/') || path === '/api' || path.startsWith('/api/')) {
      if (!path.startsWith(API_PREFIX + '/')) {
        const refusal = gate(req, true);
        if (refusal) return sendError(req, res, refusal.status, refusal.error);
        return sendError(req, res, 404, { code: 'unknown-route', message: `The API is under ${API_PREFIX}/.`, details: { path } });
      }
      return handleApi(req, res, path, query);
    }
    const refusal = gate(req, false);
    if (refusal) return sendText(req, res, refusal.status, refusal.error.message);
    if (path === WS_PATH) return sendText(req, res, 426, 'This address is for WebSocket connections.');

    const outcome = await resolveStatic(options.rendererDir, req.method ?? 'GET', path);
    const headers: Record<string, string> = { ...BASE_SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(req.headers.host ?? '') };
    switch (outcome.kind) {
      case 'file':
        return sendFile(req, res, outcome, headers);
      case 'not-built':
        res.writeHead(503, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : outcome.body);
        return;
      case 'error':
        if (outcome.status === 405) res.setHeader('Allow', 'GET, HEAD');
        return sendText(req, res, outcome.status, outcome.message);
    }
  }

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
      // How often node checks those two (default 30 s, too coarse for a 10 s limit).
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
    },
    (req, res) => {
      handleRequest(req, res).catch((err) => {
        logger.error('A request failed', { error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) sendError(req, res, 500, { code: 'internal', message: 'Something went wrong inside Ujumbe.' });
        else res.destroy();
      });
    },
  );

  // What node would answer by itself (lib/_http_server.js socketOnError), plus a rate-limited log
  // line for the requests that ran out of time (headersTimeout / requestTimeout).
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (timedOut) refusals.refused('timeout', 'Closed a connection that did not send its request in time', {});
    if (socket.writable && (socket.bytesWritten ?? 0) === 0) {
      const [status, reason] = timedOut ? [408, 'Request Timeout'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const { path } = rawPath(req.url);
    if (path !== WS_PATH) return refuseUpgrade(socket, 404, 'Not Found', { code: 'unknown-route', message: `WebSocket connections go to ${WS_PATH}.` });
    const refusal = gate(req, true);
    if (refusal) return refuseUpgrade(socket, refusal.status, refusal.reason, refusal.error);
    if (!tokenMatches(subprotocolToken(req.headers), token)) {
      refusals.refused('ws-token', 'Refused a WebSocket without the right token');
      return refuseUpgrade(socket, 401, 'Unauthorized', { code: 'unauthorised', message: `Offer the subprotocols "${WS_PROTOCOL}" and "${WS_PROTOCOL}.token.<token>".` });
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(WS_PROTOCOL)) {
      return refuseUpgrade(socket, 400, 'Bad Request', { code: 'bad-request', message: `Offer the subprotocol "${WS_PROTOCOL}".` });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('close', () => clients.delete(ws));
      rpc.serve(createWebSocketTransport(ws, { logger, ...(options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes }) }));
      logger.info('A WebSocket client connected', { clients: clients.size });
    });
  });

  // Ping every client; one that did not answer the previous ping is gone (no close frame ever comes).
  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  return {
    server,
    get clientCount() {
      return clients.size;
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen({ port, host, exclusive: true }, () => {
          server.off('error', onError);
          const address = server.address();
          const bound = typeof address === 'object' && address !== null ? address.port : port;
          allowedHosts = allowedHostHeaders(bound, [host, ...(options.hostNames ?? [])]);
          resolve(bound);
        });
      });
    },
    async close() {
      clearInterval(heartbeat);
      refusals.flush();
      const closed = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      });
      for (const ws of clients) ws.close(CLOSE_CODES.goingAway, 'Ujumbe is stopping');
      // Give clients a moment to answer the close frame, then cut whoever did not.
      await Promise.race([
        Promise.all([...clients].map((ws) => new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve()))))),
        new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
      ]);
      for (const ws of clients) ws.terminate();
      server.closeAllConnections();
      wss.close();
      await closed;
    },
  };
}
