/** consent and consent_log (migration 009): who opted out, when, and what or who changed it. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Protocol } from '../../../../src-shared/model.ts';

export type ConsentSource = 'reply' | 'staff' | 'api';

export interface ConsentRecord {
  address: string;
  protocol: Protocol;
  optedOut: boolean;
  changedAt: string;
  source: ConsentSource;
  /** The reply's word as listed ("STOP"), for a change by reply. */
  word: string | null;
  /** The received message that changed it. */
  messageId: number | null;
  /** Who changed it by hand (a user's name, an API key's name). */
  changedBy: string | null;
  reason: string | null;
}

interface ConsentRow {
  address: string;
  protocol: Protocol;
  opted_out: number;
  changed_at: string;
  source: ConsentSource;
  word: string | null;
  message_id: number | null;
  changed_by: string | null;
  reason: string | null;
}

const toConsent = (r: ConsentRow): ConsentRecord => ({
  address: r.address,
  protocol: r.protocol,
  optedOut: r.opted_out === 1,
  changedAt: r.changed_at,
  source: r.source,
  word: r.word,
  messageId: r.message_id,
  changedBy: r.changed_by,
  reason: r.reason,
});

export class ConsentRepository {
  private readonly getStmt;
  private readonly putStmt;
  private readonly logStmt;
  private readonly historyStmt;
  private readonly optedOutStmt;
  private readonly countStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare<[string, Protocol], ConsentRow>('SELECT * FROM consent WHERE address = ? AND protocol = ?');
    this.putStmt = db.prepare<[string, Protocol, number, string, ConsentSource, string | null, number | null, string | null, string | null]>(
      `INSERT INTO consent (address, protocol, opted_out, changed_at, source, word, message_id, changed_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (address, protocol) DO UPDATE SET opted_out = excluded.opted_out, changed_at = excluded.changed_at, source = excluded.source,
         word = excluded.word, message_id = excluded.message_id, changed_by = excluded.changed_by, reason = excluded.reason`,
    );
    this.logStmt = db.prepare<[string, Protocol, number, string, ConsentSource, string | null, number | null, string | null, string | null, number]>(
      'INSERT INTO consent_log (address, protocol, opted_out, at, source, word, message_id, changed_by, reason, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.historyStmt = db.prepare<[string, Protocol], ConsentRow & { at: string }>(
      'SELECT address, protocol, opted_out, at AS changed_at, source, word, message_id, changed_by, reason FROM consent_log WHERE address = ? AND protocol = ? ORDER BY id',
    );
    this.optedOutStmt = db.prepare<[Protocol], ConsentRow>('SELECT * FROM consent WHERE opted_out = 1 AND protocol = ? ORDER BY changed_at DESC, address');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM consent WHERE opted_out = 1');
  }

  get(address: string, protocol: Protocol): ConsentRecord | undefined {
    const row = this.getStmt.get(address, protocol);
    return row && toConsent(row);
  }

  /** The current state and a log line; call inside a transaction (both or neither). */
  set(c: ConsentRecord): void {
    const args = [c.address, c.protocol, c.optedOut ? 1 : 0, c.changedAt, c.source, c.word, c.messageId, c.changedBy, c.reason] as const;
    this.putStmt.run(...args);
    this.logStmt.run(...args, 1);
  }

  /** A log line only: the same state asked for again (the state keeps its first time and cause). */
  log(c: ConsentRecord): void {
    this.logStmt.run(c.address, c.protocol, c.optedOut ? 1 : 0, c.changedAt, c.source, c.word, c.messageId, c.changedBy, c.reason, 0);
  }

  /** Every change of one number, oldest first. */
  history(address: string, protocol: Protocol): ConsentRecord[] {
    return this.historyStmt.all(address, protocol).map(toConsent);
  }

  /** The numbers opted out now, latest first. */
  optedOut(protocol: Protocol = 'sms'): ConsentRecord[] {
    return this.optedOutStmt.all(protocol).map(toConsent);
  }

  countOptedOut(): number {
    return this.countStmt.get()!.n;
  }
}
