import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 004-status-filter-index', () => {
  it('brings a version-3 database to version 4 with the index, keeping its rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 3);
    const at = '2025-03-03T08:00:00.000Z';
    const messageId = db.prepare(`INSERT INTO messages (content, direction, created) VALUES ('hi', 'out', ?)`).run(at).lastInsertRowid;
    db.prepare(`INSERT INTO message_recipients (message_id, address, protocol, status, next_attempt_at, updated) VALUES (?, '+254712345678', 'sms', 'outbox', ?, ?)`).run(messageId, at, at);
    expect(migrate(db, undefined, 4)).toEqual([4]);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'message_recipients_status_message'`).pluck().get()).toBe('message_recipients_status_message');
    expect(db.prepare('SELECT COUNT(*) FROM message_recipients').pluck().get()).toBe(1);
    db.close();
  });

  it('lets a status filter start from the recipients in that status instead of walking every message', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT DISTINCT r.message_id FROM message_recipients r WHERE r.message_id < 1000 AND r.status = 'sending' ORDER BY r.message_id DESC LIMIT 100`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/message_recipients_status_message/);
    db.close();
  });
});
