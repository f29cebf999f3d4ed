/**
 * A damaged database at start (docs/ARCHITECTURE.md "The store": Damaged database; issue 10
 * item 6): never start empty silently, never change the damaged file. Without a way on chosen by
 * a person, start-up stops with DatabaseDamagedError; the two ways on are
 * - `start-empty`: the damaged file (with its -wal and -shm) is moved, untouched, into
 *   `<data-dir>/damaged-<time>/`, and a new database takes its place;
 * - `restore`: a copy the clinic has (chosen by a person; later a backup from issue 13's list,
 *   which only has to hand its file here) is copied in, checked, and takes the damaged file's
 *   place, which is moved aside the same way.
 * Either way the new database records what happened (the `databaseDamage` setting), so the UI
 * says so once (app.info's `databaseNotice`).
 *
 * The replacement is built whole beside the database (`ujumbe.db.replacing`: migrated, the
 * record written, closed) before anything is moved, and moved in last. A crash in between leaves
 * either the damaged file in place (the replacement is dropped at the next start and the person
 * asked again) or no database and the replacement (finished at the next start): never an empty
 * database with nothing said, and never a new database beside the old one's WAL (SQLite would
 * replay it into the wrong file).
 */
import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UjumbeError } from '../../../src-shared/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { checkDatabaseFile, type DamageReason, type DatabaseCheck } from './database-check.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { isPlainDatabase, openDatabase, openRaw } from './open-database.ts';
import { SettingsRepository } from './repositories/settings-repository.ts';

/** A way on from a damaged database, chosen by a person (`--start-empty`, `--restore FILE`, the desktop dialog). */
export type DatabaseRecovery = { way: 'start-empty' } | { way: 'restore'; from: string };

/** What the new database records about the start after damage (the `databaseDamage` setting). */
export interface DatabaseDamageRecord {
  way: DatabaseRecovery['way'];
  /** When (ISO 8601). */
  at: string;
  /** The folder the damaged file was moved into, untouched (absolute). */
  keptIn: string;
  reason: DamageReason;
  /** What the check said. */
  said: string;
  /** The copy restored from (`restore` only). */
  restoredFrom: string | null;
  /** Set when the nurse has seen the notice: it is shown once. */
  dismissed: boolean;
}

/** How start-up found the database. `after` is set when this start set a damaged one aside. */
export type DatabaseStart = { check: DatabaseCheck; after: DatabaseDamageRecord | null };

const REASON_WORDS: Record<DamageReason, string> = {
  'not-a-database': 'the file is not a database',
  'cut-short': 'the file is cut short',
  'empty-with-wal': 'the file is empty, but its log of recent changes (-wal) is not',
  corrupt: 'parts of it are damaged',
};

/** The database is damaged and no way on was chosen. Nothing in the data folder was changed. */
export class DatabaseDamagedError extends UjumbeError {
  constructor(
    readonly path: string,
    readonly reason: DamageReason,
    readonly said: string,
  ) {
    super('database-damaged', `Ujumbe's database is damaged (${REASON_WORDS[reason]}): ${path}. Ujumbe has not changed it.`, { path, reason, said });
  }
}

/** Why a copy was not restored. */
export type RestoreRefusal = 'not-found' | 'same-file' | 'damaged' | 'not-ujumbe' | 'too-new';

const REFUSAL_WORDS: Record<RestoreRefusal, string> = {
  'not-found': 'there is no such file',
  'same-file': 'it is the damaged database itself',
  damaged: 'that copy is damaged too',
  'not-ujumbe': 'it is not an Ujumbe database',
  'too-new': 'it was written by a newer version of Ujumbe',
};

/** The copy chosen to restore from cannot be used. The damaged database is still in place, unchanged. */
export class RestoreRefusedError extends UjumbeError {
  constructor(
    readonly from: string,
    readonly refusal: RestoreRefusal,
    said: string | null = null,
  ) {
    super('restore-refused', `This copy cannot be restored: ${REFUSAL_WORDS[refusal]} (${from}). The damaged database was not changed.`, { from, refusal, said });
  }
}

const SIDE_FILES = ['-wal', '-shm'] as const;
const REPLACING = '.replacing';

/**
 * Checks the database file at `path` and, when it is damaged, takes the way on a person chose,
 * before the database is opened for use. Ways on, and tidying after the check, only for a caller
 * that holds the data folder's lock (`holdsFolder`): a reader beside a running host only checks.
 * @throws DatabaseDamagedError when it is damaged and `recovery` is null (nothing changed).
 * @throws RestoreRefusedError when the copy to restore from cannot be used (nothing changed).
 * @throws the file system's or SQLite's error when a file cannot be read or moved at all.
 */
export function prepareDatabase(path: string, options: { recovery: DatabaseRecovery | null; holdsFolder: boolean; clock?: Clock; key?: Buffer | null }): DatabaseStart {
  const key = options.key ?? null;
  if (options.holdsFolder) finishInterruptedReplacement(path, key);
  const check = checkDatabaseFile(path, { tidy: options.holdsFolder, key });
  // A way on only ever applies to damage: a `--start-empty` left in a service's command line
  // must never empty a good database.
  if (check.state !== 'damaged') return { check, after: null };
  if (options.recovery === null || !options.holdsFolder) throw new DatabaseDamagedError(path, check.reason, check.said);

  const at = new Date((options.clock ?? systemClock).now());
  const keptIn = damagedFolderFor(dirname(path), at);
  const record: DatabaseDamageRecord = {
    way: options.recovery.way,
    at: at.toISOString(),
    keptIn,
    reason: check.reason,
    said: check.said,
    restoredFrom: options.recovery.way === 'restore' ? options.recovery.from : null,
    dismissed: false,
  };
  const replacement = `${path}${REPLACING}`;
  removeWithSideFiles(replacement);
  try {
    if (options.recovery.way === 'restore') copyRestorable(options.recovery.from, path, replacement, key);
    writeRecord(replacement, record, key);
  } catch (err) {
    removeWithSideFiles(replacement);
    throw err;
  }
  setAside(path, keptIn, record);
  renameSync(replacement, path);
  return { check, after: record };
}

