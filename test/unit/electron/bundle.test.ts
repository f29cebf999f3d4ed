/**
 * The bundles as shipped: the sandboxed preload is ONE CommonJS file needing only `electron`; the
 * main bundle needs only electron and the native modules at run time, and it actually starts,
 * answers a request through its IPC handler and quits cleanly under Node with a stand-in
 * `electron` (the real binary cannot run here).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
let outDir: string;
let requires: { main: string[]; preload: string[] };

beforeAll(async () => {
  // Inside the project, so the bundle resolves electron and the native modules from node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'ujumbe-electron-bundle-'));
  const { buildElectron } = (await import(join(root, 'scripts', 'build-electron.mjs'))) as { buildElectron: (o: { quiet: boolean; outDir: string }) => Promise<typeof requires> };
  requires = await buildElectron({ quiet: true, outDir });
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the Electron bundles', () => {
  it('builds the preload into one CommonJS file that requires only electron', () => {
    expect(requires.preload).toEqual(['electron']);
    const code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(readdirSync(outDir).filter((f) => f.startsWith('preload') && f.endsWith('.cjs'))).toEqual(['preload.cjs']);
  });

  it('leaves only electron and the native modules to load at run time from the main bundle', () => {
    for (const name of requires.main) expect(['electron', 'better-sqlite3-multiple-ciphers', 'serialport', 'nodemailer', 'ws']).toContain(name);
  });

  it('starts, answers a request from its window, refuses a foreign page, and quits after stopping', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bundle-data-'));
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'fixtures', 'run-main-bundle.mjs'), outDir, dataDir], { timeout: 30_000 });
      const steps = stdout.trim().split('\n').map((line) => JSON.parse(line) as { step: string } & Record<string, unknown>);
      expect(steps.map((s) => s.step)).toEqual(['window', 'answer', 'foreign', 'backup', 'quit']);
      expect(steps[0]!.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/opt/Ujumbe/resources/app.asar/dist/electron/preload.cjs' });
      expect(steps[1]!.answer).toMatchObject({ type: 'response', id: 1, ok: true, result: { host: 'electron', version: '9.9.9', dataDir } });
      expect(steps[2]!.refused).toBe('Refused: unknown sender');
      // The WAL checkpointer's thread ran from beside the bundle (store/checkpointer.ts warns on stderr when it cannot).
      expect(readdirSync(outDir)).toContain('checkpoint-worker.cjs');
      expect(stderr).not.toContain('WAL checkpoints');
      // So did a backup's (scripts/build-electron.mjs copies backup-copy-worker.cjs beside it).
      expect(readdirSync(outDir)).toContain('backup-copy-worker.cjs');
      expect(steps[3]).toMatchObject({ ok: true, error: null });
      expect(steps[3]!.files).toEqual([expect.stringMatching(/^ujumbe-backup-.+\.db$/), expect.stringMatching(/^ujumbe-backup-.+\.key\.json$/)]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
