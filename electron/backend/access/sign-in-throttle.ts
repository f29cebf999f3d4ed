/**
 * How long a user must wait after failed sign-ins (issue 13: "throttled after failed tries"). A
 * pure decision over the user's row (failed_count, blocked_until survive a restart, so quitting
 * the app does not reset the count).
 *
 * Five tries are free (a nurse mistyping), then each failure blocks the next try for 30 s,
 * doubling up to 15 minutes: 10,000 four-digit PINs would take months. A success clears it.
 */
export const FREE_TRIES = 5;
export const FIRST_BLOCK_MS = 30_000;
export const LONGEST_BLOCK_MS = 15 * 60_000;

/** Milliseconds until the next try is allowed; 0: now. */
export function waitBeforeTry(blockedUntil: string | null, nowMs: number): number {
  if (blockedUntil === null) return 0;
  const until = Date.parse(blockedUntil);
  return Number.isFinite(until) && until > nowMs ? until - nowMs : 0;
}

/** After one more failure: the new count and until when the next try is blocked (null: not blocked). */
export function afterFailure(failedCount: number, nowMs: number): { failedCount: number; blockedUntil: string | null } {
  const count = failedCount + 1;
  if (count < FREE_TRIES) return { failedCount: count, blockedUntil: null };
  const block = Math.min(LONGEST_BLOCK_MS, FIRST_BLOCK_MS * 2 ** Math.min(20, count - FREE_TRIES));
  return { failedCount: count, blockedUntil: new Date(nowMs + block).toISOString() };
}
