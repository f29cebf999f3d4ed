// A pair of connected pseudo-terminals made by socat: what one side writes, the other reads.
// The app opens `appPath` (a symlink we choose) exactly as it would open /dev/ttyUSB0; the
// simulator opens `simPath`. Killing socat closes both ends, which is how a USB modem being
// pulled out looks to the app: serialport emits `close` with `err.disconnected === true`
// (measured here; design brief, "This machine").
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, unlinkSync } from 'node:fs';

export interface PtyPair {
  /** The symlink the app opens. */
  readonly appPath: string;
  /** The /dev/pts/N device the simulator opens. */
  readonly simPath: string;
  /** Resolves when socat has exited (for whatever reason). */
  readonly exited: Promise<void>;
  /** Kill socat (closing both ends) and wait for it to exit. Idempotent. */
  close(): Promise<void>;
}

const SOCAT_READY_TIMEOUT_MS = 10_000;

// socat processes still alive, killed synchronously if this process exits without stop().
const liveSocats = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of liveSocats) child.kill('SIGKILL');
  });
}

// socat outlives a parent killed with SIGKILL (a crashed test worker, a killed CLI), keeping its
// pty and link alive. util-linux setpriv --pdeathsig asks the kernel (prctl PR_SET_PDEATHSIG) to
// send socat SIGTERM when its parent dies; socat then removes its link itself.
const SETPRIV = '/usr/bin/setpriv';

function socatCommand(args: string[]): [string, string[]] {
  return existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'TERM', 'socat', ...args]] : ['socat', args];
}

function removeStaleLink(link: string): void {
  try {
    // Only a leftover symlink (a previous run killed with SIGKILL) is ours to remove.
    if (lstatSync(link).isSymbolicLink()) unlinkSync(link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Starts `socat -d -d PTY,raw,echo=0,link=<appLink> PTY,raw,echo=0` and resolves once socat
 * reports its data loop (both ptys exist and the link is in place).
 * Throws if socat is missing (`apt-get install -y socat`) or exits before it is ready.
 */
export async function openPtyPair(appLink: string): Promise<PtyPair> {
  installExitHook();
  removeStaleLink(appLink);
  const [command, args] = socatCommand(['-d', '-d', `PTY,raw,echo=0,link=${appLink}`, 'PTY,raw,echo=0']);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  liveSocats.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      liveSocats.delete(child);
      resolve();
    });
    child.once('error', () => {
      liveSocats.delete(child);
      resolve();
    });
  });

  const ptyPaths = await new Promise<string[]>((resolve, reject) => {
    let log = '';
    const paths: string[] = [];
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`socat did not make a pty pair: ${why}\n${log}`));
    };
    const onEarlyError = (error: Error): void => fail(`${error.message} (is socat installed? apt-get install -y socat)`);
    const onEarlyExit = (code: number | null): void => fail(`socat exited with code ${String(code)}`);
    const timer = setTimeout(() => fail('timed out'), SOCAT_READY_TIMEOUT_MS);
    child.once('error', onEarlyError);
    child.once('exit', onEarlyExit);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      log += text;
      // socat -d -d prints "N PTY is /dev/pts/N" once per address, in address order, then
      // "N starting data transfer loop" when both are open.
      for (const match of text.matchAll(/PTY is (\S+)/g)) {
        if (match[1] !== undefined) paths.push(match[1]);
      }
      if (text.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.off('error', onEarlyError);
        child.off('exit', onEarlyExit);
        resolve(paths);
      }
    });
  });
  // Keep draining socat's log so a chatty socat can never block on a full pipe.
  child.stderr?.resume();

  const simPath = ptyPaths[1];
  if (simPath === undefined) throw new Error(`socat reported ${ptyPaths.length} ptys, expected 2`);

  let closing: Promise<void> | null = null;
  return {
    appPath: appLink,
    simPath,
    exited,
    close(): Promise<void> {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })();
      return closing;
    },
  };
}
