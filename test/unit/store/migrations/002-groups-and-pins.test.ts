import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 002-groups-and-pins', () => {
  let db: Database.Database;
  const at = '2025-03-03T08:00:00.000Z';

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 2);
  });
  afterEach(() => db.close());

  const plan = (sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
  const insertContact = (name: string) => Number(db.prepare('INSERT INTO contacts (name, created, updated) VALUES (?, ?, ?)').run(name, at, at).lastInsertRowid);
  const insertGroup = (name: string) => Number(db.prepare('INSERT INTO groups (name) VALUES (?)').run(name).lastInsertRowid);

  it('brings a version-1 database with data to version 2, keeping its rows', () => {
    const old = new Database(':memory:');
    old.pragma('foreign_keys = ON');
    migrate(old, undefined, 1);
    const messageId = old.prepare(`INSERT INTO messages (content, direction, created) VALUES ('hi', 'out', ?)`).run(at).lastInsertRowid;
    old.prepare(`INSERT INTO message_recipients (message_id, address, protocol, status, next_attempt_at, updated) VALUES (?, '+254712345678', 'sms', 'outbox', ?, ?)`).run(messageId, at, at);
    expect(migrate(old, undefined, 2)).toEqual([2]);
    expect(schemaVersion(old)).toBe(2);
    expect(old.prepare('SELECT address, pinned_gateway FROM message_recipients').get()).toEqual({ address: '+254712345678', pinned_gateway: null });
    old.close();
  });

  it('adds groups and contact_groups', () => {
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('groups', 'contact_groups') ORDER BY name`).pluck().all();
    expect(tables).toEqual(['contact_groups', 'groups']);
  });

  it('keeps group names unique without regard to case', () => {
    insertGroup('Diabetes');
    expect(() => insertGroup('DIABETES')).toThrow(/UNIQUE/);
    expect(db.prepare(`SELECT name FROM groups WHERE name = 'diabetes'`).pluck().get()).toBe('Diabetes');
  });

  it('removes only the membership when a contact or a group is deleted', () => {
    const amina = insertContact('Amina');
    const baraka = insertContact('Baraka');
    const dm = insertGroup('Diabetes');
    const anc = insertGroup('ANC');
    const join = db.prepare('INSERT INTO contact_groups (contact_id, group_id) VALUES (?, ?)');
    join.run(amina, dm);
    join.run(amina, anc);
    join.run(baraka, dm);
    expect(() => join.run(amina, dm)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => join.run(999, dm)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(amina);
    expect(db.prepare('SELECT contact_id, group_id FROM contact_groups').all()).toEqual([{ contact_id: baraka, group_id: dm }]);
    db.prepare('DELETE FROM groups WHERE id = ?').run(dm);
    expect(db.prepare('SELECT COUNT(*) FROM contact_groups').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(1);
  });

  it('keeps the claim query on message_recipients_due with the gateway pin', () => {
    expect(
      plan(
        `SELECT * FROM message_recipients WHERE status = 'outbox' AND protocol = 'sms' AND next_attempt_at <= ?
           AND (pinned_gateway IS NULL OR pinned_gateway = ?) ORDER BY next_attempt_at, id LIMIT 1`,
        at,
        'modem-1',
      ),
    ).toContain('message_recipients_due');
  });

  it('indexes the contact list order, a group’s members and a gateway’s last send', () => {
    expect(plan('SELECT * FROM contacts ORDER BY name COLLATE NOCASE, id LIMIT 100 OFFSET 200')).toContain('contacts_name');
    expect(plan('SELECT contact_id FROM contact_groups WHERE group_id = ?', 1)).toContain('contact_groups_group');
    expect(plan(`SELECT to_status, reason FROM status_log WHERE gateway = ? AND from_status = 'sending' ORDER BY id DESC LIMIT 1`, 'modem-1')).toContain(
      'status_log_gateway_send',
    );
    expect(plan('SELECT * FROM conversations ORDER BY last_message_at DESC, id DESC LIMIT 50')).toContain('conversations_recent');
  });
});
