/**
 * The backend the reliability loop (fault-loop.ts) kills again and again: createBackend on the
 * loop's data folder and the simulated modem, as the crash tests' children do
 * (test/integration/crash/dispatch-child.ts, test/integration/receiving/receive-child.ts), but
 * long-lived and fed over an IPC channel, because the loop keeps sending while it kills.
 *
 * Usage (spawned by the loop with an 'ipc' stdio slot):
 *   node --import tsx fault-child.ts <dataDir> <modemPath>
 * Messages in:  { op: 'send', tag, to, text } | { op: 'progress' } | { op: 'stop' }
 * Messages out: { op: 'started', recovered } | { op: 'accepted', tag } | { op: 'refused', tag, error }
 *               | { op: 'progress', unfinished, incoming, parts } | { op: 'stopped' }
 */
import { appendFileSync } from 'node:fs';
import { createBackend } from '../../electron/backend/create-backend.ts';
import { createJsonLogger, silentLogger } from '../../electron/backend/logger.ts';

const [dataDir, modemPath] = process.argv.slice(2);
if (!dataDir || !modemPath || process.send === undefined) {
  process.stderr.write('usage: fault-child.ts <dataDir> <modemPath> (spawned with an IPC channel)\n');
  process.exit(2);
}
const reply = (message: object): void => {
  process.send?.(message);
};

// `--trace FILE` of run.ts: the backend's own log lines (debug level: AT traffic is logged there
// by code and length, never content at info) beside the loop's fault lines, to explain a miss.
const trace = process.env.RELIABILITY_TRACE;
const logger = trace
  ? createJsonLogger({ level: 'debug', base: { pid: process.pid }, write: (line) => appendFileSync(trace, line + '\n') })
  : silentLogger;

const backend = createBackend({
  logger,
  dataDir,
  modems: [
    {
      path: modemPath,
      profile: 'generic',
      // The simulator's network answers in milliseconds; 10 s after Ctrl-Z (instead of the
      // field's 60 s, timeouts.ts cmgsResult) keeps a hang after the body from eating a minute of
      // the loop. It is still the same `after-body` = maybe-sent path.
      timeouts: { cmgsResult: 10_000 },
    },
  ],
  reconnectDelayMs: 500,
});
// Retries every 0.5-4 s instead of 30 s-30 min (settings-repository.ts defaults): the loop is
// about what is lost or doubled, not about waiting times. maxAttempts stays the product's 5.
backend.store.settings.set('retry', { maxAttempts: 5, backoffBaseMs: 500, backoffMaxMs: 4_000 });

const existing = backend.store.db.prepare<[string], number>("SELECT id FROM messages WHERE direction = 'out' AND content = ?").pluck();
const unfinished = backend.store.db.prepare<[], number>("SELECT count(*) FROM message_recipients WHERE status IN ('outbox', 'sending')").pluck();
const incoming = backend.store.db.prepare<[], number>("SELECT count(DISTINCT content) FROM messages WHERE direction = 'in'").pluck();
const parts = backend.store.db.prepare<[], number>('SELECT count(*) FROM sms_parts').pluck();

process.on('message', (raw: unknown) => {
  const message = raw as { op: string; tag?: string; to?: string; text?: string };
  switch (message.op) {
    case 'send': {
      // The loop sends again what a killed child never acknowledged; a message already saved is
      // only acknowledged (the caller's idempotency, as a clinic system retrying a POST would).
      try {
        if (existing.get(message.text!) === undefined) {
          backend.messaging.send({ content: message.text!, recipients: [{ address: message.to!, protocol: 'sms' }] });
        }
        reply({ op: 'accepted', tag: message.tag });
      } catch (error) {
        reply({ op: 'refused', tag: message.tag, error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    case 'progress':
      reply({ op: 'progress', unfinished: unfinished.get(), incoming: incoming.get(), parts: parts.get() });
      return;
    case 'stop':
      void backend.stop({ deadlineMs: 5_000 }).then(() => process.send?.({ op: 'stopped' }, () => process.exit(0)));
      return;
  }
});

// The loop went away (it failed, or was interrupted): nothing else would ever stop this process.
process.on('disconnect', () => process.exit(1));

const recovery = await backend.start();
reply({ op: 'started', recovered: recovery.recovered });
