import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 003-receiving', () => {
  let db: Database.Database;
  const at = '2025-03-03T08:00:00.000Z';

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 3);
  });
  afterEach(() => db.close());

  const insertPart = (part: number, refBits = 8, sender = '+254712345678') =>
    db.prepare(`INSERT INTO sms_parts (gateway, sender, ref, ref_bits, total, part, text, sent_at, first_seen_at) VALUES ('m', ?, 18, ?, 3, ?, 'x', NULL, ?)`)
      .run(sender, refBits, part, at);

  it('brings a version-2 database with data to version 3, keeping its rows', () => {
    const old = new Database(':memory:');
    old.pragma('foreign_keys = ON');
    migrate(old, undefined, 2);
    const messageId = old.prepare(`INSERT INTO messages (content, direction, created) VALUES ('hi', 'out', ?)`).run(at).lastInsertRowid;
    old.prepare(`INSERT INTO message_recipients (message_id, address, protocol, status, gateway_ref, updated) VALUES (?, '+254712345678', 'sms', 'sent', '["7"]', ?)`).run(messageId, at);
    expect(migrate(old, undefined, 3)).toEqual([3]);
    expect(schemaVersion(old)).toBe(3);
    expect(old.prepare('SELECT gateway_ref FROM message_recipients').pluck().get()).toBe('["7"]');
    old.close();
  });

  it('drops a duplicate part but keeps the same reference of another size or sender apart', () => {
    insertPart(1);
    expect(() => insertPart(1)).toThrow(/UNIQUE/);
    insertPart(1, 16);
    insertPart(1, 8, 'SAFARICOM');
    expect(db.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(3);
  });

  it('refuses a part number beyond the total and an impossible reference size', () => {
    expect(() => insertPart(4)).toThrow(/CHECK/);
    expect(() => insertPart(1, 12)).toThrow(/CHECK/);
  });

  it('removes the delivery state of a recipient with its message', () => {
    const messageId = db.prepare(`INSERT INTO messages (content, direction, created) VALUES ('hi', 'out', ?)`).run(at).lastInsertRowid;
    const recipientId = db.prepare(`INSERT INTO message_recipients (message_id, address, protocol, status, updated) VALUES (?, '+254712345678', 'sms', 'sent', ?)`).run(messageId, at).lastInsertRowid;
    db.prepare(`INSERT INTO delivery_parts (recipient_id, reference, outcome, status_code, at) VALUES (?, '7', 'delivered', 0, ?)`).run(recipientId, at);
    expect(() => db.prepare(`INSERT INTO delivery_parts (recipient_id, reference, outcome, status_code, at) VALUES (?, '7', 'failed', 70, ?)`).run(recipientId, at)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM messages WHERE id = ?').run(messageId);
    expect(db.prepare('SELECT COUNT(*) FROM delivery_parts').pluck().get()).toBe(0);
  });
});
