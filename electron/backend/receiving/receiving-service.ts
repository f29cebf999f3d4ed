/**
 * The store side of receiving: what a gateway's SMS receiver hands over once it has
 * decoded a PDU. It reassembles long messages, applies delivery reports, and on a timer stores
 * long messages whose missing parts never came. Never imports electron or the modem.
 */
import type { DeliverPdu, StatusReportPdu } from '../../../src-shared/sms/index.ts';
import type { IncomingSmsSink } from '../gateways/modem/sms-receiver.ts';
import { type Clock, type TimerHandle, type Timers, systemClock, systemTimers } from '../clock.ts';
import type { StatusChangeRequest } from '../dispatcher/status-change.ts';
import type { StatusEvent } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { IncomingMessage, ReceivedReceipt } from '../messaging.ts';
import type { Store } from '../store/store.ts';
import { DeliveryReports, type ReportOutcome } from './delivery-reports.ts';
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
}

export class ReceivingService implements IncomingSmsSink {
  readonly reassembly: Reassembly;
  readonly reports: DeliveryReports;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly checkEveryMs: number;
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(options: ReceivingServiceOptions) {
    const clock = options.clock ?? systemClock;
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
  }

  /** @throws the SQLite error when the SMS cannot be committed: keep it on the SIM. */
  deliver(gatewayId: string, pdu: DeliverPdu): AcceptOutcome {
    return this.reassembly.accept(gatewayId, pdu);
  }

  /** @throws the SQLite error when the change cannot be committed: keep the report on the SIM. */
  statusReport(gatewayId: string, report: StatusReportPdu): ReportOutcome {
    return this.reports.apply(gatewayId, report);
  }

  /** Checks waiting parts now (parts from before a restart may be overdue) and then periodically. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.check();
  }

  stop(): void {
    this.running = false;
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
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, this.checkEveryMs);
  }
}
