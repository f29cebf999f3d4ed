/**
 * Live measurement of an SMS text for the compose box: encoding, parts and room left.
 * Runs on every keystroke, so it builds no PDU and no part strings; it walks the text with the
 * same rules as the splitter ({@link scanParts}), so both always agree.
 */
import { gsm7SeptetCost } from './gsm7.ts';
import type { TextEncoding } from './limits.ts';
import { chooseEncoding, type EncodingChoice, scanParts } from './segment.ts';

export interface SmsMeasure {
  /** 'gsm7' when every character is in the GSM 7-bit alphabet (TS 23.038 §6.2.1), else 'ucs2'. */
  encoding: TextEncoding;
  /** Parts the text is sent as. Empty text: 0. */
  segments: number;
  /** Septets (GSM-7; extension characters count 2) or UTF-16 code units (UCS-2; an emoji counts 2). */
  unitsUsed: number;
  /**
   * Units still free in the last part before another part is needed. Empty text: 160 (a
   * single GSM-7 part). With several parts this is counted against 153 / 67 units per part.
   */
  unitsLeftInSegment: number;
  /** Capacity of each part as the text stands: 160 / 70 for one part, 153 / 67 for several. */
  unitsPerSegment: number;
  /**
   * The distinct characters that forced UCS-2, in order of first appearance, one string per
   * Unicode code point (an emoji outside the BMP is one string of two code units). Empty for GSM-7.
   */
  forcingCharacters: string[];
}

/** Measures `text` as {@link splitIntoParts} would send it. Never throws. */
export function measureSms(text: string, choice: EncodingChoice = 'auto'): SmsMeasure {
  const encoding = chooseEncoding(text, choice);
  const scan = scanParts(text, encoding);
  return {
    encoding,
    segments: scan.parts,
    unitsUsed: scan.unitsUsed,
    unitsLeftInSegment: scan.unitsPerPart - scan.unitsInLastPart,
    unitsPerSegment: scan.unitsPerPart,
    forcingCharacters: encoding === 'ucs2' ? findForcingCharacters(text) : [],
  };
}

/** The distinct characters of `text` outside the GSM 7-bit alphabet, in order of first appearance. */
export function findForcingCharacters(text: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const char of text) {
    // Astral characters are never in the GSM alphabet; gsm7SeptetCost of a lone surrogate is 0.
    if (char.length === 1 && gsm7SeptetCost(char.charCodeAt(0)) !== 0) continue;
    if (seen.has(char)) continue;
    seen.add(char);
    found.push(char);
  }
  return found;
}
