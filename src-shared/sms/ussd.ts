/**
 * USSD answers (3GPP TS 27.007 §7.15 `+CUSD: <m>[,<str>,<dcs>]`) -> text.
 *
 * <dcs> is a Cell Broadcast Data Coding Scheme (TS 23.038 §5): it says which alphabet the network
 * used (GSM 7-bit, 8-bit data or UCS-2). How the modem then prints <str> depends on its firmware
 * and on AT+CSCS, and comes in three forms seen in the field:
 * - `text`: the characters themselves (most modems with AT+CSCS="GSM"/"IRA");
 * - `gsm7-hex`: the packed GSM 7-bit octets as hex (Huawei E-series, whatever +CSCS says);
 * - `ucs2-hex`: UCS-2 big-endian code units as hex (UCS-2 DCS, or AT+CSCS="UCS2").
 * `decodeUssd` picks the form from the DCS and the shape of <str>, unless told.
 * Pure: no Node API.
 */
import { septetsToText } from './gsm7.ts';
import { unpackSeptets } from './septets.ts';
import { ucs2ToText } from './ucs2.ts';

export type UssdAlphabet = 'gsm7' | '8bit' | 'ucs2';
export type UssdForm = 'text' | 'gsm7-hex' | 'ucs2-hex' | '8bit-hex';

/**
 * The alphabet of a CBS DCS (TS 23.038 §5). Reserved values read as GSM 7-bit (§5: "any
 * reserved codings shall be assumed to be the GSM 7 bit default alphabet").
 * `languagePrefix`: octets of language indication before the text (0x11: UCS-2 preceded by two
 * GSM 7-bit characters of language, §5 group 0001).
 */
export function cbsAlphabet(dcs: number): { alphabet: UssdAlphabet; languagePrefixOctets: number } {
  const group = (dcs >> 4) & 0x0f;
  if (group === 0x0 || group === 0x2 || group === 0x3) return { alphabet: 'gsm7', languagePrefixOctets: 0 };
  if (group === 0x1) return dcs === 0x11 ? { alphabet: 'ucs2', languagePrefixOctets: 2 } : { alphabet: 'gsm7', languagePrefixOctets: 0 };
  if ((group & 0xc) === 0x4 || group === 0x9) {
    // 01xx general data coding, 1001 message with UDH: bits 3..2 are the alphabet.
    const bits = (dcs >> 2) & 0x03;
    return { alphabet: bits === 1 ? '8bit' : bits === 2 ? 'ucs2' : 'gsm7', languagePrefixOctets: 0 };
  }
  if (group === 0xf) return { alphabet: (dcs & 0x04) !== 0 ? '8bit' : 'gsm7', languagePrefixOctets: 0 };
  return { alphabet: 'gsm7', languagePrefixOctets: 0 };
}

const isHex = (s: string): boolean => s.length >= 2 && s.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(s);

function hexToOctets(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Packed GSM 7-bit octets -> text; drops the CR pad of TS 23.038 §6.1.2.3.1 (7 spare bits). */
export function decodePackedGsm7(octets: Uint8Array): string {
  const count = Math.floor((octets.length * 8) / 7);
  const septets = unpackSeptets(octets, count);
  let end = septets.length;
  // With 7 spare bits the last septet is a CR pad (or 0 from a sender that did not pad).
  if ((octets.length * 8) % 7 === 0 && end > 0 && (septets[end - 1] === 0x0d || septets[end - 1] === 0x00)) end -= 1;
  return septetsToText(septets.subarray(0, end));
}

/** Share of characters a person would expect in a balance message. */
function plausibility(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  for (const ch of text) if (/[\p{L}\p{N}\s.,:;!?'"()*#+\-/%=@&]/u.test(ch)) good += 1;
  return good / text.length;
}

function decodeUcs2Hex(hex: string, skipOctets = 0): string {
  return ucs2ToText(hexToOctets(hex).subarray(skipOctets));
}

/** Which form <str> is in, when the caller does not know: from the DCS, then its shape. */
export function guessUssdForm(str: string, dcs: number): UssdForm {
  const { alphabet } = cbsAlphabet(dcs);
  if (!isHex(str)) return 'text';
  if (alphabet === 'ucs2') return str.length % 4 === 0 ? 'ucs2-hex' : 'text';
  if (alphabet === '8bit') return '8bit-hex';
  // GSM 7-bit DCS: modems print text, packed hex, or (with +CSCS="UCS2") UCS-2 hex.
  if (str.length % 4 === 0) {
    const units = hexToOctets(str);
    let latin = 0;
    for (let i = 0; i < units.length; i += 2) if (units[i] === 0) latin += 1;
    if (latin * 2 >= units.length / 2 && plausibility(decodeUcs2Hex(str)) >= 0.9) return 'ucs2-hex';
  }
  // A short all-digit answer ("1234") is more likely text than 2 packed octets.
  if (str.length >= 6 && plausibility(decodePackedGsm7(hexToOctets(str))) >= 0.9) return 'gsm7-hex';
  return 'text';
}

export interface UssdAnswer {
  /** <m>: 0 no further action, 1 the network wants a reply, 2 ended by the network, 4 not supported, 5 timed out. */
  status: number;
  /** The decoded text, '' when the answer has none. */
  text: string;
  dcs: number | null;
  form: UssdForm | null;
}

/** Decodes <str> given its <dcs>; `form` overrides the guess. Never throws. */
export function decodeUssdString(str: string, dcs: number, form: UssdForm = guessUssdForm(str, dcs)): string {
  switch (form) {
    case 'text':
      return str;
    case 'gsm7-hex':
      return isHex(str) ? decodePackedGsm7(hexToOctets(str)) : str;
    case 'ucs2-hex':
      return isHex(str) ? decodeUcs2Hex(str, cbsAlphabet(dcs).languagePrefixOctets) : str;
    case '8bit-hex':
      return isHex(str) ? String.fromCharCode(...hexToOctets(str)) : str;
  }
}

/**
 * A whole `+CUSD: <m>[,"<str>"[,<dcs>]]` line -> its status and decoded text, or null when the
 * line is not a +CUSD answer. Never throws.
 */
export function parseCusd(line: string, form?: UssdForm): UssdAnswer | null {
  const match = /^\+CUSD:\s*(\d+)\s*(?:,\s*"([^"]*)"?\s*(?:,\s*(\d+))?)?\s*$/.exec(line.trim());
  if (!match) return null;
  const status = Number(match[1]);
  const str = match[2];
  if (str === undefined) return { status, text: '', dcs: null, form: null };
  const dcs = match[3] === undefined ? 15 : Number(match[3]);
  const used = form ?? guessUssdForm(str, dcs);
  return { status, text: decodeUssdString(str, dcs, used), dcs, form: used };
}
