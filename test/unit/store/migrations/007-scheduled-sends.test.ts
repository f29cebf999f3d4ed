import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2025-03-03T08:00:00.000Z';

function version6WithData(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, undefined, 6);
  db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'Kumbusho', 'out', ?)").run(at);
  db.prepare(`INSERT INTO message_recipients (id, message_id, address, protocol, status, attempts, next_attempt_at, updated, pinned_gateway, flags)
              VALUES (10, 1, '+254712345678', 'sms', 'outbox', 2, ?, ?, 'modem-1', '["possible-duplicate"]')`).run(at, at);
  db.prepare("INSERT INTO status_log (recipient_id, from_status, to_status, reason, at) VALUES (10, NULL, 'outbox', 'Queued', ?)").run(at);
  db.prepare("INSERT INTO delivery_parts (recipient_id, reference, outcome, status_code, at) VALUES (10, '7', 'pending', 32, ?)").run(at);
  return db;
}

describe('migration 007-scheduled-sends', () => {
  let db: Database.Database;
  afterEach(() => db?.close());

  it('keeps every recipient, log row and delivery part, and their links', () => {
    db = version6WithData();
    expect(migrate(db, undefined, 7)).toEqual([7]);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT id, status, attempts, pinned_gateway, flags FROM message_recipients').all()).toEqual([
      { id: 10, status: 'outbox', attempts: 2, pinned_gateway: 'modem-1', flags: '["possible-duplicate"]' },
    ]);
    expect(db.prepare('SELECT recipient_id, to_status FROM status_log').all()).toEqual([{ recipient_id: 10, to_status: 'outbox' }]);
    expect(db.prepare('SELECT COUNT(*) FROM delivery_parts WHERE recipient_id = 10').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The cascade still works on the rebuilt table.
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM status_log').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM delivery_parts').pluck().get()).toBe(0);
  });

  it('takes scheduled and suppressed, and refuses a scheduled row with no due time', () => {
    db = version6WithData();
    migrate(db, undefined, 7);
    const add = (status: string, due: string | null) =>
      db.prepare("INSERT INTO message_recipients (message_id, address, protocol, status, next_attempt_at, updated) VALUES (1, '+254700000001', 'sms', ?, ?, ?)").run(status, due, at);
    add('scheduled', at);
    add('suppressed', null);
    expect(() => add('scheduled', null)).toThrow(/CHECK/);
    expect(() => add('waiting', at)).toThrow(/CHECK/);
    db.prepare("INSERT INTO status_log (recipient_id, from_status, to_status, reason, at) VALUES (10, 'scheduled', 'outbox', 'Due', ?)").run(at);
  });

  it('adds send_at, expires_at and automated to messages', () => {
    db = version6WithData();
    migrate(db, undefined, 7);
    expect(db.prepare('SELECT send_at, expires_at, automated FROM messages WHERE id = 1').get()).toEqual({ send_at: null, expires_at: null, automated: 0 });
    expect(() => db.prepare('UPDATE messages SET automated = 2').run()).toThrow(/CHECK/);
  });

  it('keeps the indexes the claim and the lists use', () => {
    db = version6WithData();
    migrate(db, undefined, 7);
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('message_recipients', 'status_log') ORDER BY name").pluck().all();
    expect(names).toEqual([
      'message_recipients_conversation', 'message_recipients_due', 'message_recipients_gateway', 'message_recipients_message', 'message_recipients_sent',
      'message_recipients_status_message', 'status_log_gateway_day', 'status_log_gateway_send', 'status_log_recipient',
    ]);
  });
});
