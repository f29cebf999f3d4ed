/**
 * `ujumbe serve`: the headless host (electron/headless/host.ts) from the command line. Prints
 * one line with the address to open (the token in the URL fragment, which browsers never send
 * to the server, so it stays out of every log), then runs until SIGINT or SIGTERM.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmailConfig } from '../backend/gateways/email/email-config.ts';
import { parseSmtpUrl, SmtpUrlError } from '../backend/gateways/email/smtp-url.ts';
import { defaultModemSearch, modemSearchFromEnv } from '../backend/gateways/modem/discovery/port-search.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../headless/defaults.ts';
import { isLoopbackHost, isWildcardHost } from '../headless/security.ts';
import type { DatabaseRecovery } from '../backend/store/damaged-database.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { DatabaseKeyError } from '../backend/store/database-key.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { createCliLogger } from './cli-logger.ts';
import { databaseStartErrorLines, databaseStartNote, isDatabaseStartError } from './damaged-database-words.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe serve [--port N] [--host ADDRESS] [--allow-remote] [--data-dir DIR]
                    [--modem PATH ...] [--demo] [--smtp URL --mail-from ADDRESS] [--verbose]
                    [--start-empty | --restore FILE]

Run Ujumbe without the desktop window: open the printed address in a browser on this computer.
Other clinic systems can send messages through its HTTP API (/api/v1, described at
/api/v1/openapi.json) with the token from the address, as "Authorization: Bearer <token>".

  --port N          the port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS    the address to listen on (default ${DEFAULT_HOST}, this computer only)
  --allow-remote    allow an address other computers can reach (e.g. 0.0.0.0). The token is
                    then all that protects the clinic's messages, and HTTP is not encrypted:
                    use it only on a network you trust
  --data-dir DIR    Ujumbe's data folder (default: the user-data folder)
  --modem PATH      use the modem on this serial port, e.g. /dev/ttyUSB2 or COM4 (repeatable;
                    saved like a modem Ujumbe found). Not needed for a USB modem: Ujumbe finds
                    modems by itself, in the places $UJUMBE_MODEM_SEARCH names for this run
                    (patterns separated by ${process.platform === 'win32' ? ';' : ':'}, e.g. '/dev/ttyUSB*'), else the
                    search setting (Settings), else this computer's usual places
  --demo            add a simulated modem that sends nothing real (needs socat)
  --smtp URL        the mail server for e-mail: smtps://user:password@host:465 (TLS) or
                    smtp://user:password@host:587 (STARTTLS); add ?security=none for a relay
                    inside the clinic's network. Default: $UJUMBE_SMTP_URL, else the settings
                    saved in the Gateways panel. Used for this run only: the password is not
                    written to disk. Prefer UJUMBE_SMTP_URL on shared computers: other users
                    can see a command line in the process list
  --mail-from ADDR  the From address of e-mails (default $UJUMBE_MAIL_FROM, else the user name
                    when it is an e-mail address)
  --verbose         log more (JSON lines on stderr)

When the database is damaged, Ujumbe changes nothing and does not start; it says so, and you
choose one of two ways on (each is used only if the database is damaged):
  --start-empty     start with an empty database. The damaged file (with its -wal and -shm) is
                    moved, as it is, into a folder damaged-<date and time> in the data folder
  --restore FILE    put a copy of the database you have (a backup) in its place. The copy is
                    checked first; the damaged file is kept the same way

The token changes at every start. While it runs, \`ujumbe send\` with the same data folder
hands its message to it instead of opening the modem itself. Stop it with Ctrl-C.

Exit status: 0 after a clean stop, 1 if it could not start, 2 for bad input.`;

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      modem: { type: 'string', multiple: true, default: [] },
      demo: { type: 'boolean', default: false },
      smtp: { type: 'string' },
      'mail-from': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'start-empty': { type: 'boolean', default: false },
      restore: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port takes a number from 0 to 65535, not "${values.port}"`);
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host === '') throw new UsageError('--host names no address');
  if (!isLoopbackHost(host) && !values['allow-remote']) {
    throw new UsageError(`--host ${host} can be reached from other computers; add --allow-remote if that is what you want`);
  }
  if (values['start-empty'] && values.restore !== undefined) throw new UsageError('choose one: --start-empty or --restore FILE');
  if (values.restore === '') throw new UsageError('--restore names no file');
  const databaseRecovery: DatabaseRecovery | null = values['start-empty'] ? { way: 'start-empty' } : values.restore !== undefined ? { way: 'restore', from: resolve(values.restore) } : null;
  return { ...values, port, host, databaseRecovery, email: emailFrom(values.smtp, values['mail-from'], process.env) };
}

/**
 * The mail server from --smtp / --mail-from, else UJUMBE_SMTP_URL / UJUMBE_MAIL_FROM (the
 * command line wins, each value on its own), else null (the saved settings apply).
 * @throws UsageError with one line (never the password).
 */
