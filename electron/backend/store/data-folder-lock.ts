/**
 * One Ujumbe per data folder (docs/ARCHITECTURE.md "Hosts"). The desktop app, `ujumbe serve`
 * and `ujumbe send` each take this lock before they open the database, so two of them never
 * run the same outbox or fight over the same modem, whether they start one after the other or
 * at the same moment. A second one is refused with words saying who holds the folder.
 *
 * Why SQLite's own file lock, and not a lock file of our own or an npm package:
 * - The OS releases it when the holder dies, however it dies (SIGKILL, a crash): SQLite's unix
 *   VFS holds fcntl() byte-range locks and its Windows VFS LockFileEx() locks, and both belong
 *   to an open file of the process. A PID file alone goes stale, and proper-lockfile's mtime
 *   lock is only a guess after a crash (a live holder that stalls looks dead; a dead one blocks
 *   until its mtime ages).
 * - It needs nothing new: better-sqlite3 is already built for every place we run (Node for the
 *   CLI and tests, Electron when packaged). A flock() binding would be one more native module to
 *   build for two ABIs, and flock is not what Windows has.
 * - It means the same on Linux, macOS and Windows, also for two connections in ONE process:
 *   fcntl locks are per process, so SQLite tracks them per inode itself, and a second host
 *   started in the same process (tests, a retry) is refused just like another process.
 *
 * How: a dedicated connection to `<data-dir>/ujumbe.lock.db` with a busy timeout of 0,
 * `locking_mode = EXCLUSIVE`, the journal in memory (no -journal file to leave behind; nothing
 * is ever written), and a `BEGIN EXCLUSIVE` that is never committed: the EXCLUSIVE lock is held
 * until release() closes the connection or the process ends. A loser gets SQLITE_BUSY at once.
 * Never open ujumbe.lock.db with node:fs in this process: closing any descriptor of a file drops
 * all of the process's fcntl locks on it (POSIX), and only SQLite knows to defer that close.
 *
 * The lock database cannot tell a loser anything (being unreadable is what the exclusive lock
 * means), so the holder writes its pid, kind and start time to `<data-dir>/ujumbe.lock.json`
 * right after it has the lock, and removes it on release while it still holds the lock (only a
 * holder ever writes it). The file is words for the refusal, never the lock: a stale one left
 * by a killed holder is overwritten by the next.
 *
 * Known limit: on a network share (SMB, NFS) file locks are only as good as the server's; the
 * data folder is meant to be the user's local folder (store/data-dir.ts).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UjumbeError } from '../../../src-shared/errors.ts';
import { type Clock, systemClock } from '../clock.ts';
import { prepareDataDir } from './data-dir.ts';

export const LOCK_DATABASE_FILE_NAME = 'ujumbe.lock.db';
export const LOCK_INFO_FILE_NAME = 'ujumbe.lock.json';

/** Who holds a data folder: the desktop app, `ujumbe serve`, `ujumbe send`, or another caller of createBackend. */
export type DataFolderHost = 'desktop' | 'headless' | 'send' | 'other';
const HOSTS: readonly DataFolderHost[] = ['desktop', 'headless', 'send', 'other'];

export interface DataFolderLockInfo {
  pid: number;
  host: DataFolderHost;
  /** When the holder took the lock (ISO 8601). */
  since: string;
}

export interface DataFolderLock {
  readonly info: DataFolderLockInfo;
  /** Removes the info file and lets the folder go. Idempotent; never throws. */
  release(): void;
}

/**
 * How long a loser waits for the holder's info file: a holder that has just taken the lock (two
 * hosts started at the same moment) writes it within moments. Habit 7: every wait named here.
 */
export const LOCK_TIMEOUTS = { holderInfoMs: 1_000, holderInfoPollMs: 25 };

/** Another Ujumbe holds the data folder. `holder` is null when it could not be told who (its info file is missing). */
export class DataFolderLockedError extends UjumbeError {
  constructor(
    readonly holder: DataFolderLockInfo | null,
    now: Date = new Date(),
  ) {
    super('data-folder-in-use', lockedSentence(holder, now), { pid: holder?.pid ?? null, host: holder?.host ?? null, since: holder?.since ?? null });
  }
}

