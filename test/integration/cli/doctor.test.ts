/**
 * `ujumbe doctor` as a user runs it: the real command in a child process, the simulator's links
 * in a temp folder found through UJUMBE_MODEM_SEARCH, a data folder of its own (XDG_DATA_HOME)
 * so a running Ujumbe is found only when a test starts one.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { writeServerInfo } from '../../../electron/headless/server-info.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { openPtyPair } from '../../../electron/modem-sim/pty-pair.ts';

const BIN = fileURLToPath(new URL('../../../bin/ujumbe.mjs', import.meta.url));

let dir: string;
let xdg: string;
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ujumbe-doctor-cli-'));
  xdg = join(dir, 'data');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, UJUMBE_MODEM_SEARCH: join(dir, 'tty*'), XDG_DATA_HOME: xdg };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'doctor', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function modem(): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ profile: 'huawei', link: join(dir, 'ttyGSM0') });
  cleanups.push(() => sim.stop());
  return sim;
}

async function deadPort(): Promise<string> {
  const pair = await openPtyPair(join(dir, 'ttyDEAD0'));
  cleanups.push(() => pair.close());
  return pair.appPath;
}

describe('ujumbe doctor', () => {
  it('finds the modem and prints it, says the silent port answers nothing, and exits 0', async () => {
    const sim = await modem();
    const dead = await deadPort();
    const run = await doctor();
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`${sim.path}: a modem answers (huawei E3131) — ready to use in Ujumbe.`);
    expect(lines.find((l) => l.startsWith(`${dead}: nothing answered AT — `))).toBeDefined();
    expect(lines.at(-1)).toBe(`Ready: Ujumbe can use the modem on ${sim.path}.`);
    expect(run.code).toBe(0);
  });

  it('prints the report as JSON with --json', async () => {
    const sim = await modem();
    const dead = await deadPort();
    const run = await doctor('--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReportDto;
    expect(report.platform).toBe(process.platform);
    expect(report.findings).toContainEqual({ code: 'ok-modem', severity: 'ok', path: sim.path, values: { path: sim.path, model: 'E3131', manufacturer: 'huawei' } });
    expect(report.findings).toContainEqual({ code: 'no-answer', severity: 'warning', path: dead, values: { path: dead } });
  });

  it('exits 1 when no modem answers', async () => {
    await deadPort();
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^No usable modem found/);
  });

  it('names the program that holds a port and leaves that port alone', async () => {
    const sim = await modem();
    // Another program with the modem's tty open (as minicom or ModemManager would have it).
    const holder = spawn('sh', ['-c', 'exec 3<>"$0"; exec sleep 60', realpathSync(sim.path)], { stdio: 'ignore' });
    cleanups.push(() => { holder.kill('SIGKILL'); });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const run = await doctor('--json');
    const report = JSON.parse(run.stdout) as DoctorReportDto;
    expect(report.findings.filter((f) => f.path === sim.path)).toEqual([
      { code: 'port-held', severity: 'problem', path: sim.path, values: { path: sim.path, program: 'sleep', pid: holder.pid } },
    ]);
    expect(sim.commands).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('opens no port while Ujumbe runs, says so, and points to the panel', async () => {
    const sim = await modem();
    const token = 'doctor-test-token';
    const server: Server = createServer((req, res) => {
      const ok = req.url === '/api/v1/health' && req.headers.authorization === `Bearer ${token}`;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(ok ? { status: 'ok', version: 'test', gateways: 1, running: 1 } : { error: { code: 'unauthorized', message: 'no' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const dataDir = join(xdg, 'ujumbe');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeServerInfo(dataDir, { url: `http://127.0.0.1:${port}/`, port, token, pid: process.pid });

    const run = await doctor();
    expect(run.stdout).toContain(`Ujumbe is already running (process ${process.pid}, http://127.0.0.1:${port}/, 1 of 1 gateways running) and holds its modems, so no port was opened`);
    expect(run.stdout).toContain('Check this computer');
    expect(run.stdout).not.toContain('a modem answers');
    expect(sim.commands).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('refuses bad input with exit 2', async () => {
    const run = await doctor('--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ujumbe doctor: Unknown option '--bogus'/);
    const extra = await doctor('now');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected argument "now"');
  });

  it('has --help and is listed in ujumbe --help', async () => {
    const help = await doctor('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ujumbe doctor [--json]');
    const list = await new Promise<string>((resolve) => execFile(process.execPath, [BIN, '--help'], (_e, stdout) => resolve(stdout)));
    expect(list).toMatch(/^ {2}doctor +check this computer/m);
  });
});
