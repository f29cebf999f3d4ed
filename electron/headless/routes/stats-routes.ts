/** GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD (issue 12 "Reports"): the per-day figures of stats.daily, as the issue spells them. */
import type { Route } from './route.ts';

export const STATS_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/stats$/,
    async run(ctx) {
      const params: Record<string, unknown> = {};
      for (const [key, value] of ctx.query) params[key] = value;
      return { status: 200, body: await ctx.client.callUntrusted('stats.daily', params) };
    },
  },
];
