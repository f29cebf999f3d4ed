/**
 * "Start at login" per platform (electron/main/login-item.ts): the OS's login item on Windows
 * (with --hidden) and macOS, an XDG autostart file on Linux (written to a temp XDG_CONFIG_HOME
 * here, never the real one), removed when turned off.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { applyLoginItem, autostartEntry, autostartExecutable, autostartPath, execArgument, loginItemSkipReason, startedAtLogin } = await import('../../../electron/main/login-item.ts');

let config: string;
beforeEach(() => {
  resetFakeElectron();
  config = mkdtempSync(join(tmpdir(), 'ujumbe-xdg-config-'));
});
afterEach(() => {
  fakeElectron.app.switches.delete('hidden');
  rmSync(config, { recursive: true, force: true });
});

const linux = (env: Record<string, string | undefined> = {}) => ({ platform: 'linux' as const, env: { XDG_CONFIG_HOME: config, ...env }, homeDir: '/home/nurse', execPath: '/opt/Ujumbe/ujumbe' });

describe('where the autostart file goes and what it starts', () => {
  it('honours an absolute XDG_CONFIG_HOME, else ~/.config (a relative one is invalid)', () => {
    expect(autostartPath({ env: { XDG_CONFIG_HOME: '/srv/cfg' }, homeDir: '/home/nurse' })).toBe('/srv/cfg/autostart/ujumbe.desktop');
    expect(autostartPath({ env: {}, homeDir: '/home/nurse' })).toBe('/home/nurse/.config/autostart/ujumbe.desktop');
    expect(autostartPath({ env: { XDG_CONFIG_HOME: 'cfg' }, homeDir: '/home/nurse' })).toBe('/home/nurse/.config/autostart/ujumbe.desktop');
  });

  it('starts the AppImage file when running from one (its mount point goes away), else this executable', () => {
    expect(autostartExecutable({ env: { APPIMAGE: '/home/nurse/Apps/Ujumbe-0.1.0.AppImage' }, execPath: '/tmp/.mount_UjumbeX/ujumbe' })).toBe('/home/nurse/Apps/Ujumbe-0.1.0.AppImage');
    expect(autostartExecutable({ env: {}, execPath: '/opt/Ujumbe/ujumbe' })).toBe('/opt/Ujumbe/ujumbe');
  });

  it('quotes an Exec argument as the Desktop Entry spec says', () => {
    expect(execArgument('/opt/Ujumbe/ujumbe')).toBe('/opt/Ujumbe/ujumbe');
    expect(execArgument('/home/nurse/My Apps/Ujumbe.AppImage')).toBe('"/home/nurse/My Apps/Ujumbe.AppImage"');
    // A literal $ in a quoted argument is \\$ in the file; % is doubled (field codes).
    expect(execArgument('/home/a$b/100%/x')).toBe('"/home/a\\\\$b/100%%/x"');
  });

  it('is a plain desktop entry that starts Ujumbe hidden', () => {
    const text = autostartEntry('/opt/Ujumbe/ujumbe');
    expect(text).toContain('[Desktop Entry]\nType=Application\n');
    expect(text).toContain('\nExec=/opt/Ujumbe/ujumbe --hidden\n');
    expect(text).toContain('\nName=Ujumbe\n');
  });
});

describe('applying the setting', () => {
  it('Linux: writes the autostart file with the right Exec, rewrites it when the AppImage moved, removes it when off', () => {
    const path = join(config, 'autostart', 'ujumbe.desktop');
    expect(applyLoginItem(true, linux())).toEqual({ way: 'autostart-file', openAtLogin: true, path });
    expect(readFileSync(path, 'utf8')).toMatch(/^Exec=\/opt\/Ujumbe\/ujumbe --hidden$/m);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    applyLoginItem(true, linux({ APPIMAGE: '/home/nurse/Ujumbe.AppImage' }));
    expect(readFileSync(path, 'utf8')).toMatch(/^Exec=\/home\/nurse\/Ujumbe\.AppImage --hidden$/m);
    expect(applyLoginItem(false, linux())).toEqual({ way: 'autostart-file', openAtLogin: false, path });
    expect(existsSync(path)).toBe(false);
    // Off when already off is no error.
    applyLoginItem(false, linux());
    expect(fakeElectron.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('Windows: the Run key through setLoginItemSettings, started with --hidden', () => {
    expect(applyLoginItem(true, { ...linux(), platform: 'win32' })).toEqual({ way: 'login-item', openAtLogin: true });
    applyLoginItem(false, { ...linux(), platform: 'win32' });
    expect(fakeElectron.app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true, args: ['--hidden'] }], [{ openAtLogin: false, args: ['--hidden'] }]]);
    expect(existsSync(join(config, 'autostart'))).toBe(false);
  });

  it('macOS: a login item through setLoginItemSettings (macOS passes it no arguments)', () => {
    applyLoginItem(true, { ...linux(), platform: 'darwin' });
    applyLoginItem(false, { ...linux(), platform: 'darwin' });
    expect(fakeElectron.app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
    expect(existsSync(join(config, 'autostart'))).toBe(false);
  });

  it('leaves the login item alone when not installed (bare Electron) or on another data folder', () => {
    expect(loginItemSkipReason({ isPackaged: false, explicitDataDir: false })).toBe('not-packaged');
    expect(loginItemSkipReason({ isPackaged: true, explicitDataDir: true })).toBe('other-data-folder');
    expect(loginItemSkipReason({ isPackaged: true, explicitDataDir: false })).toBeNull();
  });
});

describe('a start at login', () => {
  it('is --hidden, or on macOS the login item that opened the app', () => {
    expect(startedAtLogin('linux')).toBe(false);
    fakeElectron.app.openedAtLogin = true;
    expect(startedAtLogin('linux')).toBe(false);
    expect(startedAtLogin('darwin')).toBe(true);
    fakeElectron.app.openedAtLogin = false;
    fakeElectron.app.switches.set('hidden', '');
    expect(startedAtLogin('win32')).toBe(true);
  });
});
