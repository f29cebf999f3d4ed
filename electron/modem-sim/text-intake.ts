// Reads what is typed after a text-mode AT+CMGS="<da>" prompt the way a modem does
// (27.005 §3.5.1 text mode). The AT+CSMP <dcs> (27.005 §3.3.2) says the alphabet: with UCS-2
// (or 8-bit) data the text is typed as hexadecimal octets, two IRA characters each (27.005 §3.1,
// <data>); with the default alphabet it is characters of the AT+CSCS character set
// (27.007 §5.5), converted to GSM 7-bit. One SMS: at most 160 septets or 140 octets
// (23.040 §9.2.3.16); more is +CMS ERROR: 305 (invalid text mode parameter).
import { hexToBytes, septetsToText, ucs2ToText } from '../../src-shared/sms/index.ts';
import { decodeDataCoding } from '../../src-shared/sms/pdu/dcs.ts';

export type TextVerdict =
  | { readonly accepted: true; readonly text: string; readonly encoding: 'gsm7' | 'ucs2'; readonly dcs: number }
  | { readonly accepted: false; readonly reason: string };

const MAX_SEPTETS = 160;
const MAX_OCTETS = 140;

/** `textModeParameters` is the AT+CSMP value as given: <fo>,<vp>,<pid>,<dcs>. */
export function inspectSubmitText(body: string, textModeParameters: string, characterSet: string): TextVerdict {
  const dcs = Number(textModeParameters.split(',')[3] ?? '0') || 0;
  const coding = decodeDataCoding(dcs);
  if (coding.encoding !== 'gsm7') {
    const hex = body.replace(/\s+/g, '');
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(hex)) return { accepted: false, reason: 'not hexadecimal octets, as <dcs> asks' };
    const octets = hexToBytes(hex);
    if (octets.length > MAX_OCTETS) return { accepted: false, reason: `${octets.length} octets, more than one SMS holds` };
    if (coding.encoding === '8bit') return { accepted: false, reason: '8-bit data is not a text the simulator records' };
    return { accepted: true, text: ucs2ToText(octets), encoding: 'ucs2', dcs };
  }
  // "GSM": each typed byte is a septet value (an extension character is ESC + code); "IRA" and
  // the other 8-bit sets: the characters themselves (no conversion simulated beyond that).
  const text = characterSet === 'GSM' ? septetsToText([...body].map((c) => c.charCodeAt(0) & 0x7f)) : body;
  const septets = characterSet === 'GSM' ? body.length : [...text].length;
  if (septets > MAX_SEPTETS) return { accepted: false, reason: `${septets} septets, more than one SMS holds` };
  return { accepted: true, text, encoding: 'gsm7', dcs };
}
