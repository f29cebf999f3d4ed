/**
 * The desktop host keeps working with its window closed (issue 11 "Scheduled sends"; the real
 * binary cannot run here, so against the stand-in `electron` module, with the real backend and
 * the modem simulator on a pty): closing the window does not quit, a message scheduled for later
 * reaches the modem with no window open, the first close says so once (not on the second close,
 * not after a restart), the tray's "Open Ujumbe" brings a window back and its "Quit Ujumbe" quits
 * through the orderly shutdown.
 */
import { openDataFolderDatabase } from '../../support/data-folder-database.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { databaseKeyStatus } from '../../../electron/backend/store/database-key.ts';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeElectron, fakeSafeStorage, resetFakeElectron } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

const { app, ipcMain } = fakeElectron;
/** The desktop seals the database key with safeStorage (electron/main/safe-storage-secret-store.ts, its 'ss1:' form); here the fake one. */
const fakeKeychain = {
  protection: 'keychain' as const,
  seal: (plain: string) => `ss1:${fakeSafeStorage.encryptString(plain).toString('base64')}`,
  open: (sealed: string) => fakeSafeStorage.decryptString(Buffer.from(sealed.slice(4), 'base64')),
};
let rig: DesktopRig;
const NOTICE = 'Ujumbe is still running';
const notices = () => FakeNotification.instances.filter((n) => n.options.title === NOTICE);
const menuItem = (label: string) => FakeTray.instances.at(-1)!.menu!.items.find((i) => i.label === label)!;

async function quitFromTray(): Promise<void> {
  menuItem('Quit Ujumbe').click!();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
}

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-bg-', modem: 'simulator' });
});

afterAll(() => rig.close());

describe('the desktop app with its window closed', () => {
  it('keeps running: a message scheduled for later reaches the modem with no window open', async () => {
    const window = await rig.launch();
    expect(await rig.ask('app.info', {}, window)).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect((await rig.ask('gateways.list', {}, window)).result).toEqual([expect.objectContaining({ kind: 'modem', state: 'running' })]), { timeout: 15_000, interval: 50 });
    const sendAtMs = Date.now() + 2_000;
    const sent = await rig.ask('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Kumbusho: miadi yako ni kesho', sendAt: new Date(sendAtMs).toISOString() }, window);
    expect(sent).toMatchObject({ ok: true, result: { recipients: [{ status: 'scheduled' }] } });

    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(app.quitted).toBe(false);
    expect(ipcMain.handlers.has(IPC_CHANNELS.request)).toBe(true);
    expect(rig.log()).not.toContain('Stopping');

    await vi.waitFor(() => expect(rig.sim.received.map((r) => r.decoded.text)).toEqual(['Kumbusho: miadi yako ni kesho']), { timeout: 15_000, interval: 50 });
    expect(Date.now()).toBeGreaterThanOrEqual(sendAtMs);
    expect(app.quitted).toBe(false);
  });

  it('said so at the first close, once: how to open it again and how to quit it', () => {
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.options.body).toContain('send scheduled messages and receive replies');
    expect(notices()[0]!.options.body).toContain('“Quit Ujumbe”');
  });

  it('comes back from the tray ("Open Ujumbe") with a new window that talks to the running backend; the second close says nothing', async () => {
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]!.menu!.items.filter((i) => i.label).map((i) => i.label)).toEqual(['Open Ujumbe', 'Quit Ujumbe']);
    menuItem('Open Ujumbe').click!();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const window = rig.window();
    await vi.waitFor(() => expect(window.loadFile).toHaveBeenCalled());
    const list = await rig.ask('messages.list', {}, window);
    expect(list.ok).toBe(true);
    window.close();
    expect(notices()).toHaveLength(1);
    expect(app.quitted).toBe(false);
  });

  it('comes back with a second launch too', async () => {
    app.emit('second-instance', {}, ['/opt/Ujumbe/ujumbe'], '/', {});
    expect(FakeBrowserWindow.instances).toHaveLength(3);
    await vi.waitFor(() => expect(rig.window().loadFile).toHaveBeenCalled());
  });

  it('quits from the tray ("Quit Ujumbe") through the orderly shutdown: the backend stops first', async () => {
    await quitFromTray();
    await vi.waitFor(() => expect(rig.log()).toMatch(/Stopping[\s\S]*Stopped/));
    expect(ipcMain.handlers.size).toBe(0);
    expect(FakeTray.instances[0]!.destroy).toHaveBeenCalledOnce();
    // The quit closed the window: that is no "still running" moment.
    expect(notices()).toHaveLength(1);
    // Remembered in the settings store (the database is closed now), which is encrypted with its
    // key in the (fake) keychain: the desktop's own protection, not the headless key file.
    expect(databaseKeyStatus(rig.dataDir).protection).toBe('keychain');
    const db = openDataFolderDatabase(rig.dataDir, { readonly: true, sealer: fakeKeychain });
    try {
      expect(db.prepare("SELECT value FROM settings WHERE key = 'trayNoticeShown'").pluck().get()).toBe('true');
    } finally {
      db.close();
    }
  });

  it('after a restart, the first close says nothing: the notice was remembered in the data folder', async () => {
    resetFakeElectron();
    app.quitted = false;
    vi.resetModules();
    const window = await rig.launch();
    expect(await rig.ask('app.info', {}, window)).toMatchObject({ ok: true });
    window.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notices()).toHaveLength(0);
    expect(fakeElectron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(app.quitted).toBe(false);
    await quitFromTray();
  });
});
