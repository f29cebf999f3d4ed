/** api_keys (migration 014): named keys other systems call the HTTP API with, kept as SHA-256 only. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../../src-shared/contract/access.ts';

export interface ApiKeyRecord {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface KeyRow {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toKey = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const COLUMNS = 'id, name, role, prefix, created_at, created_by, last_used_at, revoked_at';

export class ApiKeyRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly byHashStmt;
  private readonly insertStmt;
  private readonly revokeStmt;
  private readonly usedStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY revoked_at IS NOT NULL, id DESC`);
    this.getStmt = db.prepare<[number], KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`);
    this.byHashStmt = db.prepare<[string], KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`);
    this.insertStmt = db.prepare<[string, Role, string, string, string, string]>(
      'INSERT INTO api_keys (name, role, key_hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.revokeStmt = db.prepare<[string, number]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.usedStmt = db.prepare<[string, number]>('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  }

  list(): ApiKeyRecord[] {
    return this.listStmt.all().map(toKey);
  }

  get(id: number): ApiKeyRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toKey(row) : undefined;
  }

  /** The key whose SHA-256 (hex) this is, revoked or not. */
  byHash(keyHash: string): ApiKeyRecord | undefined {
    const row = this.byHashStmt.get(keyHash);
    return row ? toKey(row) : undefined;
  }

  insert(fields: { name: string; role: Role; keyHash: string; prefix: string; createdAt: string; createdBy: string }): number {
    return Number(this.insertStmt.run(fields.name, fields.role, fields.keyHash, fields.prefix, fields.createdAt, fields.createdBy).lastInsertRowid);
  }

  revoke(id: number, at: string): void {
    this.revokeStmt.run(at, id);
  }

  used(id: number, at: string): void {
    this.usedStmt.run(at, id);
  }
}
