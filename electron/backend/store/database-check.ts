/**
 * Is the database file whole? Run at every start, after the data folder's lock is taken and
 * before migrations (docs/ARCHITECTURE.md "The store": Damaged database; issue 10 item 6).
 *
 * Why a check of our own before SQLite opens the file as usual: a damaged page that no start-up
 * query reads opens normally (three of five such files did, in the trials), a file cut
 * short fails later with a terse "database disk image is malformed", and an empty file with its
 * write-ahead log beside it opens as a new, empty database (the WAL is then discarded). None of
 * these may start silently.
 *
 * The check never changes the file: the bytes are read with node:fs, and SQLite opens it
 * read-only, so it neither checkpoints nor deletes the -wal on close (a read-write connection
 * would, folding whatever the WAL holds into a file we are about to set aside). A read-only
 * connection may create an empty -wal and build the -shm index beside it (the -shm is derived
 * from the -wal and holds no data of its own). A caller that holds the data folder has both
 * removed again when the check created them, so the folder is left as it was found.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { isPlainDatabase, openRaw } from './open-database.ts';

/** Why a file counts as damaged. The words for each are the callers' (CLI, desktop dialog, renderer). */
export const DAMAGE_REASONS = ['not-a-database', 'cut-short', 'empty-with-wal', 'corrupt'] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];

export type DatabaseCheck =
  /** No file, or an empty one with no WAL beside it: a new database, as before this check. */
  | { state: 'new' }
  /** quick_check said "ok". `schemaVersion` is PRAGMA user_version (0: not a Ujumbe database yet). */
  | { state: 'ok'; schemaVersion: number; ms: number }
  /** `said`: what showed it, in a technician's words (SQLite's own, or sizes from the file). */
  | { state: 'damaged'; reason: DamageReason; said: string };

/** The 16 bytes every SQLite 3 database starts with (https://sqlite.org/fileformat2.html §1.3). */
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** quick_check stops after this many problems: the first few say enough, and a badly damaged file could list thousands. */
const MAX_PROBLEMS = 10;
const MAX_SAID_CHARS = 500;

/** SQLite's result codes that mean the file is damaged (https://sqlite.org/rescode.html), not that it cannot be reached. */
const DAMAGE_CODES: Record<string, DamageReason> = {
  SQLITE_CORRUPT: 'corrupt',
  SQLITE_CORRUPT_INDEX: 'corrupt',
  SQLITE_CORRUPT_SEQUENCE: 'corrupt',
  SQLITE_CORRUPT_VTAB: 'corrupt',
  SQLITE_NOTADB: 'not-a-database',
  // A read past the end of the file: the unix VFS reports a short read this way.
  SQLITE_IOERR_SHORT_READ: 'cut-short',
};

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** SQLCipher 4's page size: an encrypted file is whole pages of it (its header is encrypted too). */
const ENCRYPTED_PAGE_BYTES = 4096;

/**
 * An encrypted file has no readable header: only its size can be measured before SQLite reads
 * it with the key. Without a WAL it is whole pages (a WAL may hold the tail, as above).
 */
function checkEncryptedSize(size: number, walSize: number): DatabaseCheck | null {
  if (walSize === 0 && size % ENCRYPTED_PAGE_BYTES !== 0) {
    return { state: 'damaged', reason: 'cut-short', said: `the encrypted file is ${size} bytes, not a whole number of ${ENCRYPTED_PAGE_BYTES}-byte pages` };
  }
  return null;
}

/**
 * What the file's own header says, before SQLite reads it (file format §1.3): the magic string,
 * the page size (offset 16; 1 means 65536) and the page count (offset 28), which counts only
 * while the "version-valid-for" number (offset 92) equals the change counter (offset 24).
 * Only a file with no WAL is measured: with a WAL, pages may live there, and a crash during a
 * checkpoint legitimately leaves a main file shorter than its header says until the WAL is
 * replayed. SQLite itself refuses such a file when the WAL does not make up the difference.
 */
