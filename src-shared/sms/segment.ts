/**
 * Splitting a text into SMS parts (3GPP TS 23.040 §9.2.3.24.1, concatenated short messages).
 *
 * A part never ends inside an escape sequence (ESC + code, TS 23.038 §6.2.1.1) or a UTF-16
 * surrogate pair: a receiver decodes each part on its own first, and half a character would
 * show as garbage in the part's preview. {@link measureSms} walks the text with the same rules
 * (see {@link scanParts}), so the count the user sees is the count the modem sends.
 */
import { gsm7SeptetCost, isGsm7Text } from './gsm7.ts';
import { type TextEncoding, unitsPerPart } from './limits.ts';

export type EncodingChoice = 'auto' | 'ucs2';

/** The parts of a text, in order. */
export interface SmsParts {
  encoding: TextEncoding;
  /** The text of each part; joined they give the whole text. Empty text gives no parts. */
  parts: string[];
}

/** The encoding a text is sent in: GSM-7 when every character fits, else UCS-2. */
export function chooseEncoding(text: string, choice: EncodingChoice = 'auto'): TextEncoding {
  if (choice === 'ucs2') return 'ucs2';
  return isGsm7Text(text) ? 'gsm7' : 'ucs2';
}

/** What {@link scanParts} found: the number of parts and the fill of the last one. */
export interface PartScan {
  parts: number;
  /** Units (septets or UTF-16 code units) of the whole text. */
  unitsUsed: number;
  /** Units in the last part (0 for empty text). */
  unitsInLastPart: number;
  /** Capacity of each part: 160/70 for one part, 153/67 for several. */
  unitsPerPart: number;
}

/**
 * Walks `text` and finds where parts end, calling `onPart(start, end)` with UTF-16 indices for
 * each part. Allocates nothing itself; `text` must be encodable in `encoding` (GSM-7 characters
 * outside the alphabet are counted as one septet, which never happens after chooseEncoding).
 */
export function scanParts(
  text: string,
  encoding: TextEncoding,
  onPart?: (start: number, end: number) => void,
): PartScan {
  const unitsUsed = encoding === 'gsm7' ? countGsm7Units(text) : text.length;
  if (text.length === 0) return { parts: 0, unitsUsed: 0, unitsInLastPart: 0, unitsPerPart: unitsPerPart(encoding, false) };
  const single = unitsPerPart(encoding, false);
  if (unitsUsed <= single) {
    onPart?.(0, text.length);
    return { parts: 1, unitsUsed, unitsInLastPart: unitsUsed, unitsPerPart: single };
  }
  const capacity = unitsPerPart(encoding, true);
  let parts = 0;
  let start = 0;
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const width = charWidth(text, i, encoding);
    if (used + width.units > capacity) {
      onPart?.(start, i);
      parts++;
      start = i;
      used = 0;
    }
    used += width.units;
    i += width.codeUnits;
  }
  onPart?.(start, text.length);
  parts++;
  return { parts, unitsUsed, unitsInLastPart: used, unitsPerPart: capacity };
}

/**
 * Splits `text` into the parts it is sent as: one part up to 160 septets / 70 UCS-2 units,
 * else parts of 153 / 67 units (room for the concatenation header).
 */
export function splitIntoParts(text: string, choice: EncodingChoice = 'auto'): SmsParts {
  const encoding = chooseEncoding(text, choice);
  const parts: string[] = [];
  scanParts(text, encoding, (start, end) => parts.push(text.slice(start, end)));
  return { encoding, parts };
}

function countGsm7Units(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) units += gsm7SeptetCost(text.charCodeAt(i)) || 1;
  return units;
}

// Scratch result reused by charWidth: this runs on every keystroke, for every character.
const width = { units: 0, codeUnits: 0 };

/** The cost of the character at `i` and how many code units to advance (2 for a surrogate pair). */
function charWidth(text: string, i: number, encoding: TextEncoding): typeof width {
  const unit = text.charCodeAt(i);
  if (encoding === 'gsm7') {
    width.units = gsm7SeptetCost(unit) || 1;
    width.codeUnits = 1;
    return width;
  }
  const isPair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
  width.units = isPair ? 2 : 1;
  width.codeUnits = isPair ? 2 : 1;
  return width;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
