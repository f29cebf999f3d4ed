import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 011-keyword-rules', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 11);
    db.prepare("INSERT INTO templates (id, name, updated) VALUES ('hours', 'Hours', ?)").run(at);
    db.prepare("INSERT INTO groups (id, name) VALUES (1, 'ANC')").run();
  });
  afterEach(() => db.close());

  it('keeps one rule per keyword, and the rule when its template or group goes', () => {
    expect(schemaVersion(db)).toBe(11);
    const add = db.prepare("INSERT INTO keyword_rules (keyword, template_id, group_id, created, updated) VALUES (?, 'hours', 1, ?, ?)");
    add.run('HOURS', at, at);
    expect(() => add.run('HOURS', at, at)).toThrow(/UNIQUE/);
    expect(() => add.run('', at, at)).toThrow(/CHECK/);
    db.prepare("DELETE FROM templates WHERE id = 'hours'").run();
    db.prepare('DELETE FROM groups WHERE id = 1').run();
    expect(db.prepare('SELECT keyword, template_id, group_id, fired FROM keyword_rules').get()).toEqual({ keyword: 'HOURS', template_id: null, group_id: null, fired: 0 });
  });
});
