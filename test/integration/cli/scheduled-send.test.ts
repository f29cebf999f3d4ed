/**
 * A scheduled send as a clinic meets it: `ujumbe send --at` saves it, a `ujumbe serve` that is
 * SIGKILLed before its time sends nothing, and the next `ujumbe serve` hands it to the modem at
 * its time, not before (the real command, the real serialport, the simulator on a pty).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { runUjumbe } from '../../support/run-cli.ts';
import { type Served, serve } from '../../support/serve-child.ts';

let sim: ModemSimulator;
let dataDir: string;
let running: Served | null = null;

beforeEach(async () => {
  sim = await ModemSimulator.start({ profile: 'huawei' });
  dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-scheduled-'));
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

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a scheduled send', () => {
  it('survives a SIGKILL before its time and reaches the modem at its time, not before', async () => {
    // Far enough ahead for a first host to start and be killed on a slow machine.
    const sendAtMs = Math.ceil((Date.now() + 15_000) / 1000) * 1000;
    const sendAt = new Date(sendAtMs).toISOString();
    const submits: number[] = [];
    sim.on('command', (command) => {
      if (command.startsWith('AT+CMGS')) submits.push(Date.now());
    });

    const scheduled = await runUjumbe('send', '--modem', sim.path, '--to', '+254712345678', '--text', 'Kumbusho: miadi yako ni kesho', '--at', sendAt, '--data-dir', dataDir);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(scheduled.stdout).toMatch(/^\+254712345678 {2}scheduled for \d{4}-\d\d-\d\d \d\d:\d\d \(.+\)\n$/);
    expect(sim.received).toHaveLength(0);

    running = await serve('--port', '0', '--data-dir', dataDir);
    // The saved modem is up (init went as far as the new-message indications), then the host dies.
    await until(() => sim.commands.some((c) => c.startsWith('AT+CNMI')), 'the first host opened the modem', 10_000);
    running.child.kill('SIGKILL');
    await running.exit;
    expect(Date.now()).toBeLessThan(sendAtMs);
    expect(sim.received).toHaveLength(0);

    running = await serve('--port', '0', '--data-dir', dataDir);
    await until(() => sim.received.length === 1, 'sent at its time', 40_000);
    expect(submits[0]).toBeGreaterThanOrEqual(sendAtMs);
    expect(sim.received[0]!.decoded.text).toBe('Kumbusho: miadi yako ni kesho');
    // The figure for the closing note, not an assertion: how long after its time it went.
    console.log(`scheduled send: AT+CMGS ${submits[0]! - sendAtMs} ms after its time`);

    running.child.kill('SIGTERM');
    await running.exit;
    const list = await runUjumbe('messages', '--data-dir', dataDir, '--json');
    const [message] = JSON.parse(list.stdout) as Array<{ recipients: Array<{ status: string; log: Array<{ to: string; reason: string }> }> }>;
    expect(message!.recipients[0]!.status).toBe('sent');
    expect(message!.recipients[0]!.log.map((e) => e.to)).toEqual(['scheduled', 'outbox', 'sending', 'sent']);
  }, 90_000);

  it('hands a scheduled send to a running ujumbe serve and exits 0; a time already past is refused', async () => {
    running = await serve('--port', '0', '--data-dir', dataDir, '--modem', sim.path);
    const sendAt = new Date(Date.now() + 120_000).toISOString();
    const handed = await runUjumbe('send', '--to', '+254712345678', '--text', 'Baadaye', '--at', sendAt, '--data-dir', dataDir);
    expect(handed.code, handed.stderr).toBe(0);
    expect(handed.stdout).toMatch(/^\+254712345678 {2}scheduled for \d{4}-\d\d-\d\d \d\d:\d\d \(.+\): the running Ujumbe sends it at its time\n$/);
    const past = await runUjumbe('send', '--to', '+254712345678', '--text', 'Zamani', '--at', '2020-01-01 07:00', '--data-dir', dataDir);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/"2020-01-01 07:00" has already passed; leave --at out to send now/);
    expect(sim.received).toHaveLength(0);
  }, 60_000);

  it('refuses an --at that is not a time, saving nothing', async () => {
    const run = await runUjumbe('send', '--modem', sim.path, '--to', '+254712345678', '--text', 'x', '--at', 'kesho asubuhi', '--data-dir', dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--at: "kesho asubuhi" is not a date and time/);
  });
});
