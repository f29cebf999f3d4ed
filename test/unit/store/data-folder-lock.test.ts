/**
 * The data folder's lock (electron/backend/store/data-folder-lock.ts) within one process: SQLite
 * keeps two connections of one process apart as it does two processes, so a second acquisition
 * here is refused just like another Ujumbe. Other processes, SIGKILL and simultaneous starts are
 * in test/integration/headless/serve-lock.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { DATABASE_FILE_NAME } from '../../../electron/backend/store/data-dir.ts';
import {
  acquireDataFolderLock,
  type DataFolderLock,
  DataFolderLockedError,
  LOCK_DATABASE_FILE_NAME,
  LOCK_INFO_FILE_NAME,
  LOCK_TIMEOUTS,
  lockedSentence,
} from '../../../electron/backend/store/data-folder-lock.ts';
import { makeTempDir, type TempDir } from '../../support/backbone.ts';

const posixOnly = process.platform === 'win32' ? it.skip : it;
/** 09:12 local time on 3 May 2030, as a clock. */
const MAY_3_0912 = new Date(2030, 4, 3, 9, 12, 30);
const at = (date: Date) => ({ now: () => date.getTime() });
/** A pid no process has (beyond Linux's pid_max). */
const DEAD_PID = 2 ** 22 + 1;

let dir: TempDir;
const held: DataFolderLock[] = [];
const acquire = (...args: Parameters<typeof acquireDataFolderLock>) => {
  const lock = acquireDataFolderLock(...args);
  held.push(lock);
  return lock;
};
const refusal = (fn: () => unknown): DataFolderLockedError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataFolderLockedError) return err;
    throw err;
  }
  throw new Error('the lock was not refused');
};

beforeEach(() => {
  dir = makeTempDir('ujumbe-lock-');
});
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  dir.remove();
});

describe('acquireDataFolderLock', () => {
  it('takes the folder and says who holds it in the info file', () => {
    const lock = acquire(dir.path, { host: 'desktop', clock: at(MAY_3_0912) });
    expect(lock.info).toEqual({ pid: process.pid, host: 'desktop', since: MAY_3_0912.toISOString() });
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_INFO_FILE_NAME), 'utf8'))).toEqual(lock.info);
    expect(existsSync(join(dir.path, LOCK_DATABASE_FILE_NAME))).toBe(true);
  });

  posixOnly('creates the folder 0700 and its files 0600', () => {
    const nested = join(dir.path, 'nested', 'ujumbe');
    acquire(nested, { host: 'headless' });
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(statSync(join(nested, LOCK_DATABASE_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(join(nested, LOCK_INFO_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('refuses a second acquisition with the holder and the sentence', () => {
    const first = acquire(dir.path, { host: 'headless', clock: at(MAY_3_0912) });
    const error = refusal(() => acquire(dir.path, { host: 'desktop', clock: at(new Date(2030, 4, 3, 11, 0)) }));
    expect(error.code).toBe('data-folder-in-use');
    expect(error.holder).toEqual(first.info);
    expect(error.details).toEqual({ pid: process.pid, host: 'headless', since: MAY_3_0912.toISOString() });
    expect(error.message).toBe(`Ujumbe is already running for this data folder (ujumbe serve, process ${process.pid}, since 09:12). Close it first, or open a different data folder.`);
    // The refused one did not touch the holder's words.
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_INFO_FILE_NAME), 'utf8'))).toEqual(first.info);
  });

  it('stays held after refusals: a refused attempt closing its file does not drop the lock (POSIX fcntl pitfall)', () => {
    acquire(dir.path, { host: 'desktop' });
    for (let i = 0; i < 3; i++) expect(refusal(() => acquire(dir.path, { host: 'send' })).holder?.host).toBe('desktop');
  });

  it('can be taken again after release; release removes the info file and may be called twice', () => {
    const first = acquire(dir.path, { host: 'send' });
    first.release();
    expect(existsSync(join(dir.path, LOCK_INFO_FILE_NAME))).toBe(false);
    first.release();
    const second = acquire(dir.path, { host: 'headless' });
    expect(second.info.host).toBe('headless');
    expect(refusal(() => acquire(dir.path, { host: 'desktop' })).holder).toEqual(second.info);
  });

  it('ignores the info file a killed holder left behind, and replaces it', () => {
    writeFileSync(join(dir.path, LOCK_INFO_FILE_NAME), JSON.stringify({ pid: DEAD_PID, host: 'desktop', since: MAY_3_0912.toISOString() }));
    const lock = acquire(dir.path, { host: 'headless' });
    expect(JSON.parse(readFileSync(join(dir.path, LOCK_INFO_FILE_NAME), 'utf8'))).toEqual(lock.info);
  });

  it('says "another Ujumbe program" when the holder left no words it can trust', () => {
    const saved = LOCK_TIMEOUTS.holderInfoMs;
    LOCK_TIMEOUTS.holderInfoMs = 0;
    try {
      acquire(dir.path, { host: 'desktop' });
      writeFileSync(join(dir.path, LOCK_INFO_FILE_NAME), JSON.stringify({ pid: DEAD_PID, host: 'desktop', since: MAY_3_0912.toISOString() }));
      const error = refusal(() => acquire(dir.path, { host: 'headless' }));
      expect(error.holder).toBeNull();
      expect(error.details).toEqual({ pid: null, host: null, since: null });
      expect(error.message).toBe('Ujumbe is already running for this data folder (another Ujumbe program). Close it first, or open a different data folder.');
    } finally {
      LOCK_TIMEOUTS.holderInfoMs = saved;
    }
  });
});

describe('lockedSentence', () => {
  const since = MAY_3_0912.toISOString();
  it.each([
    ['desktop', 'the desktop app'],
    ['headless', 'ujumbe serve'],
    ['send', 'ujumbe send'],
    ['other', 'another Ujumbe program'],
  ] as const)('names a %s holder as "%s"', (host, words) => {
    expect(lockedSentence({ pid: 1234, host, since }, new Date(2030, 4, 3, 17, 0))).toBe(
      `Ujumbe is already running for this data folder (${words}, process 1234, since 09:12). Close it first, or open a different data folder.`,
    );
  });

  it('gives the date when the holder started on another day', () => {
    expect(lockedSentence({ pid: 1234, host: 'desktop', since }, new Date(2030, 4, 4, 8, 0))).toContain('(the desktop app, process 1234, since 2030-05-03 09:12)');
  });
});

describe('createBackend', () => {
  it('holds the data folder from creation until stop, and takes none for a database path or when told not to', async () => {
    const backend = createBackend({ dataDir: dir.path, dataFolderLock: 'desktop', detection: false });
    expect(refusal(() => acquire(dir.path, { host: 'headless' })).holder).toMatchObject({ pid: process.pid, host: 'desktop' });
    // A read-only look (ujumbe messages) opens beside it.
    const look = createBackend({ dataDir: dir.path, dataFolderLock: false, detection: false });
    await look.stop();
    await backend.stop();
    acquire(dir.path, { host: 'headless' });
    const memory = createBackend({ databasePath: ':memory:', detection: false });
    await memory.stop();
  });

  it('lets the folder go when the database cannot be opened', () => {
    // A folder where the database file should be: it cannot be opened.
    mkdirSync(join(dir.path, DATABASE_FILE_NAME));
    expect(() => createBackend({ dataDir: dir.path, dataFolderLock: 'headless', detection: false })).toThrow();
    expect(acquire(dir.path, { host: 'desktop' }).info.host).toBe('desktop');
  });
});
