/**
 * What a backup folder holds (docs/ARCHITECTURE.md "Backups"): for each backup two files side by
 * side,
 * - `ujumbe-backup-2026-12-03T09-00-05Z.db`: the database, encrypted with the data folder's key
 *   (SQLCipher 4's format, as ujumbe.db is);
 * - `ujumbe-backup-2026-12-03T09-00-05Z.key.json`: that key wrapped by the recovery code only
 *   (store/database-key.ts recoveryWrappedKey), never the raw key or the keychain-sealed one. A
 *   stick found in the street opens with neither; the clinic's new computer opens it with the
 *   code an administrator wrote down.
 * Names sort by time (UTC, no colons: Windows refuses them), so the newest is the last.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUP_PREFIX = 'ujumbe-backup-';
const DB_SUFFIX = '.db';
/** A backup's extension, for the desktop's file chooser (electron/main/path-chooser.ts). */
export const BACKUP_FILE_EXTENSION = DB_SUFFIX.slice(1);
const KEY_SUFFIX = '.key.json';
/** Written here first, renamed when whole: a listing never shows half a backup. */
export const PARTIAL_SUFFIX = '.partial';
const NAME = /^ujumbe-backup-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(-\d+)?\.db$/;

/** One backup found in a folder. */
export interface BackupFile {
  /** Absolute path of the .db file. */
  path: string;
  name: string;
  /** When it was made (ISO 8601), from its name. */
  madeAt: string;
  bytes: number;
  /** Its key file is beside it (needed to open it on another computer). */
  hasKeyFile: boolean;
}

/** What the key file beside a backup holds. */
export interface BackupKeyFile {
  version: 1;
  kind: 'ujumbe-backup-key';
  /** The database key wrapped by the recovery code (database-key.json's `recovery`). */
  recovery: string;
  /** The backup it opens (its file name) and when it was made. */
  database: string;
  madeAt: string;
  schemaVersion: number;
}

/** `ujumbe-backup-2026-12-03T09-00-05Z.db` for a backup made at `at`; `-2`, `-3` … if the name is taken. */
export function backupNameFor(folder: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  let name = `${BACKUP_PREFIX}${stamp}${DB_SUFFIX}`;
  for (let n = 2; existsSync(join(folder, name)); n++) name = `${BACKUP_PREFIX}${stamp}-${n}${DB_SUFFIX}`;
  return name;
}

/** The key file's path beside a backup's .db. */
export function keyFileFor(backupPath: string): string {
  return backupPath.endsWith(DB_SUFFIX) ? `${backupPath.slice(0, -DB_SUFFIX.length)}${KEY_SUFFIX}` : `${backupPath}${KEY_SUFFIX}`;
}

/** The backups in `folder`, newest first; [] when the folder is missing. Other files are left alone. */
export function listBackups(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    let bytes: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      bytes = stat.size;
    } catch {
      continue;
    }
    found.push({ path, name, madeAt: match[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3.000Z'), bytes, hasKeyFile: existsSync(keyFileFor(path)) });
  }
  // The name holds the time: text order is time order (a "-2" sorts after its first).
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/**
 * Removes all but the newest `keep` backups (each with its key file), and any half-written
 * backup a crash left. Returns the names removed.
 */
export function pruneBackups(folder: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of listBackups(folder).slice(Math.max(1, keep))) {
    rmSync(old.path, { force: true });
    rmSync(keyFileFor(old.path), { force: true });
    removed.push(old.name);
  }
  return removed;
}

/** Half-written backups (`*.partial`) a crash or a pulled stick left in `folder`. */
export function removePartials(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(BACKUP_PREFIX) && name.endsWith(PARTIAL_SUFFIX)) rmSync(join(folder, name), { force: true });
}

/** Writes the key file beside a backup, whole (temp, fsync, rename), owner-only. */
export function writeBackupKeyFile(backupPath: string, file: BackupKeyFile): void {
  writeWhole(keyFileFor(backupPath), `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * The key file beside a backup; null when there is none.
 * @throws Error naming the file when it is there but not one of ours.
 */
export function readBackupKeyFile(backupPath: string): BackupKeyFile | null {
  const path = keyFileFor(backupPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: Partial<BackupKeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<BackupKeyFile>;
  } catch {
    throw new Error(`${path} is not an Ujumbe backup key file (it is not JSON).`);
  }
  if (parsed.version !== 1 || parsed.kind !== 'ujumbe-backup-key' || typeof parsed.recovery !== 'string') throw new Error(`${path} is not an Ujumbe backup key file.`);
  return parsed as BackupKeyFile;
}

/** Flushes a written file to the disk: a USB stick pulled out after "done" must hold the whole backup. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The folder's entry for a renamed file on the disk too (POSIX; Windows has no directory fsync). */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems (FAT sticks on some kernels) refuse a directory fsync; the file itself was synced.
  }
}

function writeWhole(path: string, text: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
