/**
 * Protocols validate a message before anything is saved (reference: "A protocol is a set of
 * standards that govern how addresses and messages can be formatted"). validateDraft collects
 * every problem at once, so the compose screen can show each next to its recipient or field.
 */
import { ValidationError, type ValidationIssue } from '../errors.ts';
import { PROTOCOLS, type MessageDraft, type Protocol, type SendOptions } from '../model.ts';
import { checkEmailAddress, checkEmailContent } from './email.ts';
import { checkSmsAddress, checkSmsContent } from './sms.ts';
import type { ProtocolSettings } from './settings.ts';

export * from './settings.ts';
export { checkSmsAddress, checkSmsContent, isShortCode, normaliseSmsSender, shortCodeRule, SHORT_CODE_RULES } from './sms.ts';
export { cleanSenderAddress, isWellFormedText, normaliseIncoming, replaceLoneSurrogates } from './incoming.ts';
export { checkEmailAddress, checkEmailContent, EMAIL_LIMITS } from './email.ts';

export interface ValidatedRecipient {
  /** Normalised: E.164 or a short code for SMS; a mailbox with its domain lower-cased for e-mail. */
  address: string;
  protocol: Protocol;
  contactId: number | null;
  /** The address as it was given, for messages that point at it. */
  input: string;
}

export interface ValidatedDraft {
  content: string;
  subject: string | null;
  sender: string | null;
  inReplyTo: number | null;
  options: SendOptions;
  recipients: ValidatedRecipient[];
  /** How the content travels as SMS, when any recipient is SMS. */
  sms: { encoding: 'gsm7' | 'ucs2'; segments: number } | null;
}

/** `kind` says what an SMS address is (a number in E.164 or a short code); e-mail has none. */
export type RecipientCheck = { ok: true; address: string; kind?: 'e164' | 'short-code' } | { ok: false; issue: ValidationIssue };

/** Check and normalise one address for its protocol (used by the compose chips too). */
export function checkAddress(raw: string, protocol: Protocol, settings: ProtocolSettings): RecipientCheck {
  if (protocol === 'sms') return checkSmsAddress(raw, settings);
  if (protocol === 'email') return checkEmailAddress(raw);
  return { ok: false, issue: { where: String(raw), rule: 'protocol.unknown', message: `Unknown protocol "${String(protocol)}".` } };
}

const SENDER_MAX = 100;

/**
 * Validate and normalise a draft. Duplicate recipients (same normalised address and protocol)
 * are merged: the same reminder twice to one patient is never what the nurse meant.
 * @throws ValidationError naming every recipient and rule broken; nothing is changed.
 */
export function validateDraft(draft: MessageDraft, settings: ProtocolSettings): ValidatedDraft {
  const issues: ValidationIssue[] = [];
  const content = typeof draft.content === 'string' ? draft.content : '';
  const subject = draft.subject === undefined || draft.subject === null || draft.subject === '' ? null : draft.subject;
  const recipients: ValidatedRecipient[] = [];
  const seen = new Set<string>();

  if (!Array.isArray(draft.recipients) || draft.recipients.length === 0) {
    issues.push({ where: 'to', rule: 'recipients.empty', message: 'Add at least one recipient.' });
  }
  for (const r of draft.recipients ?? []) {
    if (!PROTOCOLS.includes(r.protocol)) {
      issues.push({ where: String(r.address), rule: 'protocol.unknown', message: `Unknown protocol "${String(r.protocol)}".` });
      continue;
    }
    const check = checkAddress(String(r.address ?? ''), r.protocol, settings);
    if (!check.ok) {
      issues.push(check.issue);
      continue;
    }
    const key = `${r.protocol}:${check.address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({ address: check.address, protocol: r.protocol, contactId: r.contactId ?? null, input: String(r.address) });
  }

  const protocols = new Set((draft.recipients ?? []).map((r) => r.protocol));
  let sms: ValidatedDraft['sms'] = null;
  if (protocols.has('sms')) {
    const { measure, issues: contentIssues } = checkSmsContent(content, settings);
    issues.push(...contentIssues);
    sms = { encoding: measure.encoding, segments: measure.segments };
  }
  if (protocols.has('email')) {
    for (const issue of checkEmailContent(subject, content)) {
      if (!issues.some((i) => i.rule === issue.rule && i.where === issue.where)) issues.push(issue);
    }
  }
  if (draft.sender !== undefined && draft.sender !== null && String(draft.sender).length > SENDER_MAX) {
    issues.push({ where: 'sender', rule: 'sender.too-long', message: `The sender has more than ${SENDER_MAX} characters.` });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  return {
    content,
    subject: protocols.has('email') ? subject : null,
    sender: draft.sender ?? null,
    inReplyTo: draft.inReplyTo ?? null,
    // statusReport left undefined means "use the clinic's setting" (MessagingService applies it).
    options: { statusReport: draft.options?.statusReport, flash: draft.options?.flash ?? false },
    recipients,
    sms,
  };
}
