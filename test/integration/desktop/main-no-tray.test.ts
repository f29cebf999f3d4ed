/**
 * A desktop without a tray (some Linux desktops: the Tray constructor throws), against the
 * stand-in `electron` module with the real backend: closing the window still does not quit; the
 * first close says in a message box that starting Ujumbe again opens it, and offers "Quit Ujumbe",
 * which quits through the orderly shutdown.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { app, dialog, ipcMain } = fakeElectron;
let rig: DesktopRig;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-no-tray-' });
  FakeTray.unavailable = true;
  await rig.launch();
});

afterAll(async () => {
  await rig.close();
  FakeTray.unavailable = false;
});

describe('a desktop without a tray', () => {
  it('keeps running when the window is closed, says a second launch opens it, and can quit from there', async () => {
    await vi.waitFor(() => expect(rig.log()).toContain('No tray icon'));
    // "Keep running" at the first close.
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    FakeBrowserWindow.instances[0]!.close();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
    const asked = dialog.showMessageBox.mock.calls[0]![0] as { message: string; detail: string; buttons: string[] };
    expect(asked.message).toBe('Ujumbe is still running');
    expect(asked.detail).toContain('To open it, start Ujumbe again.');
    expect(asked.buttons).toEqual(['OK', 'Quit Ujumbe']);
    expect(FakeNotification.instances).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.quitted).toBe(false);

    // A second launch is the way back.
    app.emit('second-instance', {}, ['ujumbe'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    FakeBrowserWindow.instances[1]!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(app.quitted).toBe(false);
    expect(rig.log()).not.toContain('Stopping');
  });

  it('quits through the orderly shutdown when "Quit Ujumbe" is chosen in the notice', async () => {
    // The notice is shown once per data folder, so its Quit button is driven directly here, in the
    // running app (the choice itself: test/unit/electron/background-notice.test.ts).
    const { createBackgroundNotice } = await import('../../../electron/main/background-notice.ts');
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await createBackgroundNotice({ alreadyShown: () => false, markShown: () => {}, language: () => 'en', place: () => 'none', showWindow: () => {}, quit: () => app.quit() })();
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
    await vi.waitFor(() => expect(rig.log()).toMatch(/Stopping[\s\S]*Stopped/));
    expect(ipcMain.handlers.size).toBe(0);
  });
});
