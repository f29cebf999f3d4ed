/**
 * Locks the screen after some minutes of no use (issue 13 "Lock": SessionDto.lockAfterMinutes):
 * any key, click, pointer or touch on the page counts as use. Activity only records the time, so
 * a mouse moving costs nothing; one timer runs at a time, set for when the last use plus the
 * idle time falls due, and when it fires too early (use came meanwhile) it sets itself again.
 * Clock and timers are injectable (docs/ARCHITECTURE.md "Habits" 9) so tests need no real wait.
 */
import { useEffect, useRef } from 'react';

export interface IdleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's own clock, read at each call (so a test's fake timers are the ones used). */
export const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What counts as someone using the desk. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'focusin'] as const;

export interface WatchIdleOptions {
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  clock?: IdleClock;
}

/**
 * Calls `onIdle` once after `minutes` without activity on `target` (default: window).
 * @returns stop watching
 */
export function watchIdle(minutes: number, onIdle: () => void, { target = window, clock = realClock }: WatchIdleOptions = {}): () => void {
  const idleMs = minutes * 60_000;
  let last = clock.now();
  let handle: unknown = null;
  let stopped = false;
  const arm = (ms: number) => {
    handle = clock.setTimeout(check, Math.max(0, ms));
  };
  function check() {
    handle = null;
    if (stopped) return;
    const quiet = clock.now() - last;
    if (quiet >= idleMs) {
      stopped = true;
      onIdle();
      return;
    }
    arm(idleMs - quiet);
  }
  const used = () => {
    last = clock.now();
  };
  for (const event of ACTIVITY_EVENTS) target.addEventListener(event, used, { passive: true, capture: true });
  arm(idleMs);
  return () => {
    stopped = true;
    if (handle !== null) clock.clearTimeout(handle);
    for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, used, { capture: true });
  };
}

/** `watchIdle` for a component's life; null or 0 minutes: never by itself. The latest `onIdle` is called. */
export function useIdleLock(minutes: number | null, onIdle: () => void, options: WatchIdleOptions = {}): void {
  const ref = useRef(onIdle);
  useEffect(() => {
    ref.current = onIdle;
  });
  const { target, clock } = options;
  useEffect(() => {
    if (minutes === null || !(minutes > 0)) return;
    return watchIdle(minutes, () => ref.current(), { ...(target ? { target } : {}), ...(clock ? { clock } : {}) });
  }, [minutes, target, clock]);
}
