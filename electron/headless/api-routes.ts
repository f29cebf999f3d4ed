/**
 * The HTTP JSON API under /api/v1: the interface other clinic systems use to send messages
 * (as the reference's API was for OpenMRS modules). Every route is a thin translation to a
 * contract command through the in-process client (the RPC server's `invoke`), so validation,
 * limits and errors are exactly those of the WebSocket and of Electron IPC. The public shapes are written out here (and in
 * openapi.ts) rather than leaking the UI's DTOs, so the UI can change without breaking callers.
 */
import type { GatewayView, MessageDetail } from '../../src-shared/contract/dto.ts';
import type { InProcessClient } from '../../src-shared/rpc/in-process-client.ts';
import { RpcError } from '../../src-shared/rpc/client.ts';
import type { CommandName } from '../../src-shared/contract/commands.ts';
import type { ErrorData } from '../../src-shared/errors.ts';
import { HttpError } from './api-errors.ts';
import { openApiDocument } from './openapi.ts';
import { APPOINTMENT_ROUTES } from './routes/appointment-routes.ts';
import { CONSENT_ROUTES } from './routes/consent-routes.ts';
import { STATS_ROUTES } from './routes/stats-routes.ts';
import { ACCESS_ROUTES } from './routes/access-routes.ts';
import { numberish, type Route } from './routes/route.ts';

export const API_PREFIX = '/api/v1';

export interface ApiContext {
  /** Fails with RpcError (the command's code), which the HTTP server turns into the error response. */
  client: InProcessClient;
  /** Reads and parses the JSON body. @throws HttpError (bad-json, body-too-large, unsupported-media-type) */
  readBody(): Promise<unknown>;
  query: URLSearchParams;
  /** The server's own base URL as the caller reached it, for Location and the OpenAPI servers list. */
  baseUrl: string;
  /** The caller's refusal for a command (the contract's role check), or null; asked before a route reads its body. */
  authorize?: (command: CommandName) => ErrorData | null;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}


function queryParams(query: URLSearchParams, numeric: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of query) params[key] = numeric.includes(key) ? numberish(value) : value;
  return params;
}

/** `{ to: ["+2547...", "a@b.org"], text | template + variables, subject? }` -> the contract's messages.send params. */
function sendParamsFromBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid-params', 'The body must be a JSON object: { "to": [address, ...], "text": "..." } (or "template" instead of "text").');
  }
  const { to, ...rest } = body as Record<string, unknown>;
  // Anything that is not a list of strings goes on as it is: the contract's schema then names
  // exactly what is wrong (`to`, `to.2`), the same words the WebSocket would use.
  const mapped = Array.isArray(to)
    ? to.map((entry) => (typeof entry === 'string' ? { kind: 'address', address: entry, protocol: entry.includes('@') ? 'email' : 'sms' } : entry))
    : to;
  // Another system's send: the clinic's send window holds it when it is scheduled, unless the
  // caller says otherwise (`"automated": false`).
  return { automated: true, ...rest, to: mapped };
}

/** The public view of a message: each recipient's status and, when it is not sent, why. */
function messageView(detail: MessageDetail) {
  return {
    id: detail.id,
    direction: detail.direction,
    created: detail.created,
    subject: detail.subject,
    text: detail.content,
    sendAt: detail.sendAt ?? null,
    expiresAt: detail.expiresAt ?? null,
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
      // The same answer the desktop's Outbox gives (report-wait.ts, the backend's clock).
      reportOverdue: r.reportOverdue,
      updated: r.updated,
    })),
  };
}

/** The public view of a gateway's details, written out per kind (codes, no words). */
function gatewayDetailView(gateway: GatewayView) {
  if (gateway.kind === 'email') {
    const { server, security, lastFailure } = gateway.detail;
    return { server, security, lastFailure };
  }
  const d = gateway.detail;
  return {
    port: d.port,
    profile: d.profile,
    manufacturer: d.manufacturer,
    model: d.model,
    revision: d.revision,
    imei: d.imei,
    operator: d.operator,
    signalDbm: d.signalDbm,
    signalBars: d.signalBars,
    registration: d.registration,
    sim: d.sim,
    smsMode: d.smsMode,
    serviceCentre: d.serviceCentre,
    undecodableOnSim: d.undecodableOnSim,
    unreadableStored: d.unreadableStored ?? 0,
  };
}

/**
 * The public view of a gateway. A problem is a code with its values (`{ code: 'no-network' }`),
 * as the contract carries it: the API does not word it (the renderer words it for the nurse).
 */
