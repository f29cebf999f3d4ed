/**
 * Backups at a year's scale (issue 13 "Backups"; docs/ARCHITECTURE.md "Backups"): 100,000
 * received messages (search.bench.ts seedYearOfReplies, encrypted as every data folder is), then
 * "Back up now" (backup/backup-writer.ts: VACUUM INTO on a worker thread, the copy read back with
 * quick_check, fsync, rename), measured for how long it takes and how long it holds the event
 * loop (the longest gap between 1 ms ticks of a timer while it runs), and beside it the same
 * VACUUM INTO on the main connection, which is what a backup on the main thread would cost. Then
 * a restore's check and staging (backup/backup-restore.ts). Best and worst of 3 runs each.
 */
import { rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stageRestore, cancelPendingRestore } from '../electron/backend/backup/backup-restore.ts';
import { dataFolderKey } from '../test/support/data-folder-database.ts';
import { seedYearOfReplies } from './search.bench.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const MESSAGES = 100_000;
const RUNS = 3;
const TEXTS = ['Habari, nitakuja kesho asubuhi', 'Asante daktari, dawa zimeisha', 'Ndio nitakuja', 'Can I come on Friday instead?', 'Mtoto ana homa tangu jana', 'Sawa, asante sana'];

/** How long `work` takes, and the longest the event loop was held while it ran (gaps between 1 ms ticks). */
async function measure(work: () => Promise<unknown> | unknown): Promise<{ ms: number; blockedMs: number }> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  // The tick after the work sees a block at its very end too.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(tick);
  void started;
  return { ms, blockedMs: longest };
}

export const backupSuite: BenchSuite = {
  name: 'backup',
  async run() {
    const { backend, dataDir, seedMs } = seedYearOfReplies({ messages: MESSAGES, conversations: 5_000, text: (i) => `${TEXTS[i % TEXTS.length]} ${i}` });
    const folder = join(dataDir, 'backups');
    mkdirSync(folder);
    try {
      console.log(`seeded ${MESSAGES.toLocaleString('en')} messages in ${(seedMs / 1000).toFixed(1)} s`);
      backend.backups!.configure({ folder, keep: 2 });
      const rows: string[][] = [];
      const worker: Array<{ ms: number; blockedMs: number }> = [];
      let bytes = 0;
      let lastFile = '';
      for (let i = 0; i < RUNS; i++) {
        worker.push(
          await measure(async () => {
            const made = await backend.backups!.runNow();
            bytes = made.bytes;
            lastFile = made.path;
          }),
        );
      }
      const main: Array<{ ms: number; blockedMs: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        const out = join(folder, `main-thread-${i}.db`);
        main.push(await measure(() => backend.store.db.prepare('VACUUM INTO ?').run(out)));
        rmSync(out, { force: true });
      }
      const stage: Array<{ ms: number; blockedMs: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        stage.push(await measure(() => stageRestore({ dataDir, from: lastFile, folderKey: dataFolderKey(dataDir) })));
        cancelPendingRestore(dataDir);
      }
      const row = (label: string, runs: Array<{ ms: number; blockedMs: number }>) => {
        const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
        const blocked = runs.map((r) => r.blockedMs).sort((a, b) => a - b);
        rows.push([label, `${(ms[0]! / 1000).toFixed(2)}–${(ms.at(-1)! / 1000).toFixed(2)}`, `${blocked[0]!.toFixed(0)}–${blocked.at(-1)!.toFixed(0)}`]);
      };
      row('backup (worker thread, checked, synced)', worker);
      row('VACUUM INTO on the main thread (for comparison)', main);
      row('restore: check and stage a backup', stage);
      printTable(['backup of 100,000 messages', 'seconds', 'event loop held, ms'], rows);
      console.log(`backup file: ${(bytes / 1_048_576).toFixed(1)} MiB`);
    } finally {
      await backend.stop({ deadlineMs: 1_000 });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
