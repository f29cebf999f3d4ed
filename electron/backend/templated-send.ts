/**
 * A send from a template (issue 11: "Templates are usable from Compose and from the API"): each
 * recipient gets the template's variant for their language (discreet when the contact asked),
 * filled from their contact and the caller's `variables`. Recipients whose filled texts are the
 * same share one message; the others get their own (a message has one content). Every message
 * goes through MessagingService.send, the one saving path, inside ONE outer transaction (the
 * inner ones are savepoints), so a problem anywhere saves nothing (docs/ARCHITECTURE.md
 * "Appointments and reminders": a field empty for a patient is an error before sending, never
 * "{name}" on a patient's phone).
 */
import { ValidationError, type ValidationIssue } from '../../src-shared/errors.ts';
import type { MessageDraft, Protocol } from '../../src-shared/model.ts';
import { checkAddress } from '../../src-shared/protocols/index.ts';
import { fillTemplate, type MergeField, variantFor } from '../../src-shared/templates/merge-fields.ts';
import { clinicTimeZone } from './clinic-time-zone.ts';
import type { MessagingService, SendReceipt } from './messaging.ts';
import type { TemplateRecord } from './store/repositories/template-repository.ts';
import type { Store } from './store/store.ts';

/** Words the caller gives for merge fields; each wins over what the contact or the clinic says. */
export type TemplateVariables = Partial<Record<MergeField, string>>;

export interface TemplatedDraft extends Omit<MessageDraft, 'content' | 'recipients'> {
  /** A template id (`templates.list`). */
  template: string;
  variables?: TemplateVariables;
  /**
   * An instant (ISO 8601): {date}, {time} and {day} are worded from it in each recipient's
   * language and the clinic's time zone ("saa 4:00 asubuhi"), unless `variables` gives them.
   */
  appointmentStart?: string;
  /** `where`: how an issue names this recipient (`to.2`); default the address as given. */
  recipients: Array<MessageDraft['recipients'][number] & { where?: string }>;
}

export interface TemplatedMessage {
  text: string;
  /** The template variant's language and whether it was the discreet one. */
  language: string;
  discreet: boolean;
  receipt: SendReceipt;
}

export interface TemplatedReceipt {
  /** One per distinct text, in the order of their first recipient. */
  messages: TemplatedMessage[];
  /** Every recipient, in the order given (duplicates merged, as validateDraft does), with its message. */
  recipients: Array<SendReceipt['recipients'][number] & { messageId: number }>;
  /** The most demanding of the messages: UCS-2 if any is, the most parts (what it costs at most per recipient). */
  sms: SendReceipt['sms'];
}

/** Fields that come from the recipient: empty ones are named per recipient; the others once, at `variables.<field>`. */
const PER_RECIPIENT: ReadonlySet<string> = new Set<MergeField>(['name', 'first_name', 'phone']);

interface Person {
  name: string | null;
  language: string | null;
  discreet: boolean;
  /** The contact's SMS number (preferred, else first), for {phone} when the recipient is e-mail. */
  sms: string | null;
}

type Filled = { text: string; language: string; discreet: boolean };

/**
 * Fills the template for every recipient and saves the messages in one transaction.
 * @throws ValidationError naming `template` (unknown, no text, an unknown field), each bad
 *   address (as validateDraft names it), each recipient with an empty name, first name or phone
 *   (its `where` and the field), and `variables.<field>` for a field empty for everyone; nothing saved.
 * @throws anything MessagingService.send throws (NoGatewayError, ValidationError for the
 *   content or the times); nothing saved.
 */
