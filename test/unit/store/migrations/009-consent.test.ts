import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 009-consent', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 8);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'STOP', 'in', ?)").run(at);
    migrate(db, undefined, 9);
  });
  afterEach(() => db.close());

  it('keeps messages, with no purpose and no network time', () => {
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT content, purpose, network_at FROM messages').get()).toEqual({ content: 'STOP', purpose: null, network_at: null });
    expect(() => db.prepare("INSERT INTO messages (content, direction, created, purpose) VALUES ('x', 'out', ?, 'advert')").run(at)).toThrow(/CHECK/);
  });

  it('keeps a reply on the attention list until done, and drops it with its message', () => {
    db.prepare("INSERT INTO attention (message_id, reason, created) VALUES (1, 'not-understood', ?)").run(at);
    expect(() => db.prepare("INSERT INTO attention (message_id, reason, created) VALUES (1, 'not-understood', ?)").run(at)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (2, 'x', 'in', ?)").run(at)).not.toThrow();
    expect(() => db.prepare("INSERT INTO attention (message_id, reason, created) VALUES (2, 'spam', ?)").run(at)).toThrow(/CHECK/);
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM attention').get()).toEqual({ n: 0 });
  });

  it('keeps one consent row per number, and its log after the message that caused it goes', () => {
    const put = db.prepare("INSERT INTO consent (address, protocol, opted_out, changed_at, source, word, message_id) VALUES ('+254712345678', 'sms', ?, ?, 'reply', 'STOP', 1)");
    put.run(1, at);
    expect(() => put.run(0, at)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO consent (address, protocol, opted_out, changed_at, source) VALUES ('+254712345679', 'sms', 1, ?, 'guess')").run(at)).toThrow(/CHECK/);
    db.prepare("INSERT INTO consent_log (address, protocol, opted_out, at, source, word, message_id) VALUES ('+254712345678', 'sms', 1, ?, 'reply', 'STOP', 1)").run(at);
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT opted_out, message_id FROM consent').get()).toEqual({ opted_out: 1, message_id: null });
    expect(db.prepare('SELECT word, message_id FROM consent_log').get()).toEqual({ word: 'STOP', message_id: null });
  });
});
