/**
 * The headless host's gatekeeping, as small pure functions: the token, the Host and Origin
 * checks, and the response headers. The host listens on loopback by default, but a loopback
 * port is reachable from every web page the clinic's browser opens, so:
 * - every API call and the WebSocket need the token (a page cannot read it: it is only in the
 *   URL the CLI printed, and in server.json, mode 0600);
 * - the Host header must name this server, which defeats DNS rebinding (a hostile name that
 *   resolves to 127.0.0.1 still sends its own name as Host);
 * - a browser's Origin must be our own, so another page cannot drive the API with a token it
 *   somehow learnt, and a cross-site WebSocket (which browsers do not block) is refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** The subprotocol every client offers, and the one the server answers with. */
export const WS_PROTOCOL = 'ujumbe';
/** A browser cannot set headers on a WebSocket: it offers `ujumbe.token.<token>` as a subprotocol. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'ujumbe.token.';

/** 32 random bytes, base64url (43 characters, valid in a URL fragment and a subprotocol name). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so the comparison does not leak the
 * token's length either (timingSafeEqual needs equal lengths).
 */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented === '') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const value = headers.authorization;
  if (typeof value !== 'string') return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value);
  return match?.[1] ?? null;
}

/** The token a WebSocket client offered as `ujumbe.token.<token>` in Sec-WebSocket-Protocol, or null. */
export function subprotocolToken(headers: IncomingHttpHeaders): string | null {
  const value = headers['sec-websocket-protocol'];
  if (typeof value !== 'string') return null;
  for (const offered of value.split(',')) {
    const p = offered.trim();
    if (p.startsWith(WS_TOKEN_PROTOCOL_PREFIX)) return p.slice(WS_TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

/** True for an address or name that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  // ::ffff:127.0.0.1, the IPv4-mapped form.
  return /^::ffff:127\./.test(h);
}

/** True for 0.0.0.0 / :: (every interface). */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::';
}

/** `host` as it appears in a URL authority: IPv6 in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The Host header values this server answers to: loopback names on the port, and the
 * configured --host name (plus any extra names: for a wildcard bind, the machine's addresses).
 */
export function allowedHostHeaders(port: number, names: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const name of ['127.0.0.1', 'localhost', '::1', ...names]) {
    if (isWildcardHost(name)) continue;
    set.add(`${urlHost(name).toLowerCase()}:${port}`);
    // A browser leaves the port out when it is the scheme's default.
    if (port === 80) set.add(urlHost(name).toLowerCase());
  }
  return set;
}

/**
 * Headers that must come once. Node keeps the first of a repeated Host or Authorization and
 * drops the rest (http.IncomingMessage.headers), so a request with two Host lines would be judged
 * by one and may be read by a proxy, cache or later parser by the other (request smuggling, RFC
 * 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request
 * message that lacks a Host header field and to any such message that contains more than one
 * Host header field line"). Origin is joined by Node, so two Origins would fail anyway: listed
 * so the answer says why. Content-Length and Content-Type decide how the body is read: one each.
 */
export const SINGLE_HEADERS: readonly string[] = ['host', 'authorization', 'origin', 'content-length', 'content-type'];

/** The names in `names` (lower case) that appear more than once in `rawHeaders` (name, value, name, value ...). */
export function repeatedHeaders(rawHeaders: readonly string[], names: readonly string[] = SINGLE_HEADERS): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]?.toLowerCase() ?? '';
    if (names.includes(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return typeof hostHeader === 'string' && allowed.has(hostHeader.toLowerCase());
}

/**
 * No Origin (curl, another clinic system, a same-origin GET in some browsers) is fine: only
 * browsers send Origin, and they send it on every cross-origin request and every WebSocket.
 * An Origin must then be exactly this server as the browser reached it (`http://<Host>`).
 */
export function isSameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (typeof hostHeader !== 'string') return false;
  return originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

/** Headers on every response. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The page's CSP. `connect-src` names the WebSocket explicitly: 'self' covers ws: only in
 * CSP Level 3 browsers. `hostHeader` has been checked against the allowed names already.
 */
export function contentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ws://${hostHeader}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Why a request was refused: one warn line per reason per window (RefusalLog). */
export type RefusalReason = 'host' | 'repeated-header' | 'origin' | 'token' | 'ws-token' | 'timeout';

export interface RefusalLogOptions {
  warn: (message: string, fields: Record<string, string | number>) => void;
  /** Default 60 s. */
  windowMs?: number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: unknown) => void;
}

/**
 * Rate-limits the warn lines of refused requests. A page that hammers the port (a rebinding
 * attack, a misconfigured clinic system retrying without a token) would otherwise write one line
 * per request and fill the disk. Per reason: the first refusal is logged at once (count 1); later
 * ones within the window are counted, and when the window ends one line says how many
 * (`count`), and a new window starts. A reason refused once only is logged once only.
 */
export class RefusalLog {
  private readonly warn: RefusalLogOptions['warn'];
  private readonly windowMs: number;
  private readonly setTimer: NonNullable<RefusalLogOptions['setTimer']>;
  private readonly clearTimer: NonNullable<RefusalLogOptions['clearTimer']>;
  private readonly windows = new Map<RefusalReason, { message: string; suppressed: number; timer: unknown }>();

  constructor(options: RefusalLogOptions) {
    this.warn = options.warn;
    this.windowMs = options.windowMs ?? 60_000;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** Records one refusal. `fields` are logged only on the first line of a window. */
  refused(reason: RefusalReason, message: string, fields: Record<string, string | number> = {}): void {
    const open = this.windows.get(reason);
    if (open) {
      open.suppressed += 1;
      open.message = message;
      return;
    }
    this.warn(message, { reason, count: 1, ...fields });
    this.openWindow(reason, message);
  }

  /** Writes what is still counted and stops the timers (the server is closing). */
  flush(): void {
    for (const [reason, open] of this.windows) {
      this.clearTimer(open.timer);
      if (open.suppressed > 0) this.warn(`${open.message} (repeated)`, { reason, count: open.suppressed, windowMs: this.windowMs });
    }
    this.windows.clear();
  }

  private openWindow(reason: RefusalReason, message: string): void {
    const timer = this.setTimer(() => {
      const open = this.windows.get(reason);
      this.windows.delete(reason);
      if (open && open.suppressed > 0) {
        this.warn(`${open.message} (repeated)`, { reason, count: open.suppressed, windowMs: this.windowMs });
        // Still under fire: keep counting rather than log the next one at once.
        this.openWindow(reason, open.message);
      }
    }, this.windowMs);
    timer.unref?.();
    this.windows.set(reason, { message, suppressed: 0, timer });
  }
}
