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
