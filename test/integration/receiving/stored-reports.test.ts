// Issue 10 item 7: delivery reports that arrive while the app is closed. A +CDS printed while no
// host reads the port is gone (27.005 §3.4.1), so a modem that can store reports (CNMI <ds>=2,
// +CDSI) is asked to; the report then waits on the modem (in "SR" on Qualcomm-style modems) and
// is applied at the next start, then deleted. Through the simulator and the real serialport.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { logOf } from '../../support/backbone.ts';
import { backendFor, send, simulator, statusBecomes, until } from './fixture.ts';

const CHILD = fileURLToPath(new URL('./receive-child.ts', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ujumbe-reports-'));
  dirs.push(dir);
  return dir;
}

/** Sends one SMS with a backend on `dataDir` and stops it once the SMS is `sent`. @returns the recipient id and its TP-MR. */
async function sendAndStop(sim: ModemSimulator, dataDir: string, to = '+254712345678'): Promise<{ id: number; reference: number }> {
  const backend = backendFor(sim, dataDir);
  await backend.start();
  const id = send(backend, to, 'Kumbusho: kliniki kesho saa tatu');
  await statusBecomes(backend, id, 'sent');
  await backend.stop({ deadlineMs: 2_000 });
  return { id, reference: sim.received.at(-1)!.reference };
}

/** A host in a child process (receive-child.ts) on `dataDir`, running until it is killed. */
async function startChild(sim: ModemSimulator, dataDir: string): Promise<{ kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, sim.path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const started = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('"started"') && resolve()));
  await Promise.race([started, exited.then(() => Promise.reject(new Error(`the child exited: ${stderr}`)))]);
  return {
    kill: async () => {
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    },
  };
}

describe('status reports stored on the modem (CNMI ds=2)', () => {
  it('asks a modem that lists <ds> 2 to store reports, and applies a +CDSI: "SR" while running', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const backend = backendFor(sim);
    await backend.start();
    expect(sim.commands).toContain('AT+CNMI=2,1,0,2,0');
    const id = send(backend, '+254712345678', 'Karibu kliniki');
    await statusBecomes(backend, id, 'sent');
    sim.reportDelivery(sim.received[0]!.reference);
    await statusBecomes(backend, id, 'delivered');
    await until(() => sim.reportStorage?.used === 0, 'the report deleted from "SR"');
    await until(() => sim.commands.lastIndexOf('AT+CPMS="SM"') > sim.commands.lastIndexOf('AT+CPMS="SR"'), '<mem1> back to "SM"');
    // Read and deleted in "SR", then <mem1> back to "SM" for incoming messages.
    const after = sim.commands.slice(sim.commands.lastIndexOf('AT+CPMS="SR"'));
    expect(after.slice(0, 4)).toEqual(['AT+CPMS="SR"', 'AT+CMGR=1', 'AT+CMGD=1', 'AT+CPMS="SM"']);
    // Incoming SMS still arrive in "SM" afterwards.
    sim.deliverSms({ from: '+254712345678', text: 'Asante' });
    await until(() => sim.storage.deletions.length === 1, 'the SMS taken from "SM"');
  });

  it('applies reports that came while the host was stopped at its next start, and deletes them from the modem', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const dataDir = dataFolder();
    const first = await sendAndStop(sim, dataDir);
    const second = await sendAndStop(sim, dataDir, '+254712345679');
    sim.reportDelivery(first.reference, { away: true });
    sim.reportDelivery(second.reference, { status: 0x46, away: true });
    expect(sim.reportStorage?.used).toBe(2);

    const backend = backendFor(sim, dataDir);
    await backend.start();
    await statusBecomes(backend, first.id, 'delivered');
    await statusBecomes(backend, second.id, 'failed');
    expect(logOf(backend.store, second.id).at(-1)).toBe('sent → failed: Not delivered: SM validity period expired');
    await until(() => sim.reportStorage?.used === 0, 'the stored reports deleted');
    expect(sim.lostStatusReports).toHaveLength(0);
  });

  it('keeps stored reports in "SM" for a modem without "SR", and sweeps them at start', async () => {
    const sim = await simulator({ profile: 'generic', storedStatusReports: true });
    const dataDir = dataFolder();
    const sent = await sendAndStop(sim, dataDir);
    sim.reportDelivery(sent.reference, { away: true });
    expect(sim.storage.used).toBe(1);
    const backend = backendFor(sim, dataDir);
    await backend.start();
    await statusBecomes(backend, sent.id, 'delivered');
    await until(() => sim.storage.used === 0, 'the stored report deleted');
  });

  it('removes a stored report that matches no message, and changes nothing', async () => {
    const sim = await simulator({ profile: 'zte' });
    const dataDir = dataFolder();
    const sent = await sendAndStop(sim, dataDir);
    sim.reportDelivery(sent.reference, { recipient: '+254799999999', away: true });
    sim.reportDelivery(sent.reference + 1, { recipient: '+254712345678', away: true });
    const backend = backendFor(sim, dataDir);
    await backend.start();
    await until(() => sim.reportStorage?.used === 0, 'the unmatched reports deleted');
    expect(backend.store.recipients.get(sent.id)?.status).toBe('sent');
  });

  it('applies a report that came while the host was killed (SIGKILL) at the next start', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const dataDir = dataFolder();
    const sent = await sendAndStop(sim, dataDir);
    const child = await startChild(sim, dataDir);
    await until(() => sim.commands.filter((c) => c === 'AT+CNMI=2,1,0,2,0').length === 2, 'the child set up stored reports');
    await child.kill();
    sim.reportDelivery(sent.reference, { away: true });
    const backend = backendFor(sim, dataDir);
    await backend.start();
    await statusBecomes(backend, sent.id, 'delivered');
    await until(() => sim.reportStorage?.used === 0, 'the stored report deleted');
  });

  it('applies a report read again after a kill between its commit and its delete only once', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const dataDir = dataFolder();
    const sent = await sendAndStop(sim, dataDir);
    const child = await startChild(sim, dataDir);
    await until(() => sim.commands.filter((c) => c === 'AT+CNMI=2,1,0,2,0').length === 2, 'the child set up stored reports');
    sim.hangOn(/^AT\+CMGD/);
    const deletes = (): number => sim.commands.filter((c) => c.startsWith('AT+CMGD')).length;
    sim.reportDelivery(sent.reference);
    await until(() => deletes() === 1, 'the child committed the report and asked for the delete', 15_000);
    await child.kill();
    sim.hang(false);
    expect(sim.reportStorage?.used).toBe(1);

    const backend = backendFor(sim, dataDir);
    await backend.start();
    await until(() => sim.reportStorage?.used === 0, 'the re-read report deleted');
    expect(backend.store.recipients.get(sent.id)?.status).toBe('delivered');
    expect(logOf(backend.store, sent.id).filter((line) => line.includes('delivered'))).toEqual(['sent → delivered: Delivered']);
    expect(backend.store.db.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(1);
  });
});

