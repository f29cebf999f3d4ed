/**
 * The database's key (issue 13 "Data at rest"): 32 random bytes that encrypt every page of
 * ujumbe.db (SQLCipher 4's format, through better-sqlite3-multiple-ciphers; open-database.ts
 * applies it). The key never sits in the data folder as it is. `database-key.json` beside the
 * database holds it twice, wrapped:
 * - `sealed`: by the host's SecretStore: Electron safeStorage (the OS keychain) on the desktop,
 *   the data folder's key file or a passphrase in the headless host (secret-store.ts,
 *   passphrase-sealer.ts);
 * - `recovery`: AES-256-GCM under a key stretched (scrypt) from a recovery code, which an
 *   administrator is shown once (`pendingCode`, sealed like the key, removed once they say they
 *   wrote it down). With the code, `ujumbe recover` re-seals the key when the keychain is lost
 *   (a new Windows profile, a reinstalled OS).
 *
 * Losing the keychain is not damage: a key that cannot be unwrapped stops the start with
 * DatabaseKeyError before the damage check runs, so the database is never set aside as damaged
 * and replaced by an empty one for want of its key.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UjumbeError } from '../../../src-shared/errors.ts';
import { KeyFileSecretStore } from '../gateways/email/secret-store.ts';
import { PassphraseSealer } from './passphrase-sealer.ts';

export const DATABASE_KEY_FILE = 'database-key.json';
const KEY_BYTES = 32;
/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 24;

export type KeyProtection = 'keychain' | 'key-file' | 'passphrase';

/**
 * Seals the key: a SecretStore (secret-store.ts: the keychain, or the data folder's key file)
 * or a passphrase (passphrase-sealer.ts).
 */
export interface DatabaseKeySealer {
  readonly protection: KeyProtection;
  seal(plain: string): string;
  /** @throws when the sealed text was not sealed by this sealer, or was changed. */
  open(sealed: string): string;
}

interface KeyFile {
  version: 1;
  /** How `sealed` was sealed (the sealer's protection when the key was made or re-sealed). */
  protection: KeyProtection;
  /** The key in hex, sealed by the SecretStore. */
  sealed: string;
  /** The key in hex, sealed by PassphraseSealer with the recovery code as its passphrase. */
  recovery: string;
  /** The recovery code, sealed, until an administrator has written it down. */
  pendingCode?: string;
}

export type DatabaseKeyProblem = 'unreadable' | 'missing' | 'damaged' | 'wrong-code';

/** The data cannot be opened for want of its key; never a reason to treat the database as damaged. */
export class DatabaseKeyError extends UjumbeError {
  constructor(
    readonly problem: DatabaseKeyProblem,
    message: string,
    readonly keyFile: string,
  ) {
    super(`database-key-${problem}`, message, { problem, keyFile });
  }
}

export interface DatabaseKey {
  key: Buffer;
  protection: KeyProtection;
  /** Made now (a new data folder, or the first start after the upgrade that brought encryption). */
  created: boolean;
}

/** What the Settings screen says about the protection (no secret in it). */
export interface DatabaseKeyStatus {
  encrypted: true;
  protection: KeyProtection;
  recoveryCodePending: boolean;
}

