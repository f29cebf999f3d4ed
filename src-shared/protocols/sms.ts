/**
 * The SMS protocol: phone numbers and content that a GSM modem can carry.
 * Numbers are normalised to E.164 with libphonenumber-js and the configured default country;
 * short codes (3–8 digits, such as a network's balance service) are kept as they are.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { ValidationIssue } from '../errors.ts';
import { measureSms, type SmsMeasure } from '../sms/measure.ts';
import type { ProtocolSettings } from './settings.ts';

export type AddressCheck = { ok: true; address: string; kind: 'e164' | 'short-code' } | { ok: false; issue: ValidationIssue };

const SEPARATORS = /[\s\-.()/]/g;
// A leading 0 is the trunk prefix of a national number, never the start of a short code, so a
// mistyped "0712 34" is reported as a bad number rather than accepted as a short code.
const SHORT_CODE = /^[1-9]\d{2,7}$/;
const DIALLABLE = /^\+?\d+$/;

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
  if (SHORT_CODE.test(compact)) return { ok: true, address: compact, kind: 'short-code' };
  if (compact.startsWith('+')) {
    return fail('phone.invalid', 'This is not a valid phone number: check the country code and the number of digits.');
  }
  return fail(
    'phone.invalid',
    `This is not a valid phone number in ${countryName(country)}: check the digits, or type the number with its country code (+…).`,
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
