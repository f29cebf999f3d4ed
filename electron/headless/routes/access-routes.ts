/**
 * /api/v1/keys and /api/v1/audit (issue 13): other systems' API keys, made and revoked by an
 * administrator, and the audit trail, newest first. Thin translations to apiKeys.* and audit.*:
 * the role check (administrator only) and validation are the contract's, so a nurse's or a
 * viewer's key gets 403 here as everywhere.
 */
import { HttpError } from '../api-errors.ts';
import type { ApiKeyDto, AuditEntryDto } from '../../../src-shared/contract/access-commands.ts';
import { numberish, type Route } from './route.ts';

function keyView(k: ApiKeyDto) {
  return { id: k.id, name: k.name, role: k.role, prefix: k.prefix, created: k.created, createdBy: k.createdBy, lastUsed: k.lastUsed, revoked: k.revoked };
}

function auditView(e: AuditEntryDto) {
  return { id: e.id, at: e.at, actor: e.actor, actorName: e.actorName, action: e.action, object: e.object };
}

function objectBody(body: unknown, shape: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalid-params', `The body must be a JSON object: ${shape}.`);
  return body as Record<string, unknown>;
}

const AUDIT_QUERY = ['actor', 'action', 'from', 'to', 'limit', 'before'] as const;

export const ACCESS_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/keys$/,
    command: 'apiKeys.list',
    async run(ctx) {
      const { items } = await ctx.client.callUntrusted('apiKeys.list', {});
      return { status: 200, body: { items: items.map(keyView) } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/keys$/,
    command: 'apiKeys.create',
    async run(ctx) {
      const body = objectBody(await ctx.readBody(), '{ "name", "role" }');
      const made = await ctx.client.callUntrusted('apiKeys.create', body);
      return { status: 201, body: { ...keyView(made), key: made.key }, headers: { Location: `${ctx.baseUrl}/api/v1/keys/${made.id}`, 'Cache-Control': 'no-store' } };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/keys\/([^/]+)$/,
    command: 'apiKeys.revoke',
    async run(ctx, match) {
      const revoked = await ctx.client.callUntrusted('apiKeys.revoke', { id: numberish(decodeURIComponent(match[1]!)) });
      return { status: 200, body: keyView(revoked) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/audit$/,
    command: 'audit.list',
    async run(ctx) {
      const params: Record<string, unknown> = {};
      for (const [key, value] of ctx.query) {
        if (!(AUDIT_QUERY as readonly string[]).includes(key)) throw new HttpError(400, 'invalid-params', `Unknown query parameter "${key}": use ${AUDIT_QUERY.join(', ')}.`, { issues: [{ where: key, rule: 'unknown-field', message: 'Not a parameter of this route.' }] });
        params[key] = key === 'limit' || key === 'before' ? numberish(value) : value;
      }
      const page = await ctx.client.callUntrusted('audit.list', params);
      return { status: 200, body: { items: page.items.map(auditView), nextBefore: page.nextBefore } };
    },
  },
];
