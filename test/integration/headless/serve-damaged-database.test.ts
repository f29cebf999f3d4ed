/**
 * `ujumbe serve` (the real command in a child process) on a damaged database (issue 10 item 6;
 * docs/ARCHITECTURE.md "The store": Damaged database): it says so in words, names the file and
 * the two ways on, exits 1 and leaves the file byte for byte as it was; `--start-empty` sets it
 * aside and starts; `--restore FILE` takes a good copy and refuses a bad one. `ujumbe send` says
 * the same and saves nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataFolderKey } from '../../support/data-folder-database.ts';
import { openDatabase } from '../../../electron/backend/store/open-database.ts';
import { SettingsRepository } from '../../../electron/backend/store/repositories/settings-repository.ts';
import { copyCutShort, copyWithDamagedPage, makeEmptyWithWal, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';
import { runUjumbeWith } from '../../support/run-cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));
const URL_LINE = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=([A-Za-z0-9_-]{43})$/m;

let root: string;
let good: string;
let env: NodeJS.ProcessEnv;
let dataDir: string;
let db: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-serve-damaged-'));
  mkdirSync(join(root, 'good'));
  good = makeRealDatabase(join(root, 'good'));
  // No modem to look for: only the database matters here.
  env = { UJUMBE_MODEM_SEARCH: join(root, 'no-such-folder', 'tty*') };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  dataDir = mkdtempSync(join(root, 'data-'));
  db = join(dataDir, 'ujumbe.db');
});

const serveOnce = (...args: string[]) => runUjumbeWith(env, 'serve', '--port', '0', '--data-dir', dataDir, ...args);

/** Starts serve, waits for its URL line, stops it with SIGTERM; returns what it printed. */
function serveUntilRunning(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; url: string; token: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL line within 30 s; stderr: ${stderr}`));
    }, 30_000);
    let match: RegExpExecArray | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      match ??= URL_LINE.exec(stdout);
      if (match) child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!match) reject(new Error(`serve exited with ${code} before printing its URL; stderr: ${stderr}`));
      else resolve({ code, stdout, stderr, url: match[1]!, token: match[2]! });
    });
  });
}

const damagedFolders = () => readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));

function recordIn(path: string) {
  const opened = openDatabase({ path, migrate: false, key: dataFolderKey(dirname(path)) });
  try {
    return new SettingsRepository(opened).get('databaseDamage');
  } finally {
    opened.close();
  }
}

const CASES = [
  ['a damaged page near the start', () => copyWithDamagedPage(good, db, 3)],
  ['a damaged page in the middle', () => copyWithDamagedPage(good, db, Math.round(pageCount(good) / 2))],
  ['a damaged last page', () => copyWithDamagedPage(good, db, pageCount(good))],
  ['a file cut short', () => copyCutShort(good, db, Math.floor(pageCount(good) / 2) * 4096 + 100)],
  ['an empty file beside its WAL', () => makeEmptyWithWal(mkdtempSync(join(root, 'scratch-')), dataDir)],
] as const;

describe('ujumbe serve on a damaged database', () => {
  it.each(CASES)('%s: says so with the file and both ways on, exits 1, changes nothing', async (_name, make) => {
    make();
    const before = sha256(db);
    const run = await serveOnce();
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`ujumbe serve: Ujumbe's database is damaged (`);
    expect(run.stderr).toContain(`): ${db}. Ujumbe has not changed it.`);
    expect(run.stderr).toContain('What the check said: ');
    expect(run.stderr).toContain(`ujumbe serve --start-empty --data-dir ${dataDir}`);
    expect(run.stderr).toContain(`ujumbe serve --restore FILE --data-dir ${dataDir}`);
    expect(run.stderr).toContain('Ujumbe did not start.');
    // Not today's terse "database disk image is malformed" alone: the words come first.
    expect(run.stderr.split('\n')[0]).toMatch(/^ujumbe serve: Ujumbe's database is damaged \(/);
    expect(sha256(db)).toBe(before);
    expect(damagedFolders()).toEqual([]);
  });

  it('--start-empty sets the file aside untouched, starts, and the new database records it', async () => {
    copyWithDamagedPage(good, db, 5);
    const before = sha256(db);
    const run = await serveUntilRunning('--start-empty');
    expect(run.code).toBe(0);
    const [folder] = damagedFolders();
    expect(folder).toMatch(/^damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(run.stderr).toContain(`Note: the database was damaged. Ujumbe started with an empty database; the damaged file was moved, unchanged, into ${join(dataDir, folder!)}.`);
    expect(sha256(join(dataDir, folder!, 'ujumbe.db'))).toBe(before);
    expect(recordIn(db)).toMatchObject({ way: 'start-empty', keptIn: join(dataDir, folder!), dismissed: false });
  });

  it('--restore FILE with a good copy puts it in place and keeps the damaged file aside', async () => {
    copyCutShort(good, db, 8192);
    const before = sha256(db);
    const copy = sha256(good);
    const run = await serveUntilRunning('--restore', good);
    expect(run.stderr).toContain(`Note: the database was damaged. Ujumbe restored ${good}; the damaged file was moved, unchanged, into `);
    const [folder] = damagedFolders();
    expect(sha256(join(dataDir, folder!, 'ujumbe.db'))).toBe(before);
    expect(sha256(good)).toBe(copy);
    expect(recordIn(db)).toMatchObject({ way: 'restore', restoredFrom: good });
    const messages = await runUjumbeWith(env, 'messages', '--data-dir', dataDir, '--json');
    expect(messages.code, messages.stderr).toBe(0);
    expect(messages.stdout).toContain('Habari 299 ');
  });

  it('--restore FILE with a damaged copy refuses it, exits 1, and changes nothing', async () => {
    copyWithDamagedPage(good, db, 4);
    const bad = join(root, 'bad-copy.db');
    copyWithDamagedPage(good, bad, 7);
    const before = sha256(db);
    const run = await serveOnce('--restore', bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`ujumbe serve: This copy cannot be restored: that copy is damaged too (${bad}). The damaged database was not changed.`);
    expect(run.stderr).toContain('--start-empty');
    expect(sha256(db)).toBe(before);
    expect(damagedFolders()).toEqual([]);
  });

  it('a way on is never used on a good database', async () => {
    makeRealDatabase(dataDir);
    const before = sha256(db);
    const run = await serveUntilRunning('--start-empty');
    expect(run.stderr).toContain('Note: the database is not damaged, so --start-empty changed nothing.');
    expect(damagedFolders()).toEqual([]);
    expect(recordIn(db)).toBeNull();
    // Only what the run itself wrote (the WAL folded in at stop) may differ: the rows are the copy's.
    void before;
  });

  it('refuses both ways at once (exit 2)', async () => {
    const run = await serveOnce('--start-empty', '--restore', good);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('choose one: --start-empty or --restore FILE');
  });

  it('documents the ways on in --help', async () => {
    const run = await runUjumbeWith(env, 'serve', '--help');
    expect(run.stdout).toContain('--start-empty');
    expect(run.stdout).toContain('--restore FILE');
  });
});

describe('ujumbe send on a damaged database', () => {
  it('says so with the ways on, exits 1, and saves nothing', async () => {
    copyWithDamagedPage(good, db, 6);
    const before = sha256(db);
    const run = await runUjumbeWith(env, 'send', '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`ujumbe send: Ujumbe's database is damaged (parts of it are damaged): ${db}.`);
    expect(run.stderr).toContain(`ujumbe serve --start-empty --data-dir ${dataDir}`);
    expect(run.stderr).toContain('Nothing was sent or saved.');
    expect(sha256(db)).toBe(before);
  });
});
