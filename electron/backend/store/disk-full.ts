/**
 * A write refused because the data folder's disk is full, as a typed error with a code
 * (docs/ARCHITECTURE.md "Habits": errors as data; "Field survival": full disk). The store turns
 * SQLite's and the file system's "no space" errors into it (store.ts `transaction`), so every
 * caller above sees one code, `disk-full`, and the HTTP API answers 507.
 */
import { DISK_FULL_CODE } from '../../../src-shared/contract/storage.ts';
import { UjumbeError } from '../../../src-shared/errors.ts';

/**
 * Error codes that mean "no space left", one row each (docs/ARCHITECTURE.md "Habits": quirks
 * are table rows with their source). better-sqlite3's SqliteError carries SQLite's extended
 * result code name in `code`; Node's file system errors carry the errno name. `always`: the code
 * says so by itself; `space-low`: the code also covers a failing disk (EIO), so it counts only
 * while the last look at the free space found it under the threshold.
 */
export const DISK_FULL_ERROR_CODES: readonly { code: string; when: 'always' | 'space-low'; note: string }[] = [
  { code: 'SQLITE_FULL', when: 'always', note: 'sqlite.org/rescode.html#full: the VFS got ENOSPC on a write, or max_page_count was reached' },
  { code: 'SQLITE_IOERR_SHMSIZE', when: 'always', note: 'sqlite.org/rescode.html#ioerr_shmsize: the WAL index (-shm) could not grow' },
  { code: 'ENOSPC', when: 'always', note: 'POSIX write(2): no space left on the device (a file Ujumbe writes itself)' },
  { code: 'EDQUOT', when: 'always', note: 'POSIX write(2): the user\'s disk quota is used up' },
  // The unix VFS reports only ENOSPC as SQLITE_FULL: EDQUOT (a quota) and EIO both come as
  // IOERR_WRITE (sqlite.org/rescode.html#ioerr_write; os_unix.c unixWrite).
  { code: 'SQLITE_IOERR_WRITE', when: 'space-low', note: 'sqlite.org/rescode.html#ioerr_write: a quota, or a failing disk' },
];

/**
 * Whether `error` (a SqliteError, a file system error, or a DiskFullError) means the disk is full.
 * `spaceLow`: the free space was last seen under the threshold (for the `space-low` rows).
 */
export function isDiskFullError(error: unknown, spaceLow = false): boolean {
  if (error instanceof DiskFullError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  const row = typeof code === 'string' ? DISK_FULL_ERROR_CODES.find((r) => r.code === code) : undefined;
  return row !== undefined && (row.when === 'always' || spaceLow);
}

/** The words a nurse and an API caller read. Nothing of the refused write was saved. */
export const DISK_FULL_MESSAGE = 'The disk is full: free some space; no message was saved.';

/**
 * A write failed because the disk is full; nothing of it was saved (the transaction rolled
 * back). `details.dataDir`: the folder whose disk needs space (null for an in-memory database).
 */
export class DiskFullError extends UjumbeError {
  constructor(
    readonly dataDir: string | null,
    options: { cause?: unknown } = {},
  ) {
    super(DISK_FULL_CODE, DISK_FULL_MESSAGE, { dataDir });
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** `error` as a DiskFullError when it means a full disk, else `error` itself. */
export function asDiskFull(error: unknown, dataDir: string | null, spaceLow = false): unknown {
  if (error instanceof DiskFullError || !isDiskFullError(error, spaceLow)) return error;
  return new DiskFullError(dataDir, { cause: error });
}
