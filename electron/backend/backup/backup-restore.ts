/**
 * Restoring a backup (docs/ARCHITECTURE.md "Backups"): checked before it replaces anything, the
 * current database kept aside, in two steps so the running app never swaps the file under its
 * own connection:
 * 1. `stageRestore`: the backup is copied into the data folder (`ujumbe.db.restoring`; the
 *    clinic's file is only read), opened with a key (the folder's own, else the one its key
 *    file gives for the recovery code), checked by the same rules as a restore after damage
 *    (store/damaged-database.ts copyRestorable: quick_check, a schema version from 1 to this
 *    Ujumbe's), re-encrypted with the folder's key when it came with another, and a marker
 *    (`restore-pending.json`) written last. A refused file changes nothing.
 * 2. `applyPendingRestore`: before the database is opened (createBackend, after the folder's
 *    lock; `ujumbe restore` at once), the current database with its -wal and -shm and a copy of
 *    the key file are moved into `before-restore-<time>/`, then the staged copy moves in. A
 *    start that dies in between finishes the move at the next start (the marker names the
 *    folder); the new database never sits beside the old one's WAL.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RestoreRefusalCode } from '../../../src-shared/contract/backup-commands.ts';
import { UjumbeError } from '../../../src-shared/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { opensWith, rekeyCopy } from '../store/backup-copy.ts';
import { DATABASE_FILE_NAME } from '../store/data-dir.ts';
import { checkDatabaseFile } from '../store/database-check.ts';
import { copyRestorable, type RestoreRefusal, RestoreRefusedError } from '../store/damaged-database.ts';
import { DATABASE_KEY_FILE, DatabaseKeyError, keyFromRecoveryWrap } from '../store/database-key.ts';
import { isPlainDatabase } from '../store/open-database.ts';
import { fsyncFolder, keyFileFor, readBackupKeyFile } from './backup-files.ts';

export const PENDING_RESTORE_FILE = 'restore-pending.json';
export const LAST_RESTORE_FILE = 'last-restore.json';
const STAGED = '.restoring';
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Why a backup is not restored: the damage-restore reasons, and the key's (one list, in the contract). */
export type BackupRefusal = RestoreRefusalCode;
// Every damage-restore reason is one of the contract's: a new one there must be added here too.
const _everyDamageRefusal: RestoreRefusal extends BackupRefusal ? true : never = true;
void _everyDamageRefusal;

const REFUSAL_WORDS: Record<BackupRefusal, string> = {
  'not-found': 'there is no such file',
  'same-file': 'it is the database in use itself',
  damaged: 'the file is damaged',
  'not-ujumbe': 'it is not an Ujumbe database',
  'too-new': 'it was written by a newer version of Ujumbe',
  'needs-recovery-code': "it was made with another key: give the recovery code written down for that data (its key file is beside it)",
  'wrong-code': 'that recovery code does not open it',
  'key-missing': 'it does not open with this data folder\'s key, and its key file (.key.json) is not beside it',
};

/** The backup is not restored; nothing in the data folder changed. */
export class BackupRestoreRefusedError extends UjumbeError {
  constructor(
    readonly from: string,
    readonly refusal: BackupRefusal,
    said: string | null = null,
  ) {
    super('restore-refused', `This backup cannot be restored: ${REFUSAL_WORDS[refusal]} (${from}). Nothing was changed.`, { from, refusal, said });
  }
}

/** A restore checked and waiting for the next start (the marker's content). */
export interface PendingRestore {
  version: 1;
  /** The backup restored from (absolute). */
  from: string;
  /** When it was asked for (ISO 8601). */
  requestedAt: string;
  /** Where the current database goes (absolute). */
  keptIn: string;
  schemaVersion: number;
}

/** A restore applied: also written as last-restore.json, so the app can say it once. */
export interface RestoreApplied {
  from: string;
  requestedAt: string;
  appliedAt: string;
  keptIn: string;
}

export interface StageOptions {
  dataDir: string;
  /** The backup file. */
  from: string;
  /** The data folder's key; null when it has none yet (a new computer) or is plain. */
  folderKey: Buffer | null;
  /** The recovery code written down for the backup's data, when it was made with another key. */
  recoveryCode?: string | null;
  clock?: Clock;
}

