/**
 * Time as an injectable edge (docs/ARCHITECTURE.md "Habits": injectable edges). The backend never calls Date.now() or the global
 * timers directly, so tests drive time with a fake clock and never sleep.
 */

/** Where "now" comes from. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** An opaque timer handle: whatever the matching setTimeout returned. */
export type TimerHandle = unknown;

/** setTimeout / clearTimeout shaped, so the global ones (or a fake) can be passed in. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The ISO-8601 UTC string every timestamp in the database uses; they sort as text. */
export function isoAt(clock: Clock, offsetMs = 0): string {
  return new Date(clock.now() + offsetMs).toISOString();
}

/**
 * `work`, or `onExpiry()`'s value if it has not settled within `ms` (on the injected timers).
 * The timer is cleared either way; `work` is not cancelled (the caller closes what it opened).
 */
export async function withDeadline<T>(timers: Timers, ms: number, work: Promise<T>, onExpiry: () => T): Promise<T> {
  let handle: TimerHandle | null = null;
  const expired = new Promise<T>((resolve) => {
    handle = timers.setTimeout(() => resolve(onExpiry()), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    if (handle !== null) timers.clearTimeout(handle);
  }
}
