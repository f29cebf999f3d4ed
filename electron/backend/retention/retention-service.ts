/**
 * Retention (issue 13 "Retention"): with `retentionMonths` set (off by default), messages written
 * or received before the start of the clinic day that many months ago are deleted, at start and
 * then once a day, with the conversations they leave empty and the unreadable PDUs of that age.
 * Nothing still waiting to go or being sent is ever deleted (a reminder booked a year ahead was
 * written long ago and is still to go), so appointments' future reminders are untouched.
 *
 * "Older" is by `messages.created`: when a message was written here, or when a received one
 * reached the desk (docs/ARCHITECTURE.md "Replies that act and opt-out"), never the network's
 * time stamp. The months are counted on the clinic's calendar (the `timeZone` setting).
 *
 * A large first run (years of history) goes in slices (work-slices.ts), each one transaction
 * under secure_delete, so the event loop is held at most about one slice plus its commit; each
 * slice is announced like a deletion by hand (deletion-service.ts), so screens follow.
 */
import { fromWallTime, toWallTime } from '../../../src-shared/schedule/clinic-time.ts';
import type { RetentionPreviewDto } from '../../../src-shared/contract/deletion-commands.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { Clock, TimerHandle, Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { inSlices } from '../work-slices.ts';
import type { DeletionService } from './deletion-service.ts';

/** What one run deleted: the audit trail's entry (actor `system`, action `messages.deleted-by-retention`). */
export interface RetentionRun {
  count: number;
  before: string;
}

