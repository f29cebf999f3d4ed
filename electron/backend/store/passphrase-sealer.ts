/**
 * Seals the database key with a passphrase instead of a key file (issue 13 "Data at rest": the
 * headless host takes "a key file (mode 0600) or a passphrase"). Given as UJUMBE_DB_PASSPHRASE
 * to `ujumbe serve` (a service manager's credential store, a prompt in a start script), it is
 * never written anywhere: without it the data folder alone opens nothing.
 * AES-256-GCM under scrypt(passphrase, salt), salt stored with the sealed text.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { KeyFileSecretStore } from '../gateways/email/secret-store.ts';
import type { DatabaseKeySealer } from './database-key.ts';

const PREFIX = 'pp1:';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** About 0.1 s here, once per start. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
/** Shorter passphrases are refused: scrypt slows a guesser down, it cannot make "1234" safe. */
export const MIN_PASSPHRASE_CHARS = 10;

export class PassphraseSealer implements DatabaseKeySealer {
  readonly protection = 'passphrase' as const;

  /** @throws Error when the passphrase is shorter than MIN_PASSPHRASE_CHARS. */
  constructor(private readonly passphrase: string) {
    if ([...passphrase].length < MIN_PASSPHRASE_CHARS) throw new Error(`UJUMBE_DB_PASSPHRASE must be at least ${MIN_PASSPHRASE_CHARS} characters.`);
  }

  seal(plain: string): string {
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(salt), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not sealed with a passphrase');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < SALT_BYTES + IV_BYTES + TAG_BYTES) throw new Error('damaged');
    const salt = raw.subarray(0, SALT_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(salt), raw.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES));
    decipher.setAuthTag(raw.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(SALT_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  private keyFor(salt: Buffer): Buffer {
    return scryptSync(this.passphrase.normalize('NFC'), salt, 32, SCRYPT);
  }
}

/** The headless host's and the CLI's sealer: UJUMBE_DB_PASSPHRASE when it is set, else the data folder's key file. */
export function headlessKeySealer(dataDir: string, env: NodeJS.ProcessEnv = process.env): DatabaseKeySealer {
  const passphrase = env.UJUMBE_DB_PASSPHRASE;
  return passphrase !== undefined && passphrase !== '' ? new PassphraseSealer(passphrase) : new KeyFileSecretStore(dataDir);
}
