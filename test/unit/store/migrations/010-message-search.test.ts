import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 010-message-search', () => {
  let db: Database.Database;
  const find = (q: string) => db.prepare<[string], { rowid: number }>('SELECT rowid FROM message_text WHERE message_text MATCH ? ORDER BY rowid').all(q).map((r) => r.rowid);
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, undefined, 9);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'Habari Amina, miadi yako ni kesho', 'out', ?)").run(at);
    migrate(db, undefined, 10);
  });
  afterEach(() => db.close());

  it('indexes the messages already there, and each new, changed or deleted one by its triggers', () => {
    expect(schemaVersion(db)).toBe(10);
    expect(find('kesho')).toEqual([1]);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (2, 'Je peux arrêter?', 'in', ?)").run(at);
    expect(find('arret*')).toEqual([2]);
    db.prepare("UPDATE messages SET content = 'Habari Baraka' WHERE id = 1").run();
    expect(find('kesho')).toEqual([]);
    expect(find('baraka')).toEqual([1]);
    db.prepare('DELETE FROM messages WHERE id = 2').run();
    expect(find('arret*')).toEqual([]);
  });
});
