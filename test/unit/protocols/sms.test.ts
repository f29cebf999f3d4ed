import { describe, expect, it } from 'vitest';
import { checkSmsAddress, checkSmsContent, normaliseSmsSender } from '../../../src-shared/protocols/sms.ts';
import { DEFAULT_PROTOCOL_SETTINGS } from '../../../src-shared/protocols/settings.ts';

const kenya = { ...DEFAULT_PROTOCOL_SETTINGS, defaultCountry: 'KE' };

describe('SMS addresses', () => {
  it.each([
    ['0712 345 678', '+254712345678'],
    ['0712-345-678', '+254712345678'],
    ['+254 712 345 678', '+254712345678'],
    ['00254712345678', '+254712345678'],
    ['(0712) 345.678', '+254712345678'],
    ['+1 800 765 4321', '+18007654321'],
  ])('normalises %j to E.164 %s with default country KE', (input, e164) => {
    expect(checkSmsAddress(input, kenya)).toEqual({ ok: true, address: e164, kind: 'e164' });
  });

  it('reads national numbers with the configured default country', () => {
    expect(checkSmsAddress('0803 123 4567', { ...kenya, defaultCountry: 'NG' })).toMatchObject({ ok: true, address: '+2348031234567' });
  });

  it.each(['100', '21000', '123456'])('keeps the short code %s as it is', (code) => {
    expect(checkSmsAddress(code, kenya)).toEqual({ ok: true, address: code, kind: 'short-code' });
  });

  it.each([
    ['billybones', 'phone.characters'],
    ['', 'phone.empty'],
    ['   ', 'phone.empty'],
    ['12', 'phone.invalid'],
    ['0712 345 678 999', 'phone.invalid'],
    ['+999 123', 'phone.invalid'],
    ['0712345678;DROP', 'phone.characters'],
  ])('rejects %j with rule %s, naming the input', (input, rule) => {
    const result = checkSmsAddress(input, kenya);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue.rule).toBe(rule);
    expect(result.issue.where).toBe(input.trim() === '' ? '(empty number)' : input.trim());
    expect(result.issue.message.length).toBeGreaterThan(10);
  });

  it('names the default country when a national number is wrong', () => {
    const result = checkSmsAddress('0712 34', kenya);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.message).toContain('Kenya');
  });

  it('meets "0712 345 678" and "+254712345678" as one sender, and keeps alphanumeric senders', () => {
    expect(normaliseSmsSender('0712 345 678', kenya)).toBe(normaliseSmsSender('+254712345678', kenya));
    expect(normaliseSmsSender('SAFARICOM', kenya)).toBe('SAFARICOM');
  });
});

describe('SMS content', () => {
  it('rejects an empty or blank message', () => {
    expect(checkSmsContent('', kenya).issues).toEqual([expect.objectContaining({ rule: 'content.empty', where: 'message' })]);
    expect(checkSmsContent(' \n ', kenya).issues[0]?.rule).toBe('content.empty');
  });

  it('accepts up to the maximum number of parts and rejects one more', () => {
    const settings = { ...kenya, maxSmsParts: 2 };
    expect(checkSmsContent('a'.repeat(306), settings).issues).toEqual([]);
    const over = checkSmsContent('a'.repeat(307), settings);
    expect(over.measure.segments).toBe(3);
    expect(over.issues[0]).toMatchObject({ rule: 'content.too-many-parts' });
    expect(over.issues[0]?.message).toContain('3 SMS parts');
  });

  it('suggests removing Unicode characters when they cause the extra parts', () => {
    const result = checkSmsContent('é'.repeat(1) + '😀'.repeat(40), { ...kenya, maxSmsParts: 1 });
    expect(result.measure.encoding).toBe('ucs2');
    expect(result.issues[0]?.message).toContain('Unicode');
  });
});
