import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseTooNewError,
  LATEST_SCHEMA_VERSION,
  type Migration,
  migrate,
  schemaVersion,
} from '../../../../electron/backend/store/migrations/index.ts';

describe('the migration runner', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  it('applies every migration once and records the version', () => {
    expect(migrate(db)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toEqual([]);
  });

  it('refuses a database written by a newer Ujumbe, and leaves it untouched', () => {
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    let error: unknown;
    try {
      migrate(db);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as DatabaseTooNewError).toData()).toMatchObject({
      code: 'database-too-new',
      details: { found: LATEST_SCHEMA_VERSION + 1, supported: LATEST_SCHEMA_VERSION },
    });
    expect((error as Error).message).toMatch(/newer version of Ujumbe/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('rolls a failing migration back whole and keeps the version before it', () => {
    const migrations: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (id INTEGER)') },
      { version: 2, name: 'broken', up: (d) => d.exec('CREATE TABLE two (id INTEGER); SELECT * FROM missing_table') },
    ];
    expect(() => migrate(db, migrations)).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(['one']);
  });

  it('refuses a migration list with a gap in its numbers', () => {
    const gap: Migration[] = [{ version: 2, name: 'two', up: () => {} }];
    expect(() => migrate(db, gap)).toThrow(/numbered 2; expected 1/);
    expect(schemaVersion(db)).toBe(0);
  });
});
