/**
 * The events a report counts (api/stats.ts), between two instants, read by time through the
 * indexes of migration 009: status changes of recipients, opt-outs that changed a number's state,
 * and appointments confirmed. Counted per UTC hour (or quarter hour, for a zone with a 30- or
 * 45-minute offset), not per day: SQLite knows no zones, and a clinic day begins on an hour (a
 * quarter) in its zone, daylight saving included; the caller adds them into clinic days. A year
 * is at most 8,760 hours whatever the traffic (an hour's grouping costs half a quarter's).
 */
import type Database from 'better-sqlite3';

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

export class StatsRepository {
  private readonly statements;

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
