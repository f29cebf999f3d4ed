/**
 * What the start-up database check costs (store/database-check.ts, docs/ARCHITECTURE.md "The
 * store": Damaged database): `PRAGMA quick_check` on a data folder with 100,000 messages, each
 * received through MessagingService.receive (message, recipient row, status_log row, 5,000
 * conversations), in one transaction per 5,000. Reported: the file's size, quick_check (the
 * start-up check) and, for comparison, integrity_check, which also cross-checks every index.
 * The page cache is warm after the seeding; a cold start reads the file from disk once more.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/create-backend.ts';
import { KeyFileSecretStore } from '../electron/backend/gateways/email/secret-store.ts';
import { checkDatabaseFile } from '../electron/backend/store/database-check.ts';
import { readDatabaseKey } from '../electron/backend/store/database-key.ts';
import { openRaw } from '../electron/backend/store/open-database.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const MESSAGES = 100_000;
const CONVERSATIONS = 5_000;
const CHUNK = 5_000;
const RUNS = 5;

function seed(dataDir: string): number {
  // No checkpointer thread: the store is closed here directly. Encrypted, as a clinic's is.
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, walCheckpointer: false });
  const started = performance.now();
  const text = 'Habari, kumbukumbu: miadi yako ni kesho saa nne asubuhi katika kliniki. Tafadhali jibu NDIO au HAPANA.';
  for (let done = 0; done < MESSAGES; done += CHUNK) {
    backend.store.transaction(() => {
      for (let i = done; i < done + CHUNK; i++) {
        const from = `+2547${String(10_000_000 + (i % CONVERSATIONS)).slice(-8)}`;
        backend.messaging.receive({ from, text: `${text} #${i}`, gatewayId: 'modem:bench', arrivedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
      }
    });
  }
  const ms = performance.now() - started;
  backend.store.close();
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const databaseCheckSuite: BenchSuite = {
  name: 'database-check',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-check-'));
    try {
      const seedMs = seed(dataDir);
      const path = join(dataDir, 'ujumbe.db');
      const key = readDatabaseKey(dataDir, new KeyFileSecretStore(dataDir));
      const quick: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = checkDatabaseFile(path, { key });
        if (result.state !== 'ok') throw new Error(`the seeded database does not pass: ${JSON.stringify(result)}`);
        quick.push(result.ms);
      }
      const integrity: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const db = openRaw(path, { key, readonly: true });
        const started = performance.now();
        db.pragma('integrity_check');
        integrity.push(performance.now() - started);
        db.close();
      }
      const mb = statSync(path).size / 1_048_576;
      console.log(`\ndatabase-check: ${MESSAGES.toLocaleString('en')} received messages (seeded in ${(seedMs / 1000).toFixed(1)} s), ${mb.toFixed(1)} MiB`);
      printTable(
        ['check', 'median ms', 'min ms', 'max ms'],
        [
          ['quick_check (start-up)', median(quick).toFixed(0), Math.min(...quick).toFixed(0), Math.max(...quick).toFixed(0)],
          ['integrity_check', median(integrity).toFixed(0), Math.min(...integrity).toFixed(0), Math.max(...integrity).toFixed(0)],
        ],
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
