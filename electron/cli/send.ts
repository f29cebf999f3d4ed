/**
 * `ujumbe send`: one shot, like `gammu sendsms`. Starts the same backend as the app (its saved
 * modems, modem detection, or the port named with --modem, which is saved like any modem),
 * enqueues through MessagingService into the store in the data folder, lets the dispatcher send,
 * waits for every recipient's final status, prints it, and exits 0 only if every recipient was sent.
 *
 * Order matters for "nothing half-saved": the draft is validated first, then a modem must be
 * ready, and only then is the message saved to the outbox.
 */
import { parseArgs } from 'node:util';
import { ValidationError } from '../../src-shared/errors.ts';
import type { MessageDraft, RecipientStatus } from '../../src-shared/model.ts';
import { validateDraft } from '../../src-shared/protocols/index.ts';
import { type Backend, createBackend } from '../backend/create-backend.ts';
import type { Gateway } from '../backend/gateways/gateway.ts';
import { modemSearchFromEnv } from '../backend/gateways/modem/discovery/port-search.ts';
import { modemProblemWords } from '../backend/gateways/modem/modem-problem-words.ts';
import { PROFILE_IDS } from '../backend/gateways/modem/profiles.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { DatabaseKeyError } from '../backend/store/database-key.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { DataFolderLockedError } from '../backend/store/data-folder-lock.ts';
import { ApiError, findRunningHost, type HeadlessApiClient } from '../headless/api-client.ts';
import { handOffSend } from '../headless/hand-off.ts';
import { ClinicTimeError, clinicStamp, parseClinicTime, systemTimeZone } from '../../src-shared/schedule/clinic-time.ts';
import { clinicTimeZone } from '../backend/clinic-time-zone.ts';
import { createCliLogger } from './cli-logger.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';
import { databaseStartErrorLines, isDatabaseStartError } from './damaged-database-words.ts';
import { profileOption } from './modem-options.ts';

const HELP = `Usage: ujumbe send --to NUMBER[,NUMBER...] --text TEXT [--modem PATH] [options]

Send one SMS through a GSM modem and wait for the result, like \`gammu sendsms\`.
The message is saved in Ujumbe's outbox first, so a send that is cut off is not lost.
It uses the modems Ujumbe has saved, and finds a modem that is plugged in by itself (as the
app does; $UJUMBE_MODEM_SEARCH replaces where it looks, for this run). While \`ujumbe serve\`
runs on the same data folder, the message is handed to it (it owns the modem) and --modem,
--profile and --pin are not used. While the desktop app has the data folder open, it refuses.

  --modem PATH        use the modem on this serial port, e.g. /dev/ttyUSB2 or COM4 (it is
                      saved, like a modem Ujumbe found)
  --to NUMBERS        one or more numbers, separated by commas: +254712345678, 0712 345 678
  --text TEXT         the message (long texts go as several parts)
  --report            ask the network for a delivery report
  --at TIME           send later: "2026-12-04 07:00" (clinic time: the time zone set in
                      Ujumbe, else this computer's) or ISO 8601 with an offset. The message is
                      saved as scheduled and this command ends; the Ujumbe app or \`ujumbe serve\`,
                      whichever runs at that time, sends it (one that was off sends it when it
                      starts)
  --data-dir DIR      Ujumbe's data folder (default: the user-data folder)
  --profile NAME      modem profile: auto (default), ${PROFILE_IDS.join(', ')}
  --pin PIN           the SIM PIN, if the SIM asks for one (tried once, never retried)
  --wait SECONDS      how long to wait for the results (default 180); a message still waiting
                      for a retry then stays in the outbox for the next run
  --json              print [{ "to", "status", "references", "error" }]
  --verbose           log what the modem does (JSON lines on stderr)

Exit status: 0 if every recipient was sent, 1 otherwise, 2 for bad input.`;

const FINAL: readonly RecipientStatus[] = ['sent', 'delivered', 'failed', 'cancelled'];

