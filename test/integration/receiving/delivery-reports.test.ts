// Delivery reports over the real serialport and a pty: the app sends with TP-SRR, the simulated
// network reports with +CDS (SMSC field or not) or stores the report and says +CDSI, and the
// recipient moves sent -> delivered / failed through the dispatcher.
import { describe, expect, it } from 'vitest';
import type { ModemSimulatorOptions, ProfileName } from '../../../electron/modem-sim/index.ts';
import { logOf } from '../../support/backbone.ts';
import { backendFor, send, simulator, statusBecomes, until } from './fixture.ts';

const LONG = 'Kumbusho: chanjo ya mtoto wako ni Jumatatu saa tatu asubuhi katika kliniki ya Mwembeni. '.repeat(4).trim();

// Where the modems differ: how a report reaches the app. The variations are the simulator's
// (27.005 §3.1 and §3.4.1 allow each), spread over the profiles so each path runs.
const VARIANTS: Array<[ProfileName, ModemSimulatorOptions, string]> = [
  ['huawei', {}, '+CDS with the SMSC field'],
  ['sim800', { statusReportWithoutSmsc: true }, '+CDS without the SMSC field'],
  ['quectel', { storedStatusReports: true }, 'stored reports in "SR" announced with +CDSI: "SR"'],
  ['wavecom', { storedStatusReports: true, statusReportWithoutSmsc: true }, 'stored reports in "SM" announced with +CDSI: "SM"'],
  ['zte', {}, 'stored reports in "SR" (AT+CNMI=? lists <ds> 2), between +ZPASR / +ZDONR chatter'],
];

describe.each(VARIANTS)('delivery reports on a %s modem (%j: %s)', (profile, options) => {
  it('delivers a single message, and fails another with the status in words', async () => {
    const sim = await simulator({ profile, ...options });
    const backend = backendFor(sim);
    await backend.start();
    const first = send(backend, '+254712345678', 'Karibu kliniki');
    await statusBecomes(backend, first, 'sent');
    expect(sim.received[0]?.decoded.statusReportRequested).toBe(true);
    sim.reportDelivery(sim.received[0]!.reference, { status: 0x00 });
    await statusBecomes(backend, first, 'delivered');

    const second = send(backend, '0712345679', 'Karibu tena');
    await statusBecomes(backend, second, 'sent');
    sim.reportDelivery(sim.received[1]!.reference, { status: 0x46 });
    await statusBecomes(backend, second, 'failed');
    expect(logOf(backend.store, second).at(-1)).toBe('sent → failed: Not delivered: SM validity period expired');
    await until(() => sim.storage.used === 0 && (sim.reportStorage?.used ?? 0) === 0, 'stored reports deleted');
  });

  it('delivers a multipart message only when all its parts are', async () => {
    const sim = await simulator({ profile, ...options });
    const backend = backendFor(sim);
    await backend.start();
    const id = send(backend, '+254712345678', LONG);
    await statusBecomes(backend, id, 'sent');
    const refs = sim.received.map((r) => r.reference);
    expect(refs).toHaveLength(3);
    sim.reportDelivery(refs[2]!);
    sim.reportDelivery(refs[0]!);
    await until(() => backend.store.db.prepare('SELECT COUNT(*) FROM delivery_parts').pluck().get() === 2, 'two parts recorded');
    expect(backend.store.recipients.get(id)?.status).toBe('sent');
    sim.reportDelivery(refs[1]!);
    await statusBecomes(backend, id, 'delivered');
    expect(logOf(backend.store, id).at(-1)).toBe('sent → delivered: Delivered (all 3 parts)');
  });
});

describe('reports that match nothing', () => {
  it('logs and drops an unmatched report and a pending one, and keeps going', async () => {
    const sim = await simulator({ profile: 'huawei' });
    const backend = backendFor(sim);
    await backend.start();
    const id = send(backend, '+254712345678', 'Habari');
    await statusBecomes(backend, id, 'sent');
    const reference = sim.received[0]!.reference;
    sim.reportDelivery(reference, { recipient: '+254799999999' });
    sim.reportDelivery(reference + 1, { recipient: '+254712345678' });
    sim.reportDelivery(reference, { status: 0x21 });
    await until(() => backend.store.db.prepare('SELECT COUNT(*) FROM delivery_parts').pluck().get() === 1, 'pending recorded');
    expect(backend.store.recipients.get(id)?.status).toBe('sent');
    sim.reportDelivery(reference);
    await statusBecomes(backend, id, 'delivered');
    expect(backend.gateways()[0]?.status().state).toBe('running');
  });
});
