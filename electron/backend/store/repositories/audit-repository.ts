/**
 * audit_log (migration 014): append and read. The hashing and the check of the chain are
 * access/audit-chain.ts; this file only moves rows.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_name: string;
  action: string;
  object: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export class AuditRepository {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly sequenceStmt;
  private readonly recentStmt;
  private readonly walkStmt;

  constructor(private readonly db: Database.Database) {
    this.lastStmt = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1');
    this.insertStmt = db.prepare<[number, string, string, string, string, string, string, string]>(
      'INSERT INTO audit_log (id, at, actor, actor_name, action, object, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The highest id AUTOINCREMENT ever gave: more than the last row's id means rows were removed from the end.
    this.sequenceStmt = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
    this.recentStmt = db.prepare<[string, string, number], { n: number }>(
      'SELECT count(*) AS n FROM audit_log WHERE actor = ? AND object = ? AND action = \'conversation.read\' AND id > ?',
    );
    this.walkStmt = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?');
  }

  last(): AuditRow | undefined {
    return this.lastStmt.get();
  }

  /** The id is chosen by the caller (the last id + 1) because it is part of the hash. */
  insert(row: AuditRow): void {
    this.insertStmt.run(row.id, row.at, row.actor, row.actor_name, row.action, row.object, row.prev_hash, row.hash);
  }

  highestIdEverGiven(): number {
    return this.sequenceStmt.get()?.seq ?? 0;
  }

  /** Newest first. */
  list(filter: AuditFilter): AuditRow[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add('actor = ?', filter.actor);
    add('action = ?', filter.action);
    add('at >= ?', filter.from);
    add('at <= ?', filter.to);
    add('id < ?', filter.before);
    const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.prepare<Array<string | number>, AuditRow>(sql).all(...args, filter.limit);
  }

  /** Rows after `afterId`, oldest first, at most `limit` (the chain is checked in pages). */
  page(afterId: number, limit: number): AuditRow[] {
    return this.walkStmt.all(afterId, limit);
  }

  /** An entry of this reading since `sinceId` exists (access/audit-log.ts keeps one per ten minutes). */
  readSince(actor: string, object: string, sinceId: number): boolean {
    return this.recentStmt.get(actor, object, sinceId)!.n > 0;
  }
}
