/** attention (migration 009): received messages on the "Needs attention" list until a nurse marks them done. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AttentionDto } from '../../../../src-shared/contract/dto.ts';

/** The open count stops here (AttentionRepository.countOpen). */
export const OPEN_COUNT_CAP = 1_000;

export type AttentionReason = AttentionDto['reason'];

/** The contract's shape is the record's: one definition (src-shared/contract/dto.ts). */
export type AttentionItem = AttentionDto;

interface AttentionRow {
  message_id: number;
  reason: AttentionReason;
  appointment_id: number | null;
  created: string;
  content: string;
  sender: string | null;
  conversation_id: number | null;
  contact_id: number | null;
  contact_name: string | null;
}

export class AttentionRepository {
  private readonly addStmt;
  private readonly openStmt;
  private readonly doneStmt;
  private readonly countStmt;

  constructor(db: Database.Database) {
    this.addStmt = db.prepare<[number, AttentionReason, number | null, string]>('INSERT OR IGNORE INTO attention (message_id, reason, appointment_id, created) VALUES (?, ?, ?, ?)');
    this.openStmt = db.prepare<[number], AttentionRow>(
      `SELECT t.message_id, t.reason, t.appointment_id, t.created, m.content, m.sender, m.conversation_id, cv.contact_id, c.name AS contact_name
         FROM attention t JOIN messages m ON m.id = t.message_id
         LEFT JOIN conversations cv ON cv.id = m.conversation_id
         LEFT JOIN contacts c ON c.id = cv.contact_id
        WHERE t.done_at IS NULL ORDER BY t.created DESC, t.message_id DESC LIMIT ?`,
    );
    this.doneStmt = db.prepare<[string, string | null, number]>('UPDATE attention SET done_at = ?, done_by = ? WHERE message_id = ? AND done_at IS NULL');
    // Counted up to a cap: every received reply announces the count, and a year of replies nobody
    // marked done must not make each arrival count 100,000 rows.
    this.countStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM attention WHERE done_at IS NULL LIMIT ?)');
  }

  add(messageId: number, reason: AttentionReason, appointmentId: number | null, created: string): void {
    this.addStmt.run(messageId, reason, appointmentId, created);
  }

  /** What is still open, newest first. */
  open(limit = 500): AttentionItem[] {
    return this.openStmt.all(limit).map((r) => ({
      messageId: r.message_id,
      reason: r.reason,
      appointmentId: r.appointment_id,
      created: r.created,
      text: r.content,
      from: r.sender ?? '',
      conversationId: r.conversation_id,
      contactId: r.contact_id,
      contactName: r.contact_name,
    }));
  }

  /** @returns false when it was not open. */
  done(messageId: number, at: string, by: string | null): boolean {
    return this.doneStmt.run(at, by, messageId).changes > 0;
  }

  /** How many are open, up to `cap` (default OPEN_COUNT_CAP: the UI shows "999+"). */
  countOpen(cap = OPEN_COUNT_CAP): number {
    return this.countStmt.get(cap)!.n;
  }
}
