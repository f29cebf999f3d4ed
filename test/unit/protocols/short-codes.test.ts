/**
 * A short code is accepted only when it looks like one of the default country (issue 10 item
 * 11a): "71234567", a Kenyan mobile number with a digit missing, used to be sent as a short code.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL_SETTINGS, validateDraft } from '../../../src-shared/protocols/index.ts';
import { checkSmsAddress, DEFAULT_SHORT_CODE_RULE, isShortCode, SHORT_CODE_RULES, shortCodeRule } from '../../../src-shared/protocols/sms.ts';
import { ValidationError } from '../../../src-shared/errors.ts';
import { checkChip, chipFromText, type ChipWords } from '../../../renderer/screens/compose/recipients.ts';
import en from '../../../renderer/i18n/locales/en/compose.json' with { type: 'json' };
import sw from '../../../renderer/i18n/locales/sw/compose.json' with { type: 'json' };

const in_ = (defaultCountry: string) => ({ ...DEFAULT_PROTOCOL_SETTINGS, defaultCountry });
const kenya = in_('KE');

describe('short codes per country', () => {
  it.each(['100', '456', '22384', '40404', '123456'])('accepts %s as a Kenyan short code', (code) => {
    expect(checkSmsAddress(code, kenya)).toEqual({ ok: true, address: code, kind: 'short-code' });
  });

  it.each([
    ['71234567', 'a mobile number with a digit missing'],
    ['7123456', 'seven digits'],
    ['1234567', 'seven digits'],
    ['12', 'too short'],
    ['012345', 'a trunk prefix'],
  ])('refuses %s in Kenya (%s), naming the number and the rule', (input) => {
    const result = checkSmsAddress(input, kenya);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue).toMatchObject({ where: input, rule: 'phone.invalid' });
    expect(result.issue.message).toContain('Kenya');
  });

  it('says what a short code looks like when the input could have been meant as one', () => {
    const result = checkSmsAddress('71234567', kenya);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.message).toMatch(/nor a short code \(short codes there have 3 to 6 digits\)/);
  });

  it('refuses it at send time too, naming the number, and saves nothing', () => {
    let error: unknown;
    try {
      validateDraft({ content: 'Habari', recipients: [{ address: '71234567', protocol: 'sms' }] }, kenya);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ where: '71234567', rule: 'phone.invalid' })]);
    expect((error as ValidationError).message).toMatch(/^71234567: /);
  });

  it('still accepts the full number', () => {
    expect(checkSmsAddress('0712345678', kenya)).toEqual({ ok: true, address: '+254712345678', kind: 'e164' });
  });

  it.each([
    ['US', '12345', true],
    ['US', '123', false],
    ['GB', '8888', true],
    ['ZA', '34001', true],
    ['ZA', '12345', false],
    ['AU', '199999', true],
    ['AU', '123456', false],
  ])('%s: %s is a short code: %s', (country, code, expected) => {
    expect(isShortCode(code, country)).toBe(expected);
    expect(checkSmsAddress(code, in_(country)).ok).toBe(expected);
  });

  it('uses the default rule (3 to 8 digits, no leading 0) for a country not in the table', () => {
    expect(SHORT_CODE_RULES.TZ).toBeUndefined();
    expect(shortCodeRule('tz')).toBe(DEFAULT_SHORT_CODE_RULE);
    expect(checkSmsAddress('12345678', in_('TZ'))).toEqual({ ok: true, address: '12345678', kind: 'short-code' });
    expect(checkSmsAddress('123456789', in_('TZ')).ok).toBe(false);
    expect(checkSmsAddress('012', in_('TZ')).ok).toBe(false);
  });

  it('gives every row a source and sane lengths', () => {
    for (const [country, rule] of Object.entries(SHORT_CODE_RULES)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(rule.source.length).toBeGreaterThan(3);
      expect(rule.min).toBeGreaterThanOrEqual(3);
      expect(rule.max).toBeGreaterThanOrEqual(rule.min);
      expect(rule.start.test('0')).toBe(false);
    }
  });
});

describe('the compose chip', () => {
  const words: ChipWords = { shortCode: 'short code', contactNoAddress: 'none', groupEmpty: 'empty', groupSize: (n) => `${n}` };
  const check = (text: string) => checkChip(chipFromText(text, kenya)!, kenya, words);

  it('says "short code" after a short code, and nothing after a number', () => {
    expect(check('100')).toMatchObject({ ok: true, label: '100', detail: 'short code', address: '100' });
    expect(check('0712 345 678')).toMatchObject({ ok: true, label: '+254712345678', detail: null });
  });

  it('marks 71234567 invalid with the reason', () => {
    expect(check('71234567')).toMatchObject({ ok: false, label: '71234567', detail: null, address: null, reason: expect.stringContaining('Kenya') });
  });

  it('has the words in English and Swahili', () => {
    expect(en.shortCode).toBe('short code');
    expect(sw.shortCode).toBe('namba fupi');
  });
});
