/**
 * The desktop app when this computer's keychain no longer opens the data's key (a new Windows
 * profile; against the stand-in `electron` module, with the real backend and main.ts): the app's
 * window opens on its key-recovery page instead of the app (electron/main/key-recovery-window.ts);
 * a wrong code and a foreign frame change nothing; the code written down opens the data, seals
 * the key with the keychain again, and the app starts with the clinic's contacts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, KEY_RECOVERY_QUERY } from '../../../src-shared/rpc/bridge.ts';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { DATABASE_KEY_FILE, pendingRecoveryCode } from '../../../electron/backend/store/database-key.ts';
import { SafeStorageSecretStore } from '../../../electron/main/safe-storage-secret-store.ts';
import { FakeBrowserWindow, fakeElectron, ipcEvent } from '../../unit/electron/fake-electron.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

// Before safe-storage-secret-store.ts loads `electron` (desktop-rig.ts mocks it too, imported after it).
vi.mock('electron', async () => (await import('../../unit/electron/fake-electron.ts')).fakeElectron);

const { ipcMain } = fakeElectron;
let rig: DesktopRig;
let code: string;
let recoveryWindow: FakeBrowserWindow;
const keyFile = () => JSON.parse(readFileSync(join(rig.dataDir, DATABASE_KEY_FILE), 'utf8')) as { protection: string; sealed: string; recovery: string };
const recoverKey = (value: unknown, window = recoveryWindow, frame = window.webContents.mainFrame) => ipcMain.handlers.get(IPC_CHANNELS.recoverKey)!(ipcEvent(window.webContents, frame), value);

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-key-recovery-', modem: 'none' });
  // The clinic's data, its key sealed by this computer's keychain as the desktop app does it.
  const sealer = new SafeStorageSecretStore();
  const before = createBackend({ dataDir: rig.dataDir, dataFolderLock: 'desktop', detection: false, secretStore: sealer });
  before.store.contacts.create('Amina Wanjiru');
  await before.stop({ deadlineMs: 1_000 });
  code = pendingRecoveryCode(rig.dataDir, sealer)!;
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
  // The keychain is new: what it sealed before no longer opens.
  const file = keyFile();
  writeFileSync(join(rig.dataDir, DATABASE_KEY_FILE), JSON.stringify({ ...file, sealed: file.sealed.replace(/:.*$/, `:${Buffer.from('another keychain').toString('base64')}`) }));
  recoveryWindow = await rig.launch();
}, 60_000);

afterAll(() => rig.close());

describe('the desktop app whose keychain lost the key', () => {
  it('opens its page asking for the recovery code, with no backend started', async () => {
    expect(recoveryWindow.webContents.mainFrame.url).toMatch(new RegExp(`index\\.html\\?${KEY_RECOVERY_QUERY}=1$`));
    expect(ipcMain.handlers.has(IPC_CHANNELS.recoverKey)).toBe(true);
    expect(rig.log()).toContain('asking for the recovery code');
    expect(rig.log()).not.toContain('Backend started');
  });

  it('refuses a foreign frame, and a wrong or over-long code changes nothing', async () => {
    const kept = readFileSync(join(rig.dataDir, DATABASE_KEY_FILE), 'utf8');
    await expect(Promise.resolve().then(() => recoverKey(code, recoveryWindow, { ...recoveryWindow.webContents.mainFrame, url: 'https://evil.example/' }))).rejects.toThrow('Refused: unknown sender');
    expect(await recoverKey('0000-0000-0000-0000-0000-0000')).toEqual({ ok: false, code: 'database-key-wrong-code' });
    expect(await recoverKey('A'.repeat(500))).toEqual({ ok: false, code: 'database-key-wrong-code' });
    expect(await recoverKey(42)).toEqual({ ok: false, code: 'database-key-wrong-code' });
    expect(readFileSync(join(rig.dataDir, DATABASE_KEY_FILE), 'utf8')).toBe(kept);
    expect(FakeBrowserWindow.instances.at(-1)).toBe(recoveryWindow);
  });

  it('opens the data with the code written down: the key is the keychain’s again and the app starts with the clinic’s contacts', async () => {
    const windows = FakeBrowserWindow.instances.length;
    expect(await recoverKey(code.toLowerCase())).toEqual({ ok: true });
    expect(recoveryWindow.destroyed).toBe(true);
    expect(ipcMain.handlers.has(IPC_CHANNELS.recoverKey)).toBe(false);
    await vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBe(windows + 1), { timeout: 15_000 });
    const main = FakeBrowserWindow.instances.at(-1)!;
    await vi.waitFor(() => expect(main.loadFile).toHaveBeenCalled());
    expect(main.loadFile.mock.calls[0]).toHaveLength(1);
    const contacts = await rig.ask('contacts.list', {}, main);
    expect(contacts.result).toMatchObject({ contacts: [expect.objectContaining({ name: 'Amina Wanjiru' })] });
    expect(keyFile().protection).toBe('keychain');
    expect(new SafeStorageSecretStore().open(keyFile().sealed)).toMatch(/^[0-9a-f]{64}$/);
  });
});