interface ResultRow {
  to: string;
  status: RecipientStatus;
  references: string[];
  error: string | null;
  flags: string[];
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      modem: { type: 'string' },
      to: { type: 'string' },
      text: { type: 'string' },
      report: { type: 'boolean', default: false },
      at: { type: 'string' },
      'data-dir': { type: 'string' },
      profile: { type: 'string' },
      pin: { type: 'string' },
      wait: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.to === undefined) throw new UsageError('--to NUMBER is required');
  if (values.text === undefined) throw new UsageError('--text TEXT is required');
  const waitSeconds = values.wait === undefined ? 180 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0) throw new UsageError(`--wait takes a number of seconds, not "${values.wait}"`);
  const to = values.to.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (to.length === 0) throw new UsageError('--to names no number');
  return { ...values, text: values.text, to, waitSeconds, profile: profileOption(values.profile) };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parse(argv);
  // A running `ujumbe serve` owns the modem: hand the message to it (a stale server.json is ignored).
  const host = await findRunningHost(resolveDataDir(parsed['data-dir'] ?? null));
  // The host's clinic time zone is not known from here: a clinic time is read in this computer's.
  if (host) return handOff(host, { ...parsed, sendAt: parsed.at === undefined ? undefined : sendAtOption(parsed.at, systemTimeZone()) }, io);
  const args = parsed;
  const draft: MessageDraft = {
    content: args.text,
    recipients: args.to.map((address) => ({ address, protocol: 'sms' as const })),
    options: { statusReport: args.report },
  };
  let backend: Backend;
  try {
    backend = createBackend({
      dataDir: args['data-dir'] ?? null,
      // No host to hand off to: this run holds the data folder while it sends, so the desktop
      // app or a `ujumbe serve` started meanwhile is refused, and one already there refuses it.
      dataFolderLock: 'send',
      modems: args.modem === undefined ? [] : [{ path: args.modem, profile: args.profile, ...(args.pin === undefined ? {} : { pin: args.pin }) }],
      logger: createCliLogger(args.verbose ? 'debug' : 'error'),
      reconnectDelayMs: 0,
      // A named port is what to use; without one, look for the modem as the app does.
      detection: args.modem === undefined ? { patterns: modemSearchFromEnv(process.env) } : false,
      databaseEncryption: { sealer: headlessKeySealer(resolveDataDir(args['data-dir'] ?? null)) },
    });
  } catch (err) {
    if (err instanceof DatabaseKeyError) {
      io.err(`ujumbe send: ${err.message} Nothing was sent.`);
      return EXIT_FAILURE;
    }
    if (err instanceof DataFolderLockedError) {
      io.err(`ujumbe send: ${err.message} Nothing was saved.`);
      return EXIT_FAILURE;
    }
    if (isDatabaseStartError(err)) {
      for (const line of databaseStartErrorLines(err, 'send', args['data-dir'] ?? null)) io.err(line);
      return EXIT_FAILURE;
    }
    throw err;
  }
  const stopOnSignal = () => void backend.stop({ deadlineMs: 5_000 }).then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    // Bad input is reported before the modem is touched and before anything is saved.
    try {
      validateDraft(draft, { defaultCountry: backend.store.settings.get('defaultCountry'), maxSmsParts: backend.store.settings.get('maxSmsParts') });
    } catch (err) {
      if (err instanceof ValidationError) throw new UsageError(err.issues.map((i) => `${i.where}: ${i.message}`).join('; '));
      throw err;
    }
    if (args.at !== undefined) return scheduleOnly(backend, draft, args.at, io);
    const recovery = await backend.start();
    if (recovery.recovered > 0) io.err(`Note: ${recovery.recovered} message(s) left half-sent by an earlier run were ${recovery.policy === 'fail-and-ask' ? 'marked failed' : 'queued again'}.`);
    const ready = await readyModem(backend, args.modem, Math.min(FIND_MODEM_MS, args.waitSeconds * 1000), () => io.err('Looking for a modem…'));
    if (!ready.ok) {
      io.err(`ujumbe send: ${ready.words} Nothing was saved.`);
      return EXIT_FAILURE;
    }

    const pending = new Set<number>();
    let resolveAll!: () => void;
    const allFinal = new Promise<void>((resolve) => (resolveAll = resolve));
    const unsubscribe = backend.dispatcher.onStatus((event) => {
      if (pending.has(event.recipientId) && FINAL.includes(event.to)) {
        pending.delete(event.recipientId);
        if (pending.size === 0) resolveAll();
      }
    });
    const receipt = backend.messaging.send(draft);
    for (const r of receipt.recipients) pending.add(r.id);
    // A status may already be final if the dispatcher was very quick.
    for (const id of [...pending]) {
      const row = backend.store.recipients.get(id);
      if (row && FINAL.includes(row.status)) pending.delete(id);
    }
    if (pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allFinal, new Promise<void>((resolve) => (timer = setTimeout(resolve, args.waitSeconds * 1000)))]);
      clearTimeout(timer);
    }
    unsubscribe();

    const detail = backend.messaging.getMessage(receipt.messageId);
    const rows: ResultRow[] = (detail?.recipients ?? []).map((r) => ({
      to: r.address,
      status: r.status,
      references: r.gatewayRefs,
      error: r.status === 'sent' || r.status === 'delivered' ? null : r.lastError,
      flags: r.flags,
    }));
    if (args.json) {
      io.out(JSON.stringify(rows.map(({ to, status, references, error }) => ({ to, status, references, error }))));
    } else {
      for (const row of rows) io.out(describeRow(row));
      // Which modem, when several could have: said on stderr, so stdout stays one line a number.
      const through = [...new Set((detail?.recipients ?? []).map((r) => r.gateway).filter((g): g is string => g !== null))];
      if (args.modem === undefined && through.length > 0) io.err(`Sent through ${through.map((id) => modemLabel(backend, id)).join(', ')}.`);
    }
    return rows.every((r) => r.status === 'sent' || r.status === 'delivered') ? EXIT_OK : EXIT_FAILURE;
  } finally {
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    await backend.stop({ deadlineMs: 5_000 });
  }
}

