/**
 * The desktop host (against the stand-in `electron` module) on a data folder a real
 * `ujumbe serve` holds: the single-instance lock cannot see another kind of Ujumbe, the data
 * folder's lock (electron/backend/store/data-folder-lock.ts) does. The app says who holds the
 * folder in its fatal dialog and exits 1 without a window, and the serve runs on untouched.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));
const URL_LINE = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=([A-Za-z0-9_-]{43})$/m;

const { app, dialog, ipcMain } = fakeElectron;
let dataDir: string;
let search: string;
let serve: ChildProcessWithoutNullStreams;
let serveExit: Promise<number | null>;
let url: string;
let token: string;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-held-'));
  search = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-held-search-'));
  serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: 'pipe', env: { ...process.env, UJUMBE_MODEM_SEARCH: join(search, 'tty*') } });
  serveExit = new Promise((resolve) => serve.once('exit', (code) => resolve(code)));
  let stderr = '';
  serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  [url, token] = await new Promise<[string, string]>((resolve, reject) => {
    let stdout = '';
    serve.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_LINE.exec(stdout);
      if (match) resolve([match[1]!, match[2]!]);
    });
    void serveExit.then((code) => reject(new Error(`serve exited with ${code} before printing its URL; stderr: ${stderr}`)));
  });

  app.switches.set('data-dir', dataDir);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 15_000 });
});

afterAll(async () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  vi.restoreAllMocks();
  if (serve.exitCode === null) serve.kill('SIGKILL');
  await serveExit;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(search, { recursive: true, force: true });
});

describe('the desktop app on a data folder `ujumbe serve` holds', () => {
  it('says who holds the folder in its fatal dialog and exits 1, with no window and no IPC', () => {
    expect(dialog.showErrorBox).toHaveBeenCalledOnce();
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Ujumbe is already running',
      expect.stringMatching(new RegExp(`^Ujumbe is already running for this data folder \\(ujumbe serve, process ${serve.pid}, since \\d\\d:\\d\\d\\)\\. Close it first, or open a different data folder\\.$`)),
    );
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
  });

  it('leaves the serve running and its folder as it was', async () => {
    const health = await fetch(new URL('api/v1/health', url), { headers: { Authorization: `Bearer ${token}` } });
    expect(await health.json()).toMatchObject({ status: 'ok' });
    serve.kill('SIGTERM');
    expect(await serveExit).toBe(0);
  });
});
