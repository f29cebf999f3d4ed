/** The headless host's key-file SecretStore: AES-256-GCM under <data-dir>/secret.key (0600). */
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileSecretStore, SecretStoreError } from '../../../electron/backend/gateways/email/secret-store.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'ujumbe-secret-'));

describe('KeyFileSecretStore', () => {
  it('round-trips; the sealed text is not the password and differs each time', () => {
    const store = new KeyFileSecretStore(dir());
    const a = store.seal('pässword 1');
    const b = store.seal('pässword 1');
    expect(a).not.toContain('pässword');
    expect(a).not.toBe(b);
    expect(store.open(a)).toBe('pässword 1');
    expect(store.protection).toBe('key-file');
  });

  it('creates the key on first use, 32 bytes, mode 0600; another instance on the folder reads it', () => {
    const d = dir();
    const store = new KeyFileSecretStore(d);
    expect(() => statSync(join(d, 'secret.key'))).toThrow();
    const sealed = store.seal('x');
    const st = statSync(join(d, 'secret.key'));
    if (process.platform !== 'win32') expect(st.mode & 0o777).toBe(0o600);
    expect(readFileSync(join(d, 'secret.key'))).toHaveLength(32);
    expect(new KeyFileSecretStore(d).open(sealed)).toBe('x');
  });

  it('refuses tampered ciphertext, another key, and garbage, with words', () => {
    const store = new KeyFileSecretStore(dir());
    const sealed = store.seal('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => store.open('v1:' + raw.toString('base64'))).toThrow(SecretStoreError);
    expect(() => new KeyFileSecretStore(dir()).open(sealed)).toThrow(/cannot be read/);
    expect(() => store.open('v1:AAAA')).toThrow(/damaged/);
    expect(() => store.open('plain')).toThrow(/unknown form/);
  });

  it('puts a loosened key file back to 0600 and refuses a damaged one', () => {
    const d = dir();
    new KeyFileSecretStore(d).seal('x');
    chmodSync(join(d, 'secret.key'), 0o644);
    new KeyFileSecretStore(d).seal('y');
    if (process.platform !== 'win32') expect(statSync(join(d, 'secret.key')).mode & 0o777).toBe(0o600);
    writeFileSync(join(d, 'secret.key'), 'short');
    expect(() => new KeyFileSecretStore(d).seal('z')).toThrow(/damaged/);
  });
});