/** --at: "2026-12-04 07:00" in `timeZone`, or ISO 8601 with an offset. @throws UsageError naming it */
function sendAtOption(text: string, timeZone: string): string {
  let ms: number;
  try {
    ms = parseClinicTime(text, timeZone);
  } catch (err) {
    if (err instanceof ClinicTimeError) throw new UsageError(`--at: ${err.message}`);
    throw err;
  }
  // A time already past would send at once: say so rather than pretend it was scheduled.
  if (ms <= Date.now()) throw new UsageError(`--at: "${text}" has already passed; leave --at out to send now.`);
  return new Date(ms).toISOString();
}

/** --at without a running host: saved as scheduled (nothing goes now), then this run ends. */
function scheduleOnly(backend: Backend, draft: MessageDraft, at: string, io: CliIo): number {
  const timeZone = clinicTimeZone(backend.store.settings.get('timeZone'));
  const sendAt = sendAtOption(at, timeZone);
  let receipt;
  try {
    receipt = backend.messaging.send({ ...draft, sendAt });
  } catch (err) {
    if (err instanceof ValidationError) throw new UsageError(err.issues.map((i) => `${i.where}: ${i.message}`).join('; '));
    throw err;
  }
  const when = clinicStamp(sendAt, timeZone);
  for (const r of receipt.recipients) io.out(`${r.address}  ${r.status}${r.status === 'scheduled' ? ` for ${when} (${timeZone})` : ''}`);
  io.err('The Ujumbe app or `ujumbe serve`, whichever runs at that time, sends it; one that was off sends it when it starts.');
  return EXIT_OK;
}

/** How long a send without --modem waits for detection to find and start a modem (at most --wait). */
const FIND_MODEM_MS = 15_000;

/** "Huawei E3131 on /dev/ttyUSB0": the saved label and the port. */
function modemLabel(backend: Backend, id: string): string {
  const status = backend.gateways().find((g) => g.id === id)?.status();
  const label = backend.manager.record(id)?.label ?? id;
  return status?.kind === 'modem' ? `${label} on ${status.detail.port}` : label;
}

