/**
 * `ujumbe doctor` as a user runs it: the real command in a child process, the simulator's links
 * in a temp folder found through UJUMBE_MODEM_SEARCH, a data folder of its own (XDG_DATA_HOME)
 * so a running Ujumbe is found only when a test starts one.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import { writeServerInfo } from '../../../electron/headless/server-info.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';
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

const search = () => join(dir, 'tty*');

function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, UJUMBE_MODEM_SEARCH: search(), XDG_DATA_HOME: xdg };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'doctor', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function modem(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ profile: 'huawei', link: join(dir, 'ttyGSM0'), ...options });
  cleanups.push(() => sim.stop());
  return sim;
}

interface GatewayItem {
  id: string;
  kind: string;
  state: string;
  detail: { port?: string; signalBars?: number | null };
}

/**
 * A real `ujumbe serve --data-dir <its own folder>` (as test/integration/headless/serve-cli.test.ts
 * starts it) that finds the simulator through the same search patterns and holds its port; ready
 * once `ready` holds for its modem gateway.
 */
async function serve(ready: (g: GatewayItem) => boolean = (g) => g.state === 'running'): Promise<{ child: ChildProcessWithoutNullStreams; dataDir: string; gateway: GatewayItem }> {
  const dataDir = join(dir, 'serve-data');
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: 'pipe', env: { ...process.env, UJUMBE_MODEM_SEARCH: search() } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 30 s; stderr: ${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Ujumbe is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=([A-Za-z0-9_-]+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(`${match[1]}|${match[2]}`);
      }
    });
    void exited.then(() => reject(new Error(`serve exited; stderr: ${stderr}`)));
  });
  const [base = '', token = ''] = url.split('|');
  for (let i = 0; i < 400; i++) {
    const response = await fetch(new URL('api/v1/gateways', base), { headers: { Authorization: `Bearer ${token}` } });
    const { items } = (await response.json()) as { items: GatewayItem[] };
    const gateway = items.find((g) => g.kind === 'modem' && ready(g));
    if (gateway) return { child, dataDir, gateway };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`serve's modem gateway never got ready; stderr: ${stderr}`);
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

  it('with `ujumbe serve --data-dir` of another folder holding the modem: Ujumbe holds it, not a program to kill', async () => {
    const sim = await modem();
    const { child } = await serve();
    const run = await doctor();
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(
      `${sim.path}: in use by Ujumbe (process ${child.pid}), not by another program — do not close it: use "Check this computer" in that Ujumbe's Gateways panel (or run \`ujumbe doctor --data-dir\` with its data folder).`,
    );
    expect(run.stdout).not.toMatch(/port busy|kill/);
    expect(lines.at(-1)).toMatch(/^No modem is free for this check: Ujumbe holds /);
    expect(run.code).toBe(1);

    const json = await doctor('--json');
    const report = JSON.parse(json.stdout) as DoctorReportDto;
    expect(report.findings.filter((f) => f.path === sim.path)).toEqual([
      { code: 'ok-port-in-use', severity: 'ok', path: sim.path, values: { path: sim.path, by: 'ujumbe', pid: child.pid } },
    ]);
  });

  it('--data-dir finds the Ujumbe running there: no port opened, its gateway named, with its SIM and network', async () => {
    // One bar: the gateway reads the signal and the check reports it from what the gateway knows.
    const sim = await modem({ signalCsq: 5 });
    const { child, dataDir } = await serve((g) => g.state === 'running' && typeof g.detail.signalBars === 'number');
    const probesBefore = sim.commands.filter((c) => c.includes('CGSN')).length;
    const run = await doctor('--data-dir', dataDir, '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as DoctorReportDto & { patterns: string[] };
    expect(report.patterns).toEqual([search()]);
    expect(report.findings[0]).toMatchObject({ code: 'host-running', values: { pid: child.pid, running: 1, gateways: 1 } });
    expect(report.findings.filter((f) => f.path === sim.path)).toEqual([
      { code: 'ok-port-in-use', severity: 'ok', path: sim.path, values: { path: sim.path, gatewayId: 'modem:356938035643809', model: 'E3131' } },
      { code: 'weak-signal', severity: 'warning', path: sim.path, values: { path: sim.path, bars: 1, dBm: -103 } },
    ]);
    // Nobody asked the modem who it is again: the check opened nothing.
    expect(sim.commands.filter((c) => c.includes('CGSN')).length).toBe(probesBefore);
    expect(run.code).toBe(0);

    const text = await doctor('--data-dir', dataDir);
    expect(text.stdout).toContain(`Ujumbe is already running (process ${child.pid}, `);
    expect(text.stdout).toContain(`${sim.path}: in use by Ujumbe (gateway modem:356938035643809, E3131) — not opened by this check.`);
    expect(text.stdout).toContain(`${sim.path}: weak signal (1 of 5 bars, -103 dBm)`);
  });

  it('--data-dir of a folder where nothing runs: the usual check', async () => {
    const sim = await modem();
    const run = await doctor('--data-dir', join(dir, 'nothing-here'));
    expect(run.stdout).toContain(`${sim.path}: a modem answers (huawei E3131)`);
    expect(run.code).toBe(0);
  });

  it('--json gives the search patterns as a list, and leaves out values that are not known', async () => {
    const run = await doctor('--json');
    const report = JSON.parse(run.stdout) as DoctorReportDto & { patterns: unknown };
    expect(Object.keys(report)).toEqual(['platform', 'patterns', 'findings']);
    expect(report.patterns).toEqual([search()]);
    // The finding's values are strings or numbers: there the patterns stay one joined string.
    expect(report.findings).toContainEqual({ code: 'no-candidates', severity: 'problem', path: null, values: { patterns: search() } });
    for (const f of report.findings) expect(Object.values(f.values), f.code).not.toContain('');
    expect(run.code).toBe(1);
  });

  it('refuses bad input with exit 2', async () => {
    const run = await doctor('--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ujumbe doctor: Unknown option '--bogus'/);
    const extra = await doctor('now');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected argument "now"');
    const noDir = await doctor('--data-dir');
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/^ujumbe doctor: Option '--data-dir <value>' argument missing/);
  });

  it('has --help and is listed in ujumbe --help', async () => {
    const help = await doctor('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ujumbe doctor [--json] [--data-dir DIR]');
    expect(help.stdout).toContain('--data-dir DIR ');
    const list = await new Promise<string>((resolve) => execFile(process.execPath, [BIN, '--help'], (_e, stdout) => resolve(stdout)));
    expect(list).toMatch(/^ {2}doctor +check this computer/m);
  });
});
