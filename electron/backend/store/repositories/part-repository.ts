/**
 * sms_parts (migration 003): the parts of concatenated SMS committed while their siblings are
 * still on the way. A part is written here before it is deleted from the SIM.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/** What makes parts one message (23.040 §9.2.3.24.1 / .8): sender, reference and its size, count. */
export interface PartGroupKey {
  sender: string;
  ref: number;
  refBits: 8 | 16;
  total: number;
}

export interface StoredPart extends PartGroupKey {
  gateway: string;
  part: number;
  text: string;
  /** The SC time stamp (ISO, UTC), or null when it could not be read. */
  sentAt: string | null;
  firstSeenAt: string;
}

interface PartRow {
  gateway: string;
  sender: string;
  ref: number;
  ref_bits: 8 | 16;
  total: number;
  part: number;
  text: string;
  sent_at: string | null;
  first_seen_at: string;
}

const toPart = (row: PartRow): StoredPart => ({
  gateway: row.gateway,
  sender: row.sender,
  ref: row.ref,
  refBits: row.ref_bits,
  total: row.total,
  part: row.part,
  text: row.text,
  sentAt: row.sent_at,
  firstSeenAt: row.first_seen_at,
});

export class PartRepository {
  private readonly insertStmt;
  private readonly groupStmt;
  private readonly deleteGroupStmt;
  private readonly waitingSinceStmt;

  constructor(db: Database.Database) {
    // OR IGNORE: the UNIQUE key is the duplicate check (a resent part, a re-read after a crash).
    this.insertStmt = db.prepare<[string, string, number, number, number, number, string, string | null, string]>(
      `INSERT OR IGNORE INTO sms_parts (gateway, sender, ref, ref_bits, total, part, text, sent_at, first_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.groupStmt = db.prepare<[string, number, number, number], PartRow>(
      'SELECT * FROM sms_parts WHERE sender = ? AND ref = ? AND ref_bits = ? AND total = ? ORDER BY part',
    );
    this.deleteGroupStmt = db.prepare<[string, number, number, number]>(
      'DELETE FROM sms_parts WHERE sender = ? AND ref = ? AND ref_bits = ? AND total = ?',
    );
    this.waitingSinceStmt = db.prepare<[string], PartRow>(
      `SELECT sender, ref, ref_bits, total, MIN(first_seen_at) AS first_seen_at, '' AS gateway, 0 AS part, '' AS text, NULL AS sent_at
         FROM sms_parts GROUP BY sender, ref, ref_bits, total HAVING MIN(first_seen_at) <= ? ORDER BY 5`,
    );
  }

  /** @returns false when the part was already there (a duplicate, dropped). */
  insert(part: StoredPart): boolean {
    const info = this.insertStmt.run(part.gateway, part.sender, part.ref, part.refBits, part.total, part.part, part.text, part.sentAt, part.firstSeenAt);
    return info.changes > 0;
  }

  /** The parts of one message received so far, in part order. */
  group(key: PartGroupKey): StoredPart[] {
    return this.groupStmt.all(key.sender, key.ref, key.refBits, key.total).map(toPart);
  }

  deleteGroup(key: PartGroupKey): void {
    this.deleteGroupStmt.run(key.sender, key.ref, key.refBits, key.total);
  }

  /** Groups whose first part arrived at or before `cutoff` (ISO). */
  waitingSince(cutoff: string): PartGroupKey[] {
    return this.waitingSinceStmt.all(cutoff).map((row) => ({ sender: row.sender, ref: row.ref, refBits: row.ref_bits, total: row.total }));
  }
}
