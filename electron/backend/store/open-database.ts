/**
 * Opens the SQLite database with the pragmas the message lifecycle relies on, and brings its
 * schema up to date.
 */
import Database from 'better-sqlite3';
import { closeSync, chmodSync, openSync } from 'node:fs';
import { migrate } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  /** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Run migrations (default true). */
  migrate?: boolean;
}

/**
 * @throws DatabaseTooNewError if the file was written by a newer Ujumbe.
 * @throws better-sqlite3's SqliteError if the file is not a database or cannot be opened.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const inMemory = options.path === ':memory:';
  if (!inMemory) restrictFileMode(options.path);
  const db = new Database(options.path);
  try {
    applyPragmas(db, options.busyTimeoutMs ?? 5_000, inMemory);
    if (options.migrate !== false) migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function applyPragmas(db: Db, busyTimeoutMs: number, inMemory: boolean): void {
  // WAL: readers (the UI's lists) never block the dispatcher's writes.
  if (!inMemory) db.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: a committed `sending` or `sent` must survive a power cut,
  // or crash recovery would resend (or lose) a message the clinic believes is settled.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
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
