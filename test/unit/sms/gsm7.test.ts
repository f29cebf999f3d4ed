import { describe, expect, it } from 'vitest';
import {
  countSeptets,
  fillBitsAfterHeader,
  GSM7_ESCAPE,
  GSM7_EXTENSION_CHARACTERS,
  isGsm7Text,
  packSeptets,
  septetsToText,
  textToSeptets,
  textToUcs2,
  ucs2ToText,
  unpackSeptets,
  bytesToHex,
} from '../../../src-shared/sms/index.ts';

describe('GSM 7-bit default alphabet (TS 23.038 §6.2.1)', () => {
  it('maps the basic table the way the spec lays it out', () => {
    expect(textToSeptets('@£$¥')).toEqual([0x00, 0x01, 0x02, 0x03]);
    expect(textToSeptets('\n\r')).toEqual([0x0a, 0x0d]);
    expect(textToSeptets('ΔΩ_')).toEqual([0x10, 0x15, 0x11]);
    expect(textToSeptets('¤¡§¿à')).toEqual([0x24, 0x40, 0x5f, 0x60, 0x7f]);
    expect(textToSeptets('Aa0 ')).toEqual([0x41, 0x61, 0x30, 0x20]);
  });

  it.each(GSM7_EXTENSION_CHARACTERS.map((c) => [JSON.stringify(c), c]))(
    'extension character %s costs two septets (ESC + code) and round-trips',
    (_name, char) => {
      const septets = textToSeptets(char);
      expect(septets).toHaveLength(2);
      expect(septets[0]).toBe(GSM7_ESCAPE);
      expect(countSeptets(char)).toBe(2);
      expect(septetsToText(septets)).toBe(char);
      expect(septetsToText(unpackSeptets(packSeptets(septets), 2))).toBe(char);
    },
  );

  it('has exactly the ten extension characters of §6.2.1.1', () => {
    expect([...GSM7_EXTENSION_CHARACTERS].sort()).toEqual(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
    expect(textToSeptets('€')).toEqual([0x1b, 0x65]);
    expect(textToSeptets('{')).toEqual([0x1b, 0x28]);
  });

  it('shows the basic-table character for an escape code with no extension character (§6.2.1.1)', () => {
    // ESC + 0x41 is not in the extension table: display 'A'.
    expect(septetsToText([0x1b, 0x41])).toBe('A');
  });

  it('shows a space for ESC ESC (reserved for another table) and for a lone trailing ESC', () => {
    expect(septetsToText([0x48, 0x1b, 0x1b, 0x69])).toBe('H i');
    expect(septetsToText([0x48, 0x1b])).toBe('H ');
  });

  it('refuses characters outside both tables', () => {
    expect(isGsm7Text('Habari yako')).toBe(true);
    expect(isGsm7Text('ç')).toBe(false);
    expect(isGsm7Text('😀')).toBe(false);
    expect(() => textToSeptets('naïve')).toThrow(RangeError);
  });
});

describe('septet packing (TS 23.038 §6.1.2.1.1)', () => {
  it('packs "hellohello" as in the classic dreamfabric example', () => {
    // Source: dreamfabric.com/sms "SMS messages and the PDU format" (mirrored at
    // turbocontrol.com/CoolStuff/SMS messages and the PDU format.htm): E8329BFD4697D9EC37.
    expect(bytesToHex(packSeptets(textToSeptets('hellohello')))).toBe('E8329BFD4697D9EC37');
  });

  it('packs 8 septets into exactly 7 octets', () => {
    expect(packSeptets(textToSeptets('12345678'))).toHaveLength(7);
  });

  it('unpacks what it packs, after any number of fill bits', () => {
    const septets = textToSeptets('The quick brown fox {jumps} €5');
    for (let fill = 0; fill < 7; fill++) {
      expect(Array.from(unpackSeptets(packSeptets(septets, fill), septets.length, fill))).toEqual(septets);
    }
  });

  it('needs one fill bit after a 6-octet concatenation header and none after a 7-octet one', () => {
    // TS 23.040 §9.2.3.24: the text starts at the next septet boundary after the UDH.
    expect(fillBitsAfterHeader(6)).toBe(1);
    expect(fillBitsAfterHeader(7)).toBe(0);
    expect(fillBitsAfterHeader(5)).toBe(2);
  });
});

describe('UCS-2 (TS 23.038 §6.2.3)', () => {
  it('writes UTF-16 code units big-endian', () => {
    expect(bytesToHex(textToUcs2('Aб'))).toBe('00410431');
  });

  it('writes an emoji as its surrogate pair (2 units, 4 octets) and reads it back', () => {
    expect(bytesToHex(textToUcs2('😀'))).toBe('D83DDE00');
    expect(ucs2ToText(textToUcs2('Karibu 😀'))).toBe('Karibu 😀');
  });
});
