import { describe, expect, it } from 'vitest';
import { decodeSubmitPdu, encodeSubmit, minutesToRelativeValidity, relativeValidityToMinutes, SmsEncodeError } from '../../../src-shared/sms/index.ts';

describe('encodeSubmit', () => {
  it('reproduces the classic "hellohello" SUBMIT byte for byte', () => {
    // Source: dreamfabric.com/sms "SMS messages and the PDU format": 0011000B916407281553F80000AA0AE8329BFD4697D9EC37,
    // sent with AT+CMGS=23 (the TPDU without the leading "00").
    expect(encodeSubmit({ to: '+46708251358', text: 'hellohello', validity: { relativeMinutes: 4 * 24 * 60 } })).toEqual([
      { pdu: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37', tpduLength: 23 },
    ]);
  });

  it('asks for 7 days validity by default (TP-VP 0xAD) and none when validity is null', () => {
    const [withDefault] = encodeSubmit({ to: '+254712345678', text: 'Hi' });
    expect(withDefault!.pdu).toBe('0011000C915274214365870000AD02C834');
    const [withoutValidity] = encodeSubmit({ to: '+254712345678', text: 'Hi', validity: null });
    // First octet 0x01: TP-VPF 00, no TP-VP octet.
    expect(withoutValidity!.pdu).toBe('0001000C91527421436587000002C834');
    expect(decodeSubmitPdu(withoutValidity!.pdu).validity).toBeNull();
  });

  it('encodes a national number and a short code with type-of-address 0x81, digits as given', () => {
    expect(encodeSubmit({ to: '0712345678', text: 'Hi' })[0]!.pdu).toBe('0011000A817021436587' + '0000AD02C834');
    expect(encodeSubmit({ to: '100', text: 'Hi' })[0]!.pdu).toBe('001100038101F0' + '0000AD02C834');
  });

  it('puts a given SMSC first: octet length, 0x91, semi-octets; the TPDU length excludes it', () => {
    const [part] = encodeSubmit({ to: '+254712345678', text: 'Hi', smsc: '+254722500000' });
    expect(part!.pdu.startsWith('07915274220500' + '00')).toBe(true);
    expect(part!.tpduLength).toBe((part!.pdu.length - 16) / 2);
    expect(decodeSubmitPdu(part!.pdu).smsc).toBe('+254722500000');
  });

  it('sets TP-SRR for a status report, the message reference, and DCS 0x10 / 0x18 for flash', () => {
    const [report] = encodeSubmit({ to: '+254712345678', text: 'Hi', statusReport: true, messageReference: 42 });
    expect(report!.pdu.slice(2, 6)).toBe('312A');
    expect(decodeSubmitPdu(report!.pdu)).toMatchObject({ statusReportRequested: true, reference: 42 });
    const [flash] = encodeSubmit({ to: '+254712345678', text: 'Hi', flash: true });
    expect(decodeSubmitPdu(flash!.pdu)).toMatchObject({ flash: true, dcsClass: 0, encoding: 'gsm7' });
    const [flashUcs2] = encodeSubmit({ to: '+254712345678', text: 'Jambo 😀', flash: true });
    // SMSC 00, first octet, MR, DA (8 octets), PID: the DCS is the 12th octet.
    expect(flashUcs2!.pdu.slice(24, 26)).toBe('18');
  });

  it('encodes UCS-2 with DCS 0x08 and UDL in octets', () => {
    const [part] = encodeSubmit({ to: '+254712345678', text: 'Ω😀ж', validity: null });
    // 'Ω' is GSM-7 but '😀' and 'ж' are not: the whole text goes UCS-2.
    expect(part!.pdu).toBe('0001000C91527421436587' + '0008' + '08' + '03A9D83DDE000436');
  });

  it('splits a long text with a concatenation header in every part and UDHI set', () => {
    const text = 'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi. '.repeat(6);
    const parts = encodeSubmit({ to: '+254712345678', text, concatReference: 0x2a });
    expect(parts).toHaveLength(3);
    const decoded = parts.map((p) => decodeSubmitPdu(p.pdu));
    decoded.forEach((d, i) => {
      expect(d.concat).toEqual({ ref: 0x2a, part: i + 1, total: 3, refBits: 8 });
    });
    expect(decoded.map((d) => d.text).join('')).toBe(text);
    // First octet 0x51: SUBMIT, TP-VPF relative, TP-UDHI.
    expect(parts[0]!.pdu.slice(2, 4)).toBe('51');
    // UDL of a full GSM-7 part: 7 header septets + 153 text septets = 160 (0xA0).
    expect(parts[0]!.pdu).toContain('ADA0050003');
    // Every part fits AT+CMGS: at most 140 octets of user data plus the header fields.
    for (const p of parts) expect(p.tpduLength).toBeLessThanOrEqual(140 + 1 + 1 + 12 + 1 + 1 + 1 + 1);
  });

  it('picks a concatenation reference when none is given', () => {
    const parts = encodeSubmit({ to: '+254712345678', text: 'x'.repeat(200) });
    const refs = parts.map((p) => decodeSubmitPdu(p.pdu).concat?.ref);
    expect(refs[0]).toBeTypeOf('number');
    expect(refs[1]).toBe(refs[0]);
  });

  it('sends empty text as one PDU with empty user data', () => {
    expect(encodeSubmit({ to: '+254712345678', text: '', validity: null })).toEqual([
      { pdu: '0001000C915274214365870000' + '00', tpduLength: 13 },
    ]);
  });

  it.each([
    [{ to: '' }, 'to'],
    [{ to: '+254 712 345 678' }, 'to'],
    [{ to: 'nurse' }, 'to'],
    [{ to: '+' + '1'.repeat(21) }, 'to'],
    [{ smsc: 'abc' }, 'smsc'],
    [{ messageReference: 256 }, 'messageReference'],
    [{ concatReference: -1, text: 'x'.repeat(200) }, 'concatReference'],
    [{ validity: { relativeMinutes: 0 } }, 'validity'],
    [{ text: 'x'.repeat(153 * 256) }, 'text'],
  ])('refuses %j, naming the field', (override, field) => {
    const input = { to: '+254712345678', text: 'Hi', ...override };
    expect(() => encodeSubmit(input)).toThrow(SmsEncodeError);
    try {
      encodeSubmit(input);
    } catch (err) {
      expect((err as SmsEncodeError).field).toBe(field);
      expect((err as SmsEncodeError).message.startsWith(`${field}: `)).toBe(true);
    }
  });
});

describe('relative validity period (TS 23.040 §9.2.3.12.1)', () => {
  it.each([
    [5, 0],
    [12 * 60, 143],
    [13 * 60, 145],
    [24 * 60, 167],
    [2 * 24 * 60, 168],
    [4 * 24 * 60, 170],
    [7 * 24 * 60, 173],
    [30 * 24 * 60, 196],
    [5 * 7 * 24 * 60, 197],
    [63 * 7 * 24 * 60, 255],
  ])('%i minutes is TP-VP %i', (minutes, vp) => {
    expect(minutesToRelativeValidity(minutes)).toBe(vp);
    expect(relativeValidityToMinutes(vp)).toBe(minutes);
  });

  it('rounds up to the next value it can express, and caps at 63 weeks', () => {
    expect(minutesToRelativeValidity(1)).toBe(0);
    expect(relativeValidityToMinutes(minutesToRelativeValidity(721))).toBe(750);
    expect(relativeValidityToMinutes(minutesToRelativeValidity(31 * 24 * 60))).toBe(5 * 7 * 24 * 60);
    expect(minutesToRelativeValidity(10 ** 9)).toBe(255);
  });
});
