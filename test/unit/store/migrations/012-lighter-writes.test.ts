import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';
import { MessageRepository } from '../../../../electron/backend/store/repositories/message-repository.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 012-lighter-writes', () => {
  let db: Database.Database;
  const find = (q: string) => db.prepare<[string], { rowid: number }>('SELECT rowid FROM message_text WHERE message_text MATCH ? ORDER BY rowid').all(q).map((r) => r.rowid);
  const names = (type: string) => db.prepare<[string], { name: string }>('SELECT name FROM sqlite_master WHERE type = ?').all(type).map((r) => r.name);
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, undefined, 11);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'Habari Amina, miadi yako ni kesho', 'out', ?)").run(at);
    migrate(db, undefined, 12);
  });
  afterEach(() => db.close());

  it('keeps what was indexed, drops the insert trigger and the index that repeats message_recipients_sent', () => {
    expect(schemaVersion(db)).toBe(12);
    expect(find('kesho')).toEqual([1]);
    expect(names('trigger')).not.toContain('message_text_insert');
    expect(names('trigger')).toEqual(expect.arrayContaining(['message_text_update', 'message_text_delete']));
    expect(names('index')).not.toContain('message_recipients_gateway');
    expect(names('index')).toContain('message_recipients_sent');
  });

  it('the repository indexes each new message, in the same transaction as the row', () => {
    const messages = new MessageRepository(db);
    const id = messages.insert({ content: 'Je peux arrêter?', subject: null, sender: '+254700000001', inReplyTo: null, direction: 'in', conversationId: null, options: {}, created: at });
    expect(find('arret*')).toEqual([id]);
    // A transaction that rolls back takes the row and its index entry with it.
    expect(() =>
      db.transaction(() => {
        messages.insert({ content: 'Ninaomba kuacha', subject: null, sender: null, inReplyTo: null, direction: 'in', conversationId: null, options: {}, created: at });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(find('kuacha')).toEqual([]);
    db.prepare("UPDATE messages SET content = 'Habari Baraka' WHERE id = 1").run();
    expect(find('baraka')).toEqual([1]);
    db.prepare('DELETE FROM messages WHERE id = ?').run(id);
    expect(find('arret*')).toEqual([]);
    // FTS5's own check: it throws if the index and the messages disagree.
    expect(() => db.prepare("INSERT INTO message_text(message_text) VALUES ('integrity-check')").run()).not.toThrow();
  });
});
