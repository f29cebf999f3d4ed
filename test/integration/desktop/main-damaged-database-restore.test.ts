/**
 * The desktop host (against the stand-in `electron` module) on a damaged database: the person
 * chooses "Restore from a copy…" and picks a good copy. The copy takes its place (its contacts
 * are there), the clinic's copy is only read, the damaged file is kept untouched, and app.info
 * says "restored". Start empty and Quit: main-damaged-database(-quit).test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { makeEmptyWithWal, makeRealDatabase, sha256 } from '../../support/damaged-database.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, dialog, ipcMain } = fakeElectron;
let root: string;
let dataDir: string;
let good: string;
let goodHash: string;
let walHash: string;
let window: FakeBrowserWindow;
let nextId = 1;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

async function ask(command: string, params: unknown): Promise<{ ok: boolean; result?: unknown }> {
  const handler = ipcMain.handlers.get(IPC_CHANNELS.request)!;
  return (await handler(ipcEvent(window.webContents, window.webContents.mainFrame), { type: 'request', id: nextId++, command, params })) as never;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-restore-'));
  mkdirSync(join(root, 'usb'));
  good = makeRealDatabase(join(root, 'usb'));
  goodHash = sha256(good);
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  makeEmptyWithWal(mkdtempSync(join(root, 'scratch-')), dataDir);
  walHash = sha256(join(dataDir, 'ujumbe.db-wal'));
  process.env.UJUMBE_MODEM_SEARCH = join(root, 'no-modems', 'tty*');
  app.switches.set('data-dir', dataDir);
  dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [good] });
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

describe('the desktop app restoring a copy after damage', () => {
  it('uses the copy, keeps the damaged file and its WAL aside untouched, and says "restored"', async () => {
    expect((dialog.showMessageBox.mock.calls[0]![0] as { detail: string }).detail).toContain('(the file is empty, but its log of recent changes is not)');
    const [folder] = readdirSync(dataDir).filter((name) => name.startsWith('damaged-'));
    expect(folder).toBeDefined();
    expect(sha256(join(dataDir, folder!, 'ujumbe.db-wal'))).toBe(walHash);
    expect(sha256(good)).toBe(goodHash);
    const info = await ask('app.info', {});
    expect(info.result).toMatchObject({ databaseNotice: { code: 'restored', restoredFrom: good, keptIn: join(dataDir, folder!) } });
    const contacts = await ask('contacts.list', {});
    expect(contacts.result).toMatchObject({ total: 300 });
  });
});
