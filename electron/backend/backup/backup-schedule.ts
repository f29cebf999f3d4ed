/**
 * Automatic backups and "Back up now" (docs/ARCHITECTURE.md "Backups"): a service with start and
 * stop (habit 11) on the injected clock and timers (habit 9). Every `backupEveryHours` (daily by
 * default) after the last backup made, a backup goes to the folder an administrator chose
 * (`backupFolder`; null: off), keeping the last `backupKeep`. A failure (the stick not plugged
 * in) is recorded and tried again an hour later. What the panel shows comes from `status()`.
 */
import { statSync } from 'node:fs';
import { BACKUP_STALE_MS, type BackupFailureCode, type BackupStatusDto } from '../../../src-shared/contract/backup-commands.ts';
import { type Clock, type TimerHandle, type Timers, withDeadline } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { listBackups } from './backup-files.ts';
import { BackupRestoreRefusedError, cancelPendingRestore, type PendingRestore, readLastRestore, readPendingRestore, stageRestore } from './backup-restore.ts';
import { type BackupMade, BackupError, makeBackup } from './backup-writer.ts';

/** The timers of the schedule, in one table (habit 7: every wait is named). */
export const BACKUP_TIMEOUTS = {
  /** After start, before a backup that is due runs: start-up (modems, the SIM sweep) goes first. */
  afterStartMs: 2 * 60_000,
  /** A failed attempt is tried again this much later. */
  retryMs: 60 * 60_000,
  /** The longest single wait: a changed clock or a stick plugged in is noticed within it. */
  longestWaitMs: 60 * 60_000,
  /** How long "Back up now" waits for the backup before it answers that it goes on. */
  runWaitMs: 20_000,
};

export type BackupTrigger = 'schedule' | 'now';

export interface BackupScheduleOptions {
  store: Store;
  /** The live database file and its key (null: plain). */
  databasePath: string;
  key: Buffer | null;
  dataDir: string;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Whether the recovery code still waits to be written down (store/database-key.ts). */
  recoveryCodePending?: () => boolean;
  /**
   * Told of every backup made, and by what: the audit trail's hook (a scheduled backup has no
   * caller; the lead records it as actor `system`, action `backup.made`).
   */
  onBackup?: (made: BackupMade, trigger: BackupTrigger) => void;
  timeouts?: Partial<typeof BACKUP_TIMEOUTS>;
  /** backup-copy.ts's worker file, for tests of the bundle. */
  workerFile?: string;
}

export class BackupSchedule {
  private readonly timeouts: typeof BACKUP_TIMEOUTS;
  private timer: TimerHandle | null = null;
  private started = false;
  private startedAt = 0;
  private running: Promise<BackupMade> | null = null;

  constructor(private readonly options: BackupScheduleOptions) {
    this.timeouts = { ...BACKUP_TIMEOUTS, ...options.timeouts };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.startedAt = this.options.clock.now();
    this.schedule();
  }

  /** No new backup starts; one under way is waited for (its worker ends on its own), so the database closes after it. */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  /**
   * Makes a backup now (one at a time: a second call while one runs gets the same).
   * @throws BackupError: backup-off (no folder chosen), backup-folder-missing, backup-not-a-folder, backup-failed.
   */
  runNow(trigger: BackupTrigger = 'now'): Promise<BackupMade> {
    if (this.running) return this.running;
    const folder = this.options.store.settings.get('backupFolder');
    if (folder === null) return Promise.reject(new BackupError('off', 'No backup folder is chosen: choose one first (a USB stick or a second disk).'));
    const run = this.make(folder, trigger);
    this.running = run;
    void run.then(
      () => this.afterRun(run),
      () => this.afterRun(run),
    );
    return run;
  }

  /** "Back up now" for the panel: the status once the backup is made, or after runWaitMs with `running` still true. */
  async runAndWait(): Promise<BackupStatusDto> {
    const run = this.runNow('now');
    const done = await withDeadline(this.options.timers, this.timeouts.runWaitMs, run.then(() => true), () => false);
    return done ? this.status() : { ...this.status(), running: true };
  }

  /** The folder, how many to keep, how often: saved, and the next backup planned from them. */
  configure(changes: { folder?: string | null; keep?: number; everyHours?: number }): void {
    const { settings } = this.options.store;
    if (changes.folder !== undefined) settings.set('backupFolder', changes.folder);
    if (changes.keep !== undefined) settings.set('backupKeep', changes.keep);
    if (changes.everyHours !== undefined) settings.set('backupEveryHours', changes.everyHours);
    if (this.started) this.schedule();
  }

