/**
 * SMS-STATUS-REPORTs (23.040 §9.2.2.3) matched to the recipient they report on, and the
 * resulting status change made through the dispatcher's changeStatus (`sent -> delivered`,
 * `sent -> failed`), so the status log explains it.
 *
 * Matching: a report carries the TP-MR the modem gave the SUBMIT (`+CMGS: <mr>`, kept in
 * `gateway_ref`) and the recipient's number. TP-MR is one octet per modem and wraps at 256, so
 * a match needs the same gateway, a `sent` row whose references include it, the same number,
 * and a send within the window (3 days by default: an SC gives up long before). Of several
 * candidates the most recently sent wins (after a wrap, the old one is the stale one).
 */
import { normaliseSmsSender, type ProtocolSettings } from '../../../src-shared/protocols/index.ts';
import type { StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import type { StatusChangeRequest } from '../dispatcher/status-change.ts';
import type { StatusEvent } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { RecipientRecord } from '../store/repositories/recipient-repository.ts';
import type { Store } from '../store/store.ts';
import type { RawPdu } from '../gateways/modem/sms-receiver.ts';
import { reportFingerprintOf } from './pdu-fingerprint.ts';

export const DEFAULT_REPORT_WINDOW_MS = 3 * 24 * 60 * 60_000;

export interface DeliveryReportsOptions {
  store: Store;
  /** The dispatcher's one status funnel. */
  changeStatus: (request: StatusChangeRequest) => StatusEvent;
  clock?: Clock;
  logger?: Logger;
  windowMs?: number;
}

export type ReportOutcome =
  | { kind: 'delivered'; recipientId: number }
  | { kind: 'part-delivered'; recipientId: number; delivered: number; parts: number }
  | { kind: 'failed'; recipientId: number }
  | { kind: 'pending'; recipientId: number | null }
  | { kind: 'unmatched' }
  /** The same report PDU was applied before (its fingerprint is stored): a re-read after a crash, nothing changed. */
  | { kind: 'already-applied' };

/** The digits of a number, for comparing "+254712345678" with "254712345678" or "0712345678". */
function digits(value: string): string {
  return value.replace(/\D/g, '');
}

export class DeliveryReports {
  private readonly store: Store;
  private readonly changeStatus: DeliveryReportsOptions['changeStatus'];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly windowMs: number;

  constructor(options: DeliveryReportsOptions) {
    this.store = options.store;
    this.changeStatus = options.changeStatus;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.windowMs = options.windowMs ?? DEFAULT_REPORT_WINDOW_MS;
  }

  /**
   * Applies one status report. Never throws for a report it cannot place (logged, `unmatched`).
   * With `raw` (the PDU as the modem printed it) its fingerprint is written in the same
   * transaction, so a stored report read again after a crash between this commit and its SIM
   * delete is `already-applied` and changes nothing (as incoming SMS, reassembly.ts).
   * @throws the SQLite error when the change cannot be committed (keep the report on the SIM).
   */
  apply(gatewayId: string, report: StatusReportPdu, raw?: Pick<RawPdu, 'hex' | 'length'>): ReportOutcome {
    if (raw === undefined) return this.applyOnce(gatewayId, report);
    return this.store.transaction((): ReportOutcome => {
      if (!this.store.receivedPdus.insert(reportFingerprintOf(gatewayId, report, raw), isoAt(this.clock))) {
        this.logger.info('Status report applied before; only its SIM copy goes', { gateway: gatewayId, reference: report.reference });
        return { kind: 'already-applied' };
      }
      return this.applyOnce(gatewayId, report);
    });
  }

  private applyOnce(gatewayId: string, report: StatusReportPdu): ReportOutcome {
    if (report.aboutCommand) {
      this.logger.info('Status report about an SMS-COMMAND ignored', { gateway: gatewayId });
      return { kind: 'unmatched' };
    }
    const reference = String(report.reference);
    const recipient = this.match(gatewayId, reference, report.recipient);
    if (!recipient) {
      // No number at info level: the reference and the outcome say enough to a technician.
      this.logger.warn('Status report matches no sent message', { gateway: gatewayId, reference: report.reference, status: report.status });
      this.logger.debug('Unmatched status report recipient', { recipient: report.recipient });
      return { kind: 'unmatched' };
    }
    const at = isoAt(this.clock);
    if (report.outcome === 'pending') {
      this.store.deliveryParts.record(recipient.id, reference, 'pending', report.status, at);
      this.logger.info('Status report: the network is still trying', { recipientId: recipient.id, status: report.status });
      return { kind: 'pending', recipientId: recipient.id };
    }
    return this.store.transaction((): ReportOutcome => {
      this.store.deliveryParts.record(recipient.id, reference, report.outcome, report.status, at);
      if (report.outcome === 'failed') {
        const code = `status-${report.status.toString(16).padStart(2, '0')}`;
        this.changeStatus({
          recipientId: recipient.id,
          from: 'sent',
          to: 'failed',
          reason: `Not delivered: ${report.statusMeaning}`,
          set: { lastErrorCode: code, lastError: report.statusMeaning },
        });
        return { kind: 'failed', recipientId: recipient.id };
      }
      const delivered = this.store.deliveryParts.deliveredReferences(recipient.id);
      const parts = recipient.gatewayRefs.length;
      const done = recipient.gatewayRefs.filter((ref) => delivered.has(ref)).length;
      if (done < parts) return { kind: 'part-delivered', recipientId: recipient.id, delivered: done, parts };
      this.changeStatus({ recipientId: recipient.id, from: 'sent', to: 'delivered', reason: parts > 1 ? `Delivered (all ${parts} parts)` : 'Delivered' });
      return { kind: 'delivered', recipientId: recipient.id };
    });
  }

  private match(gatewayId: string, reference: string, number: string): RecipientRecord | undefined {
    const since = isoAt(this.clock, -this.windowMs);
    const settings: ProtocolSettings = { defaultCountry: this.store.settings.get('defaultCountry'), maxSmsParts: this.store.settings.get('maxSmsParts') };
    const wanted = normaliseSmsSender(number, settings);
    const wantedDigits = digits(wanted);
    for (const candidate of this.store.deliveryParts.sentCandidates(gatewayId, since, reference)) {
      if (candidate.address === wanted) return candidate;
      // An SC may give the number in another form than we sent it to (national, no "+").
      const have = digits(candidate.address);
      if (wantedDigits.length >= 7 && have.length >= 7 && (have.endsWith(wantedDigits.slice(-9)) || wantedDigits.endsWith(have.slice(-9)))) return candidate;
    }
    return undefined;
  }
}
