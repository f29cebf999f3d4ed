import { describe, expect, it } from 'vitest';
import { measureSms, splitIntoParts } from '../../../src-shared/sms/index.ts';

describe('measureSms', () => {
  it('measures empty text as no parts with a whole GSM-7 part of room', () => {
    expect(measureSms('')).toEqual({
      encoding: 'gsm7',
      segments: 0,
      unitsUsed: 0,
      unitsLeftInSegment: 160,
      unitsPerSegment: 160,
      forcingCharacters: [],
    });
  });

  it('fits 160 GSM-7 septets in one part and needs two for 161', () => {
    expect(measureSms('a'.repeat(160))).toMatchObject({ segments: 1, unitsUsed: 160, unitsLeftInSegment: 0 });
    expect(measureSms('a'.repeat(161))).toMatchObject({ segments: 2, unitsUsed: 161, unitsLeftInSegment: 153 - 8, unitsPerSegment: 153 });
  });

  it('counts extension characters as two septets', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', segments: 1, unitsUsed: 160 });
    expect(measureSms('€'.repeat(81))).toMatchObject({ segments: 2, unitsUsed: 162 });
  });

  it('switches to UCS-2 and names the characters that forced it, in order, once each', () => {
    const m = measureSms('Dawa ya çhai 😀 ç na 😀 tena ✓');
    expect(m.encoding).toBe('ucs2');
    expect(m.forcingCharacters).toEqual(['ç', '😀', '✓']);
    expect(m.unitsUsed).toBe('Dawa ya çhai 😀 ç na 😀 tena ✓'.length);
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(measureSms('😀')).toMatchObject({ encoding: 'ucs2', segments: 1, unitsUsed: 2, unitsLeftInSegment: 68 });
  });

  it('fits 70 UCS-2 units in one part and 67 per part when concatenated', () => {
    expect(measureSms('ж'.repeat(70))).toMatchObject({ segments: 1, unitsLeftInSegment: 0 });
    expect(measureSms('ж'.repeat(71))).toMatchObject({ segments: 2, unitsLeftInSegment: 67 - 4 });
    expect(measureSms('ж'.repeat(134))).toMatchObject({ segments: 2, unitsLeftInSegment: 0 });
  });
});

describe('splitIntoParts', () => {
  it('gives no parts for empty text and one part for short text', () => {
    expect(splitIntoParts('')).toEqual({ encoding: 'gsm7', parts: [] });
    expect(splitIntoParts('Habari')).toEqual({ encoding: 'gsm7', parts: ['Habari'] });
  });

  it('splits GSM-7 text into 153-septet parts', () => {
    const { parts } = splitIntoParts('a'.repeat(400));
    expect(parts.map((p) => p.length)).toEqual([153, 153, 94]);
  });

  it('never splits an escape sequence: a part ends one septet short instead', () => {
    // 152 septets, then '€' (2 septets) would straddle the 153-septet boundary.
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(20);
    const { parts } = splitIntoParts(text);
    expect(parts).toEqual(['a'.repeat(152), '€' + 'b'.repeat(20)]);
    expect(measureSms(text)).toMatchObject({ segments: 2, unitsLeftInSegment: 153 - 22 });
  });

  it('never splits a surrogate pair: an emoji exactly at a part boundary moves to the next part', () => {
    // 66 units, then an emoji (units 67 and 68) would straddle the 67-unit boundary.
    const text = 'ж'.repeat(66) + '😀' + 'ж'.repeat(10);
    const { encoding, parts } = splitIntoParts(text);
    expect(encoding).toBe('ucs2');
    expect(parts).toEqual(['ж'.repeat(66), '😀' + 'ж'.repeat(10)]);
    expect(measureSms(text)).toMatchObject({ segments: 2, unitsLeftInSegment: 67 - 12 });
  });

  it('keeps an emoji that ends exactly on the boundary in its part', () => {
    const text = 'ж'.repeat(65) + '😀' + 'ж'.repeat(10);
    expect(splitIntoParts(text).parts).toEqual(['ж'.repeat(65) + '😀', 'ж'.repeat(10)]);
  });

  it('can be forced to UCS-2', () => {
    expect(splitIntoParts('abc', 'ucs2').encoding).toBe('ucs2');
    expect(measureSms('abc', 'ucs2')).toMatchObject({ encoding: 'ucs2', unitsLeftInSegment: 67, forcingCharacters: [] });
  });
});
