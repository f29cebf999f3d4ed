/**
 * Opens the SQLite database with the pragmas the message lifecycle relies on, and brings its
 * schema up to date. The one place a database file is opened (database-check.ts and
 * damaged-database.ts read through openRaw): with a key, every page is encrypted in SQLCipher
 * 4's format (issue 13 "Data at rest"; the key's life is database-key.ts), and a plain database
 * from before is encrypted in place first (encryptInPlace).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, chmodSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { migrate } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  /** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Run migrations (default true). */
  migrate?: boolean;
  /** The database key (database-key.ts); null or absent: a plain database (tests, ':memory:'). */
  key?: Buffer | null;
}

/**
 * @throws DatabaseTooNewError if the file was written by a newer Ujumbe.
 * @throws better-sqlite3's SqliteError if the file is not a database or cannot be opened.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const inMemory = options.path === ':memory:';
  const key = inMemory ? null : (options.key ?? null);
  if (key && isPlainDatabase(options.path)) encryptInPlace(options.path, key);
  if (!inMemory) restrictFileMode(options.path);
  const db = openRaw(options.path, { key });
  try {
    applyPragmas(db, options.busyTimeoutMs ?? 5_000, inMemory);
    if (options.migrate !== false) migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * A connection with the key applied, nothing else: for readers that only check a file
 * (database-check.ts) as well as for openDatabase.
 * @throws SqliteError SQLITE_NOTADB at the first read when the key is not the file's.
 */
export function openRaw(path: string, options: { key: Buffer | null; readonly?: boolean; fileMustExist?: boolean; timeout?: number }): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false, ...(options.timeout === undefined ? {} : { timeout: options.timeout }) });
  if (options.key) {
    try {
      applyKey(db, options.key);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return db;
}

/** SQLCipher 4's format (AES-256, HMAC-SHA512 per page) with a raw key (x'…': no PBKDF2 at each open, 0.4 ms against 124 ms for a passphrase here). */
function applyKey(db: Db, key: Buffer): void {
  for (const pragma of keyPragmas(key)) db.pragma(pragma);
}

/** The pragmas that open a database with `key` (also sent to checkpoint-worker.cjs), or with `rekey` encrypt an open one with it. */
export function keyPragmas(key: Buffer, verb: 'key' | 'rekey' = 'key'): string[] {
  // A pragma takes no bound parameters; the hex of our own 32 random bytes is all it holds.
  return ["cipher = 'sqlcipher'", 'legacy = 4', `${verb} = "x'${key.toString('hex')}'"`];
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file starts as an unencrypted SQLite database does (an encrypted one starts with random salt). */
export function isPlainDatabase(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

const ENCRYPTING = '.encrypting';

/**
 * Encrypts a plain database (the upgrade that brought encryption): its write-ahead log folded
 * in, a copy encrypted (rekey) and checked to hold the same rows in every table, then moved over
 * the plain file, whose -wal and -shm go. The original is untouched until that rename, so a
 * crash at any point leaves either the plain database (encrypted again at the next start) or
 * the encrypted one.
 * @throws Error when the encrypted copy does not hold the same rows (nothing replaced).
 */
export function encryptInPlace(path: string, key: Buffer): void {
  const copy = `${path}${ENCRYPTING}`;
  for (const f of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  const plain = new Database(path, { fileMustExist: true });
  let before: Map<string, number>;
  try {
    // TRUNCATE: every committed page is in the main file, so the copy below is the whole database.
    plain.pragma('wal_checkpoint(TRUNCATE)');
    before = rowCounts(plain);
  } finally {
    plain.close();
  }
  copyFileSync(path, copy);
  try {
    const db = new Database(copy, { fileMustExist: true });
    try {
      // rekey rewrites every page; SQLite3 Multiple Ciphers does it only outside WAL mode.
      db.pragma('journal_mode = DELETE');
      for (const pragma of keyPragmas(key, 'rekey')) db.pragma(pragma);
    } finally {
      db.close();
    }
    const check = openRaw(copy, { key, fileMustExist: true });
    try {
      const after = rowCounts(check);
      for (const [table, n] of before) {
        if (after.get(table) !== n) throw new Error(`Encrypting the database lost rows of ${table} (${n} before, ${after.get(table) ?? 0} after); the plain database is kept as it was.`);
      }
      check.pragma('journal_mode = WAL');
    } finally {
      check.close();
    }
    if (process.platform !== 'win32') chmodSync(copy, 0o600);
    // The plain -wal is empty after TRUNCATE; it and the -shm must not sit beside the encrypted file.
    for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    renameSync(copy, path);
  } catch (error) {
    for (const f of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
    throw error;
  }
}

/** Rows per table (FTS5's shadow tables included: they hold text too). */
function rowCounts(db: Db): Map<string, number> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return new Map(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
}

function applyPragmas(db: Db, busyTimeoutMs: number, inMemory: boolean): void {
  // WAL: readers (the UI's lists) never block the dispatcher's writes.
  if (!inMemory) db.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: a committed `sending` or `sent` must survive a power cut,
  // or crash recovery would resend (or lose) a message the clinic believes is settled.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 32 MiB of page cache (SQLite's default is 2 MiB): an encrypted page is decrypted and its
  // HMAC checked each time it is read into the cache, so pages that stay cached cost that once
  // (npm run bench -- encryption: search and stats.daily went from 1.3-2.5x the plain figures
  // to within noise of them). Negative: KiB, not pages.
  db.pragma('cache_size = -32768');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
}

/**
 * Creates the file with mode 0600 before SQLite does (SQLite would use 0644 minus the umask),
 * and tightens an existing one. The -wal and -shm files SQLite creates copy the main file's
 * permissions.
 */
function restrictFileMode(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  if (process.platform !== 'win32') chmodSync(path, 0o600);
}
