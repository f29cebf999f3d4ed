/**
 * The WAL checkpointer's thread (checkpointer.ts): its own connection to the database, which
 * copies committed pages from the -wal into the main file every few hundred milliseconds
 * (PRAGMA wal_checkpoint(PASSIVE): never waits for, nor blocks, the main connection's writers
 * or readers). Plain CommonJS, not TypeScript: it is loaded as it is by Node, by the tests and,
 * copied beside the bundle by scripts/build-electron.mjs, by the packaged desktop app.
 * workerData: { path, pragmas (the key's, from open-database.ts keyPragmas), intervalMs }.
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS on purpose (see above) */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3-multiple-ciphers');

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  // Never wait: a checkpoint that finds the database busy tries again at the next tick.
  db.pragma('busy_timeout = 0');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
} catch (error) {
  // Said in words (an error thrown across threads loses its message), then the thread ends.
  parentPort.postMessage({ type: 'error', message: `cannot open the database: ${(error && error.message) || error}` });
  process.exit(1);
}
parentPort.postMessage({ type: 'ready' });

const timer = setInterval(() => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    if (row && row.log > 0) parentPort.postMessage({ type: 'checkpoint', log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    // SQLITE_BUSY is an ordinary miss; anything else is said and the main connection takes over.
    if (!(error && error.code === 'SQLITE_BUSY')) parentPort.postMessage({ type: 'error', message: String((error && error.message) || error) });
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
