/**
 * What receiving could not commit because the disk was full, and how it is tried again
 * (docs/ARCHITECTURE.md "Field survival": full disk):
 * - an SMS (or a stored report) read from the SIM stays there, as always when a commit fails
 *   ("delete only after commit"); its gateway is asked to read its SIM again (`reread`) once
 *   writes may succeed, instead of waiting for the 5-minute backstop sweep or a restart;
 * - a status report that came straight from the network (+CDS) exists nowhere else, so it is
 *   held here in memory (bounded: MAX_HELD_REPORTS, the oldest dropped first) and applied then.
 * "Then" is the first of: the storage monitor's `recovered` (any write succeeded), or this
 * file's short retry timer (a write of ours is the probe when nothing else writes).
 */
import type { StatusReportPdu } from '../../../src-shared/sms/index.ts';
import type { TimerHandle, Timers } from '../clock.ts';
import type { RawPdu } from '../gateways/modem/sms-receiver.ts';
import type { Logger } from '../logger.ts';
import { isDiskFullError } from '../store/disk-full.ts';

/** How long after a commit refused for a full disk receiving tries again. */
export const RECEIVING_WRITE_RETRY_MS = 10_000;

/** Status reports held in memory at most (one per SMS part sent while the disk was full). */
export const MAX_HELD_REPORTS = 500;

export interface HeldReport {
  gatewayId: string;
  report: StatusReportPdu;
  raw: RawPdu | undefined;
}

export interface DiskFullRetryOptions {
  timers: Timers;
  logger: Logger;
  /** Applies a held report; throws (a full disk again) to keep it. */
  apply: (held: HeldReport) => void;
  /** Asks a gateway to read its SIM storage again. */
  reread: (gatewayId: string) => void;
  retryMs?: number;
}

export class DiskFullRetry {
  private readonly reports: HeldReport[] = [];
  private readonly rereads = new Set<string>();
  private timer: TimerHandle | null = null;
  private stopped = false;
  private retrying = false;

  constructor(private readonly options: DiskFullRetryOptions) {}

  /** Reports waiting in memory. */
  get heldReports(): number {
    return this.reports.length;
  }

  /** A commit of something read from `gatewayId`'s SIM failed for a full disk: read it again later. */
  rereadLater(gatewayId: string): void {
    this.rereads.add(gatewayId);
    this.arm();
  }

  /** Keeps a report that came straight from the network; the oldest goes when too many wait. */
  hold(held: HeldReport): void {
    if (this.reports.length >= MAX_HELD_REPORTS) {
      const dropped = this.reports.shift()!;
      this.options.logger.error('Too many delivery reports wait for disk space; the oldest is dropped', { gateway: dropped.gatewayId, reference: dropped.report.reference });
    }
    this.reports.push(held);
    this.options.logger.warn('The disk is full: a delivery report waits in memory', { gateway: held.gatewayId, reference: held.report.reference, waiting: this.reports.length });
    this.arm();
  }

  /**
   * Applies the held reports in order (stopping at the first a full disk refuses again), then
   * asks each gateway whose SIM still holds what could not be committed to read it again.
   */
  retry(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    // The first write that succeeds announces `recovered`, which calls retry() again from inside
    // `apply`: the loop under way takes care of everything.
    if (this.stopped || this.retrying) return;
    this.retrying = true;
    try {
      this.retryNow();
    } finally {
      this.retrying = false;
    }
  }

  private retryNow(): void {
    while (this.reports.length > 0) {
      const held = this.reports[0]!;
      try {
        this.options.apply(held);
      } catch (error) {
        if (isDiskFullError(error)) {
          this.arm();
          return;
        }
        this.options.logger.error('A held delivery report could not be applied', { gateway: held.gatewayId, error: error instanceof Error ? error.message : String(error) });
      }
      this.reports.shift();
    }
    const gateways = [...this.rereads];
    this.rereads.clear();
    // A reread whose commit fails again calls rereadLater, which arms the timer again.
    for (const gatewayId of gateways) this.options.reread(gatewayId);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.reports.length > 0) this.options.logger.error('Stopped with delivery reports still waiting for disk space; they are lost', { count: this.reports.length });
  }

  start(): void {
    this.stopped = false;
  }

  private arm(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      this.retry();
    }, this.options.retryMs ?? RECEIVING_WRITE_RETRY_MS);
  }
}
