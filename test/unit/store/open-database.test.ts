import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, resolveDataDir } from '../../../electron/backend/store/data-dir.ts';
import { openDatabase } from '../../../electron/backend/store/open-database.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { makeTempDir, type TempDir } from '../../support/backbone.ts';

const mode = (path: string) => statSync(path).mode & 0o777;
const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('opening the database', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('sets the pragmas a committed status relies on', () => {
    const db = openDatabase({ path: join(dir.path, 'x.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  posixOnly('creates the data folder 0700 and the database file 0600', () => {
    const dataDir = join(dir.path, 'nested', 'ujumbe');
    const store = openStore({ dataDir });
    store.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, DATABASE_FILE_NAME))).toBe(0o600);
  });

  posixOnly('tightens an existing database file to 0600', () => {
    const path = join(dir.path, DATABASE_FILE_NAME);
    writeFileSync(path, '', { mode: 0o644 });
    openDatabase({ path }).close();
    expect(mode(path)).toBe(0o600);
  });
});

describe('resolveDataDir', () => {
  const home = '/home/nurse';

  it('prefers the folder the caller names (--data-dir)', () => {
    expect(resolveDataDir('/srv/ujumbe', { platform: 'linux', env: {}, homeDir: home })).toBe('/srv/ujumbe');
  });

  it('uses $XDG_DATA_HOME on Linux, else ~/.local/share', () => {
    expect(resolveDataDir(null, { platform: 'linux', env: { XDG_DATA_HOME: '/data' }, homeDir: home })).toBe('/data/ujumbe');
    expect(resolveDataDir(null, { platform: 'linux', env: {}, homeDir: home })).toBe('/home/nurse/.local/share/ujumbe');
    // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
    expect(resolveDataDir(null, { platform: 'linux', env: { XDG_DATA_HOME: 'rel' }, homeDir: home })).toBe('/home/nurse/.local/share/ujumbe');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(resolveDataDir(undefined, { platform: 'darwin', env: {}, homeDir: '/Users/nurse' })).toBe('/Users/nurse/Library/Application Support/Ujumbe');
    expect(resolveDataDir(undefined, { platform: 'win32', env: { APPDATA: 'C:\\Users\\nurse\\AppData\\Roaming' }, homeDir: 'C:\\Users\\nurse' })).toBe(
      'C:\\Users\\nurse\\AppData\\Roaming\\Ujumbe',
    );
  });
});