/**
 * A modem that can send now: the one named, else any saved or found one (detection gets up to
 * FIND_MODEM_MS). Otherwise the words for why not, from the modems' problem codes.
 */
async function readyModem(backend: Backend, path: string | undefined, findMs: number, looking: () => void): Promise<{ ok: true } | { ok: false; words: string }> {
  const onPath = (g: Gateway): boolean => {
    const status = g.status();
    return status.kind === 'modem' && status.detail.port === path;
  };
  const candidates = (): Gateway[] => backend.gateways().filter((g) => g.protocol === 'sms' && (path === undefined || onPath(g)));
  const deadline = Date.now() + (path === undefined && backend.detection ? findMs : 0);
  if (path === undefined && !candidates().some((g) => g.canSend())) looking();
  if (backend.detection) await backend.detection.scan();
  for (;;) {
    if (candidates().some((g) => g.canSend())) return { ok: true };
    const starting = candidates().some((g) => g.status().state === 'starting');
    if (Date.now() >= deadline && !starting) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const first = candidates()[0];
  if (!first) return { ok: false, words: 'no modem was found (plug one in, or name its port with --modem PATH; `ujumbe doctor` says what it sees).' };
  const status = first.status();
  // The app's words end with "Ujumbe keeps trying": true for the app, not for this one shot.
  const code = status.kind === 'modem' ? status.problem?.code : undefined;
  const problem =
    code === 'waiting-for-modem' ? 'nothing is plugged in at that port.'
    : code ? modemProblemWords(code).split(/(?<=\.)\s/)[0]
    : `it is ${status.state}.`;
  const where = status.kind === 'modem' ? status.detail.port : first.id;
  return { ok: false, words: `cannot use the modem at ${where}: ${problem}` };
}

async function handOff(host: HeadlessApiClient, args: ReturnType<typeof parse> & { sendAt: string | undefined }, io: CliIo): Promise<number> {
  io.err(`Handing the message to the running Ujumbe at ${host.info.url}`);
  let rows: ResultRow[];
  try {
    rows = await handOffSend(host, { to: args.to, text: args.text, statusReport: args.report, waitSeconds: args.waitSeconds, ...(args.sendAt === undefined ? {} : { sendAt: args.sendAt }) });
  } catch (err) {
    // The host's validation speaks the same words as the local one: bad input stays exit 2.
    if (err instanceof ApiError && (err.code === 'validation' || err.code === 'invalid-params')) throw new UsageError(err.message);
    throw err;
  }
  if (args.json) io.out(JSON.stringify(rows.map(({ to, status, references, error }) => ({ to, status, references, error }))));
  else for (const row of rows) io.out(describeRow(row, args.sendAt));
  // With --at, success is every recipient waiting for its time.
  const done = (r: ResultRow) => r.status === 'sent' || r.status === 'delivered' || (args.sendAt !== undefined && r.status === 'scheduled');
  return rows.every(done) ? EXIT_OK : EXIT_FAILURE;
}

function describeRow(row: ResultRow, sendAt?: string): string {
  const refs = row.references.length > 0 ? ` (reference ${row.references.join(', ')})` : '';
  const flags = row.flags.includes('possible-duplicate') ? ' [possible duplicate]' : '';
  switch (row.status) {
    case 'sent':
    case 'delivered':
      return `${row.to}  ${row.status}${refs}${flags}`;
    case 'scheduled':
      return `${row.to}  scheduled${sendAt === undefined ? '' : ` for ${clinicStamp(sendAt, systemTimeZone())} (${systemTimeZone()})`}: the running Ujumbe sends it at its time`;
    case 'outbox':
    case 'sending':
      return `${row.to}  ${row.status}: not sent yet${row.error ? ` (${row.error})` : ''}; it stays in the outbox and is sent on the next run`;
    default:
      return `${row.to}  ${row.status}${row.error ? `: ${row.error}` : ''}${flags}`;
  }
}

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'send an SMS through a modem and wait for the result',
  help: HELP,
  run,
};
