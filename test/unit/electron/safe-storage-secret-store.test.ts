/** The desktop's SecretStore: safeStorage when it protects, else the key file, and the UI's words. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeSafeStorage } from './fake-electron.ts';
import { vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { SafeStorageSecretStore, desktopSecretStore } = await import('../../../electron/main/safe-storage-secret-store.ts');

beforeEach(() => {
  fakeSafeStorage.available = true;
  fakeSafeStorage.backend = 'gnome_libsecret';
});

describe('SafeStorageSecretStore', () => {
  it('seals with safeStorage and opens what it sealed; the sealed text is not the password', () => {
    const store = new SafeStorageSecretStore();
    const sealed = store.seal('s3cret-pässword');
    expect(sealed).not.toContain('s3cret');
    expect(fakeSafeStorage.encryptString).toHaveBeenCalledWith('s3cret-pässword');
    expect(store.open(sealed)).toBe('s3cret-pässword');
    expect(store.protection).toBe('keychain');
  });

  it('refuses a changed or foreign sealed text with words', () => {
    const store = new SafeStorageSecretStore();
    expect(() => store.open('ss1:' + Buffer.from('garbage').toString('base64'))).toThrow(/keychain cannot read/);
    expect(() => store.open('v1:abcd')).toThrow(/sealed another way/);
  });

  it('falls back to the key file where safeStorage cannot protect (unavailable, or Linux basic_text)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-ss-'));
    expect(desktopSecretStore(dir).protection).toBe('keychain');
    fakeSafeStorage.available = false;
    expect(desktopSecretStore(dir).protection).toBe('key-file');
    fakeSafeStorage.available = true;
    fakeSafeStorage.backend = 'basic_text';
    expect(desktopSecretStore(dir).protection).toBe(process.platform === 'linux' ? 'key-file' : 'keychain');
  });
});
