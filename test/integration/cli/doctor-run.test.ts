/**
 * runDoctor against the modem simulator on real ptys (the real serialport package): what it
 * finds on each kind of port, that it never opens a port our gateway holds, and that it is
 * bounded in time. The system edges are the real ones (/proc, /etc/group), searched through
 * patterns in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import { usableModems } from '../../../electron/backend/doctor/findings.ts';
import { type DoctorOptions, runDoctor } from '../../../electron/backend/doctor/run-doctor.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';
import { openPtyPair, type PtyPair } from '../../../electron/modem-sim/pty-pair.ts';

let dir: string;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ujumbe-doctor-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function modem(name: string, options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ link: join(dir, name), ...options });
  cleanups.push(() => sim.stop());
  return sim;
}

/** A pty pair nobody answers on: a device that is there and silent. */
async function deadPort(name: string): Promise<PtyPair> {
  const pair = await openPtyPair(join(dir, name));
  cleanups.push(() => pair.close());
  return pair;
}

const doctor = (options: DoctorOptions = {}) => runDoctor({ patterns: [join(dir, 'tty*')], list: null, ...options });
const about = (findings: DoctorFindingDto[], path: string) => findings.filter((f) => f.path === path).map((f) => [f.code, f.values]);

describe('runDoctor on the simulator', () => {
  it('finds a modem and names it; a silent port answers nothing', async () => {
    const sim = await modem('ttyGSM0', { profile: 'huawei' });
    const dead = await deadPort('ttyDEAD0');
    const report = await doctor();
    expect(about(report.findings, sim.path)).toEqual([['ok-modem', { path: sim.path, model: 'E3131', manufacturer: 'huawei' }]]);
    expect(about(report.findings, dead.appPath)).toEqual([['no-answer', { path: dead.appPath }]]);
    expect(usableModems(report)).toEqual([sim.path]);
    // Read-only: queries only, nothing set.
    expect(sim.commands.filter((c) => /^AT\+?\w*=(?!\?)/.test(c.replace(String.fromCharCode(0x1b), '')))).toEqual([]);
  });

  it('says the SIM needs its PIN (still usable: the panel asks for it), and never sends one', async () => {
    const sim = await modem('ttyGSM0', { pin: '1234' });
    const report = await doctor();
    expect(about(report.findings, sim.path).map(([code]) => code)).toEqual(['ok-modem', 'sim-pin']);
    expect(usableModems(report)).toEqual([sim.path]);
    expect(sim.commands.some((c) => c.includes('CPIN='))).toBe(false);
  });

  it('says the SIM is blocked behind its PUK: not usable', async () => {
    const sim = await modem('ttyGSM0', { pukLocked: true });
    const report = await doctor();
    expect(about(report.findings, sim.path).map(([code]) => code)).toEqual(['ok-modem', 'sim-puk']);
    expect(usableModems(report)).toEqual([]);
  });

  it('says the network refused the SIM, and that the signal is weak', async () => {
    const sim = await modem('ttyGSM0', { registration: 3, signalCsq: 5 });
    const report = await doctor();
    expect(about(report.findings, sim.path)).toEqual([
      ['ok-modem', expect.anything()],
      ['no-network', { path: sim.path, registration: 'denied' }],
      ['weak-signal', { path: sim.path, bars: 1, dBm: -103 }],
    ]);
  });

  it("tells a modem's SMS port from its diagnostic port (one IMEI = one modem)", async () => {
    const sim = await modem('ttyGSM0', { profile: 'huawei', diagnosticPort: { link: join(dir, 'ttyGSM1') } });
    const report = await doctor();
    expect(about(report.findings, sim.path).map(([code]) => code)).toEqual(['ok-modem']);
    expect(about(report.findings, join(dir, 'ttyGSM1'))).toEqual([['second-port', { path: join(dir, 'ttyGSM1'), primary: sim.path }]]);
  });

  it('says a device that babbles is not a modem port', async () => {
    const sim = await modem('ttyGSM0', { portRole: 'not-a-modem' });
    const report = await doctor();
    expect(about(report.findings, sim.path)).toEqual([['garbage', { path: sim.path }]]);
  });

  it("never opens a port our gateway holds: it reports what the gateway knows, and the modem's other port as its second", async () => {
    const sim = await modem('ttyGSM0', { profile: 'huawei', diagnosticPort: { link: join(dir, 'ttyGSM1') } });
    const report = await doctor({ held: [{ path: sim.path, gatewayId: 'modem:1', imei: '356938035643809', model: 'E3131', sim: 'ready', registration: 'searching' }] });
    expect(sim.commands).toEqual([]);
    expect(report.findings).toEqual([
      { code: 'ok-port-in-use', severity: 'ok', path: sim.path, values: { path: sim.path, gatewayId: 'modem:1', model: 'E3131' } },
      { code: 'no-network', severity: 'problem', path: sim.path, values: { path: sim.path, registration: 'searching' } },
      { code: 'second-port', severity: 'ok', path: join(dir, 'ttyGSM1'), values: { path: join(dir, 'ttyGSM1'), primary: sim.path } },
    ]);
  });

  it('opens no port at all when asked not to probe', async () => {
    const sim = await modem('ttyGSM0');
    const report = await doctor({ probe: false });
    expect(report.findings).toEqual([]);
    expect(sim.commands).toEqual([]);
  });

  it('is bounded: silent and hung ports are looked at together, each within the probe deadline', async () => {
    const hung = await modem('ttyGSM0');
    hung.hang();
    for (const n of [1, 2, 3]) await deadPort(`ttyDEAD${n}`);
    const started = Date.now();
    const report = await doctor({ probeDeadlineMs: 2_500 });
    const took = Date.now() - started;
    expect(report.findings.map((f) => f.code)).toEqual(['no-answer', 'no-answer', 'no-answer', 'no-answer']);
    // One port's deadline, not four: they run at once.
    expect(took).toBeLessThan(4_500);
  });
});
