/**
 * A clock and timers that move only when a test says so: no sleeping, no timed assertions.
 * Implements both Clock and Timers (electron/backend/clock.ts).
 */
import type { Clock, TimerHandle, Timers } from '../../electron/backend/clock.ts';

interface FakeTimer {
  id: number;
  atMs: number;
  callback: () => void;
}

export class FakeClock implements Clock, Timers {
  private nowMs: number;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(start = '2025-03-03T08:00:00.000Z') {
    this.nowMs = Date.parse(start);
  }

  /** Milliseconds the clock moves on by at every read: time passing while code runs. */
  tickOnRead = 0;

  now(): number {
    const now = this.nowMs;
    this.nowMs += this.tickOnRead;
    return now;
  }

  iso(offsetMs = 0): string {
    return new Date(this.nowMs + offsetMs).toISOString();
  }

  setTimeout = (callback: () => void, ms: number): TimerHandle => {
    const timer = { id: this.nextId++, atMs: this.nowMs + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /** When each pending timer fires, soonest first (ms from now). */
  pendingDelays(): number[] {
    return this.timers.map((t) => t.atMs - this.nowMs).sort((a, b) => a - b);
  }

  /**
   * Fires the soonest timer `byMs` before its time, as Node's timers may (they round to whole
   * milliseconds of a different clock than Date.now()).
   */
  fireSoonestEarly(byMs: number): void {
    const due = [...this.timers].sort((a, b) => a.atMs - b.atMs || a.id - b.id)[0];
    if (!due) throw new Error('no timer is pending');
    this.timers = this.timers.filter((t) => t !== due);
    this.nowMs = due.atMs - byMs;
    due.callback();
  }

  /**
   * Moves time forward, firing every timer that falls due on the way, in order, with the
   * clock set to each one's time (timers they set inside the window fire too).
   */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.atMs <= end).sort((a, b) => a.atMs - b.atMs || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.atMs);
      due.callback();
    }
    this.nowMs = end;
  }
}
