/**
 * What a hostile SMS carries, normalised where a received message is stored: lone surrogates in
 * the text become U+FFFD, control characters leave the sender's address, markup stays as text.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanSenderAddress,
  firstLoneSurrogate,
  isWellFormedText,
  normaliseIncoming,
  replaceLoneSurrogates,
} from '../../../src-shared/protocols/incoming.ts';
import { Reassembly } from '../../../electron/backend/receiving/reassembly.ts';
import { buildDeliverPdus } from '../../../electron/modem-sim/sms-pdus.ts';
import { decodePdu, type DeliverPdu } from '../../../src-shared/sms/index.ts';
import { type Backbone, makeBackbone } from '../../support/backbone.ts';

describe('replaceLoneSurrogates', () => {
  it.each([
    ['a\ud800b', 'a\ufffdb'],
    ['\udc00', '\ufffd'],
    ['end\ud83d', 'end\ufffd'],
    ['\udc00\ud800', '\ufffd\ufffd'],
    ['pair 😀 stays', 'pair 😀 stays'],
    ['Habari', 'Habari'],
  ])('%j -> %j', (input, output) => {
    expect(replaceLoneSurrogates(input)).toBe(output);
  });

  it('always returns well-formed text of the same length, and leaves well-formed text alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (any, good) => {
        const fixed = replaceLoneSurrogates(any);
        expect(isWellFormedText(fixed)).toBe(true);
        expect(fixed.length).toBe(any.length);
        expect(replaceLoneSurrogates(good)).toBe(good);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the first lone surrogate', () => {
    expect(firstLoneSurrogate('ok 😀 \ud800 \udc00')).toBe(6);
    expect(firstLoneSurrogate('ok 😀')).toBe(-1);
  });
});

describe('cleanSenderAddress', () => {
  it.each([
    ['SAFARI\rCOM', 'SAFARICOM'],
    ['\n+254712345678\f', '+254712345678'],
    ['A\u0000B\u001fC\u007fD\u0085E\u009fF', 'ABCDEF'],
    // Bidirectional controls reorder what the nurse reads ("CLINIC" shown as something else).
    ['\u202eCINILC\u202c', 'CINILC'],
    ['X\u2066Y\u2069\u200e\u200f\u061c', 'XY'],
    ['HALF\ud800', 'HALF'],
    // Markup is kept: it is what the network said, and it is rendered as text.
    ['<b>X</b>', '<b>X</b>'],
    ['Kliniki Ñ', 'Kliniki Ñ'],
  ])('%j -> %j', (input, output) => {
    expect(cleanSenderAddress(input)).toBe(output);
  });

  it('leaves no C0 or C1 control character in any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (any) => {
        // eslint-disable-next-line no-control-regex
        expect(cleanSenderAddress(any)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normaliseIncoming', () => {
  it('cleans the text and the sender and passes every other field through', () => {
    const incoming = { from: '<b>\rX</b>', text: 'line 1\nline 2 \ud800 <img src=x onerror=alert(1)>', gatewayId: 'modem-1', flags: ['incomplete'] };
    expect(normaliseIncoming(incoming)).toEqual({ from: '<b>X</b>', text: 'line 1\nline 2 \ufffd <img src=x onerror=alert(1)>', gatewayId: 'modem-1', flags: ['incomplete'] });
    expect(incoming.text).toContain('\ud800'); // not mutated
  });
});

describe('the receive boundary (MessagingService.receive)', () => {
  let b: Backbone;
  afterEach(() => b.close());

  const stored = () =>
    b.store.db.prepare(`SELECT m.content, m.sender, r.address FROM messages m JOIN message_recipients r ON r.message_id = m.id WHERE m.direction = 'in'`).all() as Array<{
      content: string;
      sender: string;
      address: string;
    }>;

  it('stores a fuzzed DELIVER PDU (UCS-2 lone surrogate, CR in an alphanumeric sender) normalised', () => {
    b = makeBackbone();
    const [pdu] = buildDeliverPdus({ from: '<b>X\r</b>', text: 'Hi \ud800 <img src=x>', encoding: 'ucs2' });
    const decoded = decodePdu(pdu!.hex) as DeliverPdu;
    // What the codec hands over is what the network sent: both problems are really there.
    expect(decoded.sender).toBe('<b>X\r</b>');
    expect(isWellFormedText(decoded.text)).toBe(false);

    new Reassembly({ store: b.store, receive: (m) => b.messaging.receive(m), clock: b.clock }).accept('modem-1', decoded);
    expect(stored()).toEqual([{ content: 'Hi \ufffd <img src=x>', sender: '<b>X</b>', address: '<b>X</b>' }]);
  });

  it('announces the normalised message, and a cleaned number still meets its conversation', () => {
    b = makeBackbone();
    const heard: Array<{ text: string; from: string }> = [];
    b.messaging.onIncoming((e) => heard.push({ text: e.text, from: e.from }));
    const first = b.messaging.receive({ from: '+254712345678', text: 'one', gatewayId: 'modem-1' });
    const second = b.messaging.receive({ from: '\u0000+254712345678\n', text: 'two \udfff', gatewayId: 'modem-1' });
    expect(second.conversationId).toBe(first.conversationId);
    expect(heard).toEqual([
      { text: 'one', from: '+254712345678' },
      { text: 'two \ufffd', from: '+254712345678' },
    ]);
  });
});
