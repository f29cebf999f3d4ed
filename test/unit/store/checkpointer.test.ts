/**
 * The WAL is checkpointed on another thread (electron/backend/store/checkpointer.ts and
 * checkpoint-worker.cjs): the main connection's automatic checkpoint only backs it up, the
 * worker folds committed pages into the main file, and a worker that cannot open the database
 * gives the checkpoints back to the main connection.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { startCheckpointer } from '../../../electron/backend/store/checkpointer.ts';
import { openDatabase } from '../../../electron/backend/store/open-database.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-checkpoint-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const until = async (test: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('folds the WAL into the main file from another thread while the backend runs, and hands back at stop', async () => {
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: 'headless' });
  const db = backend.store.db;
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
  const before = statSync(join(dataDir, 'ujumbe.db')).size;
  backend.store.transaction(() => {
    for (let i = 0; i < 2_000; i++) backend.store.contacts.create(`Mgonjwa ${i} ${'x'.repeat(200)}`);
  });
  // Nothing here checkpoints (1,000 pages or more would be needed for SQLite's own at 16,384): the main file grows only by the worker's copy.
  await until(() => statSync(join(dataDir, 'ujumbe.db')).size > before + 400_000);
  await backend.stop({ deadlineMs: 1_000 });
  expect(db.open).toBe(false);
});

it('gives the checkpoints back to the main connection when the worker cannot open the database', async () => {
  const path = join(dataDir, 'ujumbe.db');
  const db = openDatabase({ path });
  // Its schema in the main file, not only in the -wal, so there is something the wrong key cannot read.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const warnings: string[] = [];
  const logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (message: string) => warnings.push(message), child: () => logger } as unknown as Parameters<typeof startCheckpointer>[1]['logger'];
  // A key the plain file is not encrypted with: the worker's first read fails.
  const checkpointer = startCheckpointer(db, { path, key: Buffer.alloc(32, 9), logger });
  await until(() => warnings.length > 0);
  expect(warnings).toEqual(['WAL checkpoints are back in the main thread']);
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  await checkpointer.stop();
  db.close();
});