const HOST_WORDS: Record<DataFolderHost, string> = {
  desktop: 'the desktop app',
  headless: 'ujumbe serve',
  send: 'ujumbe send',
  other: 'another Ujumbe program',
};

/**
 * "Ujumbe is already running for this data folder (the desktop app, process 1234, since 09:12).
 * Close it first, or open a different data folder." The time is local; a start on another day
 * also gives the date.
 */
export function lockedSentence(holder: DataFolderLockInfo | null, now: Date = new Date()): string {
  const who = holder === null ? 'another Ujumbe program' : `${HOST_WORDS[holder.host]}, process ${holder.pid}${sinceWords(holder.since, now)}`;
  return `Ujumbe is already running for this data folder (${who}). Close it first, or open a different data folder.`;
}

function sinceWords(since: string, now: Date): string {
  const at = new Date(since);
  if (Number.isNaN(at.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? `, since ${time}` : `, since ${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

/**
 * Takes the data folder for this process (creating the folder, 0700, if needed).
 * @throws DataFolderLockedError when another Ujumbe (in this process or another) holds it.
 * @throws the file system's or SQLite's error when the lock file cannot be opened at all.
 */
export function acquireDataFolderLock(dataDir: string, options: { host: DataFolderHost; clock?: Clock }): DataFolderLock {
  prepareDataDir(dataDir);
  // Wall time by default, not a backend's test clock: the start time is read by other processes.
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.now());
  const path = join(dataDir, LOCK_DATABASE_FILE_NAME);
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DataFolderLockedError(waitForHolderInfo(dataDir), now());
    throw error;
  }
  // Path-based, so no descriptor of the lock file is opened (see above). Patient data is not in
  // it, but every file in the folder is this user's only (docs/ARCHITECTURE.md "Invariants").
  if (process.platform !== 'win32') chmodSync(path, 0o600);

  const info: DataFolderLockInfo = { pid: process.pid, host: options.host, since: now().toISOString() };
  writeInfo(dataDir, info);
  let held = true;
  return {
    info,
    release() {
      if (!held) return;
      held = false;
      // While the lock is still ours, so the file removed is ours too.
      try {
        unlinkSync(join(dataDir, LOCK_INFO_FILE_NAME));
      } catch {
        // Already gone, or never written.
      }
      try {
        db.close();
      } catch {
        // Closing cannot fail in a way that keeps the lock: the descriptor goes with it.
      }
    },
  };
}

/**
 * The holder's info, waiting briefly for a holder that has only just taken the lock. A file
 * whose process is gone is a killed holder's leftover, not the holder.
 */
function waitForHolderInfo(dataDir: string): DataFolderLockInfo | null {
  // Real time, whatever clock the caller uses: this waits for another process.
  const deadline = systemClock.now() + LOCK_TIMEOUTS.holderInfoMs;
  for (;;) {
    const info = readDataFolderLockInfo(dataDir);
    if (info !== null && processAlive(info.pid)) return info;
    if (systemClock.now() >= deadline) return null;
    // Synchronous like the rest of start-up (createBackend is synchronous); reached only when
    // two Ujumbes start at the same moment.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_TIMEOUTS.holderInfoPollMs);
  }
}

/** The info file's content if it is there and well-formed, else null. Never throws. */
export function readDataFolderLockInfo(dataDir: string): DataFolderLockInfo | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dataDir, LOCK_INFO_FILE_NAME), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!Number.isInteger(v.pid) || typeof v.since !== 'string' || !HOSTS.includes(v.host as DataFolderHost)) return null;
  return { pid: v.pid as number, host: v.host as DataFolderHost, since: v.since };
}

/** Atomically (temp file + rename), 0600. A failure is only lost words for a loser: the lock is held either way. */
function writeInfo(dataDir: string, info: DataFolderLockInfo): void {
  const path = join(dataDir, LOCK_INFO_FILE_NAME);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(info) + '\n', { mode: 0o600 });
    // `mode` applies only when the file is created; a leftover temp file keeps its old mode.
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never created.
    }
  }
}

/** True if a process with this id exists (EPERM: it does, as another user's). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