describe('modems that cannot store reports', () => {
  it('keeps +CDS on a modem whose AT+CNMI=? lists <ds> 0,1 only', async () => {
    const sim = await simulator({ profile: 'sim800' });
    const backend = backendFor(sim);
    await backend.start();
    expect(sim.commands).toContain('AT+CNMI=2,1,0,1,0');
    expect(sim.commands).not.toContain('AT+CNMI=2,1,0,2,0');
    const id = send(backend, '+254712345678', 'Karibu');
    await statusBecomes(backend, id, 'sent');
    sim.reportDelivery(sim.received[0]!.reference);
    await statusBecomes(backend, id, 'delivered');
  });

  it('keeps +CDS on a Huawei, whose stored reports cannot be read back (MU509 AT spec §6.6)', async () => {
    const sim = await simulator({ profile: 'huawei' });
    const backend = backendFor(sim);
    await backend.start();
    expect(sim.commands).toContain('AT+CNMI=2,1,0,1,0');
    expect(sim.commands).not.toContain('AT+CNMI=?');
    const id = send(backend, '+254712345678', 'Karibu');
    await statusBecomes(backend, id, 'sent');
    sim.reportDelivery(sim.received[0]!.reference);
    await statusBecomes(backend, id, 'delivered');
  });

  it('acknowledges a +CDS with AT+CNMA after its commit when +CSMS says service 1 (27.005 §3.4.4)', async () => {
    const sim = await simulator({ profile: 'huawei', smsService: 1 });
    const backend = backendFor(sim);
    await backend.start();
    const id = send(backend, '+254712345678', 'Karibu');
    await statusBecomes(backend, id, 'sent');
    sim.reportDelivery(sim.received[0]!.reference);
    await statusBecomes(backend, id, 'delivered');
    await until(() => sim.acknowledged === 1, 'the +CDS acknowledged');
  });
});
