/**
 * The field check's look at the database (`ujumbe doctor`; docs/ARCHITECTURE.md "The store":
 * Damaged database): the same check a start makes (store/database-check.ts), read-only and
 * without the data folder's lock, so it can run beside a running Ujumbe. No finding for a data
 * folder with no database yet.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import { DATABASE_FILE_NAME } from '../store/data-dir.ts';
import { checkDatabaseFile } from '../store/database-check.ts';
import { readDatabaseKey } from '../store/database-key.ts';
import { isPlainDatabase } from '../store/open-database.ts';
import { headlessKeySealer } from '../store/passphrase-sealer.ts';
import { finding } from './findings.ts';

/**
 * `database-ok`, `database-damaged`, or null (no database yet, the file cannot be read at all,
 * or it is encrypted with a key this process cannot unwrap: none of that is this check's to say).
 */
export function databaseFinding(dataDir: string): DoctorFindingDto | null {
  const path = join(dataDir, DATABASE_FILE_NAME);
  const key = readDatabaseKey(dataDir, headlessKeySealer(dataDir));
  if (key === null && existsSync(path) && !isPlainDatabase(path) && statSync(path).size > 0) return null;
  let check;
  try {
    check = checkDatabaseFile(path, { key });
  } catch {
    return null;
  }
  if (check.state === 'new') return null;
  if (check.state === 'ok') return finding('database-ok', path, { path });
  return finding('database-damaged', path, { path, reason: check.reason, said: check.said });
}
