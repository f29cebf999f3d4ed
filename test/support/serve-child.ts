/**
 * `ujumbe serve` as a user runs it: the real command in a child process, resolved once it has
 * printed its address (the first stdout line), for tests that start, kill and restart it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/ujumbe.mjs', import.meta.url));
export const URL_LINE = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]{43})$/;

export interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function serve(...args: string[]): Promise<Served> {
  return serveWith({}, ...args);
}

export function serveWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL line within 30 s; stderr: ${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_LINE.exec(stdout.split('\n')[0] ?? '');
      if (match && stdout.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, port: Number(match[2]), token: match[3]!, stdout: () => stdout, stderr: () => stderr, exit });
      }
    });
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL; stderr: ${stderr}`));
    });
  });
}

