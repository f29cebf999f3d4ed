import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-04T08:00:00.000Z';

describe('migration 014-users-keys-audit', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, undefined, 13);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'Kumbusho', 'out', ?)").run(at);
    migrate(db, undefined, 14);
  });
  afterEach(() => db.close());

  it('seeds one administrator with no PIN, so a clinic that never turns sign-in on sees no change', () => {
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT id, name, role, secret_hash, disabled_at FROM users').all()).toEqual([{ id: 1, name: 'Administrator', role: 'administrator', secret_hash: null, disabled_at: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
  });

  it('keeps user names unique whatever their case, and roles to the three', () => {
    expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('administrator', 'nurse', ?)").run(at)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Amina', 'doctor', ?)").run(at)).toThrow(/CHECK/);
  });

  it('makes the audit trail append-only through SQL, and never reuses an id', () => {
    const append = db.prepare("INSERT INTO audit_log (at, actor, actor_name, action, object, prev_hash, hash) VALUES (?, 'host', 'Host', 'settings.changed', 'settings', 'p', ?)");
    append.run(at, 'h1');
    append.run(at, 'h2');
    expect(() => db.prepare("UPDATE audit_log SET object = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get()).toEqual({ seq: 2 });
  });

  it('indexes the columns that point at a message or conversation, so deleting one is not a scan per row', () => {
    const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan('SELECT id FROM messages WHERE in_reply_to = 1')).toMatch(/messages_in_reply_to/);
    expect(plan('SELECT id FROM messages WHERE conversation_id = 1')).toMatch(/messages_conversation/);
    expect(plan('SELECT * FROM consent WHERE message_id = 1')).toMatch(/consent_message/);
    expect(plan('SELECT * FROM consent_log WHERE message_id = 1')).toMatch(/consent_log_message/);
  });
});
