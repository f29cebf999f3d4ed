import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  decodePdu,
  decodeSubmitPdu,
  encodeSubmit,
  GSM7_EXTENSION_CHARACTERS,
  measureSms,
  PduError,
  septetsToText,
  splitIntoParts,
  unitsPerPartFor,
} from './helpers.ts';

const gsm7Basic = septetsToText(Array.from({ length: 128 }, (_, i) => i).filter((i) => i !== 0x1b));
const gsm7Char = fc.constantFrom(...gsm7Basic, ...GSM7_EXTENSION_CHARACTERS);
const gsm7Text = fc.array(gsm7Char, { maxLength: 700 }).map((chars) => chars.join(''));
// Any code point (astral ones as surrogate pairs), mixed with GSM-7 characters so that texts
// cross part boundaries at every kind of character.
const unicodeText = fc
  .array(fc.oneof(gsm7Char, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom('😀', '👍🏽', 'ж', '€')), { maxLength: 400 })
  .map((chars) => chars.join(''));
const anyText = fc.oneof(gsm7Text, unicodeText);
const phoneNumber = fc.stringMatching(/^\+?[0-9]{1,20}$/);

const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;

describe('measure and split agree', () => {
  it('measureSms counts the parts splitIntoParts makes, and the parts join back to the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const measure = measureSms(text);
        const { encoding, parts } = splitIntoParts(text);
        expect(measure.encoding).toBe(encoding);
        expect(measure.segments).toBe(parts.length);
        expect(parts.join('')).toBe(text);
        const capacity = unitsPerPartFor(encoding, parts.length > 1);
        expect(measure.unitsLeftInSegment).toBeGreaterThanOrEqual(0);
        expect(measure.unitsLeftInSegment).toBeLessThanOrEqual(capacity);
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i]!;
          expect(measureSms(part, encoding === 'ucs2' ? 'ucs2' : 'auto').unitsUsed).toBeLessThanOrEqual(capacity);
          const next = parts[i + 1];
          // No surrogate pair straddles two parts.
          if (next !== undefined) expect(isHigh(part.charCodeAt(part.length - 1)) && isLow(next.charCodeAt(0))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('encode -> decode round trip', () => {
  it('gives back the text, the recipient and the options, in measureSms().segments parts', () => {
    fc.assert(
      fc.property(
        anyText.filter((t) => t.length > 0),
        phoneNumber,
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 255 }),
        (text, to, statusReport, flash, concatReference) => {
          const parts = encodeSubmit({ to, text, statusReport, flash, concatReference });
          expect(parts).toHaveLength(measureSms(text).segments);
          const decoded = parts.map((p) => decodeSubmitPdu(p.pdu));
          expect(decoded.map((d) => d.text).join('')).toBe(text);
          decoded.forEach((d, i) => {
            expect(d.recipient).toBe(to);
            expect(d.statusReportRequested).toBe(statusReport);
            expect(d.flash).toBe(flash);
            expect(d.concat).toEqual(parts.length === 1 ? null : { ref: concatReference, part: i + 1, total: parts.length, refBits: 8 });
            // AT+CMGS=<length>: the TPDU is the hex after the one-octet "00" SMSC field.
            expect(parts[i]!.tpduLength).toBe(parts[i]!.pdu.length / 2 - 1);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decoders on arbitrary input', () => {
  const onlyPduErrors = (hex: string, hasSmsc: boolean): void => {
    try {
      decodePdu(hex, { hasSmsc });
    } catch (err) {
      if (!(err instanceof PduError)) throw err;
    }
  };

  it('throw nothing but PduError on arbitrary octets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, hasSmsc) => onlyPduErrors(bytesToHex(bytes), hasSmsc)),
      { numRuns: 2000 },
    );
  });

  it('throw nothing but PduError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (hex) => onlyPduErrors(hex, true)), { numRuns: 2000 });
  });

  it('throw nothing but PduError on corrupted real PDUs', () => {
    const seeds = [
      '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37',
      '0011000B916407281553F80000AA0AE8329BFD4697D9EC37',
      '07917283010010F506000B910221815716F2709021510121807090215101718000',
      '00440C9152742143658700006211520151002109050003' + '2A02019069',
      '0041000C91527421436587000814050003070201D83DDE000436004100420043',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (seed, edits, cut) => {
          const bytes = Array.from({ length: seed.length / 2 }, (_, i) => parseInt(seed.slice(i * 2, i * 2 + 2), 16));
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const truncated = bytes.slice(0, bytes.length - (cut % 4));
          onlyPduErrors(bytesToHex(truncated), true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
