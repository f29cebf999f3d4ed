/**
 * A damaged database at start (electron/backend/store/damaged-database.ts, through createBackend
 * as every host calls it): refused with a typed error and left as it was; set aside untouched
 * for an empty start; replaced by a good copy, never by a bad one; a way on never touches a good
 * database; a start that died while setting a file aside is finished at the next.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { DatabaseDamagedError, prepareDatabase, RestoreRefusedError } from '../../../electron/backend/store/damaged-database.ts';
import { openDatabase } from '../../../electron/backend/store/open-database.ts';
import { SettingsRepository } from '../../../electron/backend/store/repositories/settings-repository.ts';
import { copyCutShort, copyWithDamagedPage, makeEmptyWithWal, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';

const clock = { now: () => Date.UTC(2026, 11, 3, 9, 12, 5) };
let root: string;
let good: string;
let dataDir: string;
let db: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-damaged-'));
  mkdirSync(join(root, 'good'));
  good = makeRealDatabase(join(root, 'good'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  dataDir = mkdtempSync(join(root, 'data-'));
  db = join(dataDir, 'ujumbe.db');
  copyWithDamagedPage(good, db, Math.round(pageCount(good) / 2));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

// Plain databases, as the fixtures are (test/support/damaged-database.ts); encrypted ones: database-encryption.test.ts.
const start = (extra: Parameters<typeof createBackend>[0] = {}) => createBackend({ dataDir, detection: false, dataFolderLock: 'headless', clock, databaseEncryption: false, ...extra });

describe('a damaged database at start', () => {
  it('is refused with database-damaged, naming the file and what the check said, and left as it was', () => {
    const before = sha256(db);
    let error: unknown;
    try {
      start();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseDamagedError);
    expect((error as DatabaseDamagedError).toData()).toEqual({
      code: 'database-damaged',
      message: `Ujumbe's database is damaged (parts of it are damaged): ${db}. Ujumbe has not changed it.`,
      details: { path: db, reason: 'corrupt', said: expect.any(String) },
    });
    expect(sha256(db)).toBe(before);
    expect(readdirSync(dataDir).sort()).toEqual(['ujumbe.db', 'ujumbe.lock.db']);
    // The lock was let go: the person can choose a way on at once.
    expect(() => start({ databaseRecovery: { way: 'start-empty' } }).store.close()).not.toThrow();
  });

  it.each([
    ['cut short', (path: string) => copyCutShort(good, path, Math.floor(pageCount(good) / 3) * 4096), 'cut-short'],
    ['emptied beside its WAL', (path: string) => makeEmptyWithWal(mkdtempSync(join(root, 'scratch-')), join(path, '..')), 'empty-with-wal'],
  ] as const)('is refused when %s', (_name, make, reason) => {
    rmSync(db);
    make(db);
    expect(() => start()).toThrow(expect.objectContaining({ code: 'database-damaged', details: expect.objectContaining({ reason }) }));
  });

  it('start-empty: moves the file aside untouched into damaged-<time>/, starts empty, and records it', async () => {
    writeFileSync(`${db}-wal`, '');
    const before = sha256(db);
    const backend = start({ databaseRecovery: { way: 'start-empty' } });
    const keptIn = join(dataDir, 'damaged-2026-12-03T09-12-05Z');
    expect(backend.databaseStart?.after).toEqual({
      way: 'start-empty',
      at: '2026-12-03T09:12:05.000Z',
      keptIn,
      reason: 'corrupt',
      said: expect.any(String),
      restoredFrom: null,
      dismissed: false,
    });
    expect(backend.store.settings.get('databaseDamage')).toEqual(backend.databaseStart?.after);
    expect(backend.store.contacts.exists(1)).toBe(false);
    await backend.stop();
    expect(sha256(join(keptIn, 'ujumbe.db'))).toBe(before);
    expect(readdirSync(keptIn).sort()).toEqual(['README.txt', 'ujumbe.db', 'ujumbe.db-wal']);
    expect(readFileSync(join(keptIn, 'README.txt'), 'utf8')).toContain('Ujumbe has not changed them');
  });

  it('restore: a good copy takes its place (checked, migrated), the damaged file kept aside', async () => {
    const before = sha256(db);
    const copy = sha256(good);
    const backend = start({ databaseRecovery: { way: 'restore', from: good } });
    expect(backend.databaseStart?.after).toMatchObject({ way: 'restore', restoredFrom: good });
    expect(backend.store.contacts.get(1)?.name).toMatch(/^Mgonjwa 0 /);
    await backend.stop();
    expect(sha256(good)).toBe(copy);
    expect(sha256(join(backend.databaseStart!.after!.keptIn, 'ujumbe.db'))).toBe(before);
  });

  it.each([
    ['a damaged copy', (dir: string) => { const p = join(dir, 'copy.db'); copyWithDamagedPage(good, p, 3); return p; }, 'damaged'],
    ['a file that is not there', (dir: string) => join(dir, 'nothing.db'), 'not-found'],
    ['the damaged file itself', () => db, 'same-file'],
    ['a database that is not Ujumbe\'s', (dir: string) => { const p = join(dir, 'other.db'); openDatabase({ path: p, migrate: false }).close(); return p; }, 'not-ujumbe'],
    ['a copy from a newer Ujumbe', (dir: string) => { const p = join(dir, 'newer.db'); const o = openDatabase({ path: p }); o.pragma('user_version = 999'); o.close(); return p; }, 'too-new'],
  ] as const)('restore refuses %s and changes nothing', (_name, make, refusal) => {
    const elsewhere = mkdtempSync(join(root, 'copy-'));
    const from = make(elsewhere);
    const before = sha256(db);
    const listing = readdirSync(dataDir).filter((name) => !name.startsWith('ujumbe.lock.')).sort();
    expect(() => start({ databaseRecovery: { way: 'restore', from } })).toThrow(RestoreRefusedError);
    expect(() => start({ databaseRecovery: { way: 'restore', from } })).toThrow(expect.objectContaining({ code: 'restore-refused', details: expect.objectContaining({ refusal }) }));
    expect(sha256(db)).toBe(before);
    expect(readdirSync(dataDir).filter((name) => !name.startsWith('ujumbe.lock.')).sort()).toEqual(listing);
  });

  it('a way on never touches a good database', async () => {
    rmSync(db);
    makeRealDatabase(dataDir);
    const before = sha256(db);
    const backend = start({ databaseRecovery: { way: 'start-empty' } });
    expect(backend.databaseStart).toEqual({ check: expect.objectContaining({ state: 'ok' }), after: null });
    expect(backend.store.settings.get('databaseDamage')).toBeNull();
    backend.store.close();
    expect(sha256(db)).toBe(before);
    expect(readdirSync(dataDir).some((name) => name.startsWith('damaged-'))).toBe(false);
  });

  it('a start that died after moving the file aside is finished at the next start (the WAL follows it)', () => {
    // What prepareDatabase leaves when the process dies right after moving the main file.
    const keptIn = join(dataDir, 'damaged-2026-12-03T09-12-05Z');
    writeFileSync(`${db}-wal`, 'stale');
    const replacement = `${db}.replacing`;
    const made = openDatabase({ path: replacement });
    new SettingsRepository(made).set('databaseDamage', { way: 'start-empty', at: '2026-12-03T09:12:05.000Z', keptIn, reason: 'corrupt', said: 'x', restoredFrom: null, dismissed: false });
    made.close();
    mkdirSync(keptIn);
    renameSync(db, join(keptIn, basename(db)));

    const result = prepareDatabase(db, { recovery: null, holdsFolder: true });
    expect(result.check.state).toBe('ok');
    expect(existsSync(replacement)).toBe(false);
    expect(readdirSync(keptIn).sort()).toEqual(['README.txt', 'ujumbe.db', 'ujumbe.db-wal']);
  });

  it('a start that died before moving anything drops its replacement and asks again', () => {
    const replacement = `${db}.replacing`;
    openDatabase({ path: replacement }).close();
    expect(() => prepareDatabase(db, { recovery: null, holdsFolder: true })).toThrow(DatabaseDamagedError);
    expect(existsSync(replacement)).toBe(false);
  });
});
