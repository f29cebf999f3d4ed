/**
 * Checkpoints the write-ahead log on another thread (checkpoint-worker.cjs), so the main
 * thread never does it inside a commit. SQLite's automatic checkpoint runs in the COMMIT that
 * crosses 1,000 WAL pages: copying them (decrypted from the -wal and encrypted again into the
 * main file, since SQLite3 Multiple Ciphers encrypts at the file layer) and two fsyncs held the
 * event loop 60-90 ms in a 10,000-row import (npm run bench -- appointments), past the 50 ms
 * goal, and took 0.6 s of its 2.9 s. Here the main connection's automatic checkpoint only
 * backs the worker up (BACKSTOP_PAGES); if the worker cannot start or fails, the usual 1,000
 * pages come back and nothing else changes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import { type Db, keyPragmas } from './open-database.ts';

/**
 * Often, so each checkpoint copies little: a checkpoint's fsync delays the main connection's
 * commit fsync on the same disk, and a 250 ms interval let that reach 60-80 ms in a commit;
 * at 50 ms the import's longest block stayed under 50 ms. Idle, a tick reads the WAL header only.
 */
const INTERVAL_MS = 50;
/** 64 MiB of 4 KiB pages: far above what the worker lets build up, so it acts only if the worker stalls. */
const BACKSTOP_PAGES = 16_384;
const SQLITE_DEFAULT_PAGES = 1_000;
const STOP_WAIT_MS = 2_000;

export interface Checkpointer {
  /** Ends the worker (its connection closed) before the main connection closes. */
  stop(): Promise<void>;
}

/**
 * The worker's file: beside this module in the source, beside main.cjs in the desktop bundle
 * (scripts/build-electron.mjs copies it there and gives the bundle an import.meta.url of its own).
 */
function workerFile(): string {
  return fileURLToPath(new URL('./checkpoint-worker.cjs', import.meta.url));
}

export function startCheckpointer(db: Db, options: { path: string; key: Buffer | null; logger: Logger }): Checkpointer {
  const { logger } = options;
  const file = workerFile();
  let live = existsSync(file);
  if (!live) {
    logger.warn('WAL checkpoints stay in the main thread: the worker file is missing', { file });
    return { stop: async () => undefined };
  }
  const fallBack = (why: string) => {
    if (!live) return;
    live = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    logger.warn('WAL checkpoints are back in the main thread', { why });
  };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = new Worker(file, { workerData: { path: options.path, pragmas: options.key ? keyPragmas(options.key) : [], intervalMs: INTERVAL_MS } });
  // Never what keeps the process alive.
  worker.unref();
  let stopping = false;
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') fallBack(message.message ?? 'unknown');
  });
  worker.on('error', (error: unknown) => fallBack(error instanceof Error && error.message ? error.message : String(error)));
  worker.on('exit', (code) => {
    exited = true;
    if (!stopping) fallBack(`the worker exited with ${code}`);
  });
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (!exited) {
        worker.postMessage('stop');
        const timer = setTimeout(() => void worker.terminate(), STOP_WAIT_MS);
        await exit;
        clearTimeout(timer);
      }
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    },
  };
}
