/**
 * Retention and deletion (issue 13 "Retention"): a data folder's encrypted database (WAL,
 * synchronous=FULL, checkpoints on their thread) with MESSAGES received messages over two years
 * from CONVERSATIONS numbers; retention at 12 months deletes about half. Reported: the preview's
 * time and longest event-loop block, the run's (goal: no block over 50 ms, measured by a 1 ms
 * setInterval probe as bench/appointments.bench.ts does), and what secure_delete costs on one
 * batch of deletions (the same batch, with and without it, on two copies).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../electron/backend/create-backend.ts';
import { ScriptedGateway } from '../test/support/scripted-gateway.ts';
import { msBetween, now } from './scoped.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const MESSAGES = 50_000;
const CONVERSATIONS = 5_000;
const TWO_YEARS_MS = 730 * 86_400_000;

async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockMs: number; totalMs: number }> {
  let last = now();
  let longest = 0;
  const probe = setInterval(() => {
    const t = now();
    longest = Math.max(longest, msBetween(last, t));
    last = t;
  }, 1);
  const started = now();
  try {
    const result = await work();
    return { result, blockMs: longest, totalMs: msBetween(started, now()) };
  } finally {
    clearInterval(probe);
  }
}

function fill(backend: Backend, nowMs: number): void {
  const texts = ['Habari daktari, nina swali kuhusu dawa yangu', 'Asante kwa ukumbusho, nitakuja kesho asubuhi', 'Naomba kubadilisha siku ya miadi tafadhali'];
  const batch = 5_000;
  for (let from = 0; from < MESSAGES; from += batch) {
    backend.store.transaction(() => {
      for (let i = from; i < Math.min(MESSAGES, from + batch); i++) {
        const arrivedAt = new Date(nowMs - TWO_YEARS_MS + Math.floor((i / MESSAGES) * TWO_YEARS_MS)).toISOString();
        backend.messaging.receive({ from: `+2547${String(10_000_000 + (i % CONVERSATIONS)).slice(-8)}`, text: `${texts[i % 3]} ${i}`, gatewayId: 'modem-1', arrivedAt });
      }
    });
  }
}

/**
 * Migration 014's indexes for the foreign keys to messages and conversations. Without them SQLite
 * scans the whole messages table for every message or conversation deleted (in_reply_to,
 * conversation_id): 1,000 messages took 5 s at 50,000. UJUMBE_BENCH_NO_FK_INDEXES=1 drops them,
 * to measure without.
 */
const DROP_FK_INDEXES = `
  DROP INDEX messages_in_reply_to;
  DROP INDEX messages_conversation;
  DROP INDEX consent_message;
  DROP INDEX consent_log_message;`;

function open(): { backend: Backend; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-retention-'));
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, gateways: [new ScriptedGateway({ id: 'modem-1' })] });
  backend.store.settings.set('timeZone', 'Africa/Nairobi');
  if (process.env['UJUMBE_BENCH_NO_FK_INDEXES'] === '1') backend.store.db.exec(DROP_FK_INDEXES);
  return { backend, dataDir };
}

/** One batch of `ids` deleted in one transaction: plain, with the pragma only, or as deletions run (pragma and FTS secure-delete). */
function timeBatch(backend: Backend, ids: number[], mode: 'plain' | 'pragma' | 'secure'): number {
  const started = now();
  const run = () => backend.store.transaction(() => backend.store.deletion.deleteMessages(ids));
  if (mode === 'secure') backend.store.deletion.secure(run);
  else if (mode === 'pragma') {
    backend.store.db.pragma('secure_delete = ON');
    run();
    backend.store.db.pragma('secure_delete = OFF');
  } else run();
  return msBetween(started, now());
}

export const retentionSuite: BenchSuite = {
  name: 'retention',
  async run() {
    const nowMs = Date.now();
    const a = open();
    const b = open();
    try {
      fill(a.backend, nowMs);
      fill(b.backend, nowMs);
      // The fill's garbage is collected first: its pause is not retention's.
      globalThis.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const preview = await longestBlock(() => a.backend.retention.preview(12));
      a.backend.store.settings.set('retentionMonths', 12);
      let slices = 0;
      const off = a.backend.deletion.onDeleted(() => (slices += 1));
      const run = await longestBlock(() => a.backend.retention.runNow());
      off();
      // The same 2,000 oldest messages of a fresh copy, deleted in one batch each way.
      const ids = b.backend.store.deletion.expiredInRange(0, 3_000, new Date(nowMs).toISOString());
      const plainMs = timeBatch(b.backend, ids.slice(0, 1_000), 'plain');
      const pragmaMs = timeBatch(b.backend, ids.slice(1_000, 2_000), 'pragma');
      const secureMs = timeBatch(b.backend, ids.slice(2_000, 3_000), 'secure');
      printTable(
        ['figure', 'value', 'goal'],
        [
          ['messages / conversations', `${MESSAGES} / ${CONVERSATIONS}`, ''],
          ['run: slices', String(slices), ''],
          ['preview: count', String(preview.result.count), ''],
          ['preview: total (ms)', preview.totalMs.toFixed(0), ''],
          ['preview: longest event-loop block (ms)', preview.blockMs.toFixed(1), '≤ 50'],
          ['run: deleted', String(run.result?.count ?? 0), ''],
          ['run: total (ms)', run.totalMs.toFixed(0), ''],
          ['run: longest event-loop block (ms)', run.blockMs.toFixed(1), '≤ 50'],
          ['1,000 messages in one transaction, plain (ms)', plainMs.toFixed(1), ''],
          ['1,000 messages in one transaction, PRAGMA secure_delete only (ms)', pragmaMs.toFixed(1), ''],
          ['1,000 messages in one transaction, secure_delete + FTS secure-delete (ms)', secureMs.toFixed(1), ''],
        ],
      );
    } finally {
      for (const x of [a, b]) {
        await x.backend.stop({ deadlineMs: 1_000 });
        rmSync(x.dataDir, { recursive: true, force: true });
      }
    }
  },
};
