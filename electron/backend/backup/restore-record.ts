/**
 * The restored database's own audit trail says it was restored, from which file (issue 13:
 * backups are audited). Written by whichever path moved the backup in: the next start after
 * "Restore" in the app (create-backend.ts) or `ujumbe restore` (cli/restore.ts). The restore's
 * request is in the trail it replaced (api/audit-table.ts `backups.restore`), kept in
 * before-restore-<time>/; this entry is the restored data's, as the system's: no session exists yet.
 */
import { basename } from 'node:path';
import type { AuditLog } from '../access/audit-log.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';
import type { RestoreApplied } from './backup-restore.ts';

export function recordRestore(audit: AuditLog, applied: RestoreApplied): void {
  audit.append(SYSTEM_ACTOR, 'backup.restored', `backup:${basename(applied.from)}`);
}
