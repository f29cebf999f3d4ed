/**
 * `ujumbe doctor` checks the data folder's database as a start does (issue 10 item 6), read-only:
 * a damaged one is a problem finding with the ways on, and exit 1; a whole one is a line that
 * says so; a folder with no database yet gets no line.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { copyWithDamagedPage, makeRealDatabase, sha256 } from '../../support/damaged-database.ts';
import { runUjumbeWith } from '../../support/run-cli.ts';

let root: string;
let good: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-doctor-db-'));
  mkdirSync(join(root, 'good'));
  good = makeRealDatabase(join(root, 'good'));
  env = { UJUMBE_MODEM_SEARCH: join(root, 'no-modems', 'tty*') };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ujumbe doctor and the database', () => {
  it('reports a damaged database with the ways on, changes nothing, and exits 1', async () => {
    const dataDir = join(root, 'damaged');
    mkdirSync(dataDir);
    const db = join(dataDir, 'ujumbe.db');
    copyWithDamagedPage(good, db, 5);
    const before = sha256(db);
    const run = await runUjumbeWith(env, 'doctor', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The database (${db}) is damaged: parts of it are damaged (`);
    expect(run.stdout).toMatch(/`ujumbe serve --data-dir "[^"]+" --start-empty`/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Not ready: the database is damaged/);
    expect(run.stdout).toMatch(/`ujumbe serve --data-dir "[^"]+" --restore FILE`/);
    const json = await runUjumbeWith(env, 'doctor', '--data-dir', dataDir, '--json');
    const report = JSON.parse(json.stdout) as DoctorReportDto;
    expect(report.findings).toContainEqual({ code: 'database-damaged', severity: 'problem', path: db, values: { path: db, reason: 'corrupt', said: expect.any(String) } });
    expect(sha256(db)).toBe(before);
    // Read only, without the lock: at most SQLite's empty -wal and its index (-shm) beside it.
    expect(readdirSync(dataDir).filter((name) => name !== 'ujumbe.db-wal' && name !== 'ujumbe.db-shm')).toEqual(['ujumbe.db']);
  });

  it('says a whole database passed, and says nothing where there is none yet', async () => {
    const whole = await runUjumbeWith(env, 'doctor', '--data-dir', join(root, 'good'));
    expect(whole.stdout).toContain(`The database (${good}) passed its check — nothing to do.`);
    const none = await runUjumbeWith(env, 'doctor', '--data-dir', join(root, 'nothing-here'));
    expect(none.stdout).not.toContain('The database');
  });
});