/** The key of the database in `dataDir`: unwrapped from its key file, or made (and the file written) when there is none. */
export function loadOrCreateDatabaseKey(dataDir: string, sealer: DatabaseKeySealer, options: { databaseExists: boolean; databaseIsPlain: boolean }): DatabaseKey {
  const path = join(dataDir, DATABASE_KEY_FILE);
  if (existsSync(path)) {
    const file = readKeyFile(path);
    // Opened by the key file, it is sealed by this host's own sealer (the keychain, a passphrase) from here on.
    const opener = openerFor(file, dataDir, sealer);
    let hex: string;
    try {
      hex = opener.open(file.sealed);
    } catch {
      throw new DatabaseKeyError(
        'unreadable',
        `The key that opens Ujumbe's data cannot be read (it was protected by ${protectionWords(file.protection)}, and that protection does not open it now). With the recovery code an administrator wrote down, run: ujumbe recover --data-dir "${dataDir}"`,
        path,
      );
    }
    const key = keyFromHex(hex, path);
    if (opener !== sealer) {
      const pendingCode = file.pendingCode === undefined ? undefined : sealer.seal(opener.open(file.pendingCode));
      writeKeyFile(path, { version: 1, protection: sealer.protection, sealed: sealer.seal(hex), recovery: file.recovery, ...(pendingCode === undefined ? {} : { pendingCode }) });
      return { key, protection: sealer.protection, created: false };
    }
    return { key, protection: file.protection, created: false };
  }
  // No key file beside an encrypted database: the key is gone with it, and only a backup of the
  // key file (or the data) helps. Never make a new key over it.
  if (options.databaseExists && !options.databaseIsPlain) {
    throw new DatabaseKeyError('missing', `Ujumbe's data is encrypted, but its key file (${DATABASE_KEY_FILE}) is missing from "${dataDir}". Put the file back from a copy of the data folder.`, path);
  }
  const key = randomBytes(KEY_BYTES);
  const code = newRecoveryCode();
  writeKeyFile(path, { version: 1, protection: sealer.protection, sealed: sealer.seal(key.toString('hex')), recovery: wrapWithCode(key, code), pendingCode: sealer.seal(code) });
  return { key, protection: sealer.protection, created: true };
}

/**
 * The key, when this process can unwrap it, without making one or changing the key file: for
 * readers beside a running host (`ujumbe doctor`). Null when there is no key file (a plain or
 * new database) or it cannot be opened here (a keychain only the desktop app reaches).
 */
export function readDatabaseKey(dataDir: string, sealer: DatabaseKeySealer): Buffer | null {
  const path = join(dataDir, DATABASE_KEY_FILE);
  if (!existsSync(path)) return null;
  try {
    const file = readKeyFile(path);
    return keyFromHex(openerFor(file, dataDir, sealer).open(file.sealed), path);
  } catch {
    return null;
  }
}

export function databaseKeyStatus(dataDir: string): DatabaseKeyStatus {
  const file = readKeyFile(join(dataDir, DATABASE_KEY_FILE));
  return { encrypted: true, protection: file.protection, recoveryCodePending: file.pendingCode !== undefined };
}

/** The recovery code while an administrator has not yet said they wrote it down; null after. */
export function pendingRecoveryCode(dataDir: string, sealer: DatabaseKeySealer): string | null {
  const file = readKeyFile(join(dataDir, DATABASE_KEY_FILE));
  return file.pendingCode === undefined ? null : sealer.open(file.pendingCode);
}

/** The administrator wrote the code down: it is no longer kept anywhere. */
export function forgetRecoveryCode(dataDir: string): void {
  const path = join(dataDir, DATABASE_KEY_FILE);
  const { pendingCode: _gone, ...file } = readKeyFile(path);
  writeKeyFile(path, file);
}

/**
 * With the recovery code: the key, re-sealed by `sealer` (the keychain of this computer now).
 * @throws DatabaseKeyError 'wrong-code' when the code does not open it (nothing changed).
 */
export function recoverDatabaseKey(dataDir: string, code: string, sealer: DatabaseKeySealer): void {
  const path = join(dataDir, DATABASE_KEY_FILE);
  const file = readKeyFile(path);
  const key = unwrapWithCode(file.recovery, code, path);
  writeKeyFile(path, { version: 1, protection: sealer.protection, sealed: sealer.seal(key.toString('hex')), recovery: file.recovery });
}

/**
 * The key as the recovery code wraps it (the key file's `recovery`): what a backup carries beside
 * itself (backup/backup-files.ts), so it opens on another computer with the code alone. Never
 * the raw or the host-sealed key.
 */
export function recoveryWrappedKey(dataDir: string): string {
  return readKeyFile(join(dataDir, DATABASE_KEY_FILE)).recovery;
}

/**
 * The key a recovery code unwraps from `wrapped` (recoveryWrappedKey's text, kept beside a backup).
 * @throws DatabaseKeyError 'wrong-code' (`where` names the file in its details), 'damaged'.
 */
export function keyFromRecoveryWrap(wrapped: string, code: string, where: string): Buffer {
  return unwrapWithCode(wrapped, code, where);
}

/**
 * Makes `key` this data folder's key (a backup from another computer restored here,
 * backup/backup-restore.ts): sealed by `sealer`, its recovery wrap the backup's own, so the code
 * written down for that data keeps opening it. The key file is written whole (temp, fsync, rename).
 */
