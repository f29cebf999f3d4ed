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

  it('lists --imei, --pdu-mode and --port-role in its usage', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('--imei <15 digits>   the modem\'s IMEI (+CGSN)');
    expect(cli.output()).toContain('--pdu-mode on|off    off: a modem without PDU mode');
    expect(cli.output()).toContain('--port-role <role>   modem | diagnostic (AT and identity answer, SMS commands are');
  });

  it('refuses an IMEI that is not 15 digits, a --pdu-mode other than on/off and an unknown --port-role, each with exit 2', async () => {
    for (const [args, message] of [
      [['--imei', '35693803564380'], '--imei wants the 15 digits of an IMEI, got "35693803564380"'],
      [['--imei', '3569380356438090'], '--imei wants the 15 digits of an IMEI, got "3569380356438090"'],
      [['--imei', '35693803564380x'], '--imei wants the 15 digits of an IMEI, got "35693803564380x"'],
      [['--pdu-mode', 'no'], '--pdu-mode wants on or off, got "no"'],
      [['--port-role', 'gps'], '--port-role wants modem, diagnostic, not-a-modem; got "gps"'],
    ] as const) {
      const cli = runCli([...args]);
      expect(await cli.exited, args.join(' ')).toBe(2);
      expect(cli.output(), args.join(' ')).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nUsage: `));
    }
  });

  it('a second simulated modem gets its own --imei; --port-role diagnostic with the same IMEI is its second port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const second = runCli(['--link', join(dir, 'ttyGSM1'), '--profile', 'huawei', '--imei', '861234567890123']);
    const diag = runCli(['--link', join(dir, 'ttyGSM2'), '--profile', 'huawei', '--imei', '861234567890123', '--port-role', 'diagnostic']);
    await second.waitFor(/Modem simulator/);
    await diag.waitFor(/Modem simulator/);
    expect(second.output()).toBe(`Modem simulator (sends nothing real) at ${join(dir, 'ttyGSM1')} [huawei, IMEI 861234567890123]\n`);
    expect(diag.output()).toBe(`Modem simulator (sends nothing real) at ${join(dir, 'ttyGSM2')} [huawei, IMEI 861234567890123, diagnostic port]\n`);

    const modem = await openClient(join(dir, 'ttyGSM1'));
    await modem.command('ATE0');
    expect(await modem.command('AT+CGSN')).toEqual(['861234567890123', 'OK']);
    expect(await modem.command('AT+CMGF=?')).toEqual(['+CMGF: (0,1)', 'OK']);
    const port = await openClient(join(dir, 'ttyGSM2'));
    await port.command('ATE0');
    expect(await port.command('AT+CGSN')).toEqual(['861234567890123', 'OK']);
    expect(await port.command('AT+CMGF=?')).toEqual(['ERROR']);
  });

  it('--pdu-mode off is a text-mode-only modem; --port-role not-a-modem answers garbage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-cli-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const text = runCli(['--link', join(dir, 'ttyGSM0'), '--pdu-mode', 'off']);
    const junk = runCli(['--link', join(dir, 'ttyS9'), '--port-role', 'not-a-modem']);
    await text.waitFor(/Modem simulator/);
    await junk.waitFor(/Modem simulator/);
    expect(text.output()).toBe(`Modem simulator (sends nothing real) at ${join(dir, 'ttyGSM0')} [generic, no PDU mode]\n`);
    expect(junk.output()).toBe(`Modem simulator (sends nothing real) at ${join(dir, 'ttyS9')} [generic, not a modem]\n`);

    const modem = await openClient(join(dir, 'ttyGSM0'));
    await modem.command('ATE0');
    expect(await modem.command('AT+CMGF=?')).toEqual(['+CMGF: (1)', 'OK']);
    expect(await modem.command('AT+CMGF=0')).toEqual(['ERROR']);
    // The default IMEI when none is given.
    expect(await modem.command('AT+CGSN')).toEqual(['356938035643809', 'OK']);

    const other = await openClient(join(dir, 'ttyS9'));
    other.write('AT\r');
    await other.until(/\r\n[\x80-\xff]+$/);
    expect(other.received).not.toMatch(/OK|ERROR/);
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
