/**
 * The desktop host (against the stand-in `electron` module) on a data folder a real
 * `ujumbe serve` holds: the single-instance lock cannot see another kind of Ujumbe, the data
 * folder's lock (electron/backend/store/data-folder-lock.ts) does. The app says who holds the
 * folder in its fatal dialog and exits 1 without a window, and the serve runs on untouched.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBrowserWindow, fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));
const URL_LINE = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=([A-Za-z0-9_-]{43})$/m;

const { app, dialog, ipcMain } = fakeElectron;
let rig: DesktopRig;
let serve: ChildProcessWithoutNullStreams;
let serveExit: Promise<number | null>;
let url: string;
let token: string;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-held-' });
  const env = { ...process.env, UJUMBE_MODEM_SEARCH: join(rig.root, 'no-modems', 'tty*') };
  serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', rig.dataDir], { stdio: 'pipe', env });
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
  await rig.launch('exit');
});

afterAll(async () => {
  if (serve.exitCode === null) serve.kill('SIGKILL');
  await serveExit;
  await rig.close();
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
