/**
 * The dispatcher's answer to a full disk (docs/ARCHITECTURE.md "Field survival": full disk).
 * A claim that cannot be written, or a send's result that cannot be recorded, must not leave the
 * dispatcher waiting for its 60 s backstop sweep or for a restart: it tries again on one short,
 * named timer, and at once when the storage monitor says writes succeed again.
 *
 * A result that could not be recorded (the SMS went out, `sent` could not be written) is held
 * here, in memory, and recorded first at the next wake: its row stays `sending` meanwhile (it is
 * never claimed twice), and if Ujumbe stops before the disk has room the next start's crash
 * recovery resolves it as for any interrupted send.
 */
import type { TimerHandle, Timers } from '../clock.ts';
import { isDiskFullError } from '../store/disk-full.ts';
import type { StatusChangeRequest } from './status-change.ts';

/** How long after a write refused for a full disk the dispatcher tries again. */
export const DEFAULT_WRITE_RETRY_MS = 5_000;

/** Results held at most; a full disk that lasts longer than this many sends stops sending (see `full`). */
export const MAX_HELD_RESULTS = 1_000;

export class WriteRetry {
  private readonly held: StatusChangeRequest[] = [];
  private timer: TimerHandle | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly delayMs: number,
    private readonly onFire: () => void,
  ) {}

  /** How many results wait to be recorded. */
  get size(): number {
    return this.held.length;
  }

  /** So many results wait that no more sends should start until they are recorded. */
  get full(): boolean {
    return this.held.length >= MAX_HELD_RESULTS;
  }

  /** Keeps a result that could not be recorded, and arms the timer. */
  hold(change: StatusChangeRequest): void {
    this.held.push(change);
    this.arm();
  }

  /**
   * Records the held results in order through `record`; stops at the first one the full disk
   * refuses again (it and the rest stay, the timer is armed). A result refused for another reason
   * (the row moved on meanwhile) is dropped and reported to `onDropped`.
   */
  flush(record: (change: StatusChangeRequest) => void, onDropped: (change: StatusChangeRequest, error: unknown) => void): void {
    while (this.held.length > 0) {
      const change = this.held[0]!;
      try {
        record(change);
      } catch (error) {
        if (isDiskFullError(error)) {
          this.arm();
          return;
        }
        onDropped(change, error);
      }
      this.held.shift();
    }
  }

  /** One timer at a time: a wake DEFAULT_WRITE_RETRY_MS from the first failure. */
  arm(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.onFire();
    }, this.delayMs);
  }

  clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
