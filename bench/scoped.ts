/**
 * What every benchmark that starts simulators and backends shares: a scope whose cleanups run
 * (last first) even when a run fails, and a monotonic clock in milliseconds.
 */

export type Defer = (cleanup: () => unknown) => void;

/** Runs `body`; whatever it deferred is cleaned up afterwards, last first, each failure logged. */
export async function scoped<T>(body: (defer: Defer) => Promise<T>): Promise<T> {
  const cleanups: Array<() => unknown> = [];
  try {
    return await body((cleanup) => {
      cleanups.push(cleanup);
    });
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`bench cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export const now = (): bigint => process.hrtime.bigint();
export const msBetween = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
