/**
 * Damaged database files for the start-up check's tests (electron/backend/store/database-check.ts):
 * a real Ujumbe database (made by the app's own store: migrated, with contacts and received
 * messages), and copies of it with pages overwritten, cut short, or emptied beside a WAL.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/create-backend.ts';

export const PAGE_SIZE = 4_096;

/**
 * Writes a few hundred contacts and messages through the backend into `<dataDir>/ujumbe.db`, closed (no -wal left).
 * Plain (as every database was before issue 13's encryption) unless `encrypted`: a plain file's
 * pages can be damaged at known places, and a copy needs no key file beside it.
 */
export function makeRealDatabase(dataDir: string, rows = 300, options: { encrypted?: boolean } = {}): string {
  // No WAL checkpointer thread: the store is closed here directly, and no connection may outlive it.
  const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, walCheckpointer: false, ...(options.encrypted ? {} : { databaseEncryption: false as const }) });
  backend.store.transaction(() => {
    for (let i = 0; i < rows; i++) {
      backend.store.contacts.create(`Mgonjwa ${i} ${'x'.repeat(150)}`, 'n'.repeat(400));
      backend.messaging.receive({ from: `+2547${String(10_000_000 + i).slice(-8)}`, text: `Habari ${i} ${'y'.repeat(100)}`, gatewayId: 'modem:test', arrivedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() });
    }
  });
  backend.store.close();
  return join(dataDir, 'ujumbe.db');
}

export function pageCount(path: string): number {
  return statSync(path).size / PAGE_SIZE;
}

/** A copy of `from` at `to` with page `page` (1-based) overwritten by a pattern no b-tree page has. Page 1 keeps its 100-byte file header. */
export function copyWithDamagedPage(from: string, to: string, page: number): void {
  const bytes = readFileSync(from);
  const start = (page - 1) * PAGE_SIZE + (page === 1 ? 100 : 0);
  for (let i = start; i < page * PAGE_SIZE; i++) bytes[i] = (i * 7 + 13) & 0xff;
  writeFileSync(to, bytes, { mode: 0o600 });
}

/** A copy cut to `bytes`. */
export function copyCutShort(from: string, to: string, bytes: number): void {
  copyFileSync(from, to);
  truncateSync(to, bytes);
}

/**
 * A zero-length `ujumbe.db` with a WAL beside it that holds real frames: what a lost or emptied
 * main file leaves. The WAL is taken from a live connection before its checkpoint.
 */
export function makeEmptyWithWal(scratchDir: string, dataDir: string): string {
  const live = createBackend({ dataDir: scratchDir, detection: false, dataFolderLock: false, databaseEncryption: false, walCheckpointer: false });
  // Stop automatic checkpoints, so the writes below stay in the WAL.
  live.store.db.pragma('wal_autocheckpoint = 0');
  live.store.contacts.create('Baada ya mwisho', 'in the WAL only');
  const wal = join(scratchDir, 'ujumbe.db-wal');
  if (!existsSync(wal) || statSync(wal).size === 0) throw new Error('the fixture WAL is empty');
  copyFileSync(wal, join(dataDir, 'ujumbe.db-wal'));
  live.store.close();
  writeFileSync(join(dataDir, 'ujumbe.db'), '', { mode: 0o600 });
  return join(dataDir, 'ujumbe.db');
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
