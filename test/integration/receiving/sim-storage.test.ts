// Issue 10, items 1 and 2, over the real serialport and a pty against the simulator: nothing may
// fill the SIM for good. Undecodable PDUs move to the database; a SIM that filled while the app
// ran (a modem that forgot AT+CNMI) is drained on its memory-full indication, and after a read
// that shows more on the SIM than was announced; a SIM that stays full is reported as `sim-full`.
import { describe, expect, it } from 'vitest';
import type { ModemGatewayStatus } from '../../../src-shared/model.ts';
import type { ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';
import type { Backend } from '../../../electron/backend/create-backend.ts';
import { backendFor, inbox, simulator, until } from './fixture.ts';

const modemStatus = (backend: Backend): ModemGatewayStatus => backend.gateways()[0]!.status() as ModemGatewayStatus;

/** Distinct PDUs the codec refuses: TP-OA says 255 digits, and the PDU ends after one more octet. */
const garbage = (i: number): string => `0004FF${i.toString(16).padStart(2, '0').toUpperCase()}`;

describe('undecodable PDUs (issue 10 item 1)', () => {
  it('keeps each one in the database before deleting it, so a 10-slot SIM still receives after 10 of them', async () => {
    const sim = await simulator({ storageCapacity: 10 });
    const backend = backendFor(sim);
    await backend.start();
    const keptAtDelete: number[] = [];
    sim.on('command', (command) => {
      if (command.startsWith('AT+CMGD')) keptAtDelete.push(backend.store.unreadablePdus.count());
    });
    for (let i = 0; i < 10; i++) sim.deliverRawPdu(garbage(i), 3);
    await until(() => sim.storage.deletions.length === 10, 'the ten unreadable ones deleted');
    sim.deliverSms({ from: '+254712345678', text: 'Bado napokea?' });
    await until(() => inbox(backend).length === 1 && sim.storage.used === 0, 'the SMS after them, stored and deleted');

    expect(inbox(backend).map((m) => m.content)).toEqual(['Bado napokea?']);
    expect(sim.storage.used).toBe(0);
    // Each row was committed before its AT+CMGD.
    expect(keptAtDelete.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const kept = backend.store.unreadablePdus.list({ gateway: backend.gateways()[0]!.id }).items;
    expect(kept).toHaveLength(10);
    expect(kept.map((row) => row.hex).sort()).toEqual(Array.from({ length: 10 }, (_, i) => garbage(i)).sort());
    for (const row of kept) {
      // Read after its +CMTI, or by the sweep that the first read's storage check started.
      expect(['+CMGR', '+CMGL']).toContain(row.via);
      expect(row).toMatchObject({ storage: 'SM', tpduLength: 3, field: 'TP-OA', offset: 4 });
      expect(row.simIndex).toBeGreaterThanOrEqual(1);
      expect(row.reason).toContain(row.field);
    }
    expect(modemStatus(backend).detail).toMatchObject({ undecodableOnSim: 0, unreadableStored: 10 });
  });

  it('keeps one that comes as +CMT, then acknowledges it', async () => {
    const sim = await simulator({ profile: 'huawei', smsService: 1 });
    const backend = backendFor(sim);
    await backend.start();
    sim.emitUnsolicited('+CMT: ,3\r\n0004FF01');
    // +CSMS service 1: the modem waits for AT+CNMA; the simulator counts only a +CMT it sent itself.
    await until(() => sim.commands.includes('AT+CNMA'), 'acknowledged');
    expect(backend.store.unreadablePdus.list().items).toMatchObject([{ hex: '0004FF01', via: '+CMT', simIndex: null, storage: null }]);
  });
});

describe('a full SIM while running (issue 10 item 2)', () => {
  const indications: Array<[string, ModemSimulatorOptions]> = [
    ['+CIEV: <n>,1 (27.007, the smsfull indicator looked up with AT+CIND=?)', { profile: 'sim800', memoryFullIndication: 'ciev' }],
    ['+CIEV: "smsfull",1', { profile: 'wavecom', memoryFullIndication: 'ciev-named' }],
    ['Huawei ^SMMEMFULL', { profile: 'huawei', memoryFullIndication: 'huawei' }],
  ];

  it.each(indications)('is drained on %s, and what the network held then comes too', async (_name, options) => {
    const sim = await simulator({ storageCapacity: 5, ...options });
    const backend = backendFor(sim);
    await backend.start();
    // The modem reset itself without a word: new SMS are stored unannounced and fill the SIM.
    sim.loseNewMessageIndications();
    for (let i = 1; i <= 7; i++) sim.deliverSms({ from: '+254712345678', text: `Ujumbe ${i}` });
    await until(() => inbox(backend).length === 7 && sim.storage.used === 0, 'all seven stored, the SIM empty');
    expect(inbox(backend).map((m) => m.content).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Ujumbe ${i + 1}`).sort());
    if (options.memoryFullIndication === 'ciev') expect(sim.commands).toContain('AT+CIND=?');
    expect(modemStatus(backend).problem).toBeNull();
  });

  it('sweeps after a read that leaves more on the SIM than was announced', async () => {
    const sim = await simulator({ profile: 'quectel' });
    const backend = backendFor(sim);
    await backend.start();
    sim.storeSms({ from: '+254700000001', text: 'Bila tangazo' });
    sim.deliverSms({ from: '+254712345678', text: 'Na tangazo' });
    await until(() => inbox(backend).length === 2 && sim.storage.used === 0, 'both stored');
    expect(inbox(backend).map((m) => m.content).sort()).toEqual(['Bila tangazo', 'Na tangazo']);
  });

  it('reports sim-full while the storage stays full, and clears it once there is room', async () => {
    const sim = await simulator({ profile: 'sim800', storageCapacity: 4 });
    // Four drafts (stored SUBMITs) that are not Ujumbe's to take: the SIM stays full.
    for (let i = 0; i < 4; i++) sim.storage.store({ stat: 2, pdu: '0011000C9152471234567800000B0AC8329BFD06', tpduLength: 19, kind: 'sms' });
    const backend = backendFor(sim);
    const problems: Array<string | null> = [];
    await backend.start();
    backend.gateways()[0]!.onStatus((status) => problems.push(status.problem?.code ?? null));
    expect(modemStatus(backend).state).toBe('running');
    expect(modemStatus(backend).problem).toEqual({ code: 'sim-full' });

    // Someone deletes a draft in a phone; the next SMS finds the room and is read, and the
    // storage check after the read sees 3 of 4 used.
    sim.storage.delete(1);
    sim.deliverSms({ from: '+254712345678', text: 'Nafasi' });
    await until(() => inbox(backend).length === 1 && modemStatus(backend).problem === null, 'stored, and sim-full cleared');
    expect(problems).toContain(null);
    expect(sim.storage.used).toBe(3);
  });
});
