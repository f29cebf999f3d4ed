/**
 * Makes one backup (docs/ARCHITECTURE.md "Backups"): a consistent, encrypted copy of the live
 * database in the chosen folder, with the recovery-wrapped key beside it, then the oldest
 * pruned. Used by the schedule (backup-schedule.ts), "Back up now" and `ujumbe backup`.
 */
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UjumbeError } from '../../../src-shared/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { BackupCopyError, copyDatabase } from '../store/backup-copy.ts';
import { recoveryWrappedKey } from '../store/database-key.ts';
import { backupNameFor, fsyncFile, fsyncFolder, keyFileFor, PARTIAL_SUFFIX, pruneBackups, removePartials, writeBackupKeyFile } from './backup-files.ts';

export type BackupProblem = 'folder-missing' | 'not-a-folder' | 'off' | 'failed';

/** No backup was made; what was half-written is gone, the database is untouched. */
export class BackupError extends UjumbeError {
  constructor(
    readonly problem: BackupProblem,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(`backup-${problem}`, message, { problem, ...details });
  }
}

/** One backup made. */
export interface BackupMade {
  path: string;
  name: string;
  /** ISO 8601. */
  madeAt: string;
  bytes: number;
  /** Milliseconds from start to the file synced and renamed. */
  ms: number;
  schemaVersion: number;
  /** Older backups removed to keep the last N. */
  pruned: string[];
  /** The key file was written beside it (false for a plain database, which has no key). */
  keyFile: boolean;
}

export interface BackupTarget {
  /** The live database file (`<data-dir>/ujumbe.db`). */
  databasePath: string;
  /** Its key; null for a plain database. */
  key: Buffer | null;
  /** The folder to write into: must exist (a stick that is not plugged in is never created on the system disk). */
  folder: string;
  /** How many backups to keep, this one included; null: none removed (`ujumbe backup --out`). */
  keep: number | null;
  /** The file to write (`ujumbe backup --out`) instead of a name made from the time; it must not exist. */
  name?: string;
  clock?: Clock;
  /** The worker file (backup-copy.ts), for the bundle test; default beside the module. */
  workerFile?: string;
}

/**
 * @throws BackupError: `backup-folder-missing` (the stick is not plugged in, the disk not
 *   mounted), `backup-not-a-folder`, `backup-failed` (details.said: what the disk or SQLite said).
 */
export async function makeBackup(target: BackupTarget): Promise<BackupMade> {
  const clock = target.clock ?? systemClock;
  checkFolder(target.folder);
  const started = clock.now();
  const at = new Date(started);
  removePartials(target.folder);
  const name = target.name ?? backupNameFor(target.folder, at);
  const path = join(target.folder, name);
  if (target.name !== undefined && existsSync(path)) throw new BackupError('failed', `${path} exists already: Ujumbe does not write a backup over a file.`, { folder: target.folder, said: 'the file exists' });
  const partial = `${path}${PARTIAL_SUFFIX}`;
  let schemaVersion: number;
  try {
    ({ schemaVersion } = await copyDatabase({ source: target.databasePath, destination: partial, key: target.key, clock, ...(target.workerFile ? { workerFile: target.workerFile } : {}) }));
    if (process.platform !== 'win32') chmodSync(partial, 0o600);
    fsyncFile(partial);
    if (target.key) {
      writeBackupKeyFile(path, { version: 1, kind: 'ujumbe-backup-key', recovery: recoveryWrappedKey(dirname(target.databasePath)), database: name, madeAt: at.toISOString(), schemaVersion });
    }
    // Last: a listing shows a backup only once it is whole and its key file is beside it.
    renameSync(partial, path);
    fsyncFolder(target.folder);
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    if (!existsSync(path)) rmSync(keyFileFor(path), { force: true });
    if (!existsSync(target.folder)) throw folderMissing(target.folder);
    const said = error instanceof BackupCopyError || error instanceof Error ? error.message : String(error);
    throw new BackupError('failed', `The backup could not be written to ${target.folder}: ${said}`, { folder: target.folder, said });
  }
  const pruned = target.keep === null ? [] : pruneBackups(target.folder, target.keep);
  return { path, name, madeAt: at.toISOString(), bytes: statSync(path).size, ms: clock.now() - started, schemaVersion, pruned, keyFile: target.key !== null };
}

function checkFolder(folder: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw folderMissing(folder);
  }
  if (!isFolder) throw new BackupError('not-a-folder', `The backup folder ${folder} is a file, not a folder.`, { folder });
}

function folderMissing(folder: string): BackupError {
  return new BackupError('folder-missing', `The backup folder ${folder} is not there: plug in the USB stick or disk it is on, or choose another folder.`, { folder });
}
