/**
 * The data folder's disk as the contract carries it (issue 10 item 5, docs/ARCHITECTURE.md
 * "Field survival": full disk): a state code and numbers, never English. The renderer words the
 * codes (renderer/i18n/codes.ts), the HTTP API shows them in /api/v1/health.
 */

/**
 * `ok`; `low-space`: free space on the data folder's disk is under the threshold (setting
 * `lowSpaceMb`), writes still succeed; `disk-full`: the last write to the database failed because
 * the disk is full, and no later write has succeeded yet.
 */
export const STORAGE_STATES = ['ok', 'low-space', 'disk-full'] as const;
export type StorageState = (typeof STORAGE_STATES)[number];

/** The error code of a refused write (a send, a save) while the disk is full. HTTP 507. */
export const DISK_FULL_CODE = 'disk-full';

/**
 * The low-space threshold (setting `lowSpaceMb`), in MiB: the one source of its default and its
 * bounds (settings-repository.ts DEFAULT_SETTINGS, schemas.ts settingsPatchSchema). 500 MiB: a
 * clinic's database grows by a few MiB a month, so this warns weeks before anything fails, while
 * there is still room for a copy of the database (a backup) and for the operating system.
 */
export const LOW_SPACE_MB = { default: 500, min: 1, max: 1_000_000 } as const;

/** app.info.storage and the `storage.status` event. */
export interface StorageStatusDto {
  state: StorageState;
  /** Bytes free for this user on the data folder's disk at the last look; null when not known (an in-memory database, no statfs). */
  freeBytes: number | null;
  /** The threshold under which the state is `low-space`, in bytes. */
  lowSpaceBytes: number;
  /** ISO time of the last look at the free space, or null before the first. */
  checkedAt: string | null;
}