  /**
   * Checks `file` now and stages it for the next start (backup-restore.ts): the live database is
   * never swapped under the running backend.
   * @throws BackupRestoreRefusedError (nothing changed).
   */
  requestRestore(file: string, recoveryCode: string | null): PendingRestore {
    const staged = stageRestore({ dataDir: this.options.dataDir, from: file, folderKey: this.options.key, recoveryCode, clock: this.options.clock });
    if (staged.keyToInstall) {
      // Only a plain database (tests) has no key here: it cannot take an encrypted backup's key.
      cancelPendingRestore(this.options.dataDir);
      throw new BackupRestoreRefusedError(file, 'key-missing', 'this data folder is not encrypted');
    }
    this.options.logger.info('A restore waits for the next start', { from: staged.pending.from.split(/[\\/]/).pop() ?? '' });
    return staged.pending;
  }

  cancelRestore(): boolean {
    return cancelPendingRestore(this.options.dataDir);
  }

  status(): BackupStatusDto {
    const { settings } = this.options.store;
    const now = this.options.clock.now();
    const folder = settings.get('backupFolder');
    const lastBackup = settings.get('lastBackup');
    const folderMissing = folder !== null && !isFolder(folder);
    const nextAt = this.nextAt();
    const pending = readPendingRestore(this.options.dataDir);
    const lastRestore = readLastRestore(this.options.dataDir);
    return {
      folder,
      keep: settings.get('backupKeep'),
      everyHours: settings.get('backupEveryHours'),
      folderMissing,
      stale: folder !== null && (lastBackup === null || now - Date.parse(lastBackup.at) > BACKUP_STALE_MS),
      running: this.running !== null,
      lastBackup,
      lastFailure: settings.get('lastBackupFailure'),
      nextAt: nextAt === null ? null : new Date(nextAt).toISOString(),
      backups: folder === null || folderMissing ? [] : listBackups(folder).map((b) => ({ file: b.path, name: b.name, madeAt: b.madeAt, bytes: b.bytes, hasKeyFile: b.hasKeyFile })),
      pendingRestore: pending === null ? null : { from: pending.from, requestedAt: pending.requestedAt },
      lastRestore: lastRestore === null ? null : { from: lastRestore.from, appliedAt: lastRestore.appliedAt, keptIn: lastRestore.keptIn },
      recoveryCodePending: this.options.recoveryCodePending?.() ?? false,
      plain: this.options.key === null,
    };
  }

  private async make(folder: string, trigger: BackupTrigger): Promise<BackupMade> {
    const { store, clock, logger } = this.options;
    try {
      const made = await makeBackup({
        databasePath: this.options.databasePath,
        key: this.options.key,
        folder,
        keep: store.settings.get('backupKeep'),
        clock,
        ...(this.options.workerFile ? { workerFile: this.options.workerFile } : {}),
      });
      store.settings.set('lastBackup', { at: made.madeAt, name: made.name, folder, bytes: made.bytes });
      store.settings.set('lastBackupFailure', null);
      logger.info('Backup made', { name: made.name, bytes: made.bytes, ms: Math.round(made.ms), pruned: made.pruned.length, trigger });
      try {
        this.options.onBackup?.(made, trigger);
      } catch (error) {
        logger.warn('The backup hook failed', { error: error instanceof Error ? error.message : String(error) });
      }
      return made;
    } catch (error) {
      const code: BackupFailureCode = error instanceof BackupError && error.problem !== 'off' ? (error.code as BackupFailureCode) : 'backup-failed';
      const message = error instanceof Error ? error.message : String(error);
      try {
        store.settings.set('lastBackupFailure', { at: new Date(clock.now()).toISOString(), code, message });
      } catch {
        // The database may be closing (stop) or its disk full: the failure is still thrown.
      }
      logger.warn('No backup was made', { code, folder, trigger });
      throw error instanceof BackupError ? error : new BackupError('failed', message, { folder, said: message });
    }
  }

  private afterRun(run: Promise<BackupMade>): void {
    if (this.running === run) this.running = null;
    if (this.started) this.schedule();
  }

  /** When the next automatic backup is due (ms), or null when off. */
  private nextAt(): number | null {
    const { settings } = this.options.store;
    if (settings.get('backupFolder') === null) return null;
    const last = settings.get('lastBackup');
    const failure = settings.get('lastBackupFailure');
    let due = last === null ? 0 : Date.parse(last.at) + settings.get('backupEveryHours') * 3_600_000;
    if (failure !== null) due = Math.max(due, Date.parse(failure.at) + this.timeouts.retryMs);
    if (this.started) due = Math.max(due, this.startedAt + this.timeouts.afterStartMs);
    return due;
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.started || this.running) return;
    const due = this.nextAt();
    if (due === null) return;
    const wait = Math.min(Math.max(0, due - this.options.clock.now()), this.timeouts.longestWaitMs);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      if (!this.started) return;
      const dueNow = this.nextAt();
      if (dueNow !== null && dueNow <= this.options.clock.now()) {
        // Recorded by make(); the next attempt is planned by afterRun.
        this.runNow('schedule').catch(() => undefined);
      } else {
        this.schedule();
      }
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
