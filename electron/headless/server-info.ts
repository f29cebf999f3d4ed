/**
 * `<data-dir>/server.json`: how other processes of the same user find a running headless host
 * (`ujumbe send` hands its message over instead of opening the modem a second time). It holds
 * the token, so it is written 0600 inside the 0700 data folder, atomically (a reader never sees
 * half a file), and removed on close only if it is still ours.
 */
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_INFO_FILE = 'server.json';

export interface ServerInfo {
  /** The host's base URL, e.g. http://127.0.0.1:8765/ (no token). */
  url: string;
  port: number;
  token: string;
  pid: number;
}

export function serverInfoPath(dataDir: string): string {
  return join(dataDir, SERVER_INFO_FILE);
}

/** The file's content if it is there and well-formed, else null (never throws). */
export function readServerInfo(dataDir: string): ServerInfo | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(serverInfoPath(dataDir), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.url !== 'string' || typeof v.token !== 'string' || !Number.isInteger(v.port) || !Number.isInteger(v.pid)) return null;
  try {
    const url = new URL(v.url);
    if (url.protocol !== 'http:') return null;
  } catch {
    return null;
  }
  return { url: v.url, port: v.port as number, token: v.token, pid: v.pid as number };
}

/** Writes the file with mode 0600, atomically (temp file + rename). @throws the file system's error */
export function writeServerInfo(dataDir: string, info: ServerInfo): void {
  const path = serverInfoPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600, flag: 'w' });
  // `mode` applies only when the file is created; a leftover temp file keeps its old mode.
  if (process.platform !== 'win32') chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** Removes the file if it still carries `token` (another host may have replaced it). Never throws. */
export function removeServerInfo(dataDir: string, token: string): void {
  const current = readServerInfo(dataDir);
  if (current !== null && current.token !== token) return;
  try {
    unlinkSync(serverInfoPath(dataDir));
  } catch {
    // Already gone.
  }
}

/** True if a process with this id exists (it may belong to another user: EPERM). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
