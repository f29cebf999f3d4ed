/**
 * The events a report counts (api/stats.ts), between two instants, read by time through the
 * indexes of migration 009: status changes of recipients, opt-outs that changed a number's state,
 * and appointments confirmed. Counted per UTC hour (or quarter hour, for a zone with a 30- or
 * 45-minute offset), not per day: SQLite knows no zones, and a clinic day begins on an hour (a
 * quarter) in its zone, daylight saving included; the caller adds them into clinic days. A year
 * is at most 8,760 hours whatever the traffic (an hour's grouping costs half a quarter's).
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type CountedStatus = 'sent' | 'delivered' | 'failed' | 'received' | 'suppressed';

/** An hour or quarter hour as its first instant, ISO ("2026-12-03T08:45:00.000Z"), and a count. */
export interface QuarterCount<K extends string = string> {
  quarter: string;
  kind: K;
  n: number;
}

/** "2026-12-03T08:47:12.345Z" -> "2026-12-03T08:00:00.000Z" (hour) or "…08:45:00.000Z" (quarter), in SQL. */
const BUCKET = {
  hour: (at: string) => `substr(${at}, 1, 14) || '00:00.000Z'`,
  quarter: (at: string) => `substr(${at}, 1, 14) || printf('%02d', (CAST(substr(${at}, 15, 2) AS INTEGER) / 15) * 15) || ':00.000Z'`,
} as const;

export type Bucket = keyof typeof BUCKET;

export type GatewayCounted = 'sent' | 'delivered' | 'failed' | 'received';

export interface AppointmentFunnelRow {
  appointments: number;
  reminded: number;
  confirmed: number;
  attended: number;
  missed: number;
}

export class StatsRepository {
  private readonly statements;
  private readonly summary;

  constructor(db: Database.Database) {
    const prepare = (bucketOf: (at: string) => string) => {
      const bucket = bucketOf('at');
      return {
        status: db.prepare<[string, string], QuarterCount<CountedStatus>>(
          `SELECT ${bucket} AS quarter, to_status AS kind, COUNT(*) AS n FROM status_log
            WHERE at >= ? AND at < ? AND to_status IN ('sent', 'delivered', 'failed', 'received', 'suppressed')
            GROUP BY quarter, kind`,
        ),
        optOuts: db.prepare<[string, string], QuarterCount<'optOuts'>>(
          `SELECT ${bucket} AS quarter, 'optOuts' AS kind, COUNT(*) AS n FROM consent_log WHERE at >= ? AND at < ? AND opted_out = 1 AND changed = 1 GROUP BY quarter`,
        ),
        confirmed: db.prepare<[string, string], QuarterCount<'confirmed' | 'attended'>>(
          `SELECT ${bucket} AS quarter, to_status AS kind, COUNT(*) AS n FROM appointment_log WHERE at >= ? AND at < ? AND to_status IN ('confirmed', 'attended') GROUP BY quarter, kind`,
        ),
        // Reminders that reached the patient's phone network: a recipient of a reminder's message going to sent.
        remindersSent: db.prepare<[string, string], QuarterCount<'remindersSent'>>(
          `SELECT ${bucketOf('l.at')} AS quarter, 'remindersSent' AS kind, COUNT(*) AS n
             FROM status_log l JOIN message_recipients r ON r.id = l.recipient_id
            WHERE l.at >= ? AND l.at < ? AND l.to_status = 'sent'
              AND r.message_id IN (SELECT message_id FROM appointment_reminders WHERE message_id IS NOT NULL)
            GROUP BY quarter`,
        ),
      };
    };
    this.statements = { hour: prepare(BUCKET.hour), quarter: prepare(BUCKET.quarter) };
    this.summary = {
      // Both read status_log_at (at, to_status) for the range, then each row for its code or gateway.
      failures: db.prepare<[string, string], { code: string | null; n: number }>(
        `SELECT code, COUNT(*) AS n FROM status_log WHERE at >= ? AND at < ? AND to_status = 'failed' GROUP BY code ORDER BY n DESC, code`,
      ),
      gateways: db.prepare<[string, string], { gateway: string | null; kind: GatewayCounted; n: number }>(
        `SELECT gateway, to_status AS kind, COUNT(*) AS n FROM status_log
          WHERE at >= ? AND at < ? AND to_status IN ('sent', 'delivered', 'failed', 'received')
          GROUP BY gateway, kind`,
      ),
      // Appointments by appointments_start; each one's reminders, confirmations by their own indexes.
      funnel: db.prepare<[string, string], AppointmentFunnelRow>(
        `SELECT COUNT(*) AS appointments,
                COALESCE(SUM(EXISTS (SELECT 1 FROM appointment_reminders ar JOIN message_recipients r ON r.message_id = ar.message_id
                                      WHERE ar.appointment_id = a.id AND r.status IN ('sent', 'delivered'))), 0) AS reminded,
                COALESCE(SUM(a.status = 'confirmed' OR EXISTS (SELECT 1 FROM appointment_log l WHERE l.appointment_id = a.id AND l.to_status = 'confirmed')), 0) AS confirmed,
                COALESCE(SUM(a.status = 'attended'), 0) AS attended,
                COALESCE(SUM(a.status = 'missed'), 0) AS missed
           FROM appointments a WHERE a.start >= ? AND a.start < ? AND a.status <> 'cancelled'`,
      ),
    };
  }

  /** Failures in [from, to) by their code (migration 013), most first. */
  failuresByCode(from: string, to: string): Array<{ code: string | null; n: number }> {
    return this.summary.failures.all(from, to);
  }

  /** Status changes in [from, to) per gateway (null: no gateway, e.g. expired in the outbox). */
  perGateway(from: string, to: string): Array<{ gateway: string | null; kind: GatewayCounted; n: number }> {
    return this.summary.gateways.all(from, to);
  }

  /** The appointments starting in [from, to), not cancelled, and how far they got. */
  appointmentFunnel(from: string, to: string): AppointmentFunnelRow {
    return this.summary.funnel.get(from, to) ?? { appointments: 0, reminded: 0, confirmed: 0, attended: 0, missed: 0 };
  }

  /** Status changes into a counted status in [from, to), per bucket. */
  statusChanges(from: string, to: string, bucket: Bucket): Array<QuarterCount<CountedStatus>> {
    return this.statements[bucket].status.all(from, to);
  }

  optOuts(from: string, to: string, bucket: Bucket): Array<QuarterCount<'optOuts'>> {
    return this.statements[bucket].optOuts.all(from, to);
  }

  /** Appointments confirmed (by a reply or a nurse) and marked attended. */
  appointmentOutcomes(from: string, to: string, bucket: Bucket): Array<QuarterCount<'confirmed' | 'attended'>> {
    return this.statements[bucket].confirmed.all(from, to);
  }

  remindersSent(from: string, to: string, bucket: Bucket): Array<QuarterCount<'remindersSent'>> {
    return this.statements[bucket].remindersSent.all(from, to);
  }
}
