/**
 * `ujumbe messages`: what happened to every message — each recipient's status, attempts, last
 * error and the full status log — read from the data folder's database.
 */
import { parseArgs } from 'node:util';
import { RECIPIENT_STATUSES, type RecipientStatus } from '../../src-shared/model.ts';
import { createBackend } from '../backend/create-backend.ts';
import type { MessageDetail } from '../backend/messaging.ts';
import { createCliLogger } from './cli-logger.ts';
import { DatabaseKeyError } from '../backend/store/database-key.ts';
import { resolveDataDir } from '../backend/store/data-dir.ts';
import { headlessKeySealer } from '../backend/store/passphrase-sealer.ts';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from './command.ts';

const HELP = `Usage: ujumbe messages [--data-dir DIR] [--status STATUS] [--limit N] [--json]

Messages, newest first, with each recipient's status, attempts, last error and status log.

  --data-dir DIR    Ujumbe's data folder (default: the user-data folder)
  --status STATUS   only messages with a recipient in this status:
                    ${RECIPIENT_STATUSES.join(', ')}
  --limit N         at most N messages (default 20, at most 500)
  --json            print the messages as JSON`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit takes a whole number from 1 to 500, not "${values.limit}"`);
  if (values.status !== undefined && !(RECIPIENT_STATUSES as readonly string[]).includes(values.status)) {
    throw new UsageError(`unknown --status "${values.status}"; use one of ${RECIPIENT_STATUSES.join(', ')}`);
  }

  // Read-only, so it takes no data folder lock (store/data-folder-lock.ts): it works beside a
  // running app or `ujumbe serve` (WAL: it never blocks their writes), and never keeps one from starting.
  const dataDir = resolveDataDir(values['data-dir'] ?? null);
  let backend;
  try {
    backend = createBackend({ dataDir, dataFolderLock: false, logger: createCliLogger(), databaseEncryption: { sealer: headlessKeySealer(dataDir) } });
  } catch (err) {
    if (err instanceof DatabaseKeyError) {
      io.err(`ujumbe messages: ${err.message}`);
      return EXIT_FAILURE;
    }
    throw err;
  }
  try {
    const page = backend.messaging.listMessages({ limit, ...(values.status ? { status: values.status as RecipientStatus } : {}) });
    const details = page.messages.map((m) => backend.messaging.getMessage(m.id)).filter((m): m is MessageDetail => m !== undefined);
    if (values.json) {
      io.out(JSON.stringify(details.map(toJson), null, 2));
    } else if (details.length === 0) {
      io.out('No messages.');
    } else {
      for (const message of details) io.out(describe(message));
    }
    return EXIT_OK;
  } finally {
    await backend.stop();
  }
}

function toJson(m: MessageDetail) {
  return {
    id: m.id,
    direction: m.direction,
    created: m.created,
    content: m.content,
    subject: m.subject,
    sendAt: m.sendAt,
    expiresAt: m.expiresAt,
    recipients: m.recipients.map((r) => ({
      id: r.id,
      address: r.address,
      protocol: r.protocol,
      status: r.status,
      gateway: r.gateway,
      references: r.gatewayRefs,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      errorCode: r.lastErrorCode,
      error: r.lastError,
      flags: r.flags,
      log: r.log.map((l) => ({ from: l.from, to: l.to, reason: l.reason, gateway: l.gateway, at: l.at })),
    })),
  };
}

function describe(m: MessageDetail): string {
  const preview = m.content.length > 60 ? `${m.content.slice(0, 57)}...` : m.content;
  // "written" for an outgoing one: whether it was sent is each recipient's status, below.
  const when = m.direction === 'in' ? 'received' : m.sendAt ? `written ${m.created}, for ${m.sendAt}` : `written ${m.created}`;
  const lines = [`#${m.id}  ${m.direction === 'in' ? `${when} ${m.created}` : when}  "${preview.replace(/\s+/g, ' ')}"`];
  for (const r of m.recipients) {
    const extra = [
      r.attempts > 0 ? `${r.attempts} attempt${r.attempts === 1 ? '' : 's'}` : null,
      r.gatewayRefs.length > 0 ? `reference ${r.gatewayRefs.join(', ')}` : null,
      r.flags.length > 0 ? r.flags.join(', ') : null,
      r.status === 'outbox' && r.nextAttemptAt ? `next try ${r.nextAttemptAt}` : null,
      r.status === 'scheduled' && r.nextAttemptAt ? `goes at ${r.nextAttemptAt}` : null,
    ].filter(Boolean);
    lines.push(`  ${r.address}  ${r.status}${extra.length ? ` (${extra.join('; ')})` : ''}${r.lastError && r.status !== 'sent' ? `: ${r.lastError}` : ''}`);
    for (const l of r.log) lines.push(`    ${l.at}  ${l.from ?? '-'} -> ${l.to}  ${l.reason}${l.gateway ? ` [${l.gateway}]` : ''}`);
  }
  return lines.join('\n');
}

export const messagesCommand: CliCommand = {
  name: 'messages',
  summary: 'list messages with each recipient\'s status and status log',
  help: HELP,
  run,
};
