/**
 * Where Ujumbe keeps its database: the per-user data folder of each OS, unless the caller names
 * one (the CLI's --data-dir, a test's temp dir). Patient data stays on the machine, readable by
 * this user only (docs/ARCHITECTURE.md "Invariants").
 */
import { mkdirSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32, posix } from 'node:path';

export const DATABASE_FILE_NAME = 'ujumbe.db';

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
}

const currentEnvironment = (): DataDirEnvironment => ({ platform: process.platform, env: process.env, homeDir: homedir() });

/**
 * The data folder: `explicitDir` when given, else the OS's user-data folder
 * (Linux `$XDG_DATA_HOME/ujumbe` or `~/.local/share/ujumbe`, macOS
 * `~/Library/Application Support/Ujumbe`, Windows `%APPDATA%\Ujumbe`).
 * Pure: does not touch the disk.
 */
export function resolveDataDir(explicitDir?: string | null, environment: DataDirEnvironment = currentEnvironment()): string {
  if (explicitDir) return explicitDir;
  const { platform, env, homeDir } = environment;
  if (platform === 'win32') {
    return win32.join(env.APPDATA ?? win32.join(homeDir, 'AppData', 'Roaming'), 'Ujumbe');
  }
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support', 'Ujumbe');
  // XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return xdg && xdg.startsWith('/') ? posix.join(xdg, 'ujumbe') : posix.join(homeDir, '.local', 'share', 'ujumbe');
}

/**
 * Creates the data folder (mode 0700) if needed and returns the database path inside it.
 * @throws the file system's error if the folder cannot be created.
 */
export function prepareDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for a folder that already exists.
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
  return join(dir, DATABASE_FILE_NAME);
}
