/**
 * One Ujumbe per data folder, between real processes (electron/backend/store/data-folder-lock.ts):
 * two `ujumbe serve` started at the same moment, a holder killed with SIGKILL, and `ujumbe serve`
 * and `ujumbe send` refused while another kind of Ujumbe (here this test process, as the desktop
 * app) holds the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, LOCK_INFO_FILE_NAME } from '../../../electron/backend/store/data-folder-lock.ts';
import { runUjumbeWith } from '../../support/run-cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));
const URL_LINE = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=[A-Za-z0-9_-]{43}$/m;
const refusedBy = (words: string, pid: number) =>
  new RegExp(`^ujumbe serve: Ujumbe is already running for this data folder \\(${words}, process ${pid}, since \\d\\d:\\d\\d\\)\\. Close it first, or open a different data folder\\.\\n$`);

/** A `ujumbe serve` child: it either prints its URL line (`url`) or exits first (`url` null). */
interface Serve {
  pid: number;
  /** Settles with the URL once printed, or null if the process exited without one. */
  outcome: Promise<string | null>;
  exit: Promise<number | null>;
  stderr: () => string;
  kill(signal: NodeJS.Signals): void;
}

let dataDir: string;
let search: string;
let env: NodeJS.ProcessEnv;
const children: Serve[] = [];

function serve(): Serve {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: 'pipe', env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const outcome = new Promise<string | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_LINE.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exit.then(() => resolve(null));
  });
  const served: Serve = { pid: child.pid!, outcome, exit, stderr: () => stderr, kill: (signal) => child.kill(signal) };
  children.push(served);
  return served;
}

async function stop(served: Serve): Promise<void> {
  served.kill('SIGTERM');
  expect(await served.exit).toBe(0);
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-lock-'));
  // An empty place to look for modems: these hosts need none, and must probe nothing real.
  search = mkdtempSync(join(tmpdir(), 'ujumbe-lock-search-'));
  env = { ...process.env, UJUMBE_MODEM_SEARCH: join(search, 'tty*') };
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
    await child.exit;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(search, { recursive: true, force: true });
});

describe('two `ujumbe serve` on one data folder', () => {
  it('started at the same moment, exactly one runs and the other says who holds the folder (8 times)', async () => {
    for (let round = 0; round < 8; round++) {
      const pair = [serve(), serve()];
      const outcomes = await Promise.all(pair.map((s) => s.outcome));
      const winners = pair.filter((_, i) => outcomes[i] !== null);
      expect(winners, `round ${round}: ${pair.map((s) => s.stderr()).join(' | ')}`).toHaveLength(1);
      const winner = winners[0]!;
      const loser = pair.find((s) => s !== winner)!;
      expect(await loser.exit).toBe(1);
      expect(loser.stderr()).toMatch(refusedBy('ujumbe serve', winner.pid));
      // The winner was never disturbed: it still answers.
      const health = await fetch(new URL('api/v1/health', outcomes[pair.indexOf(winner)]!));
      expect(health.status).toBe(401); // alive; the token is its own
      await stop(winner);
    }
    // Sixteen real starts on a loaded 2-core machine: room, not a measurement.
  }, 300_000);

  it('a holder killed with SIGKILL lets the folder go: the next one starts', async () => {
    const first = serve();
    expect(await first.outcome).not.toBeNull();
    first.kill('SIGKILL');
    await first.exit;
    // It could clean nothing up: its words and its server.json are still there.
    expect(existsSync(join(dataDir, LOCK_INFO_FILE_NAME))).toBe(true);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(true);
    const next = serve();
    expect(await next.outcome, next.stderr()).not.toBeNull();
    await stop(next);
  }, 120_000);
});

describe('another kind of Ujumbe holds the folder', () => {
  it('refuses `ujumbe serve` and `ujumbe send` in one line, naming the desktop app, and they save nothing', async () => {
    const lock = acquireDataFolderLock(dataDir, { host: 'desktop' });
    try {
      const served = serve();
      expect(await served.outcome).toBeNull();
      expect(await served.exit).toBe(1);
      expect(served.stderr()).toMatch(refusedBy('the desktop app', process.pid));
      expect(existsSync(join(dataDir, 'server.json'))).toBe(false);

      const sent = await runUjumbeWith(env, 'send', '--to', '+254712345678', '--text', 'Habari', '--data-dir', dataDir);
      expect(sent.code).toBe(1);
      expect(sent.stdout).toBe('');
      expect(sent.stderr).toMatch(
        new RegExp(`^ujumbe send: Ujumbe is already running for this data folder \\(the desktop app, process ${process.pid}, since \\d\\d:\\d\\d\\)\\. Close it first, or open a different data folder\\. Nothing was saved\\.\\n$`),
      );

      // A read-only look takes no lock: it works beside the holder.
      const messages = await runUjumbeWith(env, 'messages', '--data-dir', dataDir, '--json');
      expect(messages.code, messages.stderr).toBe(0);
      expect(JSON.parse(messages.stdout)).toEqual([]);
    } finally {
      lock.release();
    }
  }, 120_000);
});
