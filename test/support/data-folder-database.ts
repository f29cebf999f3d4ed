/**
 * Opens the database of a data folder a host wrote (ujumbe serve, the desktop app under the fake
 * electron, a child process), with its key: since issue 13 the file is encrypted, and a test that
 * reads it afterwards unwraps the key as `ujumbe doctor` does (store/database-key.ts readDatabaseKey).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { KeyFileSecretStore } from '../../electron/backend/gateways/email/secret-store.ts';
import { type DatabaseKeySealer, readDatabaseKey } from '../../electron/backend/store/database-key.ts';
import { isPlainDatabase, openRaw } from '../../electron/backend/store/open-database.ts';

/** The key of the data folder's database; null when it is plain. @throws when it is encrypted and the key cannot be read. */
/** `sealer`: what sealed the key (the desktop's safeStorage under the fake electron); by default the key file. */
export function dataFolderKey(dataDir: string, sealer: DatabaseKeySealer = new KeyFileSecretStore(dataDir)): Buffer | null {
  const path = join(dataDir, 'ujumbe.db');
  if (isPlainDatabase(path)) return null;
  const key = readDatabaseKey(dataDir, sealer);
  if (key === null) throw new Error(`the database in ${dataDir} is encrypted and its key cannot be read here`);
  return key;
}

export function openDataFolderDatabase(dataDir: string, options: { readonly?: boolean; sealer?: DatabaseKeySealer } = {}): Database.Database {
  return openRaw(join(dataDir, 'ujumbe.db'), { key: dataFolderKey(dataDir, options.sealer), readonly: options.readonly ?? false, fileMustExist: true });
}
