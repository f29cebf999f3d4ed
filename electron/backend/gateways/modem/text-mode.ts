/**
 * SMS text mode (3GPP TS 27.005 §3, AT+CMGF=1) for modems that refuse PDU mode: how one
 * message becomes what is typed after each `AT+CMGS="<da>",<toda>` prompt (§3.5.1), and the
 * AT+CSMP parameters (§3.3.2) that go with it. Pure, so every rule is unit-tested.
 *
 * - Alphabet. With the default alphabet the body is characters of the AT+CSCS set (27.007
 *   §5.5) that the modem converts to GSM 7-bit; modems differ in which set and how they convert.
 *   A text made only of "plain" characters — printable ASCII whose GSM 7-bit code equals its
 *   ASCII code, and LF — reads the same in "GSM" and "IRA", so it goes as typed. Anything else
 *   (`@ $ _ é £ €`, `[ ] { } ~ ^ \ |`, Swahili or Amharic letters, emoji) goes as UCS-2:
 *   AT+CSMP <dcs> 8 and the text typed as hexadecimal octets (27.005 §3.1 <data>), which no
 *   character set conversion can spoil and which holds every character.
 * - Length. Text mode has no user data header, so there is no concatenation (23.040 §9.2.3.24.1
 *   needs a UDH): a long message goes as several separate SMS, split at a space where one is
 *   near the end of a piece, each at most one SMS (160 plain characters, 70 UCS-2 code units,
 *   a surrogate pair never split). Joining the pieces gives back the text exactly. The patient
 *   gets all the words, in pieces; a clinic would rather have that than no reminder at all.
 * - No delivery reports: a text-mode +CDS is a different shape from the PDU one the receiver
 *   reads (27.005 §3.4.1), so TP-SRR is never asked for (<fo> 17).
 */
import { DEFAULT_VALIDITY_MINUTES, bytesToHex, minutesToRelativeValidity, textToUcs2 } from '../../../../src-shared/sms/index.ts';
import { SmsEncodeError } from '../../../../src-shared/sms/index.ts';
import { UjumbeError } from '../../../../src-shared/errors.ts';

/** One SMS of a text-mode message. */
export interface TextModePiece {
  /** The part of the message text this SMS carries. */
  text: string;
  /** What is typed after the `> ` prompt (before Ctrl-Z). */
  body: string;
}

export interface TextModePlan {
  encoding: 'gsm7' | 'ucs2';
  /** The AT+CSMP value: <fo>,<vp>,<pid>,<dcs> (27.005 §3.3.2). */
  csmp: string;
  /** `AT+CMGS="<da>",<toda>` (27.005 §3.5.1). */
  command: string;
  pieces: TextModePiece[];
}

export interface TextModeOptions {
  /** Class 0 "flash" SMS (23.038 §4: <dcs> bit 4 and class 0). */
  flash?: boolean;
}

/** One text-mode SMS holds 160 default-alphabet characters or 140 octets = 70 UCS-2 units (23.040 §9.2.3.16). */
export const TEXT_MODE_PLAIN_CHARS = 160;
export const TEXT_MODE_UCS2_UNITS = 70;

// <fo> 17 = SMS-SUBMIT with a relative validity period, no TP-SRR (23.040 §9.2.3.1-§9.2.3.5).
const FIRST_OCTET = 0x11;
// A split looks back at most this share of a piece for a space to break after.
const WORD_BREAK_WINDOW = 0.25;

/** Printable ASCII whose GSM 7-bit default alphabet code is the same (23.038 §6.2.1), and LF. */
export function isPlainTextModeCharacter(code: number): boolean {
  if (code === 0x0a) return true;
  if (code < 0x20 || code > 0x7e) return false;
  // $ @ [ \ ] ^ _ ` { | } ~ : another character at that GSM code, or only in the extension table.
  return !'$@[\\]^_`{|}~'.includes(String.fromCharCode(code));
}

/** The modem took no AT+CSMP <dcs> 8, so a text that needs UCS-2 cannot go in text mode. */
export class TextModeUnicodeError extends UjumbeError {
  constructor() {
    super('sms.text-mode-unicode', 'This modem can send only plain letters and digits, and this message has other characters');
  }
}

/**
 * The text-mode SMS for one message to `address`.
 * @throws SmsEncodeError (field `to`) the address is not a number text mode can carry
 * @throws SmsEncodeError (field `text`) the text is empty
 */
export function planTextMode(address: string, text: string, options: TextModeOptions = {}): TextModePlan {
  if (!/^\+?\d{1,20}$/.test(address)) throw new SmsEncodeError('to', 'text mode takes only a phone number of digits');
  if (text.length === 0) throw new SmsEncodeError('text', 'the text is empty');
  let plain = true;
  for (let i = 0; i < text.length; i++) if (!isPlainTextModeCharacter(text.charCodeAt(i))) plain = false;
  const encoding = plain ? 'gsm7' : 'ucs2';
  const dcs = (encoding === 'ucs2' ? 0x08 : 0x00) | (options.flash === true ? 0x10 : 0x00);
  const vp = minutesToRelativeValidity(DEFAULT_VALIDITY_MINUTES);
  const toda = address.startsWith('+') ? 145 : 129; // 23.040 §9.1.2.5: international / unknown
  const pieces = splitForTextMode(text, encoding === 'gsm7' ? TEXT_MODE_PLAIN_CHARS : TEXT_MODE_UCS2_UNITS).map((piece) => ({
    text: piece,
    body: encoding === 'gsm7' ? piece : bytesToHex(textToUcs2(piece)),
  }));
  return { encoding, csmp: `${FIRST_OCTET},${vp},0,${dcs}`, command: `AT+CMGS="${address}",${toda}`, pieces };
}

/**
 * Splits `text` into pieces of at most `max` UTF-16 code units, after a space or line break in
 * the last quarter of a piece when there is one, never inside a surrogate pair.
 */
export function splitForTextMode(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = max;
    // A high surrogate at the end would leave its low half for the next SMS.
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1;
    const window = Math.floor(max * WORD_BREAK_WINDOW);
    for (let i = cut - 1; i >= cut - window; i--) {
      const char = rest.charAt(i);
      if (char === ' ' || char === '\n') {
        cut = i + 1;
        break;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
