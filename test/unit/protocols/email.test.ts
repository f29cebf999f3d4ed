import { describe, expect, it } from 'vitest';
import { checkEmailAddress, checkEmailContent, EMAIL_LIMITS } from '../../../src-shared/protocols/email.ts';

describe('e-mail addresses', () => {
  it.each([
    ['nurse@clinic.example.org', 'nurse@clinic.example.org'],
    ['  Amina.W+results@Example.CO.KE ', 'Amina.W+results@example.co.ke'],
    ["o'brien@example.org", "o'brien@example.org"],
  ])('accepts %j as %s', (input, normalised) => {
    expect(checkEmailAddress(input)).toEqual({ ok: true, address: normalised });
  });

  it.each([
    ['', 'email.empty'],
    ['billybones', 'email.invalid'],
    ['a@b', 'email.invalid'],
    ['@example.org', 'email.invalid'],
    ['a..b@example.org', 'email.invalid'],
    ['a@-example.org', 'email.invalid'],
    ['a b@example.org', 'email.invalid'],
    ['a@example.org\r\nBcc: x@example.org', 'email.invalid'],
    [`${'a'.repeat(65)}@example.org`, 'email.invalid'],
    [`a@${'b'.repeat(250)}.org`, 'email.too-long'],
  ])('rejects %j with rule %s', (input, rule) => {
    const result = checkEmailAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.rule).toBe(rule);
  });
});

describe('e-mail subject and content', () => {
  it('accepts a normal subject and text', () => {
    expect(checkEmailContent('Your results are ready', 'Please visit the clinic.')).toEqual([]);
    expect(checkEmailContent(null, 'No subject is fine.')).toEqual([]);
  });

  it('rejects a subject with a line break (header injection) or over the limit', () => {
    expect(checkEmailContent('Hi\r\nBcc: x@example.org', 'text').map((i) => i.rule)).toEqual(['subject.line-break']);
    expect(checkEmailContent('s'.repeat(EMAIL_LIMITS.subjectLength + 1), 'text').map((i) => i.rule)).toEqual(['subject.too-long']);
  });

  it('rejects empty and over-long content', () => {
    expect(checkEmailContent(null, '  ').map((i) => i.rule)).toEqual(['content.empty']);
    expect(checkEmailContent(null, 'x'.repeat(EMAIL_LIMITS.contentLength + 1)).map((i) => i.rule)).toEqual(['content.too-long']);
  });
});
