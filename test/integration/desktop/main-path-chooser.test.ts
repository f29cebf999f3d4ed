/**
 * The desktop app's folder and file choosers for the page (electron/main/path-chooser.ts; the
 * Backups panel's "Choose…"), against the stand-in `electron` module with main.ts: the page names
 * only the kind, main opens the system's chooser on its window worded in the interface language,
 * and answers the path or null; a foreign frame and an unknown kind are refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { dialog, ipcMain } = fakeElectron;
let rig: DesktopRig;
const choose = (kind: unknown, frame = rig.window().webContents.mainFrame) => Promise.resolve().then(() => ipcMain.handlers.get(IPC_CHANNELS.choosePath)!(ipcEvent(rig.window().webContents, frame), kind));

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-chooser-', modem: 'none' });
  await rig.launch();
}, 60_000);

afterAll(() => rig.close());

describe('the system’s choosers for the page', () => {
  it('opens a folder chooser on the window and answers the folder chosen, or null when cancelled', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/ujumbe'] });
    expect(await choose('backup-folder')).toBe('/media/usb/ujumbe');
    const [window, options] = dialog.showOpenDialog.mock.calls.at(-1) as unknown as [unknown, { title: string; properties: string[] }];
    expect(window).toBe(rig.window());
    expect(options.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(options.title).toContain('backups');
    expect(await choose('backup-file')).toBeNull();
    expect((dialog.showOpenDialog.mock.calls.at(-1) as unknown as [unknown, { filters: { extensions: string[] }[] }])[1].filters[0]!.extensions).toEqual(['db']);
  });

  it('words the chooser in the interface language', async () => {
    expect((await rig.ask('settings.update', { language: 'sw' })).ok).toBe(true);
    // Main reads the new language after the answer (main.ts settingsChanged).
    await vi.waitFor(async () => {
      await choose('backup-folder');
      expect((dialog.showOpenDialog.mock.calls.at(-1) as unknown as [unknown, { title: string }])[1].title).toMatch(/^Chagua folda/);
    });
  });

  it('refuses a foreign frame and a kind it does not know, opening nothing', async () => {
    const before = dialog.showOpenDialog.mock.calls.length;
    await expect(choose('backup-folder', { ...rig.window().webContents.mainFrame, url: 'https://evil.example/' })).rejects.toThrow('Refused: unknown sender');
    await expect(choose('/etc')).rejects.toThrow('Refused: unknown kind of path');
    expect(dialog.showOpenDialog.mock.calls.length).toBe(before);
  });
});
