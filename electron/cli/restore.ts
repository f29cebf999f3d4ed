/**
 * `ujumbe restore FILE`: puts a backup in place of the data folder's database (backup/
 * backup-restore.ts: checked first, the database before it kept in before-restore-<time>/).
 * Only while no Ujumbe runs on the folder: it takes the folder's lock (store/data-folder-lock.ts)
 * and refuses, saying who holds it, otherwise. On a new computer (no key file yet) the recovery
 * code written down for the backup's data opens it, and its key becomes this folder's.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyPendingRestore, BackupRestoreRefusedError, stageRestore } from '../backend/backup/backup-restore.ts';
import { AuditLog } from '../backend/access/audit-log.ts';
import { recordRestore } from '../backend/backup/restore-record.ts';
import { openStore } from '../backend/store/store.ts';
import { systemClock } from '../backend/clock.ts';
import { silentLogger } from '../backend/logger.ts';
import { acquireDataFolderLock, DataFolderLockedError } from '../backend/store/data-folder-lock.ts';
import { prepareDataDir, resolveDataDir } from '../backend/store/data-dir.ts';
import { DATABASE_KEY_FILE, installDatabaseKey, readDatabaseKey } from '../backend/store/database-key.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe restore [--data-dir DIR] [--code CODE] FILE

Puts the backup FILE in place of Ujumbe's database. The file is checked first (it opens, it is
whole, it is an Ujumbe database this version understands); if it is not, nothing is changed.
The database in use before is kept, as it was, in DIR/before-restore-<time>/.
Ujumbe must not be running on the data folder (close the app, stop ujumbe serve).

  --data-dir DIR    Ujumbe's data folder (default: the user-data folder)
  --code CODE       the recovery code written down for the backup's data: needed on another
                    computer, where the backup's key file (FILE's name with .key.json) is read`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, code: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('name the backup file to restore');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const from = resolve(positionals[0]!);
  const dataDir = resolveDataDir(values['data-dir'] ?? null);
  prepareDataDir(dataDir);
  let lock;
  try {
    lock = acquireDataFolderLock(dataDir, { host: 'other' });
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      io.err(`ujumbe restore: ${err.message} Nothing was restored.`);
      return EXIT_FAILURE;
    }
    throw err;
  }
  try {
    const sealer = headlessKeySealer(dataDir);
    const hasKeyFile = existsSync(join(dataDir, DATABASE_KEY_FILE));
    const folderKey = hasKeyFile ? readDatabaseKey(dataDir, sealer) : null;
    if (hasKeyFile && folderKey === null) {
      io.err(`ujumbe restore: the key of the data in ${dataDir} cannot be opened here (the desktop app keeps it in this computer's keychain, or UJUMBE_DB_PASSPHRASE is not the one it was given). Restore from the app's Settings > Backups. Nothing was restored.`);
      return EXIT_FAILURE;
    }
    const staged = stageRestore({ dataDir, from, folderKey, recoveryCode: values.code ?? null });
    // A new computer: the backup's key becomes this folder's, with the backup's recovery wrap (the same code opens it).
    if (staged.keyToInstall) installDatabaseKey(dataDir, staged.keyToInstall.key, staged.keyToInstall.recovery, sealer);
    const applied = applyPendingRestore(dataDir);
    if (applied) {
      // Opened once here, as the next start would (migrations run), to write the trail's entry.
      const store = openStore({ dataDir, key: staged.keyToInstall?.key ?? folderKey });
      try {
        recordRestore(new AuditLog(store, systemClock, silentLogger), applied);
      } finally {
        store.close();
      }
    }
    io.out(`Restored ${from} into ${dataDir}.`);
    if (applied && existsSync(join(applied.keptIn, 'ujumbe.db'))) io.out(`The database in use before is kept in ${applied.keptIn}.`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof BackupRestoreRefusedError) {
      io.err(`ujumbe restore: ${err.message}${err.refusal === 'needs-recovery-code' ? ' Run it again with --code CODE.' : ''}`);
      return EXIT_FAILURE;
    }
    throw err;
  } finally {
    lock.release();
  }
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'put a backup in place of the database (Ujumbe must not be running)',
  help: HELP,
  run: (argv, io) => run(argv, io),
};
