/**
 * The e-mail protocol: mailbox syntax (a practical subset of RFC 5321 / 5322: what clinics'
 * and patients' providers accept), subject length and content size.
 */
import type { ValidationIssue } from '../errors.ts';

export const EMAIL_LIMITS = {
  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  addressLength: 254,
  /** RFC 5321 §4.5.3.1.1. */
  localPartLength: 64,
  /** A subject longer than this is cut off by most mail programs' lists anyway. */
  subjectLength: 200,
  /** Plain-text notices: 100 000 characters is far above any real one and keeps mail small. */
  contentLength: 100_000,
} as const;

// Dot-atom local part and a domain of LDH labels with a TLD of letters (no IP literals: a
// patient's mailbox is never one).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export type EmailCheck = { ok: true; address: string } | { ok: false; issue: ValidationIssue };

/** Check a mailbox and normalise it (trimmed, domain lower-cased). */
export function checkEmailAddress(raw: string): EmailCheck {
  const trimmed = raw.trim();
  const where = trimmed === '' ? '(empty e-mail address)' : trimmed;
  const fail = (rule: string, message: string): EmailCheck => ({ ok: false, issue: { where, rule, message } });
  if (trimmed === '') return fail('email.empty', 'The e-mail address is empty.');
  if (trimmed.length > EMAIL_LIMITS.addressLength) return fail('email.too-long', `An e-mail address has at most ${EMAIL_LIMITS.addressLength} characters.`);
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return fail('email.invalid', 'An e-mail address looks like name@example.org.');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > EMAIL_LIMITS.localPartLength || !LOCAL.test(local)) {
    return fail('email.invalid', 'The part before @ has characters an e-mail address cannot have.');
  }
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(tld)) {
    return fail('email.invalid', `"${domain}" is not a valid mail domain.`);
  }
  return { ok: true, address: `${local}@${domain}` };
}

/** Subject and content rules of e-mail. */
export function checkEmailContent(subject: string | null, content: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (subject !== null && /[\r\n]/.test(subject)) {
    issues.push({ where: 'subject', rule: 'subject.line-break', message: 'The subject must be one line.' });
  }
  if (subject !== null && subject.length > EMAIL_LIMITS.subjectLength) {
    issues.push({ where: 'subject', rule: 'subject.too-long', message: `The subject has ${subject.length} characters; the most allowed is ${EMAIL_LIMITS.subjectLength}.` });
  }
  if (content.trim() === '') {
    issues.push({ where: 'message', rule: 'content.empty', message: 'The message is empty.' });
  } else if (content.length > EMAIL_LIMITS.contentLength) {
    issues.push({ where: 'message', rule: 'content.too-long', message: `The message has ${content.length} characters; an e-mail may have at most ${EMAIL_LIMITS.contentLength}.` });
  }
  return issues;
}
