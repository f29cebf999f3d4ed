/**
 * The events a report counts (api/stats.ts), between two instants, read by time through the
 * indexes of migration 009: status changes of recipients, opt-outs that changed a number's state,
 * and appointments confirmed. Rows, not totals: the caller buckets them by clinic day, which
 * SQLite cannot do in a zone with daylight saving.
 */
import type Database from 'better-sqlite3';

export type CountedStatus = 'sent' | 'delivered' | 'failed' | 'received' | 'suppressed';

export class StatsRepository {
  private readonly statusStmt;
  private readonly optOutStmt;
  private readonly confirmedStmt;

  constructor(db: Database.Database) {
    this.statusStmt = db.prepare<[string, string], { at: string; to_status: CountedStatus }>(
      `SELECT at, to_status FROM status_log WHERE at >= ? AND at < ? AND to_status IN ('sent', 'delivered', 'failed', 'received', 'suppressed')`,
    );
    this.optOutStmt = db.prepare<[string, string], { at: string }>('SELECT at FROM consent_log WHERE at >= ? AND at < ? AND opted_out = 1 AND changed = 1');
    this.confirmedStmt = db.prepare<[string, string], { at: string }>("SELECT at FROM appointment_log WHERE at >= ? AND at < ? AND to_status = 'confirmed'");
  }

  /** Each status change into a counted status in [from, to). */
  statusChanges(from: string, to: string): Array<{ at: string; to_status: CountedStatus }> {
    return this.statusStmt.all(from, to);
  }

  optOuts(from: string, to: string): string[] {
    return this.optOutStmt.all(from, to).map((r) => r.at);
  }

  confirmations(from: string, to: string): string[] {
    return this.confirmedStmt.all(from, to).map((r) => r.at);
  }
}
