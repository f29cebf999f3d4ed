/**
 * A start at login (`--hidden`) and the login item, against the stand-in `electron` module with
 * the real backend: no window, only the tray, and the backend starts at once (a reminder due at
 * 07:00 must not wait for someone to open the app); a second launch opens the window, the login
 * item firing again does not. On Linux the login item is an XDG autostart file, written here to a
 * temp XDG_CONFIG_HOME, pointing at the AppImage, and removed when the setting is turned off.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeTray, fakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { app } = fakeElectron;
let rig: DesktopRig;
let autostart: string;

beforeAll(async () => {
  // The default data folder (no --data-dir: only a run on it decides the login item), in a temp XDG_DATA_HOME.
  rig = await createDesktopRig({ prefix: 'ujumbe-hidden-', dataFolder: 'default' });
  const configHome = join(rig.root, 'config');
  mkdirSync(configHome);
  autostart = join(configHome, 'autostart', 'ujumbe.desktop');
  rig.setEnv('XDG_CONFIG_HOME', configHome);
  rig.setEnv('APPIMAGE', '/home/nurse/My Apps/Ujumbe.AppImage');
  app.switches.set('hidden', '');
  await rig.launch('backend');
});

afterAll(() => rig.close());

describe('a start at login', () => {
  it('opens no window, only the tray, and starts the backend without waiting for a page', async () => {
    expect(app.getPath('userData')).toBe(join(process.env.XDG_DATA_HOME!, 'ujumbe'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(FakeTray.instances).toHaveLength(1);
    await vi.waitFor(() => expect(rig.log()).toContain('Started at login: no window'));
  });

  it('wrote the autostart file (on by default): the AppImage, quoted, with --hidden', async () => {
    const text = readFileSync(autostart, 'utf8');
    expect(text).toMatch(/^Exec="\/home\/nurse\/My Apps\/Ujumbe\.AppImage" --hidden$/m);
    expect(text).toMatch(/^Type=Application$/m);
    await vi.waitFor(() => expect(rig.log()).toContain('Start at login applied'));
  });

  it('opens the window at a second launch, not when the login item fires again', async () => {
    app.emit('second-instance', {}, ['/home/nurse/My Apps/Ujumbe.AppImage', '--hidden'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    app.emit('second-instance', {}, ['/home/nurse/My Apps/Ujumbe.AppImage'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]!.loadFile).toHaveBeenCalled());
  });

  it('removes the autostart file when the setting is turned off, and writes it again when on', async () => {
    expect(await rig.ask('settings.get', {})).toMatchObject({ ok: true, result: { startAtLogin: true } });
    expect(await rig.ask('settings.update', { startAtLogin: false })).toMatchObject({ ok: true, result: { startAtLogin: false } });
    await vi.waitFor(() => expect(existsSync(autostart)).toBe(false));
    expect(await rig.ask('settings.update', { startAtLogin: true })).toMatchObject({ ok: true, result: { startAtLogin: true } });
    await vi.waitFor(() => expect(existsSync(autostart)).toBe(true));
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('re-words the tray when the interface language changes', async () => {
    expect(await rig.ask('settings.update', { language: 'sw' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(FakeTray.instances[0]!.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Fungua Ujumbe', 'Zima Ujumbe']));
    expect(FakeTray.instances[0]!.tooltip).toBe('Ujumbe — hakuna jumbe ambazo hazijasomwa');
  });
});
