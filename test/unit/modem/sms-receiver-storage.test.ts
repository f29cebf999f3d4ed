// SmsReceiver against a scripted storage (no port): what keeps the SIM from filling for good.
import { describe, expect, it } from 'vitest';
import type { StoredSms } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import {
  RECEIVER_TIMERS,
  RECEIVING_CODES,
  SmsReceiver,
  parseCpmsRead,
  readMemoryIndication,
  smsFullIndicator,
  type IncomingSmsSink,
  type RawPdu,
  type SmsStorage,
  type UnreadableReason,
} from '../../../electron/backend/gateways/modem/sms-receiver.ts';
import { CmsError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import { buildDeliverPdus } from '../../../electron/modem-sim/sms-pdus.ts';
import { FakeClock } from '../../support/fake-clock.ts';

/** A SIM of `capacity` slots behind the SmsStorage interface; AT+CPMS? and AT+CIND=? answered. */
class ScriptedStorage implements SmsStorage {
  readonly slots = new Map<number, StoredSms>();
  readonly commands: string[] = [];
  isOpen = true;
  cind = '+CIND: ("battchg",(0-5)),("signal",(0-5)),("service",(0-1)),("smsfull",(0-1))';
  constructor(readonly capacity = 5) {}

  put(hex: string, length: number, stat = 0): number {
    for (let index = 1; index <= this.capacity; index++) {
      if (!this.slots.has(index)) {
        this.slots.set(index, { index, stat, length, pdu: hex });
        return index;
      }
    }
    throw new Error('full');
  }

  putSms(text: string): number {
    const [pdu] = buildDeliverPdus({ from: '+254712345678', text });
    return this.put(pdu!.hex, pdu!.tpduLength);
  }

  listMessages = async (): Promise<StoredSms[]> => {
    this.commands.push('AT+CMGL=4');
    return [...this.slots.values()].sort((a, b) => a.index - b.index);
  };

  readMessage = async (index: number): Promise<StoredSms | null> => {
    this.commands.push(`AT+CMGR=${index}`);
    return this.slots.get(index) ?? null;
  };

  deleteMessage = async (index: number): Promise<void> => {
    this.commands.push(`AT+CMGD=${index}`);
    this.slots.delete(index);
  };

  acknowledgeDelivery = async (): Promise<boolean> => false;

  command = async (command: string): Promise<string[]> => {
    this.commands.push(command);
    if (command === 'AT+CPMS?') return [`+CPMS: "SM",${this.slots.size},${this.capacity},"SM",${this.slots.size},${this.capacity},"SM",${this.slots.size},${this.capacity}`];
    if (command === 'AT+CIND=?') return [this.cind];
    throw new CmsError(command, 303, 'operation not supported');
  };
}

class RecordingSink implements IncomingSmsSink {
  readonly delivered: string[] = [];
  readonly kept: Array<{ raw: RawPdu; reason: UnreadableReason }> = [];
  refuseUnreadable = false;
  deliver(_gatewayId: string, pdu: { text: string }): void {
    this.delivered.push(pdu.text);
  }
  statusReport(): void {}
  unreadable(_gatewayId: string, raw: RawPdu, reason: UnreadableReason): void {
    if (this.refuseUnreadable) throw new Error('SQLITE_FULL: database or disk is full');
    this.kept.push({ raw, reason });
  }
  unreadableCount(): number {
    return this.kept.length;
  }
}

function setup(capacity = 5) {
  const clock = new FakeClock();
  const storage = new ScriptedStorage(capacity);
  const sink = new RecordingSink();
  let changes = 0;
  const receiver = new SmsReceiver({ gatewayId: 'modem-1', sink, timers: clock, onChange: () => (changes += 1) });
  return { clock, storage, sink, receiver, changes: () => changes };
}

const urc = (line: string) => {
  const code = line.slice(0, line.indexOf(':'));
  return { code, topic: 'sms' as const, lines: [line] };
};

describe('SmsReceiver: unreadable PDUs', () => {
  it('hands one to the sink with its reason and place, then deletes it', async () => {
    const { storage, sink, receiver } = setup();
    const index = storage.put('0004FF', 2);
    await receiver.sweep(storage);
    expect(sink.kept).toMatchObject([{ raw: { hex: '0004FF', length: 2, index, storage: 'SM', via: '+CMGL' }, reason: { field: 'TP-OA', offset: 4 } }]);
    expect(storage.slots.size).toBe(0);
    expect(receiver.unreadableStored).toBe(1);
    expect(receiver.undecodableCount).toBe(0);
  });

  it('leaves it on the SIM, counted, when the sink cannot keep it (and when there is no such sink)', async () => {
    const { storage, sink, receiver } = setup();
    sink.refuseUnreadable = true;
    storage.put('0004FF', 2);
    await receiver.sweep(storage);
    expect(storage.slots.size).toBe(1);
    expect(receiver.undecodableCount).toBe(1);

    const bare = new SmsReceiver({ gatewayId: 'modem-1', sink: { deliver: () => undefined, statusReport: () => undefined } });
    await bare.sweep(storage);
    expect(storage.slots.size).toBe(1);
    expect(bare.undecodableCount).toBe(1);
    expect(bare.unreadableStored).toBe(0);
  });
});

describe('SmsReceiver: a full storage', () => {
  it('is swept on ^SMMEMFULL, +QIND: "smsfull" and a named +CIEV, and reported full until there is room', async () => {
    for (const line of ['^SMMEMFULL: "SM"', '+QIND: "smsfull","SM"', '+CIEV: "smsfull",1']) {
      const { storage, sink, receiver } = setup(3);
      storage.putSms('a');
      storage.putSms('b');
      storage.putSms('c');
      const seenFull: boolean[] = [];
      const done = receiver.handle(urc(line), storage);
      seenFull.push(receiver.storageFull);
      await done;
      expect(sink.delivered, line).toEqual(['a', 'b', 'c']);
      expect(seenFull, line).toEqual([true]);
      expect(receiver.storageFull, line).toBe(false);
    }
  });

  it('looks the numbered +CIEV indicator up with AT+CIND=? once, and ignores the others', async () => {
    const { storage, sink, receiver } = setup(2);
    storage.putSms('a');
    storage.putSms('b');
    await receiver.handle(urc('+CIEV: 2,3'), storage); // signal
    expect(sink.delivered).toEqual([]);
    await receiver.handle(urc('+CIEV: 4,1'), storage); // smsfull
    expect(sink.delivered).toEqual(['a', 'b']);
    await receiver.handle(urc('+CIEV: 2,4'), storage);
    expect(storage.commands.filter((c) => c === 'AT+CIND=?')).toHaveLength(1);
  });

  it('stays full while what is on it is not ours to take, and clears on room', async () => {
    const { storage, receiver, changes } = setup(2);
    storage.put('0011000C915247123456780000AA0AC8329BFD06', 19, 2);
    storage.put('0011000C915247123456780000AA0AC8329BFD06', 19, 3);
    await receiver.sweep(storage);
    expect(receiver.storageFull).toBe(true);
    expect(changes()).toBe(1);
    storage.slots.delete(1);
    await receiver.handle(urc('+CIEV: "smsfull",0'), storage);
    expect(receiver.storageFull).toBe(false);
    expect(changes()).toBe(2);
  });

  it('takes what the network delivered while a sweep made room (another pass)', async () => {
    const { storage, sink, receiver } = setup(2);
    storage.putSms('a');
    storage.putSms('b');
    const held = ['c', 'd'];
    const remove = storage.deleteMessage;
    storage.deleteMessage = async (index) => {
      await remove(index);
      const next = held.shift();
      if (next !== undefined) storage.putSms(next);
    };
    await receiver.memoryFull(storage, '+CMS ERROR: 322');
    expect(sink.delivered).toEqual(['a', 'b', 'c', 'd']);
    expect(storage.slots.size).toBe(0);
  });

  it('sweeps after a read when AT+CPMS? shows more than was announced, not otherwise', async () => {
    const { storage, sink, receiver } = setup();
    const announced = storage.putSms('announced');
    await receiver.handle(urc(`+CMTI: "SM",${announced}`), storage);
    expect(storage.commands).not.toContain('AT+CMGL=4');
    storage.putSms('silent');
    const next = storage.putSms('next');
    await receiver.handle(urc(`+CMTI: "SM",${next}`), storage);
    expect(sink.delivered.sort()).toEqual(['announced', 'next', 'silent']);
    expect(storage.commands).toContain('AT+CMGL=4');
  });
});

describe('SmsReceiver: the slow sweep', () => {
  it('sweeps again RECEIVER_TIMERS.storageSweep after each sweep, and stops once the port is closed', async () => {
    const { clock, storage, sink, receiver } = setup();
    await receiver.sweep(storage);
    expect(clock.pendingDelays()).toEqual([RECEIVER_TIMERS.storageSweep]);
    storage.putSms('unannounced');
    clock.advance(RECEIVER_TIMERS.storageSweep);
    await receiver.sweep(storage); // queued after the timer's sweep: resolves once it is done
    expect(sink.delivered).toEqual(['unannounced']);
    expect(clock.pendingDelays()).toEqual([RECEIVER_TIMERS.storageSweep]);
    storage.isOpen = false;
    const listings = storage.commands.filter((c) => c === 'AT+CMGL=4').length;
    clock.advance(RECEIVER_TIMERS.storageSweep);
    expect(clock.pendingDelays()).toEqual([]);
    expect(storage.commands.filter((c) => c === 'AT+CMGL=4')).toHaveLength(listings);
  });
});

describe('memory indications, AT+CIND=? and AT+CPMS? answers', () => {
  it('reads each form, and nothing from the other +CIEV / +QIND lines', () => {
    expect(readMemoryIndication('^SMMEMFULL', '^SMMEMFULL: "SM"')).toEqual({ kind: 'full' });
    expect(readMemoryIndication('+QIND', '+QIND: "smsfull","SM"')).toEqual({ kind: 'full' });
    expect(readMemoryIndication('+QIND', '+QIND: SMS DONE')).toBeNull();
    expect(readMemoryIndication('+QIND', '+QIND: "csq",20,99')).toBeNull();
    expect(readMemoryIndication('+CIEV', '+CIEV: "SMSFULL",1')).toEqual({ kind: 'full' });
    expect(readMemoryIndication('+CIEV', '+CIEV: smsfull,0')).toEqual({ kind: 'room' });
    expect(readMemoryIndication('+CIEV', '+CIEV: "signal",3')).toBeNull();
    expect(readMemoryIndication('+CIEV', '+CIEV: 8,1')).toEqual({ kind: 'indicator', index: 8, value: 1 });
    for (const code of ['+CIEV', '^SMMEMFULL', '+QIND']) expect(RECEIVING_CODES.has(code)).toBe(true);
  });

  it('finds smsfull in AT+CIND=? and reads AT+CPMS?', () => {
    expect(smsFullIndicator(['+CIND: ("battchg",(0-5)),("signal",(0-5)),("service",(0-1)),("message",(0-1)),("call",(0-1)),("roam",(0-1)),("smsfull",(0-1))'])).toBe(7);
    expect(smsFullIndicator(['+CIND: ("battchg",(0-5)),("signal",(0-5))'])).toBeNull();
    expect(parseCpmsRead(['+CPMS: "SM",3,10,"SM",3,10,"ME",7,100'])).toEqual({ read: { name: 'SM', used: 3, total: 10 }, receive: { name: 'ME', used: 7, total: 100 } });
    expect(parseCpmsRead(['+CPMS: "SM",3,10'])).toEqual({ read: { name: 'SM', used: 3, total: 10 }, receive: { name: 'SM', used: 3, total: 10 } });
    expect(parseCpmsRead(['OK'])).toBeNull();
  });
});