export interface RetentionOptions {
  store: Store;
  deletion: DeletionService;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** The first run, after start (default 30 s: after the gateways' start-up sweeps). */
  startDelayMs?: number;
  /** Between runs (default a day). */
  everyMs?: number;
  /** After a failed run (a full disk), the next try (default an hour). */
  retryMs?: number;
  /** How long one slice may hold the event loop before it commits (default RETENTION_SLICE_MS). */
  sliceMs?: number;
  /** Ids looked at per step (default ID_WINDOW). */
  idWindow?: number;
  /** Monotonic ms and the pause between slices, for tests (work-slices.ts). */
  elapsedMs?: () => number;
  pause?: () => Promise<void>;
}

/**
 * One slice's budget before its commit. Measured (docs/ARCHITECTURE.md "Retention and deletion"):
 * with 15 ms the longest event-loop block of a 100,000-message run stays under the 50 ms goal,
 * the commit (encrypt and fsync the slice's pages) included.
 */
export const RETENTION_SLICE_MS = 15;
/**
 * A step's id range. A step is never cut short, so it is what a slice may overrun by: deleting
 * one message with its search entry costs about 0.3 ms under secure-delete (bench/
 * retention.bench.ts), so 25 ids are at most about 8 ms.
 */
export const ID_WINDOW = 25;
const DAY_MS = 86_400_000;

/**
 * The start of the clinic day `months` calendar months before now's: 2026-03-31 less one month
 * is 2026-02-28 (the month's last day when it has no 31st). Messages created before it go.
 */
export function retentionCutoff(nowMs: number, months: number, timeZone: string): string {
  const today = toWallTime(nowMs, timeZone);
  const monthIndex = today.year * 12 + (today.month - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Date(fromWallTime({ year, month, day: Math.min(today.day, lastDay), hour: 0, minute: 0 }, timeZone)).toISOString();
}

export class RetentionService {
  private readonly options: RetentionOptions;
  private timer: TimerHandle | null = null;
  private running: Promise<RetentionRun | null> | null = null;
  private started = false;
  /** stop() was called: no run begins, a run in progress ends after its slice. */
  private stopped = false;
  private again = false;
  private readonly hooks = new Set<(run: RetentionRun) => void>();

  constructor(options: RetentionOptions) {
    this.options = options;
  }

  /**
   * After each run that deleted something: the lead wires it into the audit trail as actor
   * `system` (issue 13 "deletions are audited"). A throwing hook is logged, never rethrown.
   * @returns unsubscribe
   */
  onDeleted(hook: (run: RetentionRun) => void): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(this.options.startDelayMs ?? 30_000);
  }

  /** No new run; a run in progress ends after its current slice (committed whole). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running?.catch(() => null);
  }

  /** The setting changed: a run now (turned on or shortened), then daily again. */
  settingChanged(): void {
    if (!this.started || this.stopped) return;
    // A run in progress read the old setting: another follows it.
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /**
   * Deletes what the setting says is too old, now. One run at a time: a call during a run gets
   * that run. @returns what was deleted; null when retention is off (or stopped).
   */
  runNow(): Promise<RetentionRun | null> {
    this.running ??= this.run().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) this.schedule(0);
      this.again = false;
    });
    return this.running;
  }

  /** How many messages `months` would delete now (nothing waiting counted), in slices like a run. */
  async preview(months: number): Promise<RetentionPreviewDto> {
    const before = this.cutoff(months);
    const { store } = this.options;
    const window = this.options.idWindow ?? ID_WINDOW;
    const steps = Math.ceil(store.deletion.maxMessageId() / window);
    let count = 0;
    await inSlices(steps, (i) => {
      count += store.deletion.expiredInRange(i * window, (i + 1) * window, before).length;
    }, this.sliceOptions());
    return { before, count };
  }

  private cutoff(months: number): string {
    const { store, clock } = this.options;
    return retentionCutoff(clock.now(), months, clinicTimeZone(store.settings.get('timeZone')));
  }

  private async run(): Promise<RetentionRun | null> {
    const { store, deletion, logger } = this.options;
    const months = store.settings.get('retentionMonths');
    if (months === null || this.stopped) return null;
    const before = this.cutoff(months);
    const window = this.options.idWindow ?? ID_WINDOW;
    // Ids above today's highest are new messages: never old enough.
    const steps = Math.ceil(store.deletion.maxMessageId() / window);
    let count = 0;
    let slice: { messageIds: number[]; recipients: number; conversationIds: Set<number> } = { messageIds: [], recipients: 0, conversationIds: new Set() };
    await inSlices(
      steps,
      (i) => {
        // Stopping: the rest of this slice does nothing (it still commits what it did).
        if (this.stopped) return;
        const ids = store.deletion.expiredInRange(i * window, (i + 1) * window, before);
        if (ids.length === 0) return;
        const rows = store.deletion.deleteMessages(ids);
        slice.messageIds.push(...rows.messageIds);
        slice.recipients += rows.recipients;
        for (const id of rows.conversationIds) slice.conversationIds.add(id);
      },
      {
        ...this.sliceOptions(),
        wrap: (run) => store.deletion.secure(() => store.transaction(run)),
        afterSlice: () => {
          if (slice.messageIds.length > 0) {
            count += slice.messageIds.length;
            deletion.announce({ messageIds: slice.messageIds, recipients: slice.recipients, conversationIds: [...slice.conversationIds], contactId: null, by: 'retention' }, 'old messages');
          }
          slice = { messageIds: [], recipients: 0, conversationIds: new Set() };
        },
      },
    );
    // Kept for a technician, with the text the codec could not read: of the same age, gone too.
    const pdus = store.deletion.secure(() => store.transaction(() => store.deletion.deleteUnreadablePdusBefore(before)));
    logger.info('Retention run', { months, before, messages: count, unreadablePdus: pdus });
    const result = { count, before };
    if (count > 0) {
      for (const hook of this.hooks) {
        try {
          hook(result);
        } catch (err) {
          logger.error('A retention hook failed', { error: err instanceof Error ? err.message : String(err) });
        }
      }
    }
    return result;
  }

  private sliceOptions() {
    return {
      sliceMs: this.options.sliceMs ?? RETENTION_SLICE_MS,
      ...(this.options.elapsedMs ? { elapsedMs: this.options.elapsedMs } : {}),
      ...(this.options.pause ? { pause: this.options.pause } : {}),
    };
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      void this.runNow().then(
        () => {
          if (!this.stopped && this.timer === null) this.schedule(this.options.everyMs ?? DAY_MS);
        },
        (err: unknown) => {
          this.options.logger.warn('Retention run failed; trying again later', { error: err instanceof Error ? err.message : String(err) });
          if (!this.stopped) this.schedule(this.options.retryMs ?? 3_600_000);
        },
      );
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