export interface Staged {
  pending: PendingRestore;
  /**
   * Set when the folder has no key and the backup came with one (unwrapped by the recovery
   * code): the caller installs it (store/database-key.ts installDatabaseKey) with this recovery
   * wrap before the restore is applied.
   */
  keyToInstall: { key: Buffer; recovery: string } | null;
}

/**
 * Checks the backup and stages it (step 1 above).
 * @throws BackupRestoreRefusedError (nothing changed).
 */
export function stageRestore(options: StageOptions): Staged {
  const clock = options.clock ?? systemClock;
  const path = join(options.dataDir, DATABASE_FILE_NAME);
  const staged = `${path}${STAGED}`;
  const from = options.from;
  removeWithSideFiles(staged);
  rmSync(join(options.dataDir, PENDING_RESTORE_FILE), { force: true });
  try {
    if (!existsSync(from)) throw new BackupRestoreRefusedError(from, 'not-found');
    // Which key opens it is asked of a copy: SQLite may leave a -shm beside a file it reads.
    copyFileSync(from, staged);
    const key = backupKey(staged, from, options);
    removeWithSideFiles(staged);
    let schemaVersion: number;
    try {
      schemaVersion = copyRestorable(from, path, staged, key.key);
    } catch (error) {
      if (error instanceof RestoreRefusedError) throw new BackupRestoreRefusedError(from, error.refusal, (error.details as { said?: string | null }).said ?? null);
      throw error;
    }
    if (key.key && options.folderKey && !key.key.equals(options.folderKey)) rekeyCopy(staged, key.key, options.folderKey);
    const at = new Date(clock.now());
    const pending: PendingRestore = { version: 1, from, requestedAt: at.toISOString(), keptIn: keptInFor(options.dataDir, at), schemaVersion };
    writeWhole(join(options.dataDir, PENDING_RESTORE_FILE), `${JSON.stringify(pending, null, 2)}\n`);
    return { pending, keyToInstall: key.key && options.folderKey === null && key.recovery ? { key: key.key, recovery: key.recovery } : null };
  } catch (error) {
    removeWithSideFiles(staged);
    throw error;
  }
}

/** The key that opens the staged copy: none (plain), the folder's, or the backup's own by the recovery code. */
function backupKey(staged: string, from: string, options: StageOptions): { key: Buffer | null; recovery: string | null } {
  if (isPlainDatabase(staged)) return { key: null, recovery: null };
  if (options.folderKey && opensWith(staged, options.folderKey)) return { key: options.folderKey, recovery: null };
  let keyFile;
  try {
    keyFile = readBackupKeyFile(from);
  } catch (error) {
    throw new BackupRestoreRefusedError(from, 'key-missing', error instanceof Error ? error.message : String(error));
  }
  if (keyFile === null) {
    // Not opened by our key, nothing beside it to open it: a copy of ours that is damaged (cut
    // short, page 1 overwritten: the start-up check's own rules say so), or someone else's.
    const check = checkDatabaseFile(staged, { tidy: true, key: options.folderKey });
    if (check.state === 'damaged' && check.reason !== 'not-a-database') throw new BackupRestoreRefusedError(from, 'damaged', check.said);
    throw new BackupRestoreRefusedError(from, options.folderKey ? 'key-missing' : 'not-ujumbe');
  }
  const code = options.recoveryCode?.trim() ?? '';
  if (code === '') throw new BackupRestoreRefusedError(from, 'needs-recovery-code');
  let key: Buffer;
  try {
    key = keyFromRecoveryWrap(keyFile.recovery, code, keyFileFor(from));
  } catch (error) {
    if (error instanceof DatabaseKeyError) throw new BackupRestoreRefusedError(from, 'wrong-code', error.message);
    throw error;
  }
  if (!opensWith(staged, key)) throw new BackupRestoreRefusedError(from, 'damaged', 'the key file beside it does not open it');
  return { key, recovery: keyFile.recovery };
}

