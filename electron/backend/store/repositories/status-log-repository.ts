/** status_log: every status change of every recipient, with time and reason (the attempt log). */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { RecipientStatus, StatusChange } from '../../../../src-shared/model.ts';

export interface StatusLogEntry extends StatusChange {
  id: number;
  recipientId: number;
  gateway: string | null;
}

export interface NewStatusLogEntry {
  recipientId: number;
  from: RecipientStatus | null;
  to: RecipientStatus;
  reason: string;
  gateway: string | null;
  at: string;
  /** The failure's code (`GatewaySendError.code`, `status-XX`, `expired` ...) when the change records one (migration 013). */
  code?: string | null;
}

interface StatusLogRow {
  id: number;
  recipient_id: number;
  from_status: RecipientStatus | null;
  to_status: RecipientStatus;
  reason: string;
  gateway: string | null;
  at: string;
}

const toEntry = (row: StatusLogRow): StatusLogEntry => ({
  id: row.id,
  recipientId: row.recipient_id,
  from: row.from_status,
  to: row.to_status,
  reason: row.reason,
  gateway: row.gateway,
  at: row.at,
});

export class StatusLogRepository {
  private readonly appendStmt;
  private readonly forRecipientStmt;
  private readonly forMessageStmt;
  private readonly countToSinceStmt;
  private readonly lastSendOutcomeStmt;

  constructor(db: Database.Database) {
    this.appendStmt = db.prepare<[number, RecipientStatus | null, RecipientStatus, string, string | null, string, string | null]>(
      'INSERT INTO status_log (recipient_id, from_status, to_status, reason, gateway, at, code) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.forRecipientStmt = db.prepare<[number], StatusLogRow>('SELECT * FROM status_log WHERE recipient_id = ? ORDER BY id');
    this.forMessageStmt = db.prepare<[number], StatusLogRow>(
      `SELECT l.* FROM status_log l JOIN message_recipients r ON r.id = l.recipient_id
        WHERE r.message_id = ? ORDER BY l.recipient_id, l.id`,
    );
    this.countToSinceStmt = db.prepare<[string, RecipientStatus, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM status_log WHERE gateway = ? AND to_status = ? AND at >= ?',
    );
    // One seek on status_log_gateway_send (002): the newest row that left `sending` here.
    this.lastSendOutcomeStmt = db.prepare<[string], { to_status: RecipientStatus; reason: string }>(
      `SELECT to_status, reason FROM status_log WHERE gateway = ? AND from_status = 'sending' ORDER BY id DESC LIMIT 1`,
    );
  }

  append(e: NewStatusLogEntry): void {
    this.appendStmt.run(e.recipientId, e.from, e.to, e.reason, e.gateway, e.at, e.code ?? null);
  }

  listForRecipient(recipientId: number): StatusLogEntry[] {
    return this.forRecipientStmt.all(recipientId).map(toEntry);
  }

  /** Every recipient's log of one message, grouped by recipient id. */
  listForMessage(messageId: number): Map<number, StatusLogEntry[]> {
    const byRecipient = new Map<number, StatusLogEntry[]>();
    for (const row of this.forMessageStmt.all(messageId)) {
      const list = byRecipient.get(row.recipient_id) ?? [];
      list.push(toEntry(row));
      byRecipient.set(row.recipient_id, list);
    }
    return byRecipient;
  }

  /** How many changes to `status` a gateway made since `since` (e.g. sends today). */
  countByGatewaySince(gateway: string, status: RecipientStatus, since: string): number {
    return this.countToSinceStmt.get(gateway, status, since)?.n ?? 0;
  }

  /**
   * The reason of this gateway's last failed send, or null when its last send went out (an old
   * error that a later success has cleared is not shown) or it has sent nothing.
   */
  lastSendError(gateway: string): string | null {
    const row = this.lastSendOutcomeStmt.get(gateway);
    return row && (row.to_status === 'failed' || row.to_status === 'outbox') ? row.reason : null;
  }
}
