import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu, type DeliverPdu } from '../../../src-shared/sms/index.ts';
import { MISSING_PART_MARKER, Reassembly } from '../../../electron/backend/receiving/reassembly.ts';
import { openStore } from '../../../electron/backend/store/store.ts';
import { buildDeliverPdus, type DeliverSpec } from '../../../electron/modem-sim/sms-pdus.ts';
import { type Backbone, makeBackbone } from '../../support/backbone.ts';

const LONG = 'Habari. Kliniki itafunguliwa saa mbili asubuhi kesho. '.repeat(6).trim();

function parts(spec: Partial<DeliverSpec> = {}): DeliverPdu[] {
  return buildDeliverPdus({ from: '+254712345678', text: LONG, ...spec }).map((p) => decodePdu(p.hex) as DeliverPdu);
}

let b: Backbone;
afterEach(() => b.close());

function reassembly(backbone: Backbone): Reassembly {
  return new Reassembly({ store: backbone.store, receive: (m) => backbone.messaging.receive(m), clock: backbone.clock });
}

const inbox = (backbone: Backbone) =>
  backbone.store.db.prepare(`SELECT m.content, m.sender, r.flags FROM messages m JOIN message_recipients r ON r.message_id = m.id WHERE m.direction = 'in' ORDER BY m.id`).all() as Array<{ content: string; sender: string; flags: string }>;

describe('Reassembly', () => {
  it('stores a single SMS at once, with the SC time', () => {
    b = makeBackbone();
    const [only] = buildDeliverPdus({ from: '0712345678', text: 'Asante' }).map((p) => decodePdu(p.hex) as DeliverPdu);
    expect(reassembly(b).accept('modem-1', only!)).toMatchObject({ kind: 'message' });
    expect(inbox(b)).toEqual([{ content: 'Asante', sender: '+254712345678', flags: '[]' }]);
    expect(b.store.db.prepare('SELECT created FROM messages').pluck().get()).toBe('2025-03-03T08:00:00.000Z');
  });

  it('joins parts that arrive out of order and drops a duplicate', () => {
    b = makeBackbone();
    const r = reassembly(b);
    const [p1, p2, p3] = parts();
    expect(p3?.concat?.total).toBe(3);
    expect(r.accept('modem-1', p3!)).toEqual({ kind: 'part-stored', have: 1, total: 3 });
    expect(r.accept('modem-1', p1!)).toEqual({ kind: 'part-stored', have: 2, total: 3 });
    expect(r.accept('modem-1', p1!)).toEqual({ kind: 'duplicate-part' });
    expect(inbox(b)).toEqual([]);
    expect(r.accept('modem-1', p2!)).toMatchObject({ kind: 'message' });
    expect(inbox(b)).toEqual([{ content: LONG, sender: '+254712345678', flags: '[]' }]);
    expect(b.store.db.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(0);
  });

  it('keeps 8- and 16-bit references and different senders apart', () => {
    b = makeBackbone();
    const r = reassembly(b);
    const eight = parts({ ref: 0x12 });
    const sixteen = parts({ ref: 0x0012, refBits: 16 });
    const other = parts({ ref: 0x12, from: '+254700000001' });
    expect(sixteen[0]?.concat).toMatchObject({ ref: 0x12, refBits: 16 });
    for (const p of [eight[0], sixteen[1], other[2], eight[1], sixteen[0], other[0], sixteen[2], eight[2]]) r.accept('modem-1', p!);
    expect(inbox(b).map((m) => m.sender)).toEqual(['+254712345678', '+254712345678']);
    r.accept('modem-1', other[1]!);
    expect(inbox(b)).toHaveLength(3);
    expect(inbox(b).every((m) => m.content === LONG)).toBe(true);
  });

  it('stores what came as one incomplete message after the timeout setting', () => {
    b = makeBackbone({ settings: { multipartTimeoutMinutes: 5 } });
    const r = reassembly(b);
    const [p1, , p3] = parts();
    r.accept('modem-1', p1!);
    r.accept('modem-1', p3!);
    b.clock.advance(4 * 60_000);
    expect(r.flushExpired()).toEqual([]);
    b.clock.advance(60_000);
    expect(r.flushExpired()).toHaveLength(1);
    const [message] = inbox(b);
    expect(message?.content).toBe(`${p1!.text}${MISSING_PART_MARKER}${p3!.text}`);
    expect(JSON.parse(message!.flags)).toEqual(['incomplete']);
    expect(b.store.db.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(0);
  });

  it('keeps parts across a reopened store and completes the message after the restart', () => {
    b = makeBackbone();
    const [p1, p2, p3] = parts();
    reassembly(b).accept('modem-1', p2!);
    reassembly(b).accept('modem-1', p1!);
    b.store.close();
    const reopened = openStore({ dataDir: b.dir.path, clock: b.clock });
    const again = makeBackbone({ store: reopened, dir: b.dir, clock: b.clock });
    expect(reassembly(again).accept('modem-1', p3!)).toMatchObject({ kind: 'message' });
    expect(inbox(again)).toEqual([{ content: LONG, sender: '+254712345678', flags: '[]' }]);
    again.close();
    b = { ...b, close: () => b.dir.remove() };
  });
});
