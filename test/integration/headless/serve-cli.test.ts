/**
 * `ujumbe serve` as a user runs it (the real command in a child process), and `ujumbe send`
 * handing its message to the running host instead of opening a modem itself.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { runUjumbe } from '../../support/run-cli.ts';
import { type Served, URL_LINE, serve, serveWith } from '../../support/serve-child.ts';

let sim: ModemSimulator;
let dataDir: string;
let running: Served | null = null;

beforeEach(async () => {
  sim = await ModemSimulator.start({ profile: 'huawei' });
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-serve-'));
});

afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exit;
  }
  running = null;
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ujumbe serve', () => {
  it('prints the URL line with the token, serves the API, and exits 0 on SIGTERM', async () => {
    running = await serve('--port', '0', '--data-dir', dataDir, '--modem', sim.path);
    expect(running.stdout().trimEnd()).toMatch(URL_LINE);
    const health = await fetch(new URL('api/v1/health', running.url), { headers: { Authorization: `Bearer ${running.token}` } });
    expect(await health.json()).toMatchObject({ status: 'ok', gateways: 1 });
    expect(existsSync(join(dataDir, 'server.json'))).toBe(true);

    running.child.kill('SIGTERM');
    const { code } = await running.exit;
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    expect(running.stdout().trim().split('\n')).toHaveLength(1);
    // The token is printed once, in the URL fragment, and never logged.
    expect(running.stderr()).not.toContain(running.token);
  });

  it('finds the modem by itself where UJUMBE_MODEM_SEARCH points, with no --modem, and sends through it', async () => {
    const search = mkdtempSync(join(tmpdir(), 'ujumbe-search-'));
    const found = await ModemSimulator.start({ profile: 'huawei', link: join(search, 'ttyUSB0') });
    try {
      running = await serveWith({ UJUMBE_MODEM_SEARCH: join(search, 'tty*') }, '--port', '0', '--data-dir', dataDir);
      const auth = { Authorization: `Bearer ${running.token}`, 'Content-Type': 'application/json' };
      let gateways: Array<{ id: string; state: string; kind: string }> = [];
      for (let i = 0; i < 200 && !gateways.some((g) => g.kind === 'modem' && g.state === 'running'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        gateways = ((await (await fetch(new URL('api/v1/gateways', running.url), { headers: auth })).json()) as { items: typeof gateways }).items;
      }
      expect(gateways).toEqual([expect.objectContaining({ id: 'modem:356938035643809', kind: 'modem', state: 'running' })]);
      const sent = await fetch(new URL('api/v1/messages', running.url), { method: 'POST', headers: auth, body: JSON.stringify({ to: ['+254712345678'], text: 'found by serve' }) });
      expect(sent.status).toBe(201);
      for (let i = 0; i < 200 && found.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(found.received.map((r) => r.decoded.text)).toEqual(['found by serve']);
      expect(running.stderr()).not.toContain('no modem is saved');
    } finally {
      await found.stop();
      rmSync(search, { recursive: true, force: true });
    }
  });

  it('says plainly when the port is taken, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runUjumbe('serve', '--port', String(port), '--data-dir', dataDir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(run.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('refuses a reachable address without --allow-remote (exit 2)', async () => {
    const run = await runUjumbe('serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--allow-remote');
  });
});

describe('ujumbe send with a running host', () => {
  it('hands the message to the host: its modem sends it, the CLI never opens a port', async () => {
    running = await serve('--port', '0', '--data-dir', dataDir, '--modem', sim.path);
    // A second modem named on the command line: were the CLI to open it, it would see AT commands.
    const bystander = await ModemSimulator.start({ profile: 'generic' });
    try {
      const run = await runUjumbe('send', '--modem', bystander.path, '--to', '0712345678', '--text', 'Habari kutoka CLI', '--data-dir', dataDir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^\+254712345678 {2}sent \(reference \d+\)\n$/);
      expect(run.stderr).toContain(`Handing the message to the running Ujumbe at ${running.url}`);
      expect(sim.received.map((r) => [r.decoded.recipient, r.decoded.text])).toEqual([['+254712345678', 'Habari kutoka CLI']]);
      expect(bystander.commands).toEqual([]);

      const bad = await runUjumbe('send', '--to', 'billybones', '--text', 'Habari', '--data-dir', dataDir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('billybones');
    } finally {
      await bystander.stop();
    }
  });

  it('ignores a stale server.json and opens the modem itself', async () => {
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ url: 'http://127.0.0.1:9/', port: 9, token: 'old', pid: process.pid }), { mode: 0o600 });
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(sim.received).toHaveLength(1);
  });
});
