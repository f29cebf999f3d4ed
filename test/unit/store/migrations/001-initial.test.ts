import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 001-initial', () => {
  let db: Database.Database;
  const at = '2025-03-03T08:00:00.000Z';

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 1);
  });
  afterEach(() => db.close());

  const insertMessage = () =>
    Number(db.prepare(`INSERT INTO messages (content, direction, created) VALUES ('hi', 'out', ?)`).run(at).lastInsertRowid);
  const insertRecipient = (messageId: number, status: string, nextAttemptAt: string | null = at) =>
    db
      .prepare(`INSERT INTO message_recipients (message_id, address, protocol, status, next_attempt_at, updated) VALUES (?, '+254712345678', 'sms', ?, ?, ?)`)
      .run(messageId, status, nextAttemptAt, at);

  it('brings an empty database to version 1 with every table', () => {
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['addresses', 'contacts', 'conversations', 'gateways', 'message_recipients', 'messages', 'settings', 'status_log']);
  });

  it('indexes the dispatcher claim query (status, protocol, next_attempt_at)', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM message_recipients WHERE status = 'outbox' AND protocol = 'sms' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`)
      .all(at) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toContain('message_recipients_due');
  });

  it('accepts only the known recipient statuses', () => {
    const messageId = insertMessage();
    expect(() => insertRecipient(messageId, 'outbox')).not.toThrow();
    expect(() => insertRecipient(messageId, 'lost')).toThrow(/CHECK constraint/);
  });

  it('refuses an outbox row with no next attempt time (the claim query would never see it)', () => {
    const messageId = insertMessage();
    expect(() => insertRecipient(messageId, 'outbox', null)).toThrow(/CHECK constraint/);
    expect(() => insertRecipient(messageId, 'sent', null)).not.toThrow();
  });

  it('keeps one address row per address and protocol', () => {
    const add = db.prepare(`INSERT INTO addresses (address, protocol) VALUES (?, ?)`);
    add.run('+254712345678', 'sms');
    add.run('+254712345678', 'email');
    expect(() => add.run('+254712345678', 'sms')).toThrow(/UNIQUE/);
  });

  it('detaches addresses and conversations when their contact is deleted', () => {
    const contactId = db.prepare(`INSERT INTO contacts (name, created, updated) VALUES ('Amina', ?, ?)`).run(at, at).lastInsertRowid;
    db.prepare(`INSERT INTO addresses (address, protocol, contact_id) VALUES ('+254712345678', 'sms', ?)`).run(contactId);
    db.prepare(`INSERT INTO conversations (address, protocol, contact_id) VALUES ('+254712345678', 'sms', ?)`).run(contactId);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(contactId);
    expect(db.prepare('SELECT contact_id FROM addresses').pluck().get()).toBeNull();
    expect(db.prepare('SELECT contact_id FROM conversations').pluck().get()).toBeNull();
  });

  it('deletes recipients and their status log with their message', () => {
    const messageId = insertMessage();
    const recipientId = insertRecipient(messageId, 'outbox').lastInsertRowid;
    db.prepare(`INSERT INTO status_log (recipient_id, from_status, to_status, reason, at) VALUES (?, NULL, 'outbox', 'queued', ?)`).run(recipientId, at);
    db.prepare('DELETE FROM messages WHERE id = ?').run(messageId);
    expect(db.prepare('SELECT COUNT(*) FROM status_log').pluck().get()).toBe(0);
  });

  it('refuses a recipient of a message that does not exist', () => {
    expect(() => insertRecipient(999, 'outbox')).toThrow(/FOREIGN KEY/);
  });
});
