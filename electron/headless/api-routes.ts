/**
 * The HTTP JSON API under /api/v1: the interface other clinic systems use to send messages
 * (as the reference's API was for OpenMRS modules). Every route is a thin translation to a
 * contract command through `rpc.invoke`, so validation, limits and errors are exactly those of
 * the WebSocket and of Electron IPC. The public shapes are written out here (and in
 * openapi.ts) rather than leaking the UI's DTOs, so the UI can change without breaking callers.
 */
import type { MessageDetail } from '../../src-shared/contract/dto.ts';
import type { ErrorData } from '../../src-shared/errors.ts';
import type { RpcServer } from '../../src-shared/rpc/server.ts';
import { HttpError } from './api-errors.ts';
import { openApiDocument } from './openapi.ts';

export const API_PREFIX = '/api/v1';

export interface ApiContext {
  rpc: Pick<RpcServer, 'invoke'>;
  /** Reads and parses the JSON body. @throws HttpError (bad-json, body-too-large, unsupported-media-type) */
  readBody(): Promise<unknown>;
  query: URLSearchParams;
  /** The server's own base URL as the caller reached it, for Location and the OpenAPI servers list. */
  baseUrl: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An RPC outcome that failed: turned into the error response by the HTTP server. */
export class RpcFailure extends Error {
  constructor(readonly error: ErrorData) {
    super(error.message);
    this.name = 'RpcFailure';
  }
}

async function call(ctx: ApiContext, command: string, params: unknown): Promise<unknown> {
  const outcome = await ctx.rpc.invoke(command, params);
  if (!outcome.ok) throw new RpcFailure(outcome.error);
  return outcome.result;
}

/**
 * Query strings are text; the contract wants numbers for ids and limits. Digits become a
 * number; anything else is passed on as text so the contract's validation names the field.
 */
function numberish(value: string): number | string {
  return /^\d{1,16}$/.test(value) ? Number(value) : value;
}

function queryParams(query: URLSearchParams, numeric: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of query) params[key] = numeric.includes(key) ? numberish(value) : value;
  return params;
}

/** `{ to: ["+2547...", "a@b.org"], text, subject? }` -> the contract's messages.send params. */
export function sendParamsFromBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid-params', 'The body must be a JSON object: { "to": [address, ...], "text": "..." }.');
  }
  const { to, ...rest } = body as Record<string, unknown>;
  // Anything that is not a list of strings goes on as it is: the contract's schema then names
  // exactly what is wrong (`to`, `to.2`), the same words the WebSocket would use.
  const mapped = Array.isArray(to)
    ? to.map((entry) => (typeof entry === 'string' ? { kind: 'address', address: entry, protocol: entry.includes('@') ? 'email' : 'sms' } : entry))
    : to;
  return { ...rest, to: mapped };
}

/** The public view of a message: each recipient's status and, when it is not sent, why. */
export function messageView(detail: MessageDetail) {
  return {
    id: detail.id,
    direction: detail.direction,
    created: detail.created,
    subject: detail.subject,
    text: detail.content,
    recipients: detail.recipients.map((r) => ({
      id: r.id,
      address: r.address,
      protocol: r.protocol,
      status: r.status,
      error: r.status === 'sent' || r.status === 'delivered' ? null : r.lastError,
      errorCode: r.status === 'sent' || r.status === 'delivered' ? null : r.lastErrorCode,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      references: r.gatewayRefs,
      flags: r.flags,
      updated: r.updated,
    })),
  };
}

interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path after API_PREFIX. */
  pattern: RegExp;
  run(ctx: ApiContext, match: RegExpExecArray): Promise<ApiResponse>;
}

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/messages$/,
    async run(ctx) {
      const params = sendParamsFromBody(await ctx.readBody());
      const receipt = (await call(ctx, 'messages.send', params)) as {
        messageId: number;
        recipients: Array<{ id: number; address: string; status: string }>;
        sms: { encoding: string; segments: number } | null;
      };
      return {
        status: 201,
        headers: { Location: `${API_PREFIX}/messages/${receipt.messageId}` },
        body: { id: receipt.messageId, recipients: receipt.recipients.map(({ id, address, status }) => ({ id, address, status })), sms: receipt.sms },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages$/,
    async run(ctx) {
      const page = await call(ctx, 'messages.list', queryParams(ctx.query, ['limit', 'before']));
      return { status: 200, body: page };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)$/,
    async run(ctx, match) {
      const detail = (await call(ctx, 'messages.get', { id: numberish(match[1] ?? '') })) as MessageDetail;
      return { status: 200, body: messageView(detail) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/conversations$/,
    async run(ctx) {
      const page = await call(ctx, 'conversations.list', queryParams(ctx.query, ['limit', 'before']));
      return { status: 200, body: page };
    },
  },
  {
    method: 'GET',
    pattern: /^\/gateways$/,
    async run(ctx) {
      return { status: 200, body: { items: await call(ctx, 'gateways.list', {}) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/health$/,
    async run(ctx) {
      const info = (await call(ctx, 'app.info', {})) as { version: string };
      const gateways = (await call(ctx, 'gateways.list', {})) as Array<{ state: string }>;
      return {
        status: 200,
        body: { status: 'ok', version: info.version, gateways: gateways.length, running: gateways.filter((g) => g.state === 'running').length },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/openapi\.json$/,
    async run(ctx) {
      const info = (await call(ctx, 'app.info', {})) as { version: string };
      return { status: 200, body: openApiDocument({ version: info.version, serverUrl: `${ctx.baseUrl}${API_PREFIX}` }) };
    },
  },
];

/**
 * Routes one API request (the path without API_PREFIX).
 * @throws HttpError (unknown route, wrong method, body problems), RpcFailure (the command failed)
 */
export async function routeApiRequest(method: string, path: string, ctx: ApiContext): Promise<ApiResponse> {
  const matching = ROUTES.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match !== null);
  if (matching.length === 0) throw new HttpError(404, 'unknown-route', `There is no API route ${path || '/'}.`, { path });
  const effective = method === 'HEAD' ? 'GET' : method;
  const hit = matching.find((m) => m.route.method === effective);
  if (!hit) {
    const allow = [...new Set(matching.map((m) => m.route.method))].join(', ');
    throw new HttpError(405, 'method-not-allowed', `${path} takes ${allow}.`, { allow }, { Allow: allow });
  }
  return hit.route.run(ctx, hit.match!);
}