function checkHeader(path: string, size: number, walSize: number): DatabaseCheck | null {
  const header = readHeader(path);
  const prefix = header.subarray(0, Math.min(header.length, MAGIC.length));
  if (!MAGIC.subarray(0, prefix.length).equals(prefix)) return { state: 'damaged', reason: 'not-a-database', said: 'the file does not begin like an SQLite database' };
  if (header.length < HEADER_BYTES) return { state: 'damaged', reason: 'cut-short', said: `the file is ${size} bytes, shorter than an SQLite header (${HEADER_BYTES} bytes)` };
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) {
    return { state: 'damaged', reason: 'not-a-database', said: `the header names an impossible page size (${raw})` };
  }
  const pages = header.readUInt32BE(28);
  const countValid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  if (walSize === 0 && countValid && size < pages * pageSize) {
    return { state: 'damaged', reason: 'cut-short', said: `the file is ${size} bytes; its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes)` };
  }
  return null;
}

/** The first lines of what SQLite said, on one line, bounded. */
function said(lines: readonly string[]): string {
  // quick_check puts a newline inside some of its rows ("*** in database main ***\nPage 5: …").
  const text = lines.join('; ').replace(/\s*\n\s*/g, '; ');
  return text.length > MAX_SAID_CHARS ? `${text.slice(0, MAX_SAID_CHARS - 1)}…` : text;
}

/**
 * Checks the database file at `path` (and its `-wal`) without changing either.
 * Cost: one read of every page (quick_check skips only the index-to-table cross-checks of
 * integrity_check); measured in docs/BENCHMARKS.md ("database-check": 0.24 s for 100,000 messages).
 * `tidy`: remove the -wal and -shm the check created (see above); only for the folder's holder.
 * @throws the file system's or SQLite's error when the file cannot be read at all (permissions,
 *   an I/O error): that is not damage, and nothing is offered for it.
 */
export function checkDatabaseFile(path: string, options: { tidy?: boolean; now?: () => number; key?: Buffer | null } = {}): DatabaseCheck {
  const now = options.now ?? (() => performance.now());
  const size = sizeOf(path);
  const walBefore = sizeOf(`${path}-wal`);
  const walSize = walBefore ?? 0;
  const shmBefore = existsSync(`${path}-shm`);
  if (size === null || size === 0) {
    // An empty WAL beside an empty file is what SQLite leaves after creating a database and
    // stopping before the first write: new. A WAL with frames is the data of a main file that
    // is gone: opened as usual, SQLite would discard it.
    if (walSize === 0) return { state: 'new' };
    return { state: 'damaged', reason: 'empty-with-wal', said: `the file is ${size === null ? 'missing' : 'empty'}, but its write-ahead log beside it (-wal) holds ${walSize} bytes` };
  }
  // With a key, a file that is not plain is read as encrypted (a plain one is encrypted after
  // this check, open-database.ts encryptInPlace); a wrong key reads as SQLITE_NOTADB, which is
  // damage here: database-key.ts has already made sure the key is the data folder's own.
  const key = options.key ?? null;
  const encrypted = key !== null && !isPlainDatabase(path);
  const fromHeader = encrypted ? checkEncryptedSize(size, walSize) : checkHeader(path, size, walSize);
  if (fromHeader) return fromHeader;

  const started = now();
  let db: Database.Database | null = null;
  try {
    db = openRaw(path, { key: encrypted ? key : null, readonly: true, fileMustExist: true });
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const rows = db.pragma(`quick_check(${MAX_PROBLEMS})`) as Array<Record<string, unknown>>;
    const lines = rows.map((row) => String(Object.values(row)[0]));
    if (lines.length !== 1 || lines[0] !== 'ok') return { state: 'damaged', reason: 'corrupt', said: said(lines) };
    return { state: 'ok', schemaVersion, ms: now() - started };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? DAMAGE_CODES[code] : undefined;
    if (reason === undefined) throw err;
    return { state: 'damaged', reason, said: said([`${code}: ${(err as Error).message}`]) };
  } finally {
    db?.close();
    // Only with the data folder held (options.tidy): a reader beside a running host must not
    // remove files that host uses.
    if (options.tidy) {
      if (walBefore === null && sizeOf(`${path}-wal`) === 0) removeIfThere(`${path}-wal`);
      if (!shmBefore) removeIfThere(`${path}-shm`);
    }
  }
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there.
  }
}
