/** A second launch of Ujumbe hands over to the first and touches nothing: no data, no window. */
import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

describe('a second instance', () => {
  it('quits at once without opening the data folder or a window', async () => {
    const { app } = fakeElectron;
    app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../electron/main/main.ts');
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.setPath).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fakeElectron.ipcMain.handle).not.toHaveBeenCalled();
  });
});