/**
 * `damaged-2026-12-03T09-12-05Z` (no colons: Windows refuses them in names), with `-2`, `-3` …
 * when two starts in one second both set a file aside.
 */
function damagedFolderFor(dataDir: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let folder = join(dataDir, `damaged-${stamp}`);
  for (let n = 2; existsSync(folder); n++) folder = join(dataDir, `damaged-${stamp}-${n}`);
  return folder;
}

/**
 * Copies the chosen file (and its -wal, if it has one) to `replacement` and checks the copy, so
 * the clinic's own file is only read, never opened by SQLite for writing. Also the check of a
 * backup before it is restored (backup/backup-restore.ts): one source for what may be restored.
 * @returns the copy's schema version.
 * @throws RestoreRefusedError (the caller removes `replacement`).
 */
export function copyRestorable(from: string, path: string, replacement: string, key: Buffer | null): number {
  if (!existsSync(from) || !statSync(from).isFile()) throw new RestoreRefusedError(from, 'not-found');
  if (sameFile(from, path)) throw new RestoreRefusedError(from, 'same-file');
  copyFileSync(from, replacement);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${replacement}-wal`);
  const check = checkDatabaseFile(replacement, { tidy: true, key });
  if (check.state === 'damaged') throw new RestoreRefusedError(from, 'damaged', check.said);
  if (check.state === 'new' || check.schemaVersion < 1) throw new RestoreRefusedError(from, 'not-ujumbe');
  if (check.schemaVersion > LATEST_SCHEMA_VERSION) throw new RestoreRefusedError(from, 'too-new', `schema version ${check.schemaVersion}; this Ujumbe understands up to ${LATEST_SCHEMA_VERSION}`);
  return check.schemaVersion;
}

function sameFile(a: string, b: string): boolean {
  if (!existsSync(b)) return false;
  if (realpathSync(a) === realpathSync(b)) return true;
  const sa = statSync(a);
  const sb = statSync(b);
  return sa.dev === sb.dev && sa.ino === sb.ino;
}

/** Creates (or migrates the restored copy at) `replacement`, writes the record, closes it (its WAL folded in). */
function writeRecord(replacement: string, record: DatabaseDamageRecord, key: Buffer | null): void {
  const db = openDatabase({ path: replacement, key });
  try {
    new SettingsRepository(db).set('databaseDamage', record);
  } finally {
    db.close();
  }
}

/** Moves the damaged file and its -wal and -shm into `keptIn` (renames only: the bytes are not touched). */
function setAside(path: string, keptIn: string, record: DatabaseDamageRecord): void {
  mkdirSync(keptIn, { recursive: true, mode: 0o700 });
  // Words for whoever opens the folder later; beside the file, never in it.
  writeFileSync(
    join(keptIn, 'README.txt'),
    [
      `Ujumbe found its database damaged on ${record.at} (${REASON_WORDS[record.reason]}: ${record.said}).`,
      `The files in this folder are that database, moved here as they were: Ujumbe has not changed them.`,
      record.way === 'restore' ? `Ujumbe went on with a copy restored from ${record.restoredFrom ?? ''}.` : 'Ujumbe went on with an empty database.',
      'A technician may be able to recover messages from them (for example with the sqlite3 program\'s .recover command, on a copy).',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  // The main file first: from here on no database is at `path`, so nothing can open the -wal
  // with the wrong file before it follows (finishInterruptedReplacement picks up the rest).
  if (existsSync(path)) renameSync(path, join(keptIn, basename(path)));
  for (const side of SIDE_FILES) if (existsSync(`${path}${side}`)) renameSync(`${path}${side}`, join(keptIn, `${basename(path)}${side}`));
}

/**
 * A start that died while setting a damaged database aside left a replacement beside it.
 * - The damaged file is still in place: nothing was moved; the replacement goes, and the check
 *   finds the damage again (the person chooses again).
 * - The database is gone: it was moved; the -wal and -shm follow it into the folder the
 *   replacement's record names, and the replacement moves in.
 */
function finishInterruptedReplacement(path: string, key: Buffer | null): void {
  const replacement = `${path}${REPLACING}`;
  if (!existsSync(replacement)) return;
  if (existsSync(path)) {
    removeWithSideFiles(replacement);
    return;
  }
  const record = readRecord(replacement, key);
  if (record === null) {
    // Not a finished replacement (it is written whole before anything moves): drop it.
    removeWithSideFiles(replacement);
    return;
  }
  setAside(path, record.keptIn, record);
  renameSync(replacement, path);
}

function readRecord(path: string, key: Buffer | null): DatabaseDamageRecord | null {
  try {
    const db = openRaw(path, { key: key && !isPlainDatabase(path) ? key : null, readonly: true, fileMustExist: true });
    try {
      return new SettingsRepository(db).get('databaseDamage');
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function removeWithSideFiles(path: string): void {
  for (const file of [path, ...SIDE_FILES.map((side) => `${path}${side}`)]) {
    try {
      unlinkSync(file);
    } catch {
      // Not there.
    }
  }
}
