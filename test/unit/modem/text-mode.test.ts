// Text mode (27.005 §3.5.1) for modems without PDU mode: what is typed after each prompt.
import { describe, expect, it } from 'vitest';
import {
  TEXT_MODE_PLAIN_CHARS,
  TEXT_MODE_UCS2_UNITS,
  isPlainTextModeCharacter,
  planTextMode,
  splitForTextMode,
} from '../../../electron/backend/gateways/modem/text-mode.ts';
import { SmsEncodeError } from '../../../src-shared/sms/index.ts';

describe('planTextMode', () => {
  it('sends a plain text as typed, with the default alphabet and a 7-day validity', () => {
    expect(planTextMode('+254712345678', 'Karibu kliniki, kesho saa 3.')).toEqual({
      encoding: 'gsm7',
      csmp: '17,173,0,0',
      command: 'AT+CMGS="+254712345678",145',
      pieces: [{ text: 'Karibu kliniki, kesho saa 3.', body: 'Karibu kliniki, kesho saa 3.' }],
    });
  });

  it('numbers without + are of unknown type (129)', () => {
    expect(planTextMode('0712345678', 'Habari').command).toBe('AT+CMGS="0712345678",129');
  });

  it('sends anything but plain ASCII as UCS-2 hex with <dcs> 8', () => {
    const plan = planTextMode('+254712345678', 'Salio ✓');
    expect(plan.encoding).toBe('ucs2');
    expect(plan.csmp).toBe('17,173,0,8');
    expect(plan.pieces).toEqual([{ text: 'Salio ✓', body: '00530061006C0069006F00202713' }]);
  });

  it('goes UCS-2 for the characters whose GSM code is not their ASCII code', () => {
    for (const text of ['a@b', 'KSh$5', 'a_b', 'x[1]', '{}', '~', 'é', '£', '€', 'line\r\nbreak']) {
      expect(planTextMode('100', text).encoding).toBe('ucs2');
    }
    expect(planTextMode('100', 'two\nlines').encoding).toBe('gsm7');
  });

  it('marks a flash message as class 0', () => {
    expect(planTextMode('100', 'Habari', { flash: true }).csmp).toBe('17,173,0,16');
    expect(planTextMode('100', 'Habari ✓', { flash: true }).csmp).toBe('17,173,0,24');
  });

  it('refuses what text mode cannot address, before anything is sent', () => {
    expect(() => planTextMode('SAFARICOM', 'x')).toThrow(SmsEncodeError);
    expect(() => planTextMode('+254 712', 'x')).toThrow(SmsEncodeError);
    expect(() => planTextMode('+254712345678', '')).toThrow(SmsEncodeError);
  });

  it('splits a long message into separate SMS that join back into the text', () => {
    const text = 'Kumbusho: chanjo ya mtoto wako ni Jumatatu saa tatu asubuhi. '.repeat(6).trim();
    const plan = planTextMode('+254712345678', text);
    expect(plan.pieces.length).toBe(3);
    expect(plan.pieces.map((p) => p.text).join('')).toBe(text);
    for (const piece of plan.pieces) expect(piece.text.length).toBeLessThanOrEqual(TEXT_MODE_PLAIN_CHARS);
    // Broken after a word, not inside one.
    expect(plan.pieces[0]!.text.endsWith(' ')).toBe(true);
  });

  it('splits UCS-2 at 70 code units, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(69)}😀${'b'.repeat(10)}`;
    const pieces = splitForTextMode(text, TEXT_MODE_UCS2_UNITS);
    expect(pieces).toEqual(['a'.repeat(69), `😀${'b'.repeat(10)}`]);
    const plan = planTextMode('100', text);
    expect(plan.pieces.map((p) => p.body.length / 4)).toEqual([69, 12]);
  });

  it('cuts a word that is longer than a piece where it must', () => {
    expect(splitForTextMode('x'.repeat(170), 160)).toEqual(['x'.repeat(160), 'x'.repeat(10)]);
  });
});

describe('isPlainTextModeCharacter', () => {
  it('is printable ASCII with the same GSM 7-bit code, and LF', () => {
    const plain = [...'AZaz09 !"#%&\'()*+,-./:;<=>?\n'];
    for (const c of plain) expect(isPlainTextModeCharacter(c.charCodeAt(0))).toBe(true);
    for (const c of [...'$@[\\]^_`{|}~\r\t\x1a\x1bé']) expect(isPlainTextModeCharacter(c.charCodeAt(0))).toBe(false);
  });
});
