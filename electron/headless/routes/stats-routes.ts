/**
 * GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD (issue 12 "Reports"): the per-day figures of
 * stats.daily, as the issue spells them; GET /api/v1/stats/summary?from&to: stats.summary (the
 * same period's failures by code, per gateway, the appointments' funnel).
 */
import type { CommandName } from '../../../src-shared/contract/commands.ts';
import type { ApiContext, ApiResponse } from '../api-routes.ts';
import type { Route } from './route.ts';

/** The query string as the command's parameters (the contract validates them). */
async function byQuery(ctx: ApiContext, command: Extract<CommandName, 'stats.daily' | 'stats.summary'>): Promise<ApiResponse> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of ctx.query) params[key] = value;
  return { status: 200, body: await ctx.client.callUntrusted(command, params) };
}

export const STATS_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/stats$/, command: 'stats.daily', run: (ctx) => byQuery(ctx, 'stats.daily') },
  { method: 'GET', pattern: /^\/stats\/summary$/, command: 'stats.summary', run: (ctx) => byQuery(ctx, 'stats.summary') },
];
