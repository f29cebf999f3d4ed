// The store boundary on a full disk (electron/backend/store/disk-full.ts, store.ts): SQLite's
// SQLITE_FULL and the file system's ENOSPC become one typed error, code `disk-full`, with the data
// folder in its details; the transaction rolls back whole; the observer hears of every outcome.
import { afterEach, describe, expect, it } from 'vitest';
import { asDiskFull, DISK_FULL_MESSAGE, DiskFullError, isDiskFullError } from '../../../electron/backend/store/disk-full.ts';
import { openStore, type Store, type WriteObserver } from '../../../electron/backend/store/store.ts';
import { fillDisk, freeDisk } from '../../support/full-disk.ts';

describe('isDiskFullError', () => {
  it('knows SQLite\'s and the file system\'s "no space" codes, and an ambiguous write error only when space is low', () => {
    expect(isDiskFullError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isDiskFullError(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFullError(Object.assign(new Error('disk quota exceeded'), { code: 'EDQUOT' }))).toBe(true);
    const ioerr = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect(isDiskFullError(ioerr)).toBe(false);
    expect(isDiskFullError(ioerr, true)).toBe(true);
    expect(isDiskFullError(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isDiskFullError(new Error('plain'))).toBe(false);
    expect(isDiskFullError('SQLITE_FULL')).toBe(false);
  });

  it('wraps one as DiskFullError with the words and the folder, and leaves others alone', () => {
    const cause = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const typed = asDiskFull(cause, '/data');
    expect(typed).toBeInstanceOf(DiskFullError);
    expect((typed as DiskFullError).toData()).toEqual({ code: 'disk-full', message: DISK_FULL_MESSAGE, details: { dataDir: '/data' } });
    expect((typed as Error).cause).toBe(cause);
    const other = new Error('other');
    expect(asDiskFull(other, '/data')).toBe(other);
  });
});

describe('Store.transaction on a full disk', () => {
  let store: Store;
  afterEach(() => store.close());

  function observed() {
    const seen: string[] = [];
    const observer: WriteObserver = {
      dataDir: '/clinic/data',
      spaceLow: () => false,
      writeSucceeded: () => seen.push('ok'),
      writeFailed: (error) => seen.push(error.code),
    };
    store.observeWrites(observer);
    return seen;
  }

  const insert = () => store.db.prepare("INSERT INTO messages (content, direction, created) VALUES ('Habari', 'out', '2025-01-01T00:00:00.000Z')").run();
  const count = () => store.db.prepare('SELECT COUNT(*) FROM messages').pluck().get();

  it('throws DiskFullError, saves nothing of the transaction, and tells the observer', () => {
    store = openStore({ path: ':memory:' });
    const seen = observed();
    fillDisk(store.db);
    const before = count();
    // The first statement fits in the page there is; the second does not: both are rolled back.
    expect(() =>
      store.transaction(() => {
        store.db.prepare("UPDATE settings SET value = value WHERE key = 'none'").run();
        for (let i = 0; i < 50; i++) insert();
      }),
    ).toThrow(DiskFullError);
    expect(count()).toBe(before);
    expect(seen).toEqual(['disk-full']);
    try {
      store.transaction(insert);
    } catch (error) {
      expect((error as DiskFullError).details).toEqual({ dataDir: '/clinic/data' });
    }

    freeDisk(store.db);
    // A transaction that writes nothing proves nothing about the disk.
    store.transaction(() => store.db.prepare('SELECT 1').get());
    expect(seen).toEqual(['disk-full', 'disk-full']);
    store.transaction(insert);
    expect(seen).toEqual(['disk-full', 'disk-full', 'ok']);
    expect(count()).toBe(Number(before) + 1);
  });

  it('passes errors that are not about space through unchanged', () => {
    store = openStore({ path: ':memory:' });
    observed();
    const error = new Error('a check failed');
    expect(() => store.transaction(() => { throw error; })).toThrow(error);
  });
});
