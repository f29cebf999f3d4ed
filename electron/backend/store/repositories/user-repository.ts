/** users (migration 014): who may sign in at the desk, with which role. Hashing and rules live in access/. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../../src-shared/contract/access.ts';

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  /** scrypt string (access/secret-hash.ts), or null: none chosen yet. */
  secretHash: string | null;
  createdAt: string;
  disabledAt: string | null;
  failedCount: number;
  blockedUntil: string | null;
  lastSignInAt: string | null;
}

interface UserRow {
  id: number;
  name: string;
  role: Role;
  secret_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  failed_count: number;
  blocked_until: string | null;
  last_sign_in_at: string | null;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  failedCount: r.failed_count,
  blockedUntil: r.blocked_until,
  lastSignInAt: r.last_sign_in_at,
});

export class UserRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly byNameStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly secretStmt;
  private readonly failedStmt;
  private readonly signedInStmt;
  private readonly deleteStmt;
  private readonly activeAdminsStmt;
  private readonly activeCountStmt;

  constructor(db: Database.Database) {
    this.listStmt = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name COLLATE NOCASE, id');
    this.getStmt = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byNameStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE name = ?');
    this.insertStmt = db.prepare<[string, Role, string | null, string]>('INSERT INTO users (name, role, secret_hash, created_at) VALUES (?, ?, ?, ?)');
    this.updateStmt = db.prepare<[string, Role, string | null, number]>('UPDATE users SET name = ?, role = ?, disabled_at = ? WHERE id = ?');
    this.secretStmt = db.prepare<[string, number]>('UPDATE users SET secret_hash = ?, failed_count = 0, blocked_until = NULL WHERE id = ?');
    this.failedStmt = db.prepare<[number, string | null, number]>('UPDATE users SET failed_count = ?, blocked_until = ? WHERE id = ?');
    this.signedInStmt = db.prepare<[string, number]>('UPDATE users SET failed_count = 0, blocked_until = NULL, last_sign_in_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM users WHERE id = ?');
    this.activeAdminsStmt = db.prepare<[], UserRow>("SELECT * FROM users WHERE role = 'administrator' AND disabled_at IS NULL ORDER BY id");
    this.activeCountStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users WHERE disabled_at IS NULL');
  }

  list(): UserRecord[] {
    return this.listStmt.all().map(toUser);
  }

  get(id: number): UserRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toUser(row) : undefined;
  }

  /** Case-insensitive (the column's collation). */
  byName(name: string): UserRecord | undefined {
    const row = this.byNameStmt.get(name);
    return row ? toUser(row) : undefined;
  }

  insert(name: string, role: Role, secretHash: string | null, at: string): number {
    return Number(this.insertStmt.run(name, role, secretHash, at).lastInsertRowid);
  }

  update(id: number, fields: { name: string; role: Role; disabledAt: string | null }): void {
    this.updateStmt.run(fields.name, fields.role, fields.disabledAt, id);
  }

  setSecret(id: number, secretHash: string): void {
    this.secretStmt.run(secretHash, id);
  }

  recordFailure(id: number, failedCount: number, blockedUntil: string | null): void {
    this.failedStmt.run(failedCount, blockedUntil, id);
  }

  recordSignIn(id: number, at: string): void {
    this.signedInStmt.run(at, id);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Enabled administrators, oldest first (the first is who the desk acts as while sign-in is off). */
  activeAdministrators(): UserRecord[] {
    return this.activeAdminsStmt.all().map(toUser);
  }

  activeCount(): number {
    return this.activeCountStmt.get()!.n;
  }
}
