/**
 * The store side of receiving: what a gateway's SMS receiver hands over once it has
 * decoded a PDU. It reassembles long messages (recognising a PDU it committed before), applies
 * delivery reports, keeps the PDUs the codec could not read (so they can leave the SIM), and on
 * a timer stores long messages whose missing parts never came and forgets old fingerprints.
 * What a full disk refuses is kept where it is safe and tried again (disk-full-retry.ts).
 * Never imports electron or the modem.
 */
import type { DeliverPdu, StatusReportPdu } from '../../../src-shared/sms/index.ts';
import type { IncomingSmsSink, RawPdu, UnreadableReason } from '../gateways/modem/sms-receiver.ts';
import { type Clock, type TimerHandle, type Timers, isoAt, systemClock, systemTimers } from '../clock.ts';
import type { StatusChangeRequest } from '../dispatcher/status-change.ts';
import type { StatusEvent } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { IncomingMessage, ReceivedReceipt } from '../messaging.ts';
import type { Store } from '../store/store.ts';
import type { UnreadablePdu, UnreadablePduQuery } from '../store/repositories/unreadable-pdu-repository.ts';
import { DeliveryReports, type ReportOutcome } from './delivery-reports.ts';
import { DiskFullRetry } from './disk-full-retry.ts';
import { isDiskFullError } from '../store/disk-full.ts';
import { type AcceptOutcome, Reassembly } from './reassembly.ts';

export interface ReceivingServiceOptions {
  store: Store;
  receive: (incoming: IncomingMessage) => ReceivedReceipt;
  changeStatus: (request: StatusChangeRequest) => StatusEvent;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** How often waiting parts are checked against the timeout. Default 60 s. */
  checkEveryMs?: number;
  /** Delivery report matching window. Default 3 days. */
  reportWindowMs?: number;
  /** How long a received PDU's fingerprint is kept to recognise a re-read. Default 90 days. */
  fingerprintDays?: number;
  /**
   * Asks a gateway to read its SIM storage again: what a full disk kept there is committed once
   * writes succeed (disk-full-retry.ts). Without it, the gateway's own sweeps take it later.
   */
  reread?: (gatewayId: string) => void;
  /** After a commit refused for a full disk, try again this much later. Default 10 s. */
  writeRetryMs?: number;
}

/** A status report kept in memory because the disk is full (disk-full-retry.ts): applied later. */
export type HeldReportOutcome = { kind: 'held' };

export class ReceivingService implements IncomingSmsSink {
  readonly reassembly: Reassembly;
  readonly reports: DeliveryReports;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly checkEveryMs: number;
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly fingerprintMs: number;
  private timer: TimerHandle | null = null;
  private running = false;
  /** What a full disk kept from being committed (docs/ARCHITECTURE.md "Field survival"). */
  readonly diskFull: DiskFullRetry;

  constructor(options: ReceivingServiceOptions) {
    const clock = options.clock ?? systemClock;
    this.store = options.store;
    this.clock = clock;
    this.fingerprintMs = (options.fingerprintDays ?? 90) * 86_400_000;
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.checkEveryMs = options.checkEveryMs ?? 60_000;
    this.reassembly = new Reassembly({ store: options.store, receive: options.receive, clock, logger: this.logger });
    this.reports = new DeliveryReports({
      store: options.store,
      changeStatus: options.changeStatus,
      clock,
      logger: this.logger,
      ...(options.reportWindowMs === undefined ? {} : { windowMs: options.reportWindowMs }),
    });
    const reread = options.reread;
    this.diskFull = new DiskFullRetry({
      timers: this.timers,
      logger: this.logger,
      apply: (held) => this.reports.apply(held.gatewayId, held.report, held.raw),
      reread: (gatewayId) => reread?.(gatewayId),
      ...(options.writeRetryMs === undefined ? {} : { retryMs: options.writeRetryMs }),
    });
  }

