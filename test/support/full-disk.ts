/**
 * A full disk without root and without a tmpfs (issue 10 item 5): SQLite's
 * `PRAGMA max_page_count` set to the current page count makes every write that needs a new page
 * fail with SQLITE_FULL, exactly as ENOSPC does (sqlite.org/pragma.html#pragma_max_page_count).
 * The pragma holds for one connection: pass the backend's own (`backend.store.db`).
 *
 * A write that fits in a page already there still succeeds, so the free room is used up too:
 * the free pages (a filler table), then the last page of the tables the test's writes go to
 * (messages: a send or an incoming SMS; status_log: every status change, so a claim and a
 * delivery report), each with rows halving in size until not even an empty one fits.
 * Deterministic: a refused transaction rolls back and leaves the file as it was.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/** SQLite's largest max_page_count: "space came back". */
const NO_LIMIT = 2_147_483_646;

function fillWith(insert: (size: number) => void): number {
  let rows = 0;
  for (let size = 64 * 1024; size >= 1; size = Math.floor(size / 2)) {
    for (;;) {
      try {
        insert(size);
        rows += 1;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
        break;
      }
    }
  }
  // The smallest row: an empty text.
  try {
    for (;;) {
      insert(0);
      rows += 1;
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
  }
  return rows;
}

/** Makes the disk "full" for this connection. @returns rows written to fill the room. */
export function fillDisk(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS test_disk_filler (b BLOB)');
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
  const filler = db.prepare('INSERT INTO test_disk_filler (b) VALUES (zeroblob(?))');
  let rows = fillWith((size) => filler.run(size));
  const message = db.prepare("INSERT INTO messages (content, direction, created) VALUES (?, 'out', '2000-01-01T00:00:00.000Z')");
  rows += fillWith((size) => message.run('x'.repeat(size)));
  const recipient = db.prepare('SELECT id FROM message_recipients ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  if (recipient !== undefined) {
    const log = db.prepare("INSERT INTO status_log (recipient_id, from_status, to_status, reason, at) VALUES (?, NULL, 'outbox', ?, '2000-01-01T00:00:00.000Z')");
    rows += fillWith((size) => log.run(recipient, 'x'.repeat(size)));
  }
  return rows;
}

/** Space came back. */
export function freeDisk(db: Database.Database): void {
  db.pragma(`max_page_count = ${NO_LIMIT}`);
}

/** Rows in the tables a send writes: equal before and after a refused send means nothing was saved. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['messages', 'message_recipients', 'status_log', 'addresses', 'conversations', 'contacts']) {
    counts[table] = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  }
  return counts;
}
