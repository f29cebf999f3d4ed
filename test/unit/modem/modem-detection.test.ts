/**
 * ModemDetection's rules with an injected list, probe and clock (no ports): a silent port does
 * not hold up the modem beside it, a port that did not answer is looked at again on its own
 * timer, one modem's ports become one gateway, and ports that go away are reported.
 */
import { describe, expect, it } from 'vitest';
import { type Decision, type FoundModem, type HeldPort, ModemDetection, preferredPort } from '../../../electron/backend/gateways/modem/discovery/modem-detection.ts';
import type { PortProbeResult } from '../../../electron/backend/gateways/modem/discovery/port-probe.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const modemAt = (path: string, imei: string, smsPort = true): PortProbeResult => ({
  path,
  outcome: 'modem',
  identity: { manufacturer: 'huawei', model: 'E3131', revision: null, imei, imsi: null },
  smsPort,
  technical: null,
});
const silent = (path: string): PortProbeResult => ({ path, outcome: 'no-answer', identity: null, smsPort: null, technical: 'nothing answered AT' });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function detection(ports: () => string[], probe: (path: string) => Promise<PortProbeResult>, clock = new FakeClock()) {
  const held: HeldPort[] = [];
  const decided: FoundModem[] = [];
  const vanished: string[] = [];
  const d = new ModemDetection({
    patterns: () => [],
    list: async () => ports().map((path) => ({ path, vendorId: '12d1' })),
    listEveryMs: 0,
    probe,
    held: () => held,
    decide: async (found): Promise<Decision> => {
      decided.push(found);
      held.push({ path: found.path, gatewayId: `modem:${found.imei}`, imei: found.imei });
      return { outcome: 'in-use', gatewayId: `modem:${found.imei}` };
    },
    onVanished: (path) => vanished.push(path),
    watch: false,
    pollMs: 60_000,
    clock,
    timers: clock,
  });
  return { d, held, decided, vanished, clock };
}

describe('ModemDetection', () => {
  it('uses a modem as soon as its SMS port answers, while a silent port beside it is still being probed', async () => {
    let releaseSilent!: () => void;
    const probe = (path: string) =>
      path === 'COM3' ? new Promise<PortProbeResult>((resolve) => (releaseSilent = () => resolve(silent(path)))) : Promise.resolve(modemAt(path, '356938035643809'));
    const { d, decided } = detection(() => ['COM3', 'COM4'], probe);
    const scan = d.scan(true);
    await flush();
    await flush();
    expect(decided.map((f) => f.path)).toEqual(['COM4']);
    expect(d.report().ports.find((p) => p.path === 'COM3')).toMatchObject({ outcome: 'pending' });
    releaseSilent();
    await scan;
    expect(d.report().ports.find((p) => p.path === 'COM3')).toMatchObject({ outcome: 'no-answer' });
  });

  it('looks again at a port that did not answer when its retry is due, on its own timer', async () => {
    let answers = false;
    const probe = (path: string) => Promise.resolve(answers ? modemAt(path, '356938035643809') : silent(path));
    const clock = new FakeClock();
    const { d, decided } = detection(() => ['COM5'], probe, clock);
    d.start();
    await d.scan();
    expect(decided).toEqual([]);
    // The first retry is 1 s later (a modem just plugged in may need a moment), not at the next poll (60 s here).
    expect(clock.pendingDelays()).toContain(1_000);
    answers = true;
    clock.advance(1_000);
    await d.scan();
    expect(decided.map((f) => f.path)).toEqual(['COM5']);
    await d.stop();
  });

  it('one IMEI on two ports is one modem: the SMS port is used, the other is its second port', async () => {
    const probe = (path: string) => Promise.resolve(modemAt(path, '356938035643809', path === 'COM8'));
    const { d, decided } = detection(() => ['COM7', 'COM8'], probe);
    await d.scan(true);
    expect(decided).toEqual([expect.objectContaining({ path: 'COM8', otherPaths: [] })]);
    expect(d.report().ports.find((p) => p.path === 'COM7')).toMatchObject({ outcome: 'second-port', gatewayId: 'modem:356938035643809' });
  });

  it('with no SMS port among them, one port is still chosen (a by-id name first) and the others are second ports', async () => {
    const a = modemAt('/dev/ttyUSB0', '1', false);
    const b = modemAt('/dev/serial/by-id/usb-HUAWEI-if02', '1', false);
    expect(preferredPort([a, b]).path).toBe('/dev/serial/by-id/usb-HUAWEI-if02');
    const probe = (path: string) => Promise.resolve(modemAt(path, '356938035643809', false));
    const { d, decided } = detection(() => ['COM1', 'COM2'], probe);
    await d.scan(true);
    expect(decided).toEqual([expect.objectContaining({ path: 'COM1', otherPaths: ['COM2'] })]);
    expect(d.report().ports.find((p) => p.path === 'COM2')).toMatchObject({ outcome: 'second-port' });
  });

  it('says when a scan is over: its last event and the report have scanning false', async () => {
    const { d } = detection(() => ['COM3'], (path) => Promise.resolve(silent(path)));
    const seen: boolean[] = [];
    d.on('change', (report) => seen.push(report.scanning));
    await d.scan(true);
    expect(seen[0]).toBe(true);
    expect(seen.at(-1)).toBe(false);
    expect(d.report()).toMatchObject({ scanning: false, lastScanAt: expect.any(String) });
  });

  it('never probes a port a gateway holds, and tells when a port goes away', async () => {
    const probed: string[] = [];
    let ports = ['COM9'];
    const { d, held, vanished } = detection(() => ports, (path) => {
      probed.push(path);
      return Promise.resolve(silent(path));
    });
    held.push({ path: 'COM9', gatewayId: 'modem:1', imei: '1' });
    await d.scan(true);
    expect(probed).toEqual([]);
    expect(d.report().ports).toEqual([expect.objectContaining({ path: 'COM9', outcome: 'in-use', gatewayId: 'modem:1' })]);
    ports = [];
    await d.scan(false);
    expect(vanished).toEqual(['COM9']);
    expect(d.report().ports).toEqual([]);
  });
});
