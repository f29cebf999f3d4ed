/**
 * message_recipients: one row per destination of a message (the reference's MessageRecipient).
 * Only the dispatcher's status-change function writes `status` after a row is created.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { MessageRecipient, Protocol, RecipientFlag, RecipientStatus } from '../../../../src-shared/model.ts';
import { parseStringArray } from './json-column.ts';

export interface RecipientRow {
  id: number;
  message_id: number;
  address: string;
  protocol: Protocol;
  contact_id: number | null;
  conversation_id: number | null;
  status: RecipientStatus;
  gateway: string | null;
  gateway_ref: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  flags: string;
  updated: string;
}

/** A recipient as the backend uses it: the shared model plus its conversation. */
export interface RecipientRecord extends MessageRecipient {
  conversationId: number | null;
}

export interface NewRecipient {
  messageId: number;
  address: string;
  protocol: Protocol;
  contactId: number | null;
  conversationId: number | null;
  status: RecipientStatus;
  gateway: string | null;
  nextAttemptAt: string | null;
  flags: RecipientFlag[];
  updated: string;
}

/** A prefix rule as one gateway's claim sees it. */
export interface PrefixHold {
  prefix: string;
  /** True when the rule names another gateway that can take the row: this gateway leaves it. */
  hold: boolean;
}

/** The mutable columns of a recipient, written together with a status change. */
export type RecipientState = Pick<
  RecipientRecord,
  'status' | 'gateway' | 'gatewayRefs' | 'attempts' | 'nextAttemptAt' | 'lastErrorCode' | 'lastError' | 'flags' | 'updated'
>;

export function toRecipient(row: RecipientRow): RecipientRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    address: row.address,
    protocol: row.protocol,
    contactId: row.contact_id,
    conversationId: row.conversation_id,
    status: row.status,
    gateway: row.gateway,
    gatewayRefs: parseStringArray(row.gateway_ref),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
    flags: parseStringArray<RecipientFlag>(row.flags),
    updated: row.updated,
  };
}

