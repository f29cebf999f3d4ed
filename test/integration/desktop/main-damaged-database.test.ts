/**
 * The desktop host (against the stand-in `electron` module) on a damaged database (issue 10
 * item 6): it asks in a dialog instead of starting; the person tries a bad copy (refused, said
 * so, nothing changed), cancels the file chooser (asked again), then starts empty. The damaged
 * file is kept untouched, the window opens, and app.info carries the notice until dismissed.
 * Quit: main-damaged-database-quit.test.ts; a good copy: main-damaged-database-restore.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { copyWithDamagedPage, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, dialog, ipcMain } = fakeElectron;
let root: string;
let dataDir: string;
let badCopy: string;
let damagedHash: string;
let window: FakeBrowserWindow;
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function ask(command: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-damaged-'));
  mkdirSync(join(root, 'good'));
  const good = makeRealDatabase(join(root, 'good'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  copyWithDamagedPage(good, join(dataDir, 'ujumbe.db'), Math.round(pageCount(good) / 2));
  damagedHash = sha256(join(dataDir, 'ujumbe.db'));
  badCopy = join(root, 'bad-copy.db');
  copyWithDamagedPage(good, badCopy, 3);

  process.env.UJUMBE_MODEM_SEARCH = join(root, 'no-modems', 'tty*');
  app.switches.set('data-dir', dataDir);
  // 1: Restore → the bad copy → refused (OK); 2: Restore → cancelled; 3: Start empty.
  dialog.showMessageBox
    .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 1, checkboxChecked: false })
    .mockResolvedValueOnce({ response: 0, checkboxChecked: false });
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [badCopy] }).mockResolvedValueOnce({ canceled: true, filePaths: [] });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 15_000 });
  window = FakeBrowserWindow.instances[0]!;
  await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
});

afterAll(async () => {
  app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  delete process.env.UJUMBE_MODEM_SEARCH;
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('the desktop app on a damaged database', () => {
  it('asks in plain words with the three ways, refuses the bad copy, asks again after a cancel', () => {
    const calls = dialog.showMessageBox.mock.calls.map(([options]) => options as { title: string; message: string; detail: string; buttons: string[] });
    expect(calls).toHaveLength(4);
    const [question, refused, again, last] = calls;
    expect(question).toMatchObject({
      type: 'warning',
      title: 'Ujumbe’s data is damaged',
      message: 'Ujumbe’s database is damaged, so Ujumbe has not started.',
      buttons: ['Start with an empty database', 'Restore from a copy…', 'Quit'],
      cancelId: 2,
    });
    expect(question!.detail).toContain(`The file ${join(dataDir, 'ujumbe.db')} cannot be read safely (parts of it are damaged). Ujumbe has not changed it.`);
    expect(refused).toMatchObject({ type: 'error', title: 'This copy cannot be used', message: 'This copy cannot be restored: that copy is damaged too.' });
    expect(refused!.detail).toContain(badCopy);
    expect(again).toMatchObject({ title: question!.title });
    expect(last).toMatchObject({ title: question!.title });
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(2);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('started empty: the damaged file kept untouched in damaged-<time>/, and the window opened', () => {
    const folders = readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));
    expect(folders).toHaveLength(1);
    expect(sha256(join(dataDir, folders[0]!, 'ujumbe.db'))).toBe(damagedHash);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('tells the window once: app.info carries the notice until it is dismissed', async () => {
    const [folder] = readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));
    const info = await ask('app.info', {});
    expect(info).toMatchObject({ ok: true, result: { host: 'electron', databaseNotice: { code: 'started-empty', keptIn: join(dataDir, folder!), restoredFrom: null } } });
    expect(await ask('app.dismissDatabaseNotice', {})).toMatchObject({ ok: true, result: { dismissed: true } });
    const after = await ask('app.info', {});
    expect(after.ok).toBe(true);
    expect(after.result).not.toHaveProperty('databaseNotice');
  });
});