export function sendTemplated(store: Store, messaging: Pick<MessagingService, 'send'>, draft: TemplatedDraft): TemplatedReceipt {
  const template = store.templates.get(draft.template);
  if (!template) throw new ValidationError([{ where: 'template', rule: 'template.unknown', message: `There is no template "${draft.template}".` }]);

  const settings = { defaultCountry: store.settings.get('defaultCountry'), maxSmsParts: store.settings.get('maxSmsParts') };
  const clinicLanguage = store.settings.patientLanguage();
  const timeZone = clinicTimeZone(store.settings.get('timeZone'));
  const startMs = draft.appointmentStart === undefined ? null : Date.parse(draft.appointmentStart);
  const variables = draft.variables ?? {};
  const clinic = store.settings.get('clinicName');
  const people = new Map<number, Person>();
  const person = (contactId: number | null): Person | undefined => {
    if (contactId === null) return undefined;
    let p = people.get(contactId);
    if (!p) {
      const contact = store.contacts.get(contactId);
      const sms = contact?.addresses.find((a) => a.protocol === 'sms' && a.preferred) ?? contact?.addresses.find((a) => a.protocol === 'sms');
      p = { name: contact?.name ?? null, ...store.contacts.messaging(contactId), sms: sms?.address ?? null };
      people.set(contactId, p);
    }
    return p;
  };

  const issues: ValidationIssue[] = [];
  const once = new Set<string>();
  const addOnce = (issue: ValidationIssue) => {
    const key = `${issue.where}|${issue.rule}`;
    if (!once.has(key)) issues.push(issue);
    once.add(key);
  };
  const seen = new Set<string>();
  const groups = new Map<string, { filled: Filled; recipients: MessageDraft['recipients'] }>();
  const order: string[] = [];

  for (const r of draft.recipients) {
    const where = r.where ?? String(r.address);
    const check = checkAddress(String(r.address), r.protocol, settings);
    if (!check.ok) {
      issues.push({ ...check.issue, where });
      continue;
    }
    const key = `${r.protocol}:${check.address}`;
    if (seen.has(key)) continue;
    seen.add(key);
    order.push(check.address);
    // A number typed by hand may belong to a contact: that contact's name and language apply.
    const contactId = r.contactId ?? store.contacts.findAddress(check.address, r.protocol)?.contactId ?? null;
    const p = person(contactId);
    const filled = fillFor(template, { variables, startMs, timeZone, clinicLanguage, clinic }, p, check.address, r.protocol);
    if (!filled.ok) {
      for (const issue of filled.issues) {
        if (issue.where === null) issues.push({ where, rule: issue.rule, message: `${recipientName(p, check.address)}: ${issue.message}` });
        else addOnce({ where: issue.where, rule: issue.rule, message: issue.message });
      }
      continue;
    }
    let group = groups.get(filled.text);
    if (!group) {
      group = { filled, recipients: [] };
      groups.set(filled.text, group);
    }
    group.recipients.push({ address: r.address, protocol: r.protocol, ...(contactId === null ? {} : { contactId }) });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const { template: _template, variables: _variables, appointmentStart: _start, recipients: _recipients, ...rest } = draft;
  const messages = store.transaction(() =>
    [...groups.values()].map(({ filled, recipients }): TemplatedMessage => ({ ...filled, receipt: messaging.send({ ...rest, content: filled.text, recipients }) })),
  );

  // Keyed by the normalised address alone: an E.164 number and an e-mail address never coincide.
  const byAddress = new Map<string, TemplatedReceipt['recipients'][number]>();
  for (const m of messages) for (const r of m.receipt.recipients) byAddress.set(r.address, { ...r, messageId: m.receipt.messageId });
  return {
    messages,
    recipients: order.flatMap((address) => byAddress.get(address) ?? []),
    sms: worstSms(messages.map((m) => m.receipt.sms)),
  };
}

interface FillContext {
  variables: TemplateVariables;
  startMs: number | null;
  timeZone: string;
  clinicLanguage: string;
  clinic: string;
}

/** `where: null`: the problem is this recipient's; otherwise where it is named once. */
type FillIssue = { where: string | null; rule: string; message: string };

function fillFor(template: TemplateRecord, ctx: FillContext, p: Person | undefined, address: string, protocol: Protocol): { ok: true; text: string; language: string; discreet: boolean } | { ok: false; issues: FillIssue[] } {
  const variant = variantFor(template, p === undefined ? undefined : { language: p.language ?? null, discreet: p.discreet === true }, ctx.clinicLanguage);
  const discreet = variant?.discreet ?? false;
  if (!variant) return { ok: false, issues: [{ where: 'template', rule: 'template.empty', message: `The template "${template.name}" has no text.` }] };
  const v = ctx.variables;
  const filled = fillTemplate(
    variant.text,
    {
      name: v.name ?? p?.name ?? null,
      firstName: v.first_name ?? null,
      phone: v.phone ?? (protocol === 'sms' ? address : (p?.sms ?? null)),
      startMs: ctx.startMs,
      service: v.service ?? null,
      clinic: v.clinic ?? ctx.clinic,
      words: { date: v.date ?? null, time: v.time ?? null, day: v.day ?? null },
    },
    variant.language,
    ctx.timeZone,
  );
  if (filled.ok) return { ok: true, text: filled.text, language: variant.language, discreet };
  return {
    ok: false,
    issues: filled.problems.map((problem): FillIssue => {
      if (problem.rule === 'unknown-field') return { where: 'template', rule: 'template.unknown-field', message: `{${problem.field}} is not a merge field: check the template "${template.name}".` };
      if (PER_RECIPIENT.has(problem.field)) return { where: null, rule: 'template.empty-field', message: `{${problem.field}} is empty: ${emptyHint(problem.field, p)}` };
      return { where: `variables.${problem.field}`, rule: 'template.empty-field', message: `{${problem.field}} is empty: ${emptyHint(problem.field, p)}` };
    }),
  };
}

function emptyHint(field: string, p: Person | undefined): string {
  switch (field) {
    case 'name':
    case 'first_name':
      return p ? `add the name to the contact, or give "variables.${field}".` : `no contact has this address; save the contact first, or give "variables.${field}".`;
    case 'phone':
      return `add a phone number to the contact, or give "variables.phone".`;
    case 'clinic':
      return `set the clinic's name in Settings, or give "variables.clinic".`;
    case 'date':
    case 'time':
    case 'day':
      return `give "appointmentStart" or "variables.${field}".`;
    default:
      return `give "variables.${field}".`;
  }
}

function recipientName(p: Person | undefined, address: string): string {
  return p?.name ? `${p.name} (${address})` : address;
}

function worstSms(all: ReadonlyArray<SendReceipt['sms']>): SendReceipt['sms'] {
  const sms = all.filter((s): s is NonNullable<SendReceipt['sms']> => s !== null);
  if (sms.length === 0) return null;
  return { encoding: sms.some((s) => s.encoding === 'ucs2') ? 'ucs2' : 'gsm7', segments: Math.max(...sms.map((s) => s.segments)) };
}
