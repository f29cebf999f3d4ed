/**
 * `ujumbe backup`: a backup of the data folder's database from the command line, the same as
 * "Back up now" (backup/backup-writer.ts: an encrypted, consistent copy and the recovery-wrapped
 * key beside it). It reads beside a running host (WAL lets a reader copy while the host writes;
 * the copy is one read transaction), so it takes no lock and never hands off.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keyFileFor } from '../backend/backup/backup-files.ts';
import { BackupError, makeBackup } from '../backend/backup/backup-writer.ts';
import { readBackupSettings } from '../backend/store/backup-copy.ts';
import { DATABASE_FILE_NAME, resolveDataDir } from '../backend/store/data-dir.ts';
import { DATABASE_KEY_FILE, readDatabaseKey } from '../backend/store/database-key.ts';
import { isPlainDatabase } from '../backend/store/open-database.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe backup [--data-dir DIR] [--out FILE]

Makes a backup of Ujumbe's database: an encrypted, consistent copy (also while Ujumbe runs),
with its key beside it wrapped by the recovery code (FILE's name with .key.json), so it opens on
another computer with the code an administrator wrote down.

  --data-dir DIR    Ujumbe's data folder (default: the user-data folder)
  --out FILE        the backup file to write (it must not exist; its folder must).
                    Default: a new file in the backup folder chosen in Settings > Backups,
                    keeping the number of backups chosen there`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
  const dataDir = resolveDataDir(values['data-dir'] ?? null);
  const databasePath = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(databasePath)) {
    io.err(`ujumbe backup: there is no Ujumbe database in ${dataDir}.`);
    return EXIT_FAILURE;
  }
  let key: Buffer | null = null;
  if (!isPlainDatabase(databasePath)) {
    key = readDatabaseKey(dataDir, headlessKeySealer(dataDir));
    if (key === null) {
      io.err(
        existsSync(join(dataDir, DATABASE_KEY_FILE))
          ? `ujumbe backup: the key of the data in ${dataDir} cannot be opened here (the desktop app keeps it in this computer's keychain, or UJUMBE_DB_PASSPHRASE is not the one it was given). Use "Back up now" in the app's Settings > Backups.`
          : `ujumbe backup: the data in ${dataDir} is encrypted, but its key file (${DATABASE_KEY_FILE}) is missing.`,
      );
      return EXIT_FAILURE;
    }
  }
  let folder: string;
  let name: string | undefined;
  let keep: number | null = null;
  if (values.out !== undefined) {
    const out = resolve(values.out);
    folder = dirname(out);
    name = basename(out);
  } else {
    const settings = readBackupSettings(databasePath, key);
    if (settings.folder === null) {
      io.err('ujumbe backup: no backup folder is chosen. Give --out FILE, or choose a folder in Settings > Backups.');
      return EXIT_FAILURE;
    }
    folder = settings.folder;
    keep = settings.keep;
  }
  try {
    const made = await makeBackup({ databasePath, key, folder, keep, ...(name === undefined ? {} : { name }) });
    io.out(`Backup made: ${made.path} (${(made.bytes / 1_048_576).toFixed(1)} MiB, ${(made.ms / 1000).toFixed(1)} s).`);
    if (made.keyFile) io.out(`Its key, for another computer with the recovery code: ${keyFileFor(made.path)}`);
    if (made.pruned.length > 0) io.out(`Older backups removed (keeping ${keep}): ${made.pruned.join(', ')}`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof BackupError) {
      io.err(`ujumbe backup: ${err.message}`);
      return EXIT_FAILURE;
    }
    throw err;
  }
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'make an encrypted backup of the database',
  help: HELP,
  run: (argv, io) => run(argv, io),
};
