/**
 * /api/v1/contacts/optout (issue 12 "API and tests"): a system that records consent elsewhere
 * opts a number out (POST) or back in (DELETE), and reads who opted out (GET). A thin
 * translation to consent.* (validation and errors are the contract's); the change is recorded
 * as made by another system, with its reason.
 */
import { HttpError } from '../api-errors.ts';
import type { Route } from './route.ts';

const DEFAULT_REASON = 'Recorded by another clinic system';

function phoneAndReason(body: unknown, query: URLSearchParams): { phone: unknown; reason: unknown } {
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (body !== undefined && body !== null && fromBody === null) throw new HttpError(400, 'invalid-params', 'The body must be a JSON object: { "phone", "reason"? }.');
  const extra = fromBody ? Object.keys(fromBody).filter((k) => k !== 'phone' && k !== 'reason') : [];
  if (extra.length > 0) throw new HttpError(400, 'invalid-params', `Unknown field "${extra[0]}": the body is { "phone", "reason"? }.`, { issues: extra.map((k) => ({ where: k, rule: 'unknown-field', message: 'Not a field of this call.' })) });
  const phone = fromBody?.phone ?? query.get('phone') ?? undefined;
  if (phone === undefined) throw new HttpError(400, 'invalid-params', 'Give the number: { "phone": "+254712345678" }.', { issues: [{ where: 'phone', rule: 'required', message: 'Give the number.' }] });
  return { phone, reason: fromBody?.reason ?? query.get('reason') ?? DEFAULT_REASON };
}

export const CONSENT_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/contacts\/optout$/,
    command: 'consent.list',
    async run(ctx) {
      return { status: 200, body: await ctx.client.callUntrusted('consent.list', {}) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/contacts\/optout$/,
    command: 'consent.set',
    async run(ctx) {
      const { phone, reason } = phoneAndReason(await ctx.readBody(), ctx.query);
      return { status: 200, body: await ctx.client.callUntrusted('consent.set', { phone, reason, optedOut: true, source: 'api' }) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/contacts\/optout$/,
    command: 'consent.set',
    async run(ctx) {
      const { phone, reason } = phoneAndReason(await ctx.readBody(), ctx.query);
      return { status: 200, body: await ctx.client.callUntrusted('consent.set', { phone, reason, optedOut: false, source: 'api' }) };
    },
  },
];
