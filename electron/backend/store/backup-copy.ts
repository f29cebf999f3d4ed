/**
 * The database-touching half of backups (docs/ARCHITECTURE.md "Backups"; the rest is
 * electron/backend/backup/): writing a consistent, encrypted copy of the live database, and
 * telling whether a copy opens with a key. SQL and the driver stay in store/ (eslint.config.js).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Clock, systemClock } from '../clock.ts';
import { openRaw, keyPragmas, isPlainDatabase } from './open-database.ts';
import { SettingsRepository } from './repositories/settings-repository.ts';

/** What the copy said when it was read back with its key. */
export interface CopyResult {
  /** PRAGMA user_version of the copy (Ujumbe's schema version). */
  schemaVersion: number;
  /** Milliseconds the copy took, on the injected clock. */
  ms: number;
}

/** The copy could not be written, or did not read back whole. */
export class BackupCopyError extends Error {
  constructor(
    message: string,
    readonly sqliteCode: string | null,
  ) {
    super(message);
    this.name = 'BackupCopyError';
  }
}

/**
 * The worker's file: beside this module in the source, beside main.cjs in the desktop bundle
 * (scripts/build-electron.mjs copies it there, as it does checkpoint-worker.cjs).
 */
export function backupWorkerFile(): string {
  return fileURLToPath(new URL('./backup-copy-worker.cjs', import.meta.url));
}

/**
 * Writes a copy of the database at `source` to `destination` (which must not exist) with
 * VACUUM INTO on a connection of its own, on a worker thread (backup-copy-worker.cjs says why),
 * and reads it back: the copy is encrypted with `key` as the source is (plain when `key` is
 * null), a consistent snapshot even while the live connection writes, and checked with
 * quick_check before this resolves.
 * @throws BackupCopyError when the copy cannot be written (no space, the folder gone) or does
 *   not read back as "ok"; the caller removes what was left at `destination`.
 */
export function copyDatabase(options: { source: string; destination: string; key: Buffer | null; clock?: Clock; workerFile?: string }): Promise<CopyResult> {
  const clock = options.clock ?? systemClock;
  const file = options.workerFile ?? backupWorkerFile();
  if (!existsSync(file)) return Promise.reject(new BackupCopyError(`The backup worker file is missing (${file}).`, null));
  const started = clock.now();
  return new Promise<CopyResult>((resolve, reject) => {
    const worker = new Worker(file, { workerData: { source: options.source, destination: options.destination, pragmas: options.key ? keyPragmas(options.key) : [] } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: { type: string; message?: string; code?: string | null; schemaVersion?: number; check?: string[] }) => {
      if (message.type === 'error') {
        settle(() => reject(new BackupCopyError(message.message ?? 'unknown error', message.code ?? null)));
        return;
      }
      const check = message.check ?? [];
      if (check.length !== 1 || check[0] !== 'ok') {
        settle(() => reject(new BackupCopyError(`The copy did not read back whole: ${check.slice(0, 3).join('; ')}`, null)));
        return;
      }
      settle(() => resolve({ schemaVersion: message.schemaVersion ?? 0, ms: clock.now() - started }));
    });
    worker.on('error', (error: unknown) => settle(() => reject(new BackupCopyError(error instanceof Error ? error.message : String(error), null))));
    worker.on('exit', (code) => settle(() => reject(new BackupCopyError(`The backup worker stopped (exit code ${code}) before it finished.`, null))));
  });
}

/**
 * Whether the database file at `path` opens and reads with `key` (null: as a plain database).
 * Only reads: a read-only connection, closed at once. A wrong key reads as SQLITE_NOTADB.
 */
export function opensWith(path: string, key: Buffer | null): boolean {
  if (key === null && !isPlainDatabase(path)) return false;
  let db: ReturnType<typeof openRaw> | null = null;
  try {
    db = openRaw(path, { key, readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Re-encrypts a copy we own (the restore's staged file) from `from` (its key, from the recovery
 * code beside a backup) to `to` (the data folder's key), so one data folder keeps one key. Like
 * open-database.ts encryptInPlace: SQLite3 Multiple Ciphers rekeys only outside WAL mode.
 * @throws SqliteError when `from` does not open the file.
 */
export function rekeyCopy(path: string, from: Buffer, to: Buffer): void {
  const db = openRaw(path, { key: from, fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    for (const pragma of keyPragmas(to, 'rekey')) db.pragma(pragma);
  } finally {
    db.close();
  }
}

/**
 * The backup settings of the database at `path`, read on a read-only connection (`ujumbe backup`
 * beside a running host: WAL lets it read, and it changes nothing).
 */
export function readBackupSettings(path: string, key: Buffer | null): { folder: string | null; keep: number } {
  const db = openRaw(path, { key, readonly: true, fileMustExist: true });
  try {
    const settings = new SettingsRepository(db);
    return { folder: settings.get('backupFolder'), keep: settings.get('backupKeep') };
  } finally {
    db.close();
  }
}
