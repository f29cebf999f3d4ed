/**
 * A backup's thread (backup-copy.ts): its own read-only connection to the database, which
 * writes the copy with VACUUM INTO and then reads the copy back with the same key. Plain
 * CommonJS, not TypeScript, like checkpoint-worker.cjs: loaded as it is by Node, by the tests
 * and, copied beside the bundle by scripts/build-electron.mjs, by the packaged desktop app.
 *
 * Why VACUUM INTO, and why here (docs/ARCHITECTURE.md "Backups"):
 * - SQLite's backup API (better-sqlite3's db.backup()) refuses an encrypted source: it opens the
 *   destination itself, without a key (URI parameters are off in this build), and SQLite3
 *   Multiple Ciphers then says "backup is not supported with incompatible source and target
 *   databases". VACUUM INTO on a keyed connection writes the copy encrypted with the same
 *   cipher and key, page by page, never as plain text.
 * - It is one statement that runs to its end (about a second for 100,000 messages, npm run
 *   bench -- backup): on the main thread that would hold the event loop, so it runs here.
 * - It reads inside one read transaction: in WAL mode that is a snapshot, so the copy is
 *   consistent while the main connection goes on writing (readers never block the writer).
 *
 * workerData: { source, destination, pragmas (the key's, from open-database.ts keyPragmas) }.
 * Posts one message: { type: 'done', schemaVersion, check } or { type: 'error', message, code }.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS on purpose (see above) */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3-multiple-ciphers');

function open(path) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    for (const pragma of workerData.pragmas) db.pragma(pragma);
    // The writer may hold the WAL's write lock for a moment; a reader only waits for recovery.
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

try {
  const source = open(workerData.source);
  try {
    source.prepare('VACUUM INTO ?').run(workerData.destination);
  } finally {
    source.close();
  }
  // The copy read back with the same key: a backup that cannot be read is no backup.
  const copy = open(workerData.destination);
  let schemaVersion;
  let check;
  try {
    schemaVersion = copy.pragma('user_version', { simple: true });
    check = copy.pragma('quick_check(10)').map((row) => String(Object.values(row)[0]));
  } finally {
    copy.close();
  }
  parentPort.postMessage({ type: 'done', schemaVersion, check });
} catch (error) {
  // Said in words (an error thrown across threads loses its message and code).
  parentPort.postMessage({ type: 'error', message: String((error && error.message) || error), code: (error && error.code) || null });
}
