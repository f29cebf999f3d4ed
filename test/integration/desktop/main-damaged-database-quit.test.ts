/**
 * The desktop host (against the stand-in `electron` module) on a damaged database, in Swahili:
 * the person chooses Quit. Nothing is changed, no window opens, nothing listens on IPC, and the
 * app exits 1. The other buttons: main-damaged-database.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyCutShort, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';
import { FakeBrowserWindow, fakeElectron } from '../../unit/electron/fake-electron.ts';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { app, dialog, ipcMain } = fakeElectron;
let root: string;
let dataDir: string;
let before: string;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ujumbe-desktop-damaged-quit-'));
  mkdirSync(join(root, 'good'));
  const good = makeRealDatabase(join(root, 'good'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  copyCutShort(good, join(dataDir, 'ujumbe.db'), Math.floor(pageCount(good) / 2) * 4096);
  before = sha256(join(dataDir, 'ujumbe.db'));
  process.env.UJUMBE_MODEM_SEARCH = join(root, 'no-modems', 'tty*');
  app.switches.set('data-dir', dataDir);
  app.locale = 'sw-KE';
  dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('../../../electron/main/main.ts');
  app.becomeReady();
  await vi.waitFor(() => expect(app.exit).toHaveBeenCalled(), { timeout: 15_000 });
});

afterAll(() => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
  }
  delete process.env.UJUMBE_MODEM_SEARCH;
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('the desktop app on a damaged database, choosing Quit', () => {
  it('asks in Swahili, then exits 1 with nothing changed and no window', () => {
    expect(dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({
      title: 'Data za Ujumbe zimeharibika',
      buttons: ['Anza na hifadhidata tupu', 'Rejesha kutoka nakala…', 'Funga'],
    });
    expect((dialog.showMessageBox.mock.calls[0]![0] as { detail: string }).detail).toContain('(faili limekatika)');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handle).not.toHaveBeenCalled();
    expect(sha256(join(dataDir, 'ujumbe.db'))).toBe(before);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('damaged-'))).toEqual([]);
  });
});
