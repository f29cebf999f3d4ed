import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

describe('migration 005-saved-gateways', () => {
  it('brings a version-4 database to version 5, keeping the saved e-mail gateway', () => {
    const db = new Database(':memory:');
    migrate(db, undefined, 4);
    db.prepare(`INSERT INTO gateways (id, kind, protocol, config, enabled) VALUES ('email', 'email', 'email', '{"host":"mail.example.org"}', 1)`).run();
    expect(migrate(db, undefined, 5)).toEqual([5]);
    expect(schemaVersion(db)).toBe(5);
    const row = db.prepare(`SELECT * FROM gateways WHERE id = 'email'`).get() as Record<string, unknown>;
    expect(row).toMatchObject({ config: '{"host":"mail.example.org"}', enabled: 1, label: null, imei: null, last_path: null, pinned: 0, sealed_pin: null });
    db.close();
  });

  it('allows one saved gateway per IMEI, and any number without one', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(`INSERT INTO gateways (id, kind, protocol, imei) VALUES (?, 'modem', 'sms', ?)`);
    insert.run('modem:a', '356938035643809');
    insert.run('modem:b', null);
    insert.run('modem:c', null);
    expect(() => insert.run('modem:d', '356938035643809')).toThrow(/UNIQUE/);
    db.close();
  });

  it('remembers ignored modems by IMEI', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO ignored_modems (imei, at) VALUES ('356938035643809', '2026-12-03T09:00:00.000Z')`).run();
    expect(() => db.prepare(`INSERT INTO ignored_modems (imei, at) VALUES ('356938035643809', 'x')`).run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
