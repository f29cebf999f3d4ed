/**
 * The desktop host (against the stand-in `electron` module) on a damaged database, in Swahili:
 * the person chooses Quit. Nothing is changed, no window opens, nothing listens on IPC, and the
 * app exits 1. The other buttons: main-damaged-database.test.ts.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCutShort, makeRealDatabase, pageCount, sha256 } from '../../support/damaged-database.ts';
import { FakeBrowserWindow, fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { app, dialog, ipcMain } = fakeElectron;
let rig: DesktopRig;
let before: string;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-damaged-quit-', modem: 'none' });
  mkdirSync(join(rig.root, 'good'));
  const good = makeRealDatabase(join(rig.root, 'good'));
  copyCutShort(good, join(rig.dataDir, 'ujumbe.db'), Math.floor(pageCount(good) / 2) * 4096);
  before = sha256(join(rig.dataDir, 'ujumbe.db'));
  app.locale = 'sw-KE';
  dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
  await rig.launch('exit');
});

afterAll(() => rig.close());

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
    expect(sha256(join(rig.dataDir, 'ujumbe.db'))).toBe(before);
    expect(readdirSync(rig.dataDir).filter((name) => name.startsWith('damaged-'))).toEqual([]);
  });
});