function gatewayView(gateway: GatewayView) {
  return {
    id: gateway.id,
    label: gateway.label,
    protocol: gateway.protocol,
    kind: gateway.kind,
    state: gateway.state,
    enabled: gateway.enabled,
    problem: gateway.problem === null ? null : { code: gateway.problem.code, values: gateway.problem.values ?? {} },
    detail: gatewayDetailView(gateway),
    queueLength: gateway.queueLength,
    sentToday: gateway.sentToday,
    lastError: gateway.lastError,
    demo: gateway.demo,
    dailyCap: gateway.dailyCap,
    dailyCapReached: gateway.dailyCapReached,
  };
}


/** Every route, in match order (exported for the role tests, which are generated from it). */
export const ROUTES: readonly Route[] = [
  ...APPOINTMENT_ROUTES,
  ...CONSENT_ROUTES,
  ...STATS_ROUTES,
  ...ACCESS_ROUTES,
  {
    method: 'POST',
    pattern: /^\/messages$/,
    command: 'messages.send',
    async run(ctx) {
      const params = sendParamsFromBody(await ctx.readBody());
      const receipt = await ctx.client.callUntrusted('messages.send', params);
      return {
        status: 201,
        headers: { Location: `${API_PREFIX}/messages/${receipt.messageId}` },
        body: {
          id: receipt.messageId,
          recipients: receipt.recipients.map(({ id, address, status }) => ({ id, address, status })),
          sms: receipt.sms,
          // A template send: `id` stays the first message (callers written for one message keep working); each message is listed.
          ...(receipt.messages === undefined
            ? {}
            : { messages: receipt.messages.map((m) => ({ id: m.messageId, text: m.text, language: m.language, discreet: m.discreet, recipientIds: m.recipientIds, sms: m.sms })) }),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages$/,
    command: 'messages.search',
    async run(ctx) {
      const params = queryParams(ctx.query, ['limit', 'before']);
      if (ctx.query.has('q')) {
        // Full-text search (words, accents and case ignored): each hit with its text and the matching words marked.
        const found = await ctx.client.callUntrusted('messages.search', params);
        const items = found.items.map((h) => ({
          id: h.messageId,
          direction: h.direction,
          created: h.created,
          conversationId: h.conversationId,
          address: h.address,
          contactName: h.contactName,
          text: h.parts.map((p) => p.text).join(''),
          highlight: h.parts,
        }));
        return { status: 200, body: { items, nextBefore: found.nextBefore } };
      }
      const page = await ctx.client.callUntrusted('messages.list', params);
      return { status: 200, body: page };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)$/,
    command: 'messages.get',
    async run(ctx, match) {
      const detail = await ctx.client.callUntrusted('messages.get', { id: numberish(match[1] ?? '') });
      return { status: 200, body: messageView(detail) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/conversations$/,
    command: 'conversations.list',
    async run(ctx) {
      const page = await ctx.client.callUntrusted('conversations.list', queryParams(ctx.query, ['limit', 'before']));
      return { status: 200, body: page };
    },
  },
  {
    method: 'GET',
    pattern: /^\/gateways$/,
    command: 'gateways.list',
    async run(ctx) {
      const gateways = await ctx.client.call('gateways.list', {});
      return { status: 200, body: { items: gateways.map(gatewayView) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/health$/,
    command: 'gateways.list',
    async run(ctx) {
      const info = await ctx.client.call('app.info', {});
      const gateways = await ctx.client.call('gateways.list', {});
      return {
        status: 200,
        // `status` says the host answers (api-client.ts findRunningHost relies on 'ok'); the
        // disk's state is beside it, as codes and numbers.
        body: {
          status: 'ok',
          version: info.version,
          gateways: gateways.length,
          running: gateways.filter((g) => g.state === 'running').length,
          storage: { state: info.storage.state, freeBytes: info.storage.freeBytes, lowSpaceBytes: info.storage.lowSpaceBytes, checkedAt: info.storage.checkedAt },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/openapi\.json$/,
    command: 'app.info',
    async run(ctx) {
      const info = await ctx.client.call('app.info', {});
      return { status: 200, body: openApiDocument({ version: info.version, serverUrl: `${ctx.baseUrl}${API_PREFIX}` }) };
    },
  },
];

/**
 * Routes one API request (the path without API_PREFIX).
 * @throws HttpError (unknown route, wrong method, body problems), RpcError (the command failed)
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
  const refusal = ctx.authorize?.(hit.route.command) ?? null;
  if (refusal) throw RpcError.from(refusal);
  return hit.route.run(ctx, hit.match!);
}