export function emailFrom(smtp: string | undefined, mailFrom: string | undefined, env: NodeJS.ProcessEnv): EmailConfig | null {
  const url = smtp ?? (env.UJUMBE_SMTP_URL || undefined);
  const from = mailFrom ?? (env.UJUMBE_MAIL_FROM || undefined);
  if (url === undefined) {
    if (mailFrom !== undefined) throw new UsageError('--mail-from needs --smtp (or UJUMBE_SMTP_URL)');
    return null;
  }
  try {
    return parseSmtpUrl(url, from ?? null);
  } catch (err) {
    if (err instanceof SmtpUrlError) throw new UsageError(err.message);
    throw err;
  }
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  const modems = [];
  for (const path of args.modem) {
    if (path === 'auto') {
      io.err('Note: --modem auto is not needed: Ujumbe finds modems by itself.');
      continue;
    }
    modems.push({ path });
  }
  const modemSearch = modemSearchFromEnv(process.env);
  if (!isLoopbackHost(args.host)) {
    io.err(
      `Warning: Ujumbe is listening on ${isWildcardHost(args.host) ? 'every network interface' : args.host}: other computers can reach it. ` +
        'Anyone with the token can read and send the clinic\'s messages, and HTTP is not encrypted.',
    );
  }
  const logger = createCliLogger(args.verbose ? 'debug' : 'warn');
  // Installed before start-up, so a Ctrl-C during it still closes cleanly.
  const signal = waitForSignal();
  // Loaded here, not at the top: the other commands need none of the host's code.
  const { HostStartError, startHeadlessHost } = await import('../headless/host.ts');
  let host;
  try {
    host = await startHeadlessHost({
      port: args.port,
      host: args.host,
      allowRemote: args['allow-remote'],
      dataDir: args['data-dir'] ?? null,
      modems,
      modemSearch,
      demo: args.demo,
      email: args.email,
      logger,
      // The database key: sealed by UJUMBE_DB_PASSPHRASE when it is set, else by the key file.
      backend: { databaseRecovery: args.databaseRecovery, databaseEncryption: { sealer: headlessKeySealer(resolveDataDir(args['data-dir'] ?? null)) } },
    });
  } catch (err) {
    if (err instanceof HostStartError) {
      io.err(`ujumbe serve: ${err.message}`);
      return EXIT_FAILURE;
    }
    if (isDatabaseStartError(err)) {
      for (const line of databaseStartErrorLines(err, 'serve', args['data-dir'] ?? null)) io.err(line);
      return EXIT_FAILURE;
    }
    if (err instanceof DatabaseKeyError) {
      io.err(`ujumbe serve: ${err.message} Ujumbe did not start.`);
      return EXIT_FAILURE;
    }
    throw err;
  }
  const note = databaseStartNote(host.backend.databaseStart, args.databaseRecovery);
  if (note !== null) io.err(note);
  io.out(`Ujumbe is running at ${host.url}#token=${host.token}`);
  // Said only once the first look is over: a modem plugged in already is found in that look.
  await host.backend.detection?.scan();
  if (modems.length === 0 && host.backend.gateways().every((g) => g.protocol !== 'sms')) {
    const where = modemSearch ?? host.backend.store.settings.get('modemSearch') ?? defaultModemSearch();
    io.err(`Note: no modem is saved yet. Plug one in: Ujumbe looks for it${where.length > 0 ? ` (${where.join(', ')})` : ''} and uses it by itself. \`ujumbe doctor\` says what it sees.`);
  }

  await signal;
  // A second Ctrl-C while closing stops at once.
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  try {
    await host.close();
  } finally {
    process.off('SIGINT', force);
  }
  return EXIT_OK;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run Ujumbe without the desktop window: the UI in a browser, and an HTTP API',
  help: HELP,
  run,
};
