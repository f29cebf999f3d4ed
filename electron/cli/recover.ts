/**
 * `ujumbe recover`: the recovery code an administrator wrote down opens the data again when the
 * key's protection is lost (a new Windows profile, a reinstalled OS, a lost secret.key): the key
 * is re-sealed by this run's protection (UJUMBE_DB_PASSPHRASE, else the data folder's key file).
 * The desktop app then opens it and moves it into the keychain (store/database-key.ts).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { DatabaseKeyError, recoverDatabaseKey } from '../backend/store/database-key.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe recover [--data-dir DIR] [--code CODE]

Opens Ujumbe's encrypted data with the recovery code an administrator wrote down, when the
computer's keychain (or the key file, or the passphrase) no longer opens it. The key is then
protected by UJUMBE_DB_PASSPHRASE when it is set, else by the key file secret.key in the data
folder; the desktop app moves it into the keychain at its next start.

  --data-dir DIR    Ujumbe's data folder (default: the user-data folder)
  --code CODE       the recovery code (asked for when left out; dashes and case do not matter)`;

async function run(argv: string[], io: CliIo, ask: (question: string) => Promise<string> = askOnTerminal): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, code: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dataDir = resolveDataDir(values['data-dir'] ?? null);
  const code = values.code ?? (await ask('Recovery code: '));
  if (code.trim() === '') throw new UsageError('no recovery code given');
  try {
    const sealer = headlessKeySealer(dataDir);
    recoverDatabaseKey(dataDir, code, sealer);
    io.out(`The data in ${dataDir} opens again; its key is now protected by ${sealer.protection === 'passphrase' ? 'the passphrase in UJUMBE_DB_PASSPHRASE' : 'the key file secret.key in the data folder'}.`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof DatabaseKeyError) {
      io.err(`ujumbe recover: ${err.message} Nothing was changed.`);
      return EXIT_FAILURE;
    }
    throw err;
  }
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export const recoverCommand: CliCommand = {
  name: 'recover',
  summary: 'open the encrypted data again with the recovery code',
  help: HELP,
  run: (argv, io) => run(argv, io),
};
