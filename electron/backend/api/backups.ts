/**
 * backups.*: automatic backups, "Back up now" and restore (backup/; docs/ARCHITECTURE.md
 * "Backups"). The administrator's (src-shared/contract/access.ts). A backend on a database path
 * (tests, ':memory:') has no data folder to back up: every command says `not-available`.
 */
import type { BackupStatusDto } from '../../../src-shared/contract/backup-commands.ts';
import { UjumbeError } from '../../../src-shared/errors.ts';
import type { BackupSchedule } from '../backup/backup-schedule.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function backupHandlers({ backend }: HandlerContext): AreaHandlers<'backups'> {
  const service = (): BackupSchedule => {
    if (backend.backups === null) throw new UjumbeError('not-available', 'This Ujumbe runs without a data folder, so it makes no backups.');
    return backend.backups;
  };
  return {
    'backups.status': (): BackupStatusDto => service().status(),
    'backups.configure': (params) => {
      const s = service();
      s.configure({
        ...(params.folder === undefined ? {} : { folder: params.folder }),
        ...(params.keep === undefined ? {} : { keep: params.keep }),
        ...(params.everyHours === undefined ? {} : { everyHours: params.everyHours }),
      });
      return s.status();
    },
    'backups.run': () => service().runAndWait(),
    'backups.restore': (params) => {
      const s = service();
      s.requestRestore(params.file, params.recoveryCode ?? null);
      return { ...s.status(), restartRequired: true as const };
    },
    'backups.cancelRestore': () => {
      const s = service();
      s.cancelRestore();
      return s.status();
    },
  };
}
