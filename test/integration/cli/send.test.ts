/**
 * `ujumbe send`, `ujumbe messages` and `ujumbe modems` as a user runs them: the real command in a
 * child process, the real serialport package, the simulator on a pty, a data folder on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { runUjumbe, runUjumbeWith } from '../../support/run-cli.ts';

let sim: ModemSimulator;
let dataDir: string;

beforeEach(async () => {
  sim = await ModemSimulator.start({ profile: 'huawei' });
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-cli-'));
});

afterEach(async () => {
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function savedMessages(): Promise<Array<{ recipients: Array<{ status: string; error: string | null; log: unknown[] }> }>> {
  const run = await runUjumbe('messages', '--data-dir', dataDir, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('ujumbe send', () => {
  it('sends "Habari" through the modem and prints sent', async () => {
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '+254712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\+254712345678 {2}sent \(reference \d+\)\n$/);
    expect(run.code).toBe(0);
    expect(sim.received.map((r) => [r.decoded.recipient, r.decoded.text])).toEqual([['+254712345678', 'Habari']]);
  });

  it('with no --modem, finds the modem where UJUMBE_MODEM_SEARCH points, saves it, and says which one sent', async () => {
    const search = mkdtempSync(join(tmpdir(), 'ujumbe-cli-search-'));
    const found = await ModemSimulator.start({ profile: 'huawei', link: join(search, 'ttyUSB0') });
    try {
      const run = await runUjumbeWith({ UJUMBE_MODEM_SEARCH: join(search, 'tty*') }, 'send', '--to', '+254712345678', '--text', 'Habari', '--data-dir', dataDir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^\+254712345678 {2}sent \(reference \d+\)\n$/);
      expect(run.stderr).toContain(`Sent through Huawei E3131 on ${join(search, 'ttyUSB0')}.`);
      expect(found.received.map((r) => r.decoded.text)).toEqual(['Habari']);
    } finally {
      await found.stop();
      rmSync(search, { recursive: true, force: true });
    }
  });

  it('with no --modem and none to be found, says so and saves nothing', async () => {
    const search = mkdtempSync(join(tmpdir(), 'ujumbe-cli-search-'));
    try {
      const run = await runUjumbeWith({ UJUMBE_MODEM_SEARCH: join(search, 'tty*') }, 'send', '--to', '+254712345678', '--text', 'Habari', '--data-dir', dataDir, '--wait', '1');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Looking for a modem…\n.*no modem was found .*Nothing was saved\./s);
      expect(await savedMessages()).toEqual([]);
    } finally {
      rmSync(search, { recursive: true, force: true });
    }
  });

  it('sends to several numbers, normalised, in several parts, with --json and --report', async () => {
    const text = 'Matokeo yako yako tayari 😀 '.repeat(5);
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712 345 678,+254733000111', '--text', text, '--report', '--json', '--data-dir', dataDir);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ to: string; status: string; references: string[]; error: string | null }>;
    expect(rows.map((r) => [r.to, r.status, r.references.length, r.error])).toEqual([
      ['+254712345678', 'sent', 3, null],
      ['+254733000111', 'sent', 3, null],
    ]);
    expect(sim.received).toHaveLength(6);
    expect(sim.received.every((r) => r.decoded.encoding === 'ucs2' && r.decoded.statusReportRequested)).toBe(true);
    const firstRecipient = sim.received.filter((r) => r.decoded.recipient === '+254712345678').map((r) => r.decoded.text).join('');
    expect(firstRecipient).toBe(text);
  });

  it('refuses a bad number in one line, before touching the modem, and saves nothing', async () => {
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712345678,billybones', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('billybones');
    expect(sim.commands).toEqual([]);
    expect(await savedMessages()).toEqual([]);
  });

  it('refuses empty text', async () => {
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712345678', '--text', '', '--data-dir', dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The message is empty');
  });

  it('says plainly when there is no device at the path, and saves nothing', async () => {
    const run = await runUjumbe('send', '--modem', join(dataDir, 'ttyUSB9'), '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot use the modem at .*ttyUSB9: nothing is plugged in at that port\. Nothing was saved\./)]);
    expect(await savedMessages()).toEqual([]);
  });

  it('says plainly when the device answers nothing, and saves nothing', async () => {
    sim.hang();
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot use the modem at .*: The modem is not answering\. Nothing was saved\./);
    expect(await savedMessages()).toEqual([]);
  });

  it('reports a permanent network refusal with its reason, and keeps the whole story in the database', async () => {
    sim.injectCmsError(21); // TS 24.011 cause 21: short message transfer rejected
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\+254712345678 {2}failed: .+/);
    const [message] = await savedMessages();
    expect(message?.recipients[0]).toMatchObject({ status: 'failed' });
    expect(message?.recipients[0]?.log).toHaveLength(3); // queued, sending, failed
  });
});

describe('ujumbe messages', () => {
  it('shows each recipient with its status log', async () => {
    await runUjumbe('send', '--modem', sim.path, '--to', '0712345678', '--text', 'Habari', '--data-dir', dataDir);
    const run = await runUjumbe('messages', '--data-dir', dataDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"Habari"');
    // The heading says when it was written; whether it went is each recipient's status.
    expect(run.stdout).toMatch(/^#\d+ {2}written \d{4}-\d\d-\d\dT[\d:.]+Z {2}"Habari"$/m);
    expect(run.stdout).toMatch(/\+254712345678 {2}sent \(1 attempt; reference \d+\)/);
    expect(run.stdout).toMatch(/- -> outbox {2}queued/);
    expect(run.stdout).toMatch(/sending -> sent/);
  });

  it('refuses an unknown status filter', async () => {
    const run = await runUjumbe('messages', '--data-dir', dataDir, '--status', 'lost');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown --status "lost"');
  });
});

describe('ujumbe modems', () => {
  it('describes a modem named with --port', async () => {
    const run = await runUjumbe('modems', '--port', sim.path, '--json');
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.path === sim.path)).toMatchObject({
      answers: true,
      manufacturer: 'huawei',
      model: 'E3131',
      imei: expect.stringMatching(/^\d{15}$/),
      simState: 'ready',
      operator: 'Safaricom',
      registration: 'registered (home network)',
      signal: { csq: 20, dBm: -73, bars: 4 },
    });
  });

  it('says what is wrong with a port that is not a modem, and exits 1 when none answered', async () => {
    sim.hang();
    const run = await runUjumbe('modems', '--port', sim.path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${sim.path}  no modem: nothing answered AT`);
  });
});
