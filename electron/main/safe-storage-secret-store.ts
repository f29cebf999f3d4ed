/**
 * The desktop's SecretStore: Electron's safeStorage (the OS keychain: Keychain on macOS, DPAPI
 * on Windows, libsecret/kwallet on Linux). Where safeStorage cannot protect anything (no
 * keyring on Linux: its 'basic_text' backend is a hard-coded key), the key file in the data
 * folder is used instead, and the panel says so. Call after app 'ready'.
 */
import { safeStorage as electronSafeStorage } from 'electron';
import { KeyFileSecretStore, type SecretStore, SecretStoreError } from '../backend/gateways/email/secret-store.ts';

type SafeStorage = Pick<typeof electronSafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

const PREFIX = 'ss1:';

export class SafeStorageSecretStore implements SecretStore {
  readonly protection = 'keychain' as const;
  constructor(private readonly safeStorage: SafeStorage = electronSafeStorage) {}

  seal(plain: string): string {
    return PREFIX + this.safeStorage.encryptString(plain).toString('base64');
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new SecretStoreError('The saved password was sealed another way; enter it again.');
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
    } catch {
      throw new SecretStoreError('The system keychain cannot read the saved password; enter it again.');
    }
  }
}

/** The keychain when it really protects, else the data folder's key file. */
export function desktopSecretStore(dataDir: string, safeStorage: SafeStorage = electronSafeStorage): SecretStore {
  const usable = safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  return usable ? new SafeStorageSecretStore(safeStorage) : new KeyFileSecretStore(dataDir);
}