/** The restore waiting for the next start, if any. */
export function readPendingRestore(dataDir: string): PendingRestore | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, PENDING_RESTORE_FILE), 'utf8')) as Partial<PendingRestore>;
    if (parsed.version !== 1 || typeof parsed.from !== 'string' || typeof parsed.keptIn !== 'string' || typeof parsed.requestedAt !== 'string') return null;
    return parsed as PendingRestore;
  } catch {
    return null;
  }
}

/** The person changed their mind before the restart: the staged copy and the marker go. */
export function cancelPendingRestore(dataDir: string): boolean {
  const had = existsSync(join(dataDir, PENDING_RESTORE_FILE));
  rmSync(join(dataDir, PENDING_RESTORE_FILE), { force: true });
  removeWithSideFiles(join(dataDir, `${DATABASE_FILE_NAME}${STAGED}`));
  return had;
}

/**
 * Step 2 above: only by the folder's lock holder, before the database is opened.
 * @returns what was applied, or null when nothing waited.
 * @throws the file system's error when a file cannot be moved (the marker stays: tried again).
 */
export function applyPendingRestore(dataDir: string, clock: Clock = systemClock): RestoreApplied | null {
  const path = join(dataDir, DATABASE_FILE_NAME);
  const staged = `${path}${STAGED}`;
  const marker = join(dataDir, PENDING_RESTORE_FILE);
  const pending = readPendingRestore(dataDir);
  if (pending === null) {
    // A staging that died before its marker was written, or a marker that is not ours.
    rmSync(marker, { force: true });
    removeWithSideFiles(staged);
    return null;
  }
  if (!existsSync(staged)) {
    // Moved in already by a start that died before it removed the marker.
    rmSync(marker, { force: true });
    return null;
  }
  const { keptIn } = pending;
  mkdirSync(keptIn, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(keptIn, 'README.txt'),
    [
      `Ujumbe restored a backup on ${new Date(clock.now()).toISOString()} (asked for on ${pending.requestedAt}): ${pending.from}.`,
      'The files in this folder are the database that was in use before, moved here as they were, with a copy of its key file.',
      'To go back to it, restore this folder\'s ujumbe.db like a backup (ujumbe restore FILE).',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const keyFile = join(dataDir, DATABASE_KEY_FILE);
  if (existsSync(keyFile) && !existsSync(join(keptIn, DATABASE_KEY_FILE))) copyFileSync(keyFile, join(keptIn, DATABASE_KEY_FILE));
  // The main file first, then its side files, as damaged-database.ts setAside does.
  if (existsSync(path)) renameSync(path, join(keptIn, basename(path)));
  for (const side of SIDE_FILES) if (existsSync(`${path}${side}`)) renameSync(`${path}${side}`, join(keptIn, `${basename(path)}${side}`));
  renameSync(staged, path);
  fsyncFolder(dataDir);
  const applied: RestoreApplied = { from: pending.from, requestedAt: pending.requestedAt, appliedAt: new Date(clock.now()).toISOString(), keptIn };
  writeWhole(join(dataDir, LAST_RESTORE_FILE), `${JSON.stringify(applied, null, 2)}\n`);
  rmSync(marker, { force: true });
  return applied;
}

/** The last restore applied in this data folder, if any. */
export function readLastRestore(dataDir: string): RestoreApplied | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LAST_RESTORE_FILE), 'utf8')) as Partial<RestoreApplied>;
    return typeof parsed.from === 'string' && typeof parsed.appliedAt === 'string' && typeof parsed.keptIn === 'string' && typeof parsed.requestedAt === 'string' ? (parsed as RestoreApplied) : null;
  } catch {
    return null;
  }
}

/** `before-restore-2026-12-03T09-12-05Z` (no colons: Windows), `-2` … when taken. */
function keptInFor(dataDir: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let folder = join(dataDir, `before-restore-${stamp}`);
  for (let n = 2; existsSync(folder); n++) folder = join(dataDir, `before-restore-${stamp}-${n}`);
  return folder;
}

function writeWhole(path: string, text: string): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, path);
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