export class RecipientRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly forMessageStmt;
  private readonly writeStateStmt;
  private readonly nextDueStmt;
  private readonly earliestFutureStmt;
  private readonly dueScheduledStmt;
  private readonly dueScheduledManualStmt;
  private readonly rewindHeldStmt;
  private readonly autoRepliesStmt;
  private readonly byStatusStmt;
  private readonly countStmt;
  private readonly countForGatewayStmt;
  private readonly pinStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<[number, string, Protocol, number | null, number | null, RecipientStatus, string | null, string | null, string, string]>(
      `INSERT INTO message_recipients
         (message_id, address, protocol, contact_id, conversation_id, status, gateway, next_attempt_at, flags, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare<[number], RecipientRow>('SELECT * FROM message_recipients WHERE id = ?');
    this.forMessageStmt = db.prepare<[number], RecipientRow>('SELECT * FROM message_recipients WHERE message_id = ? ORDER BY id');
    this.writeStateStmt = db.prepare<[string, string | null, string, number, string | null, string | null, string | null, string, string, number]>(
      `UPDATE message_recipients
          SET status = ?, gateway = ?, gateway_ref = ?, attempts = ?, next_attempt_at = ?,
              last_error_code = ?, last_error = ?, flags = ?, updated = ?
        WHERE id = ?`,
    );
    // A row pinned to another gateway (a gateway's test SMS) is skipped; the pin is checked after
    // the index range, so the claim keeps using message_recipients_due.
    // Prefix routing: @rules is a JSON array of the ordered rules as
    // [{ "prefix": "+25471", "hold": 1 }, ...]; a row whose FIRST matching rule holds (it names
    // another gateway that can send) is skipped. A pinned row ignores the rules.
    this.nextDueStmt = db.prepare<[{ protocol: Protocol; now: string; gateway: string; rules: string }], RecipientRow>(
      `SELECT * FROM message_recipients
        WHERE status = 'outbox' AND protocol = @protocol AND next_attempt_at <= @now
          AND (pinned_gateway IS NULL OR pinned_gateway = @gateway)
          AND (pinned_gateway = @gateway OR COALESCE((
                SELECT r.value ->> '$.hold' FROM json_each(@rules) AS r
                 WHERE substr(address, 1, length(r.value ->> '$.prefix')) = r.value ->> '$.prefix'
                 ORDER BY CAST(r.key AS INTEGER) LIMIT 1), 0) = 0)
        ORDER BY next_attempt_at, id LIMIT 1`,
    );
    this.pinStmt = db.prepare<[string, number]>('UPDATE message_recipients SET pinned_gateway = ? WHERE id = ?');
    // A retry and a scheduled send fall due the same way (migration 007): one timer for both.
    this.earliestFutureStmt = db.prepare<[string], { at: string | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM message_recipients WHERE status IN ('outbox', 'scheduled') AND next_attempt_at > ?`,
    );
    // While automated sending is paused (settings.automatedPaused): a nurse's own scheduled sends only.
    this.dueScheduledManualStmt = db.prepare<[string, number], RecipientRow>(
      `SELECT r.* FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.status = 'scheduled' AND r.protocol IN ('sms', 'email') AND r.next_attempt_at <= ? AND m.automated = 0
        ORDER BY r.next_attempt_at, r.id LIMIT ?`,
    );
    this.autoRepliesStmt = db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM message_recipients r JOIN messages m ON m.id = r.message_id
        WHERE r.address = ? AND m.direction = 'out' AND m.purpose IS NOT NULL AND m.created >= ?`,
    );
    this.rewindHeldStmt = db.prepare(
      `UPDATE message_recipients SET next_attempt_at = (SELECT m.send_at FROM messages m WHERE m.id = message_recipients.message_id)
        WHERE status = 'scheduled'
          AND next_attempt_at > (SELECT m.send_at FROM messages m WHERE m.id = message_recipients.message_id)`,
    );
    this.dueScheduledStmt = db.prepare<[string, number], RecipientRow>(
      `SELECT * FROM message_recipients
        WHERE status = 'scheduled' AND protocol IN ('sms', 'email') AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.byStatusStmt = db.prepare<[RecipientStatus], RecipientRow>('SELECT * FROM message_recipients WHERE status = ? ORDER BY id');
    this.countStmt = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM message_recipients WHERE status IN ('outbox', 'sending')`);
    this.countForGatewayStmt = db.prepare<[Protocol, string, string], { n: number }>(
      `SELECT (SELECT COUNT(*) FROM message_recipients
                WHERE status = 'outbox' AND protocol = ? AND (pinned_gateway IS NULL OR pinned_gateway = ?))
            + (SELECT COUNT(*) FROM message_recipients WHERE status = 'sending' AND gateway = ?) AS n`,
    );
  }

  /** @returns the new row's id. */
  insert(r: NewRecipient): number {
    const info = this.insertStmt.run(
      r.messageId, r.address, r.protocol, r.contactId, r.conversationId, r.status, r.gateway, r.nextAttemptAt,
      JSON.stringify(r.flags), r.updated,
    );
    return Number(info.lastInsertRowid);
  }

  get(id: number): RecipientRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toRecipient(row);
  }

  listForMessage(messageId: number): RecipientRecord[] {
    return this.forMessageStmt.all(messageId).map(toRecipient);
  }

  listByStatus(status: RecipientStatus): RecipientRecord[] {
    return this.byStatusStmt.all(status).map(toRecipient);
  }

  /**
   * The outbox row of `protocol` due first at `now` (ties by id: first queued, first sent) that
   * `gatewayId` may take: any row not pinned to another gateway and not held by a prefix rule
   * (`rules`, in order: the first rule whose prefix starts the address decides; `hold` = that
   * rule's gateway is another one that can send, so the row waits for it).
   */
  nextDue(protocol: Protocol, now: string, gatewayId: string, rules: readonly PrefixHold[] = []): RecipientRecord | undefined {
    const row = this.nextDueStmt.get({
      protocol,
      now,
      gateway: gatewayId,
      rules: JSON.stringify(rules.map((r) => ({ prefix: r.prefix, hold: r.hold ? 1 : 0 }))),
    });
    return row && toRecipient(row);
  }

  /** Lets only `gatewayId` send this row (set in the transaction that creates it). */
  pinToGateway(id: number, gatewayId: string): void {
    this.pinStmt.run(gatewayId, id);
  }

  /** Scheduled rows whose time has come, soonest first (the dispatcher releases them). */
  dueScheduled(now: string, limit: number, options: { automated?: boolean } = {}): RecipientRecord[] {
    const stmt = options.automated === false ? this.dueScheduledManualStmt : this.dueScheduledStmt;
    return stmt.all(now, limit).map(toRecipient);
  }

  /** Answers the app wrote itself (purpose set: an auto-reply, an opt-out confirmation) to one address since `since`. */
  countAutoReplies(address: string, since: string): number {
    return this.autoRepliesStmt.get(address, since)!.n;
  }

  /** Scheduled rows held past their message's send time (a send window) are due at that time again. @returns how many. */
  rewindHeldScheduled(): number {
    return this.rewindHeldStmt.run().changes;
  }

  /** The earliest retry or scheduled send after `now`, for the dispatcher's wake-up timer. */
  earliestFutureAttempt(now: string): string | null {
    return this.earliestFutureStmt.get(now)?.at ?? null;
  }

  /** Writes the mutable columns. Callers: the dispatcher's status-change function only. */
  writeState(id: number, s: RecipientState): void {
    this.writeStateStmt.run(
      s.status, s.gateway, JSON.stringify(s.gatewayRefs), s.attempts, s.nextAttemptAt, s.lastErrorCode, s.lastError,
      JSON.stringify(s.flags), s.updated, id,
    );
  }

  /**
   * Waiting or being sent: overall, or for one gateway (its protocol's outbox that it may take,
   * i.e. not pinned to another gateway, plus its own send).
   */
  pendingCount(gateway?: { id: string; protocol: Protocol }): number {
    const row = gateway ? this.countForGatewayStmt.get(gateway.protocol, gateway.id, gateway.id) : this.countStmt.get();
    return row?.n ?? 0;
  }
}
