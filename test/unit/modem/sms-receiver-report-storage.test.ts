// SmsReceiver and a modem that keeps status reports in "SR", apart from the messages (27.005
// §3.2.2; Qualcomm firmware): reading there means switching <mem1> and switching it back.
import { describe, expect, it } from 'vitest';
import type { StoredSms } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { SmsReceiver, type IncomingSmsSink, type SmsStorage } from '../../../electron/backend/gateways/modem/sms-receiver.ts';
import { CmsError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import type { StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { buildDeliverPdus, buildStatusReportPdu } from '../../../electron/modem-sim/sms-pdus.ts';

/** "SM" and "SR" behind SmsStorage: CMGL/CMGR/CMGD work on <mem1>, which AT+CPMS="<mem>" switches. */
class TwoStorages implements SmsStorage {
  readonly stores: Record<string, Map<number, StoredSms>> = { SM: new Map(), SR: new Map() };
  readonly commands: string[] = [];
  mem1 = 'SM';
  srReadable = true;

  put(mem: 'SM' | 'SR', hex: string, length: number): void {
    const slots = this.stores[mem]!;
    const index = slots.size + 1;
    slots.set(index, { index, stat: 0, length, pdu: hex });
  }

  listMessages = async (): Promise<StoredSms[]> => {
    this.commands.push('AT+CMGL=4');
    return [...this.stores[this.mem1]!.values()];
  };
  readMessage = async (index: number): Promise<StoredSms | null> => {
    this.commands.push(`AT+CMGR=${index}`);
    return this.stores[this.mem1]!.get(index) ?? null;
  };
  deleteMessage = async (index: number): Promise<void> => {
    this.commands.push(`AT+CMGD=${index}`);
    this.stores[this.mem1]!.delete(index);
  };
  acknowledgeDelivery = async (): Promise<boolean> => false;
  command = async (command: string): Promise<string[]> => {
    this.commands.push(command);
    const sm = this.stores.SM!.size;
    if (command === 'AT+CPMS?') return [`+CPMS: "${this.mem1}",${this.stores[this.mem1]!.size},20,"SM",${sm},20,"SM",${sm},20`];
    if (command === 'AT+CPMS=?') return [`+CPMS: ("SM","ME"${this.srReadable ? ',"SR"' : ''}),("SM","ME"),("SM","ME")`];
    const switched = /^AT\+CPMS="(\w+)"$/.exec(command);
    if (switched && (switched[1] === 'SM' || (switched[1] === 'SR' && this.srReadable))) {
      this.mem1 = switched[1];
      return ['+CPMS: 0,20,0,20,0,20'];
    }
    throw new CmsError(command, 303, 'operation not supported');
  };
}

class Sink implements IncomingSmsSink {
  readonly reports: number[] = [];
  readonly texts: string[] = [];
  fail = false;
  deliver(_g: string, pdu: { text: string }): void {
    this.texts.push(pdu.text);
  }
  statusReport(_g: string, report: StatusReportPdu): { kind: string } {
    if (this.fail) throw new Error('SQLITE_BUSY');
    this.reports.push(report.reference);
    return { kind: report.reference === 99 ? 'unmatched' : 'delivered' };
  }
}

const report = (reference: number) => buildStatusReportPdu({ reference, recipient: '+254712345678' });

describe('SmsReceiver: status reports in "SR"', () => {
  it('sweeps "SR" after the messages: commit, delete, and <mem1> back to "SM"', async () => {
    const storage = new TwoStorages();
    const sms = buildDeliverPdus({ from: '+254712345678', text: 'Habari' })[0]!;
    storage.put('SM', sms.hex, sms.tpduLength);
    for (const reference of [7, 99]) storage.put('SR', report(reference).hex, report(reference).tpduLength);
    const sink = new Sink();
    await new SmsReceiver({ gatewayId: 'm', sink, timeouts: { storageSweep: 0 } }).sweep(storage);
    expect(sink.texts).toEqual(['Habari']);
    // The unmatched one (99) is deleted too.
    expect(sink.reports).toEqual([7, 99]);
    expect(storage.stores.SR!.size).toBe(0);
    expect(storage.stores.SM!.size).toBe(0);
    expect(storage.mem1).toBe('SM');
    const from = storage.commands.indexOf('AT+CPMS="SR"');
    expect(storage.commands.slice(from)).toEqual(['AT+CPMS="SR"', 'AT+CMGL=4', 'AT+CMGD=1', 'AT+CMGD=2', 'AT+CPMS="SM"']);
  });

  it('leaves a report whose commit fails on the modem, and still switches back', async () => {
    const storage = new TwoStorages();
    storage.put('SR', report(7).hex, report(7).tpduLength);
    const sink = new Sink();
    sink.fail = true;
    await new SmsReceiver({ gatewayId: 'm', sink, timeouts: { storageSweep: 0 } }).sweep(storage);
    expect(storage.stores.SR!.size).toBe(1);
    expect(storage.commands.filter((c) => c.startsWith('AT+CMGD'))).toEqual([]);
    expect(storage.mem1).toBe('SM');
  });

  it('reads a +CDSI: "SR" where it says, and a +CDSI: "SM" as before', async () => {
    const storage = new TwoStorages();
    storage.put('SR', report(7).hex, report(7).tpduLength);
    storage.put('SM', report(8).hex, report(8).tpduLength);
    const sink = new Sink();
    const receiver = new SmsReceiver({ gatewayId: 'm', sink, timeouts: { storageSweep: 0 } });
    await receiver.handle({ code: '+CDSI', topic: 'sms', lines: ['+CDSI: "SR",1'] }, storage);
    expect(sink.reports).toEqual([7]);
    expect(storage.stores.SR!.size).toBe(0);
    expect(storage.mem1).toBe('SM');
    await receiver.handle({ code: '+CDSI', topic: 'sms', lines: ['+CDSI: "SM",1'] }, storage);
    expect(sink.reports).toEqual([7, 8]);
    expect(storage.stores.SM!.size).toBe(0);
  });

  it('does not take anything when the modem will not switch to "SR"', async () => {
    const storage = new TwoStorages();
    storage.srReadable = false;
    storage.put('SR', report(7).hex, report(7).tpduLength);
    const sink = new Sink();
    const receiver = new SmsReceiver({ gatewayId: 'm', sink, timeouts: { storageSweep: 0 } });
    await receiver.handle({ code: '+CDSI', topic: 'sms', lines: ['+CDSI: "SR",1'] }, storage);
    await receiver.sweep(storage);
    expect(sink.reports).toEqual([]);
    expect(storage.mem1).toBe('SM');
    // Not listed by AT+CPMS=?: the sweep does not try "SR" at all.
    expect(storage.commands.filter((c) => c === 'AT+CPMS="SR"')).toHaveLength(1);
  });
});
