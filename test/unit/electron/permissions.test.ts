/** Every permission request and check is denied: the page needs none. */
import { describe, expect, it, vi } from 'vitest';
import { fakeSession } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { denyAllPermissions } = await import('../../../electron/main/permissions.ts');

describe('denyAllPermissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'serial', 'hid', 'usb', 'openExternal', 'fullscreen', 'unknown'])('denies a request for %s', (permission) => {
    const session = fakeSession();
    denyAllPermissions(session as never);
    const handler = session.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    const callback = vi.fn();
    handler({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('answers every permission check and device check with no', () => {
    const session = fakeSession();
    denyAllPermissions(session as never);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(check({}, 'serial', 'file://', {})).toBe(false);
    expect(check({}, 'media', 'file://', {})).toBe(false);
    expect(device({ deviceType: 'serial', origin: 'file://' })).toBe(false);
  });

  it('offers a page asking for a serial port no port at all', () => {
    const session = fakeSession();
    denyAllPermissions(session as never);
    const preventDefault = vi.fn();
    const callback = vi.fn();
    session.emit('select-serial-port', { preventDefault }, [{ portId: '1', portName: 'ttyUSB0' }], {}, callback);
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(callback).toHaveBeenCalledWith('');
  });
});
