/**
 * What encryption at rest costs (issue 13 "Tests": "what encryption costs on the dispatch and
 * search figures, side by side with the plain driver in the same run (goal: within 15%)").
 * The same driver either way (better-sqlite3-multiple-ciphers): plain is `databaseEncryption:
 * false`, encrypted is the default (SQLCipher 4, store/database-key.ts). Runs alternate, plain
 * first, so drift on this machine falls on both alike.
 * - Dispatch: 300 SMS through the project's simulator on a real pty at 0 ms network delay (the
 *   setting where the database's share of each send is largest), SMS/min from the first send to
 *   the last `sent`; best of 5 rounds each.
 * - Search and reports: 50,000 received messages over a year, then the search bench's queries
 *   and stats.daily (median of 20 after a warm-up, search.bench.ts figures); and the seeding itself (writes).
 * A real SQLite file in a temp folder (WAL, synchronous=FULL) for each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../electron/backend/api/create-handlers.ts';
import { createBackend } from '../electron/backend/create-backend.ts';
import { ModemSimulator } from '../electron/modem-sim/index.ts';
import { figures, seedYearOfReplies } from './search.bench.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

type Mode = 'plain' | 'encrypted';
const MODES: readonly Mode[] = ['plain', 'encrypted'];
const options = (mode: Mode) => (mode === 'plain' ? { databaseEncryption: false as const } : {});

const SENDS = 300;
const ROUNDS = 5;
const MESSAGES = 50_000;
const TEXTS = ['Habari, nitakuja kesho asubuhi', 'Asante daktari, dawa zimeisha', 'Ndio nitakuja', 'Can I come on Friday instead?', 'Mtoto ana homa tangu jana', 'Sawa, asante sana'];

/** SMS/min for SENDS messages through a fresh backend and simulator. */
async function dispatchRate(mode: Mode): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), `ujumbe-bench-enc-${mode}-`));
  const sim = await ModemSimulator.start({ profile: 'generic', networkDelayMs: 0 });
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, modems: [{ path: sim.path, profile: 'auto' }], reconnectDelayMs: 0, ...options(mode) });
  try {
    await backend.start();
    let sent = 0;
    let failed = 0;
    const done = new Promise<void>((resolve) =>
      backend.dispatcher.onStatus((e) => {
        if (e.to === 'sent') sent += 1;
        if (e.to === 'failed') failed += 1;
        if (sent + failed === SENDS) resolve();
      }),
    );
    const started = performance.now();
    for (let i = 0; i < SENDS; i++) backend.messaging.send({ content: `Kumbusho ${i}: miadi yako ni kesho saa 4:00 asubuhi.`, recipients: [{ address: `+2547${String(10_000_000 + i).slice(-8)}`, protocol: 'sms' }] });
    await done;
    if (failed > 0) throw new Error(`${failed} of ${SENDS} sends failed (${mode})`);
    return (SENDS / (performance.now() - started)) * 60_000;
  } finally {
    await backend.stop({ deadlineMs: 2_000 });
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface SearchFigures {
  seedMs: number;
  medians: Map<string, number>;
}

const QUERIES: ReadonlyArray<[string, string]> = [['search "asante"', 'asante'], ['search "nitakuja kesho"', 'nitakuja kesho'], ['search prefix "kli"', 'kli']];

async function searchFigures(mode: Mode): Promise<SearchFigures> {
  const { backend, dataDir, seedMs } = seedYearOfReplies({ messages: MESSAGES, conversations: 2_500, text: (i) => TEXTS[i % TEXTS.length]!, backend: options(mode) });
  try {
    const handlers = createHandlers(backend, { host: 'headless', version: 'bench', dataDir });
    const medians = new Map<string, number>();
    for (const [label, q] of QUERIES) medians.set(label, (await figures(async () => handlers['messages.search']({ q, limit: 50 }))).median);
    medians.set('stats.daily for 365 days', (await figures(async () => handlers['stats.daily']({ from: '2026-01-01', to: '2026-12-31' }))).median);
    return { seedMs, medians };
  } finally {
    await backend.stop({ deadlineMs: 1_000 });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ratio = (plain: number, encrypted: number) => `${((encrypted / plain) * 100).toFixed(0)} %`;

export const encryptionSuite: BenchSuite = {
  name: 'encryption',
  async run() {
    const rates: Record<Mode, number[]> = { plain: [], encrypted: [] };
    for (let round = 0; round < ROUNDS; round++) for (const mode of MODES) rates[mode].push(await dispatchRate(mode));
    const best = (mode: Mode) => Math.max(...rates[mode]);
    const search: Partial<Record<Mode, SearchFigures>> = {};
    for (const mode of MODES) search[mode] = await searchFigures(mode);
    const plain = search.plain!;
    const encrypted = search.encrypted!;
    const rows: string[][] = [
      ['dispatch: SMS/min (best of 5, 0 ms network)', best('plain').toFixed(0), best('encrypted').toFixed(0), ratio(best('plain'), best('encrypted')), '≥ 85 %'],
      [`seed ${MESSAGES.toLocaleString('en')} received (ms)`, plain.seedMs.toFixed(0), encrypted.seedMs.toFixed(0), ratio(plain.seedMs, encrypted.seedMs), ''],
    ];
    for (const [label, p] of plain.medians) {
      const e = encrypted.medians.get(label)!;
      rows.push([`${label}: median (ms)`, p.toFixed(1), e.toFixed(1), ratio(p, e), '≤ 115 %']);
    }
    printTable(['figure', 'plain', 'encrypted', 'encrypted / plain', 'goal'], rows);
  },
};
