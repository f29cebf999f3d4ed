/**
 * Search and reports at a year's scale (issue 12 "Tests and benchmark"): 100,000 messages over a
 * year (received through MessagingService.receive, 5,000 conversations, varied Swahili and
 * English texts), then messages.search for a common word, a rare one, two words and a short
 * prefix (goal ≤ 50 ms each), and stats.daily and stats.summary for the whole year. Each figure is the median and
 * the slowest of 20 runs after one warm-up. A real SQLite file (WAL, synchronous=FULL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/create-backend.ts';
import { createHandlers } from '../electron/backend/api/create-handlers.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const MESSAGES = 100_000;
const CONVERSATIONS = 5_000;
const CHUNK = 5_000;
const RUNS = 20;
const YEAR_MS = 365 * 86_400_000;
const TEXTS = [
  'Habari, nitakuja kesho asubuhi',
  'Asante daktari, dawa zimeisha',
  'Ndio nitakuja',
  'Can I come on Friday instead?',
  'Mtoto ana homa tangu jana',
  'Where do I get my results?',
  'Sawa, asante sana',
  'Nimefika kliniki lakini imefungwa',
];

/** The median and slowest of RUNS runs after one warm-up, and how many items the warm-up found (also bench/encryption.bench.ts). */
export async function figures(run: () => Promise<unknown>): Promise<{ median: number; max: number; found: number }> {
  let found = 0;
  const result = await run();
  if (result && typeof result === 'object' && 'items' in result) found = (result as { items: unknown[] }).items.length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, found };
}

/**
 * A backend on a fresh data folder holding `messages` received messages spread over 2026 (the
 * clock moves with them), from `conversations` numbers, in chunks of CHUNK per transaction; also
 * bench/encryption.bench.ts. The caller stops the backend and removes `dataDir`.
 */
export function seedYearOfReplies(options: { messages: number; conversations: number; text: (i: number) => string; backend?: Partial<Parameters<typeof createBackend>[0]> }): { backend: ReturnType<typeof createBackend>; dataDir: string; seedMs: number } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-search-'));
  let nowMs = Date.UTC(2026, 0, 1);
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, clock: { now: () => nowMs }, ...options.backend });
  backend.store.settings.set('timeZone', 'Africa/Nairobi');
  const seeded = performance.now();
  for (let done = 0; done < options.messages; done += CHUNK) {
    backend.store.transaction(() => {
      for (let i = done; i < Math.min(done + CHUNK, options.messages); i++) {
        nowMs = Date.UTC(2026, 0, 1) + Math.floor((i / options.messages) * YEAR_MS);
        backend.messaging.receive({ from: `+2547${String(10_000_000 + (i % options.conversations)).slice(-8)}`, text: options.text(i), gatewayId: 'modem:bench' });
      }
    });
  }
  return { backend, dataDir, seedMs: performance.now() - seeded };
}

export const searchSuite: BenchSuite = {
  name: 'search',
  async run() {
    const { backend, dataDir, seedMs } = seedYearOfReplies({ messages: MESSAGES, conversations: CONVERSATIONS, text: (i) => `${TEXTS[i % TEXTS.length]} ${i % 97 === 0 ? 'kaswende' : ''}`.trim() });
    try {
      const handlers = createHandlers(backend, { host: 'headless', version: 'bench', dataDir });
      const search = (q: string) => async () => handlers['messages.search']({ q, limit: 50 });
      const rows: string[][] = [];
      for (const [label, q] of [['common word ("asante")', 'asante'], ['rare word ("kaswende")', 'kaswende'], ['two words ("nitakuja kesho")', 'nitakuja kesho'], ['prefix ("kli")', 'kli']] as const) {
        const f = await figures(search(q));
        rows.push([`search: ${label}`, f.median.toFixed(1), f.max.toFixed(1), String(f.found), '≤ 50']);
      }
      const stats = await figures(async () => handlers['stats.daily']({ from: '2026-01-01', to: '2026-12-31' }));
      rows.push(['stats.daily for 365 days', stats.median.toFixed(1), stats.max.toFixed(1), '365 days', '']);
      // Reads every status change of the year once (status_log_at), for the per-gateway figures.
      const summary = await figures(async () => handlers['stats.summary']({ from: '2026-01-01', to: '2026-12-31' }));
      rows.push(['stats.summary for 365 days', summary.median.toFixed(1), summary.max.toFixed(1), '365 days', '']);
      console.log(`seeded ${MESSAGES.toLocaleString('en')} messages in ${(seedMs / 1000).toFixed(1)} s`);
      printTable(['figure', 'median (ms)', 'slowest (ms)', 'found', 'goal (ms)'], rows);
    } finally {
      await backend.stop({ deadlineMs: 1_000 });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
