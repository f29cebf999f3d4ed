/**
 * The contract of issue 13's "Backups" (docs/ARCHITECTURE.md "Backups"): parameter schemas
 * (spread into schemas.ts), result types (CommandResults extends BackupCommandResults), and the
 * one source of the backup settings' defaults and bounds (settings-repository.ts DEFAULT_SETTINGS
 * reads them). Kept apart so the backup commands read as one area. Every command is the
 * administrator's (access.ts).
 */
import { z } from 'zod';

/** How many backups are kept, the newest included. */
export const BACKUP_KEEP = { default: 7, min: 1, max: 100 } as const;
/** Hours between automatic backups: daily by default. */
export const BACKUP_EVERY_HOURS = { default: 24, min: 1, max: 24 * 7 } as const;
/** The panel warns when the newest backup is older than this (the 2 days). */
export const BACKUP_STALE_MS = 2 * 86_400_000;

/** An absolute path as a person typed it (Windows `D:\…`, `\\server\…`, or POSIX `/…`), without control characters. */
const absolutePath = z
  .string()
  .trim()
  .min(1, 'Give a folder.')
  .max(4_096)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'A path has no control characters.')
  .refine((s) => s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), 'Give the whole path, starting at the drive or at / (for example E:\\Ujumbe backups or /media/usb/ujumbe).');

export const backupSchemas = {
  'backups.status': z.object({}).strict(),
  /** Folder null: automatic backups off. Fields left out stay as they are. */
  'backups.configure': z
    .object({
      folder: absolutePath.nullable().optional(),
      keep: z.number().int().min(BACKUP_KEEP.min).max(BACKUP_KEEP.max).optional(),
      everyHours: z.number().int().min(BACKUP_EVERY_HOURS.min).max(BACKUP_EVERY_HOURS.max).optional(),
    })
    .strict(),
  /** "Back up now". */
  'backups.run': z.object({}).strict(),
  /**
   * Checks `file` now and restores it at the next start (the running database is never swapped
   * under the backend). `recoveryCode`: for a backup made with another key (another computer).
   */
  'backups.restore': z.object({ file: absolutePath, recoveryCode: z.string().max(100).optional() }).strict(),
  /** Drops a restore that waits for the next start. */
  'backups.cancelRestore': z.object({}).strict(),
} as const satisfies Record<string, z.ZodType>;

/** Why the last attempt made no backup (error codes of backup/backup-writer.ts BackupError). */
export const BACKUP_FAILURE_CODES = ['backup-folder-missing', 'backup-not-a-folder', 'backup-failed'] as const;
export type BackupFailureCode = (typeof BACKUP_FAILURE_CODES)[number];

/**
 * Why a restore was refused (`restore-refused` details.refusal; backup/backup-restore.ts): the
 * damage-restore reasons (store/damaged-database.ts) and the key's. Nothing was changed.
 */
export const RESTORE_REFUSALS = ['not-found', 'same-file', 'damaged', 'not-ujumbe', 'too-new', 'needs-recovery-code', 'wrong-code', 'key-missing'] as const;
export type RestoreRefusalCode = (typeof RESTORE_REFUSALS)[number];

export interface BackupFileDto {
  /** Absolute path: what `backups.restore` takes. */
  file: string;
  name: string;
  madeAt: string;
  bytes: number;
  /** Its key file is beside it: it opens on another computer with the recovery code. */
  hasKeyFile: boolean;
}

export interface BackupStatusDto {
  /** null: automatic backups are off (no folder chosen). */
  folder: string | null;
  keep: number;
  everyHours: number;
  /** The folder is chosen but not there now (a stick not plugged in). */
  folderMissing: boolean;
  /** A folder is chosen and the newest backup is older than 2 days, or none was made yet. */
  stale: boolean;
  running: boolean;
  lastBackup: { at: string; name: string; folder: string; bytes: number } | null;
  /** The last attempt failed (cleared by the next backup made). */
  lastFailure: { at: string; code: BackupFailureCode; message: string } | null;
  /** When the next automatic backup is due; null when off. */
  nextAt: string | null;
  /** The backups in the folder, newest first ([] when it is missing). */
  backups: BackupFileDto[];
  /** A restore checked and waiting for the next start. */
  pendingRestore: { from: string; requestedAt: string } | null;
  /** The last restore applied in this data folder: when, from what, where the database before it went. */
  lastRestore: { from: string; appliedAt: string; keptIn: string } | null;
  /** The recovery code was never written down: a backup cannot be opened on another computer yet. */
  recoveryCodePending: boolean;
  /** The database is not encrypted (tests, `databaseEncryption: false`): nor are its backups. */
  plain: boolean;
}

export interface BackupCommandResults {
  'backups.status': BackupStatusDto;
  'backups.configure': BackupStatusDto;
  /** Waits up to 20 s; then `running` says it goes on. @throws backup-off, backup-folder-missing, backup-not-a-folder, backup-failed */
  'backups.run': BackupStatusDto;
  /** The file is checked and waits for the next start. @throws restore-refused (details.refusal), not-available (no data folder) */
  'backups.restore': BackupStatusDto & { restartRequired: true };
  'backups.cancelRestore': BackupStatusDto;
}
