/**
 * The start-up database check (electron/backend/store/database-check.ts; issue 10 item 6) on
 * copies of a real database file: damaged pages at several offsets, a file cut short, an empty
 * file with a WAL beside it, a file that is no database; a good file and a new one pass. The
 * check never changes what it looks at.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../../../electron/backend/store/database-check.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/store/migrations/index.ts';
import { copyCutShort, copyWithDamagedPage, makeEmptyWithWal, makeRealDatabase, PAGE_SIZE, pageCount, sha256 } from '../../support/damaged-database.ts';

let root: string;
let good: string;
let pages: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-check-'));
  mkdirSync(join(root, 'good'));
  good = makeRealDatabase(join(root, 'good'));
  pages = pageCount(good);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function fresh(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return join(dir, 'ujumbe.db');
}

describe('checkDatabaseFile', () => {
  it('passes a good file, with its schema version, and leaves its folder as it was', () => {
    expect(pages).toBeGreaterThan(40);
    const before = sha256(good);
    expect(checkDatabaseFile(good, { tidy: true })).toMatchObject({ state: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(sha256(good)).toBe(before);
    expect(readdirSync(join(root, 'good')).sort()).toEqual(['ujumbe.db']);
  });

  it('calls no file, and an empty file with no WAL, a new database', () => {
    const missing = fresh('missing');
    expect(checkDatabaseFile(missing)).toEqual({ state: 'new' });
    const empty = fresh('empty');
    writeFileSync(empty, '');
    expect(checkDatabaseFile(empty)).toEqual({ state: 'new' });
    writeFileSync(`${empty}-wal`, '');
    expect(checkDatabaseFile(empty)).toEqual({ state: 'new' });
  });

  // Page 1 past its header is the schema table; the others spread over the file.
  const fractions = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
  it.each(fractions)('finds a damaged page at %s of the file, and changes nothing', (fraction) => {
    const page = Math.max(1, Math.round(fraction * pages));
    const path = fresh(`page-${page}`);
    copyWithDamagedPage(good, path, page);
    const before = sha256(path);
    const result = checkDatabaseFile(path, { tidy: true });
    expect(result).toMatchObject({ state: 'damaged', reason: 'corrupt' });
    expect(result.state === 'damaged' && result.said).toMatch(/malformed|error code|Page|Tree|wrong|corrupt/i);
    expect(sha256(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('finds a file cut short, at a page boundary and inside a page', () => {
    const half = fresh('half');
    copyCutShort(good, half, Math.floor(pages / 2) * PAGE_SIZE);
    expect(checkDatabaseFile(half)).toEqual({ state: 'damaged', reason: 'cut-short', said: expect.stringMatching(/^the file is \d+ bytes; its header says \d+ pages of 4096 bytes/) });
    const odd = fresh('odd');
    copyCutShort(good, odd, 3 * PAGE_SIZE + 1234);
    expect(checkDatabaseFile(odd)).toMatchObject({ state: 'damaged', reason: 'cut-short' });
    const header = fresh('header');
    copyCutShort(good, header, 60);
    expect(checkDatabaseFile(header)).toMatchObject({ state: 'damaged', reason: 'cut-short' });
  });

  it('finds an empty file with a WAL that holds frames', () => {
    const scratch = join(root, 'wal-scratch');
    mkdirSync(scratch);
    const dir = join(root, 'wal');
    mkdirSync(dir);
    const path = makeEmptyWithWal(scratch, dir);
    const wal = sha256(`${path}-wal`);
    expect(checkDatabaseFile(path, { tidy: true })).toEqual({ state: 'damaged', reason: 'empty-with-wal', said: expect.stringContaining('-wal') });
    expect(sha256(`${path}-wal`)).toBe(wal);
  });

  it('finds a file that is no database: text, zeros (a file pre-allocated before a power cut), a header SQLite refuses', () => {
    const text = fresh('text');
    writeFileSync(text, 'name,phone\nAmina,+254712345678\n'.repeat(200));
    expect(checkDatabaseFile(text)).toMatchObject({ state: 'damaged', reason: 'not-a-database' });
    const zeros = fresh('zeros');
    writeFileSync(zeros, Buffer.alloc(pages * PAGE_SIZE));
    expect(checkDatabaseFile(zeros)).toMatchObject({ state: 'damaged', reason: 'not-a-database' });
    // Byte 21 is the maximum embedded payload fraction, which must be 64 (file format §1.3.9).
    const header = fresh('bad-header');
    const bytes = readFileSync(good);
    bytes[21] = 0x11;
    writeFileSync(header, bytes);
    expect(checkDatabaseFile(header)).toEqual({ state: 'damaged', reason: 'not-a-database', said: 'SQLITE_NOTADB: file is not a database' });
  });
});
