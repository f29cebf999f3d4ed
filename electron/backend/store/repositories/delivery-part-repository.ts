/**
 * What matching an SMS-STATUS-REPORT reads and writes (receiving/delivery-reports.ts keeps the
 * matching rules): the `sent` rows a report may be about, and delivery_parts (migration 003),
 * the outcome reported for each TP-MR reference of a recipient.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DeliveryOutcome } from '../../../../src-shared/sms/index.ts';
import { type RecipientRecord, type RecipientRow, toRecipient } from './recipient-repository.ts';

export class DeliveryPartRepository {
  private readonly candidatesStmt;
  private readonly upsertStmt;
  private readonly deliveredRefsStmt;

  constructor(db: Database.Database) {
    this.candidatesStmt = db.prepare<[string, string, string], RecipientRow>(
      `SELECT * FROM message_recipients
        WHERE gateway = ? AND status = 'sent' AND updated >= ?
          AND EXISTS (SELECT 1 FROM json_each(gateway_ref) WHERE value = ?)
        ORDER BY updated DESC, id DESC`,
    );
    this.upsertStmt = db.prepare<[number, string, DeliveryOutcome, number, string]>(
      `INSERT INTO delivery_parts (recipient_id, reference, outcome, status_code, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (recipient_id, reference) DO UPDATE SET outcome = excluded.outcome, status_code = excluded.status_code, at = excluded.at`,
    );
    this.deliveredRefsStmt = db.prepare<[number], { reference: string }>(
      `SELECT reference FROM delivery_parts WHERE recipient_id = ? AND outcome = 'delivered'`,
    );
  }

  /**
   * The `sent` rows of this gateway, updated at or after `since` (ISO), whose references hold
   * `reference`: most recently sent first.
   */
  sentCandidates(gateway: string, since: string, reference: string): RecipientRecord[] {
    return this.candidatesStmt.all(gateway, since, reference).map(toRecipient);
  }

  /** Records (or replaces) what a report said of one reference of a recipient. */
  record(recipientId: number, reference: string, outcome: DeliveryOutcome, statusCode: number, at: string): void {
    this.upsertStmt.run(recipientId, reference, outcome, statusCode, at);
  }

  /** The references of this recipient reported delivered. */
  deliveredReferences(recipientId: number): Set<string> {
    return new Set(this.deliveredRefsStmt.all(recipientId).map((r) => r.reference));
  }
}
