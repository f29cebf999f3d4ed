/** One Ujumbe per user: a second launch brings the first one's window forward. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { claimSingleInstance } = await import('../../../electron/main/single-instance.ts');

beforeEach(() => resetFakeElectron());

describe('claimSingleInstance', () => {
  it('in the first instance: holds the lock, and a second launch restores and focuses the window', () => {
    const window = new FakeBrowserWindow({});
    window.minimized = true;
    window.visible = false;
    expect(claimSingleInstance(() => window as never)).toBe(true);
    expect(fakeElectron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    fakeElectron.app.emit('second-instance', {}, ['ujumbe'], '/home/nurse', {});
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('focuses whichever window is current when the second launch happens', () => {
    let current: FakeBrowserWindow | null = null;
    claimSingleInstance(() => current as never);
    fakeElectron.app.emit('second-instance', {}, [], '/', {});
    current = new FakeBrowserWindow({});
    fakeElectron.app.emit('second-instance', {}, [], '/', {});
    expect(current.focus).toHaveBeenCalledOnce();
  });

  it('opens the window again through `reopen` (closed, or never opened), but not for a start at login', () => {
    const reopen = vi.fn();
    claimSingleInstance(() => null, reopen);
    fakeElectron.app.emit('second-instance', {}, ['/opt/Ujumbe/ujumbe'], '/', {});
    expect(reopen).toHaveBeenCalledOnce();
    // The login item firing while Ujumbe already runs: nobody asked for a window.
    fakeElectron.app.emit('second-instance', {}, ['/opt/Ujumbe/ujumbe', '--hidden'], '/', {});
    expect(reopen).toHaveBeenCalledOnce();
  });

  it('in a second instance: reports it, and listens to nothing', () => {
    fakeElectron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(fakeElectron.app.listenerCount('second-instance')).toBe(0);
  });
});
