/**
 * The SMS protocol: phone numbers and content that a GSM modem can carry.
 * Numbers are normalised to E.164 with libphonenumber-js and the configured default country;
 * short codes (such as a network's balance service) are kept as they are, but only when they
 * look like a short code of the default country (SHORT_CODE_RULES): "71234567", a Kenyan mobile
 * number with a digit missing, is a mistake to report, not a short code to send to.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { ValidationIssue } from '../errors.ts';
import { measureSms, type SmsMeasure } from '../sms/measure.ts';
import type { ProtocolSettings } from './settings.ts';

export type AddressCheck = { ok: true; address: string; kind: 'e164' | 'short-code' } | { ok: false; issue: ValidationIssue };

const SEPARATORS = /[\s\-.()/]/g;
const DIALLABLE = /^\+?\d+$/;

/** What a short code looks like in one country: its length in digits and how it may start. */
export interface ShortCodeRule {
  min: number;
  max: number;
  /** How a short code may start (anchored at the first digit). */
  start: RegExp;
  /** Where the rule comes from. */
  source: string;
}

/**
 * Short codes per default country (ISO 3166-1 alpha-2). A leading 0 is everywhere the trunk
 * prefix of a national number, never the start of a short code, so "0712 34" is a mistyped
 * number. Keep rows small and sourced; a country not listed gets DEFAULT_SHORT_CODE_RULE.
 */
export const SHORT_CODE_RULES: Readonly<Record<string, ShortCodeRule>> = {
  // Communications Authority of Kenya, numbering plan §8 and its short code guidelines: 3 to 6
  // digits in use (100 customer care, 22384 eCitizen, 40404 ...). A mobile number has 9 (+ trunk 0).
  KE: { min: 3, max: 6, start: /^[1-9]/, source: 'CA Kenya numbering plan, short codes' },
  // Android sms_short_codes.xml: "Canada: 5-6 digits"; "USA: 5-6 digits" (CTIA common short codes).
  US: { min: 5, max: 6, start: /^[1-9]/, source: 'CTIA common short codes; Android sms_short_codes.xml' },
  CA: { min: 5, max: 6, start: /^[1-9]/, source: 'CWTA common short codes; Android sms_short_codes.xml' },
  // Android sms_short_codes.xml: "United Kingdom: 4-6 digits".
  GB: { min: 4, max: 6, start: /^[1-9]/, source: 'Android sms_short_codes.xml' },
  // Five digits starting with 3 or 4 (34001, 42001): Wikipedia "Short code", citing WASPA.
  ZA: { min: 5, max: 5, start: /^[34]/, source: 'WASPA (Wikipedia "Short code")' },
  // Android sms_short_codes.xml: "Australia: 6 or 8 digits starting with 19".
  AU: { min: 6, max: 8, start: /^19/, source: 'Android sms_short_codes.xml' },
};

/** Countries not in the table: 3 to 8 digits, not starting with 0 (the rule before the table). */
export const DEFAULT_SHORT_CODE_RULE: ShortCodeRule = { min: 3, max: 8, start: /^[1-9]/, source: 'default' };

/** The short code rule of a default country. */
export function shortCodeRule(country: string): ShortCodeRule {
  return SHORT_CODE_RULES[country.toUpperCase()] ?? DEFAULT_SHORT_CODE_RULE;
}

/** True when `digits` (separators already removed) looks like a short code of `country`. */
export function isShortCode(digits: string, country: string): boolean {
  const rule = shortCodeRule(country);
  return /^\d+$/.test(digits) && digits.length >= rule.min && digits.length <= rule.max && rule.start.test(digits);
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Normalise a phone number as a user typed it ("0712 345 678", "+254 712 345 678",
 * "00254712345678") to E.164, or accept a short code. `where` names the input in errors.
 */
export function checkSmsAddress(raw: string, settings: ProtocolSettings): AddressCheck {
  const where = raw.trim() === '' ? '(empty number)' : raw.trim();
  const fail = (rule: string, message: string): AddressCheck => ({ ok: false, issue: { where, rule, message } });
  const compact = raw.trim().replace(SEPARATORS, '').replace(/^00(?=[1-9])/, '+');
  if (compact === '') return fail('phone.empty', 'The phone number is empty.');
  if (!DIALLABLE.test(compact)) {
    return fail('phone.characters', 'A phone number may only contain digits, spaces, dashes and a leading +.');
  }
  const country = settings.defaultCountry.toUpperCase() as CountryCode;
  const parsed = parsePhoneNumberFromString(compact, country);
  if (parsed?.isValid()) return { ok: true, address: parsed.number, kind: 'e164' };
  if (isShortCode(compact, country)) return { ok: true, address: compact, kind: 'short-code' };
  if (compact.startsWith('+')) {
    return fail('phone.invalid', 'This is not a valid phone number: check the country code and the number of digits.');
  }
  const name = countryName(country);
  if (compact.startsWith('0')) {
    return fail('phone.invalid', `This is not a valid phone number in ${name}: check the digits, or type the number with its country code (+…).`);
  }
  // No trunk prefix: it may have been meant as a short code, so say what one looks like here.
  const rule = shortCodeRule(country);
  const digits = rule.min === rule.max ? `${rule.min}` : `${rule.min} to ${rule.max}`;
  return fail(
    'phone.invalid',
    `This is neither a valid phone number in ${name} nor a short code (short codes there have ${digits} digits): check the digits, or type the number with its country code (+…).`,
  );
}

/**
 * The sender of an incoming SMS as a conversation key: numbers in E.164 so that a reply from
 * "0712 345 678" and one from "+254712345678" meet; alphanumeric senders ("SAFARICOM") as sent.
 */
export function normaliseSmsSender(raw: string, settings: ProtocolSettings): string {
  const check = checkSmsAddress(raw, settings);
  return check.ok ? check.address : raw.trim();
}

/** Content rules of SMS: not empty, and at most `maxSmsParts` parts. */
export function checkSmsContent(content: string, settings: ProtocolSettings): { measure: SmsMeasure; issues: ValidationIssue[] } {
  const measure = measureSms(content);
  const issues: ValidationIssue[] = [];
  if (content.trim() === '') {
    issues.push({ where: 'message', rule: 'content.empty', message: 'The message is empty.' });
  } else if (measure.segments > settings.maxSmsParts) {
    issues.push({
      where: 'message',
      rule: 'content.too-many-parts',
      message: `The message needs ${measure.segments} SMS parts; the most allowed is ${settings.maxSmsParts}. Shorten it${measure.encoding === 'ucs2' ? ' or remove the characters that need Unicode' : ''}.`,
    });
  }
  return { measure, issues };
}
