import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HELLO_PDU, openClient } from './fixture.ts';

const WAIT_MS = 20_000;

/** `npm run modem-sim -- <args>`, without npm in between (so signals reach it directly). */
function runCli(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string; waitFor: (pattern: RegExp) => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/modem-sim/cli.ts', ...args], { cwd: process.cwd() });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Waited for ${String(pattern)}; output: ${output}`)), WAIT_MS);
      const check = (): void => {
        if (!pattern.test(output)) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, output: () => output, waitFor, exited };
}

/** Polls `check` until it holds (for effects with no event to wait on, like a file vanishing). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Waited ${WAIT_MS} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('modem simulator: npm run modem-sim', () => {
  it('prints its usage with --help', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/^Usage: npm run modem-sim -- \[options\]/);
    expect(cli.output()).toContain('--profile <name>     generic | huawei | sim800 | quectel | wavecom | zte');
  });

  it('refuses a profile it does not know', async () => {
    const cli = runCli(['--profile', 'nokia']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('Unknown profile "nokia"');
  });

  it('serves a modem at --link, prints each SUBMIT with the number masked, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const link = join(dir, 'ttyGSM0');
    const cli = runCli(['--link', link, '--profile', 'sim800']);
    await cli.waitFor(/Modem simulator \(sends nothing real\) at .* \[sim800\]\n/);
    expect(cli.output()).toBe(`Modem simulator (sends nothing real) at ${link} [sim800]\n`);

    const modem = await openClient(link);
    await modem.command('ATE0');
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMGS: 0', 'OK']);
    await cli.waitFor(/SUBMIT .*\n/);
    expect(cli.output()).toContain('SUBMIT mr=0 to +********358: 10 chars gsm7\n');
    expect(cli.output()).not.toContain('46708251358');

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(await modem.disconnection()).toEqual({ disconnected: true });
    expect(existsSync(link)).toBe(false);
  });

  it('takes its pty down with it when killed with SIGKILL (no socat left behind)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const link = join(dir, 'ttyGSM0');
    const cli = runCli(['--link', link]);
    await cli.waitFor(/Modem simulator/);
    const modem = await openClient(link);
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);

    cli.child.kill('SIGKILL');
    expect(await modem.disconnection()).toEqual({ disconnected: true });
    // socat got SIGTERM from the kernel (setpriv --pdeathsig) and removed its link on the way out.
    await eventually(() => !existsSync(link), 'socat to remove the link');
  });
});
