/**
 * The field check's look at the database (`ujumbe doctor`; docs/ARCHITECTURE.md "The store":
 * Damaged database): the same check a start makes (store/database-check.ts), read-only and
 * without the data folder's lock, so it can run beside a running Ujumbe. No finding for a data
 * folder with no database yet.
 */
import { join } from 'node:path';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import { DATABASE_FILE_NAME } from '../store/data-dir.ts';
import { checkDatabaseFile } from '../store/database-check.ts';
import { finding } from './findings.ts';

/** `database-ok`, `database-damaged`, or null (no database yet, or the file cannot be read at all: that is not this check's to say). */
export function databaseFinding(dataDir: string): DoctorFindingDto | null {
  const path = join(dataDir, DATABASE_FILE_NAME);
  let check;
  try {
    check = checkDatabaseFile(path);
  } catch {
    return null;
  }
  if (check.state === 'new') return null;
  if (check.state === 'ok') return finding('database-ok', path, { path });
  return finding('database-damaged', path, { path, reason: check.reason, said: check.said });
}