  /** Writes succeed again (the storage monitor's `recovered`): commit what the full disk held back now. */
  retryHeld(): void {
    this.diskFull.retry();
  }

  /** Runs a commit of something read from a SIM; a full disk has the SIM read again later. */
  private fromSim<T>(gatewayId: string, commit: () => T): T {
    try {
      return commit();
    } catch (error) {
      if (isDiskFullError(error)) this.diskFull.rereadLater(gatewayId);
      throw error;
    }
  }

  /**
   * With `raw`, a PDU committed before (a re-read after a crash) is `already-stored`.
   * @throws the SQLite error when the SMS cannot be committed: keep it on the SIM.
   */
  deliver(gatewayId: string, pdu: DeliverPdu, raw?: RawPdu): AcceptOutcome {
    return this.fromSim(gatewayId, () => this.reassembly.accept(gatewayId, pdu, raw));
  }

  /**
   * Keeps a PDU the codec refused (unreadable_pdus), so the SIM side may delete it: it would
   * otherwise take a slot for good. The same PDU read again is kept once.
   * @returns false when it was kept already.
   * @throws the SQLite error when it cannot be committed: keep it on the SIM.
   */
  unreadable(gatewayId: string, raw: RawPdu, reason: UnreadableReason): boolean {
    // In a transaction, so a full disk comes back as DiskFullError and the storage monitor hears of it.
    const kept = this.fromSim(gatewayId, () => this.store.transaction(() => this.store.unreadablePdus.insert({
      gateway: gatewayId,
      storage: raw.storage,
      simIndex: raw.index,
      via: raw.via,
      hex: raw.hex,
      tpduLength: raw.length,
      field: reason.field,
      offset: reason.offset,
      reason: reason.message,
      receivedAt: isoAt(this.clock),
    })));
    // Where it broke, never what it says (the hex is patient data).
    if (kept) this.logger.warn('Unreadable SMS kept for a technician', { gateway: gatewayId, index: raw.index, field: reason.field, offset: reason.offset });
    return kept;
  }

  /** How many unreadable PDUs are kept for `gatewayId` (the gateway card's count). */
  unreadableCount(gatewayId: string): number {
    return this.store.unreadablePdus.count(gatewayId);
  }

  /** The kept unreadable PDUs, newest first, paged by id (for the technician's view). */
  listUnreadable(query: UnreadablePduQuery = {}): { items: UnreadablePdu[]; nextBefore: number | null } {
    return this.store.unreadablePdus.list(query);
  }

  /**
   * With `raw`, a report applied before (a re-read after a crash) is `already-applied`.
   * @throws the SQLite error when the change cannot be committed: keep the report on the SIM.
   */
  statusReport(gatewayId: string, report: StatusReportPdu, raw?: RawPdu): ReportOutcome | HeldReportOutcome {
    try {
      return this.reports.apply(gatewayId, report, raw);
    } catch (error) {
      // A full disk: a report stored on the SIM stays there (read again later); one that came
      // straight from the network (+CDS) exists nowhere else, so it is held in memory.
      if (!isDiskFullError(error)) throw error;
      if (raw !== undefined && raw.index !== null) {
        this.diskFull.rereadLater(gatewayId);
        throw error;
      }
      this.diskFull.hold({ gatewayId, report, raw });
      return { kind: 'held' };
    }
  }

  /** Checks waiting parts now (parts from before a restart may be overdue) and then periodically. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.diskFull.start();
    this.check();
  }

  stop(): void {
    this.running = false;
    this.diskFull.stop();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    if (!this.running) return;
    try {
      this.reassembly.flushExpired();
    } catch (error) {
      this.logger.error('Could not store overdue SMS parts', { error: error instanceof Error ? error.message : String(error) });
    }
    try {
      this.store.receivedPdus.purgeBefore(isoAt(this.clock, -this.fingerprintMs));
    } catch (error) {
      this.logger.warn('Could not forget old received-SMS fingerprints', { error: error instanceof Error ? error.message : String(error) });
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.checkEveryMs);
  }
}