export function installDatabaseKey(dataDir: string, key: Buffer, recovery: string, sealer: DatabaseKeySealer): void {
  writeKeyFile(join(dataDir, DATABASE_KEY_FILE), { version: 1, protection: sealer.protection, sealed: sealer.seal(key.toString('hex')), recovery });
}

/** "ABCD-EFGH-…": 24 characters of Crockford base32 (120 bits), in groups of four. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % 32]!);
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** What a person typed, as it was made: case, spaces and dashes do not matter; O is 0, I and L are 1. */
export function normaliseRecoveryCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.replace(/(.{4})(?=.)/g, '$1-');
}

/** The key sealed under the recovery code: the same AES-256-GCM under scrypt as a passphrase (passphrase-sealer.ts). */
function wrapWithCode(key: Buffer, code: string): string {
  return new PassphraseSealer(normaliseRecoveryCode(code)).seal(key.toString('hex'));
}

function unwrapWithCode(wrapped: string, code: string, path: string): Buffer {
  const typed = normaliseRecoveryCode(code).replace(/-/g, '').length;
  if (typed !== CODE_CHARS) {
    throw new DatabaseKeyError('wrong-code', `A recovery code has ${CODE_CHARS} letters and digits, in six groups of four (like 7KQ2-M4XD-9RTB-Z3HE-WN6P-C8FA); this one has ${typed}.`, path);
  }
  let hex: string;
  try {
    hex = new PassphraseSealer(normaliseRecoveryCode(code)).open(wrapped);
  } catch {
    throw new DatabaseKeyError('wrong-code', 'That recovery code does not open this data. Check it against the one written down (letters and digits; dashes do not matter).', path);
  }
  return keyFromHex(hex, path);
}

/**
 * Who opens `sealed`: a key sealed by the key file opens with it whatever this host's sealer is
 * (after `ujumbe recover`, or a folder moved from `ujumbe serve` to the desktop).
 */
function openerFor(file: KeyFile, dataDir: string, sealer: DatabaseKeySealer): DatabaseKeySealer {
  return file.protection === 'key-file' && sealer.protection !== 'key-file' ? new KeyFileSecretStore(dataDir) : sealer;
}

function keyFromHex(hex: string, path: string): Buffer {
  const key = /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
  if (!key || key.length !== KEY_BYTES) throw damaged(path);
  return key;
}

function readKeyFile(path: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DatabaseKeyError('missing', `There is no Ujumbe key file (${DATABASE_KEY_FILE}) in ${dirname(path)}: check that this is the data folder.`, path);
    throw damaged(path);
  }
  const f = parsed as Partial<KeyFile>;
  if (f.version !== 1 || typeof f.sealed !== 'string' || typeof f.recovery !== 'string' || !['keychain', 'key-file', 'passphrase'].includes(String(f.protection))) throw damaged(path);
  if (f.pendingCode !== undefined && typeof f.pendingCode !== 'string') throw damaged(path);
  return f as KeyFile;
}

function damaged(path: string): DatabaseKeyError {
  return new DatabaseKeyError('damaged', `The key file ${path} is damaged. Put it back from a copy of the data folder.`, path);
}

/** Written whole or not at all (temp file, fsync, rename), owner-only: a crash never leaves half a key. */
function writeKeyFile(path: string, file: KeyFile): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

function protectionWords(protection: KeyProtection): string {
  if (protection === 'keychain') return "this computer's keychain for your user account, which only the desktop app can use";
  if (protection === 'passphrase') return 'the passphrase given in UJUMBE_DB_PASSPHRASE';
  return 'the key file secret.key in the data folder';
}

/** What the Settings screen works with: the protection, and the recovery code until it is written down. */
export interface DataProtection {
  status(): DatabaseKeyStatus;
  /** @returns null once an administrator said they wrote it down. */
  pendingCode(): string | null;
  codeWrittenDown(): void;
}

export function dataProtectionFor(dataDir: string, sealer: DatabaseKeySealer): DataProtection {
  return {
    status: () => databaseKeyStatus(dataDir),
    pendingCode: () => pendingRecoveryCode(dataDir, sealer),
    codeWrittenDown: () => forgetRecoveryCode(dataDir),
  };
}
