import { describe, expect, it } from 'vitest';
import { bytesToHex, cbsAlphabet, decodeUssdString, guessUssdForm, packSeptets, parseCusd, textToSeptets, textToUcs2 } from '../../../src-shared/sms/index.ts';

const BALANCE = 'Your balance is KES 25.50. Valid till 31/12.';
const packed = (text: string): string => {
  const septets = textToSeptets(text);
  // TS 23.038 §6.1.2.3.1: 7 spare bits at the end are filled with CR.
  if ((septets.length * 7) % 8 === 1) septets.push(0x0d);
  return bytesToHex(packSeptets(septets));
};
const ucs2 = (text: string): string => bytesToHex(textToUcs2(text));

describe('CBS data coding scheme (TS 23.038 §5)', () => {
  it('reads the alphabet of each coding group', () => {
    expect(cbsAlphabet(0x0f).alphabet).toBe('gsm7');
    expect(cbsAlphabet(0x00).alphabet).toBe('gsm7');
    expect(cbsAlphabet(0x10).alphabet).toBe('gsm7');
    expect(cbsAlphabet(0x11)).toEqual({ alphabet: 'ucs2', languagePrefixOctets: 2 });
    expect(cbsAlphabet(0x48).alphabet).toBe('ucs2');
    expect(cbsAlphabet(0x44).alphabet).toBe('8bit');
    expect(cbsAlphabet(0x40).alphabet).toBe('gsm7');
    expect(cbsAlphabet(0x98).alphabet).toBe('ucs2');
    expect(cbsAlphabet(0xf4).alphabet).toBe('8bit');
    expect(cbsAlphabet(0xf0).alphabet).toBe('gsm7');
    expect(cbsAlphabet(0xa0).alphabet).toBe('gsm7'); // reserved -> GSM 7-bit
  });
});

describe('USSD answers in their three forms', () => {
  it('plain text', () => {
    expect(parseCusd(`+CUSD: 0,"${BALANCE}",15`)).toEqual({ status: 0, text: BALANCE, dcs: 15, form: 'text' });
  });

  it('GSM 7-bit packed hex (Huawei), the CR pad dropped', () => {
    const answer = parseCusd(`+CUSD: 0,"${packed(BALANCE)}",15`);
    expect(answer).toMatchObject({ status: 0, text: BALANCE, form: 'gsm7-hex' });
    // 8 septets fill 7 octets exactly: the pad is a CR septet and is removed.
    expect(parseCusd(`+CUSD: 2,"${packed('Balance1')}",15`)?.text).toBe('Balance1');
    expect(decodeUssdString(packed('*100#'), 15, 'gsm7-hex')).toBe('*100#');
  });

  it('UCS-2 hex, with a UCS-2 DCS and with a GSM DCS under AT+CSCS="UCS2"', () => {
    expect(parseCusd(`+CUSD: 0,"${ucs2('Salio lako ni KSh 25 — asante')}",72`)).toMatchObject({ text: 'Salio lako ni KSh 25 — asante', form: 'ucs2-hex' });
    expect(parseCusd(`+CUSD: 0,"${ucs2(BALANCE)}",15`)).toMatchObject({ text: BALANCE, form: 'ucs2-hex' });
  });

  it('UCS-2 preceded by a language indication (DCS 0x11) skips it', () => {
    expect(decodeUssdString('656E' + ucs2('Hi'), 0x11, 'ucs2-hex')).toBe('Hi');
  });

  it('keeps short digit answers as text, and takes a form when told', () => {
    expect(guessUssdForm('1234', 15)).toBe('text');
    expect(parseCusd('+CUSD: 0,"1234",15')?.text).toBe('1234');
    expect(parseCusd(`+CUSD: 0,"${ucs2('ab')}",15`, 'text')?.text).toBe(ucs2('ab'));
  });

  it('status only, and lines that are not +CUSD', () => {
    expect(parseCusd('+CUSD: 4')).toEqual({ status: 4, text: '', dcs: null, form: null });
    expect(parseCusd('+CREG: 1')).toBeNull();
  });
});
