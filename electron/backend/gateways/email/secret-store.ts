/**
 * Where the e-mail password is sealed before it touches the database. The backend never
 * imports electron, so the protection is injected: Electron's safeStorage on the desktop
 * (electron/main/safe-storage-secret-store.ts), a key file in the data folder for the headless
 * host (below).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UjumbeError } from '../../../../src-shared/errors.ts';

/** keychain: the operating system's keychain (safeStorage); key-file: `<data-dir>/secret.key`. */
export type SecretProtection = 'keychain' | 'key-file';

export interface SecretStore {
  readonly protection: SecretProtection;
  /** @returns an opaque string safe to store. @throws SecretStoreError */
  seal(plain: string): string;
  /** @throws SecretStoreError when the sealed text was changed or the key is not the one that sealed it. */
  open(sealed: string): string;
}

export class SecretStoreError extends UjumbeError {
  constructor(message: string) {
    super('secret-unreadable', message);
  }
}

export const SECRET_KEY_FILE = 'secret.key';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'v1:';

/**
 * AES-256-GCM under a random key kept in `<dataDir>/secret.key` (mode 0600, created on first
 * use). It keeps the password out of the database file and its backups; anyone who can read
 * the data folder as this user can still read both (the UI says which protection is in use).
 */
export class KeyFileSecretStore implements SecretStore {
  readonly protection = 'key-file' as const;
  readonly keyPath: string;
  private key: Buffer | null = null;

  constructor(dataDir: string) {
    this.keyPath = join(dataDir, SECRET_KEY_FILE);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new SecretStoreError('The saved password is in an unknown form; enter it again.');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretStoreError('The saved password is damaged; enter it again.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretStoreError('The saved password cannot be read (it was changed, or the key file is not the one it was saved with); enter it again.');
    }
  }

  private loadKey(): Buffer {
    if (this.key) return this.key;
    let fd: number | null = null;
    try {
      // 'wx': only the first process to get here creates the key; a second one reads it.
      fd = openSync(this.keyPath, 'wx', 0o600);
      const key = randomBytes(KEY_BYTES);
      writeSync(fd, key);
      this.key = key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      if (fd !== null) closeSync(fd);
    }
    if (!this.key) {
      const key = readFileSync(this.keyPath);
      if (key.length !== KEY_BYTES) throw new SecretStoreError(`The key file ${SECRET_KEY_FILE} in the data folder is damaged; remove it and enter the e-mail password again.`);
      // A key file copied around with looser permissions is put back to owner-only.
      if ((statSync(this.keyPath).mode & 0o077) !== 0) chmodSync(this.keyPath, 0o600);
      this.key = key;
    }
    return this.key;
  }
}
