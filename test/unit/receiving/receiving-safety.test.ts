import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu, type DeliverPdu } from '../../../src-shared/sms/index.ts';
import { fingerprintOf, tpduHex } from '../../../electron/backend/receiving/pdu-fingerprint.ts';
import { ReceivingService } from '../../../electron/backend/receiving/receiving-service.ts';
import type { RawPdu } from '../../../electron/backend/gateways/modem/sms-receiver.ts';
import { buildDeliverPdus } from '../../../electron/modem-sim/sms-pdus.ts';
import { type Backbone, makeBackbone } from '../../support/backbone.ts';

const LONG = 'Habari. Kliniki itafunguliwa saa mbili asubuhi kesho. '.repeat(6).trim();

let b: Backbone;
afterEach(() => b.close());

function service(backbone: Backbone, checkEveryMs?: number): ReceivingService {
  return new ReceivingService({
    ...(checkEveryMs === undefined ? {} : { checkEveryMs }),
    store: backbone.store,
    receive: (m) => backbone.messaging.receive(m),
    changeStatus: (r) => backbone.dispatcher.changeStatus(r),
    clock: backbone.clock,
    timers: backbone.clock,
  });
}

/** Each PDU as the modem lists it, decoded. */
function received(text: string, from = '+254712345678'): Array<{ pdu: DeliverPdu; raw: RawPdu }> {
  return buildDeliverPdus({ from, text }).map((built, i) => ({
    pdu: decodePdu(built.hex) as DeliverPdu,
    raw: { hex: built.hex, length: built.tpduLength, index: i + 1, storage: 'SM', via: '+CMGL' },
  }));
}

const inbox = (backbone: Backbone) =>
  backbone.store.db.prepare<[], string>(`SELECT content FROM messages WHERE direction = 'in' ORDER BY id`).pluck().all();

describe('recognising a PDU committed before (a re-read after a crash)', () => {
  it('stores a single SMS once, however often it is read', () => {
    b = makeBackbone();
    const s = service(b);
    const [only] = received('Asante');
    expect(s.deliver('modem-1', only!.pdu, only!.raw)).toMatchObject({ kind: 'message' });
    expect(s.deliver('modem-1', only!.pdu, { ...only!.raw, via: '+CMGR', index: 7 })).toEqual({ kind: 'already-stored' });
    expect(inbox(b)).toEqual(['Asante']);
  });

  it('does not turn the last part of a completed long message into a new waiting part', () => {
    b = makeBackbone();
    const s = service(b);
    const parts = received(LONG);
    expect(parts).toHaveLength(3);
    for (const { pdu, raw } of parts) s.deliver('modem-1', pdu, raw);
    expect(inbox(b)).toEqual([LONG]);
    expect(s.deliver('modem-1', parts[2]!.pdu, parts[2]!.raw)).toEqual({ kind: 'already-stored' });
    expect(b.store.db.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(0);
    b.clock.advance(60 * 60_000);
    expect(s.reassembly.flushExpired()).toEqual([]);
    expect(inbox(b)).toEqual([LONG]);
  });

  it('keeps the same text from another sender, at another time or on another gateway apart', () => {
    b = makeBackbone();
    const s = service(b);
    const [first] = received('Sawa');
    const [other] = received('Sawa', '+254700000001');
    s.deliver('modem-1', first!.pdu, first!.raw);
    s.deliver('modem-1', other!.pdu, other!.raw);
    s.deliver('modem-2', first!.pdu, first!.raw);
    const later = buildDeliverPdus({ from: '+254712345678', text: 'Sawa', timestamp: '2025-03-03T11:00:01+03:00' })[0]!;
    s.deliver('modem-1', decodePdu(later.hex) as DeliverPdu, { hex: later.hex, length: later.tpduLength, index: 2, storage: 'SM', via: '+CMGL' });
    expect(inbox(b)).toEqual(['Sawa', 'Sawa', 'Sawa', 'Sawa']);
  });

  it('hashes the TPDU only: the SMSC field in front is the modem\'s framing', () => {
    const [only] = received('Asante');
    const tpdu = tpduHex(only!.raw);
    expect(only!.raw.hex.endsWith(tpdu)).toBe(true);
    expect(tpdu.length).toBe(only!.raw.length! * 2);
    expect(tpduHex({ hex: tpdu, length: only!.raw.length })).toBe(tpdu);
    expect(fingerprintOf('m', only!.pdu, only!.raw).hash).toBe(fingerprintOf('m', only!.pdu, { hex: `00${tpdu}`, length: only!.raw.length }).hash);
  });

  it('forgets fingerprints after 90 days, at its periodic check', () => {
    b = makeBackbone();
    const s = service(b, 86_400_000);
    const [only] = received('Asante');
    s.deliver('modem-1', only!.pdu, only!.raw);
    s.start();
    expect(b.store.db.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(1);
    b.clock.advance(90 * 86_400_000);
    expect(b.store.db.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(1);
    b.clock.advance(86_400_000);
    expect(b.store.db.prepare('SELECT COUNT(*) FROM received_pdus').pluck().get()).toBe(0);
    s.stop();
  });
});

describe('unreadable PDUs', () => {
  const raw = (hex: string, gateway = 'modem-1'): [string, RawPdu] => [gateway, { hex, length: 2, index: 4, storage: 'SM', via: '+CMGL' }];
  const reason = { field: 'TP-OA', offset: 4, message: 'TP-OA at offset 4: needs 128 octets' };

  it('keeps each once, counts them per gateway and lists them newest first, paged', () => {
    b = makeBackbone();
    const s = service(b);
    expect(s.unreadable(...raw('0004FF'), reason)).toBe(true);
    expect(s.unreadable(...raw('0004FF'), reason)).toBe(false);
    s.unreadable(...raw('0004FE'), reason);
    s.unreadable(...raw('0004FD'), reason);
    s.unreadable(...raw('0004FF', 'modem-2'), reason);
    expect(s.unreadableCount('modem-1')).toBe(3);
    expect(s.unreadableCount('modem-2')).toBe(1);
    const first = s.listUnreadable({ gateway: 'modem-1', limit: 2 });
    expect(first.items.map((r) => r.hex)).toEqual(['0004FD', '0004FE']);
    expect(first.items[0]).toMatchObject({ gateway: 'modem-1', storage: 'SM', simIndex: 4, via: '+CMGL', tpduLength: 2, field: 'TP-OA', offset: 4, reason: reason.message, receivedAt: b.clock.iso() });
    const second = s.listUnreadable({ gateway: 'modem-1', limit: 2, before: first.nextBefore! });
    expect(second).toMatchObject({ items: [{ hex: '0004FF' }], nextBefore: null });
    expect(s.listUnreadable().items).toHaveLength(4);
  });
});
