/**
 * The Reminders screen's codes in words and its clinic-date arithmetic. Statuses come from the
 * backend as codes (AppointmentDto.status, AppointmentReminderDto.status); each is worded from a
 * table here, so a raw code never reaches the screen: an unknown one (a newer backend) shows as
 * `[untranslated: code]`. Validation issues are placed by their `where` and worded by their
 * `rule` where we know it, else by the backend's message.
 */
import type { TFunction } from 'i18next';
import type { AppointmentDto, AttentionDto } from '../../../src-shared/contract/dto.ts';
import type { ValidationIssue } from '../../../src-shared/errors.ts';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { clinicFields } from '../../../src-shared/schedule/clinic-time.ts';

export type AppointmentStatus = AppointmentDto['status'];

type Key = `reminders:${string}`;

export const APPOINTMENT_STATUS_KEYS: Record<AppointmentStatus, Key> = {
  booked: 'reminders:appointmentStatus.booked',
  confirmed: 'reminders:appointmentStatus.confirmed',
  'reschedule-requested': 'reminders:appointmentStatus.reschedule-requested',
  cancelled: 'reminders:appointmentStatus.cancelled',
  attended: 'reminders:appointmentStatus.attended',
  missed: 'reminders:appointmentStatus.missed',
};

/**
 * A reminder's status: its message's recipient status, or the step's own `skipped` (its time had
 * passed when the appointment was booked or moved) / `cancelled` (appointment-service.ts view()).
 */
export const REMINDER_STATUS_KEYS: Record<RecipientStatus | 'skipped', Key> = {
  scheduled: 'reminders:reminderStatus.scheduled',
  outbox: 'reminders:reminderStatus.outbox',
  sending: 'reminders:reminderStatus.sending',
  sent: 'reminders:reminderStatus.sent',
  delivered: 'reminders:reminderStatus.delivered',
  failed: 'reminders:reminderStatus.failed',
  received: 'reminders:reminderStatus.received',
  cancelled: 'reminders:reminderStatus.cancelled',
  suppressed: 'reminders:reminderStatus.suppressed',
  skipped: 'reminders:reminderStatus.skipped',
};

/**
 * The words for a reminder's badge. A skipped step whose time is still ahead was not late: the
 * send window would have sent it only after the appointment, or on another day
 * (electron/backend/reminders/reminder-texts.ts), which a new user's trial saw worded as "its
 * time had passed".
 */
export function reminderBadgeWords(t: TFunction, status: string, sendAt: string, nowMs: number): string {
  if (status === 'skipped' && Date.parse(sendAt) > nowMs) return t('reminders:reminderStatus.skippedWindow');
  return reminderStatusWords(t, status);
}

/** Why a reply is on the "Needs attention" list (AttentionDto.reason). */
export const ATTENTION_REASON_KEYS: Record<AttentionDto['reason'], Key> = {
  'not-understood': 'reminders:attention.reason.not-understood',
  'reschedule-requested': 'reminders:attention.reason.reschedule-requested',
};

/** Statuses after which an appointment sends nothing more and cannot be moved (appointment-service.ts CLOSED). */
export const CLOSED_STATUSES: readonly AppointmentStatus[] = ['cancelled', 'attended', 'missed'];

/** The languages a patient's reminders can be written in (the built-in texts' languages). */
export const PATIENT_LANGUAGES = ['en', 'sw', 'fr'] as const;

function lookup<C extends string>(table: Record<C, Key>, code: string): Key | null {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code as C] : null;
}

export function appointmentStatusWords(t: TFunction, code: string): string {
  const key = lookup(APPOINTMENT_STATUS_KEYS, code);
  return key ? t(key) : t('reminders:untranslated', { code });
}

export function reminderStatusWords(t: TFunction, code: string): string {
  const key = lookup(REMINDER_STATUS_KEYS, code);
  return key ? t(key) : t('reminders:untranslated', { code });
}

export function attentionReasonWords(t: TFunction, code: string): string {
  const key = lookup(ATTENTION_REASON_KEYS, code);
  return key ? t(key) : t('reminders:untranslated', { code });
}

/** The booking form's fields an issue can be placed under; `form` is above the Book button. */
export type BookField = 'name' | 'phone' | 'language' | 'when' | 'time' | 'service' | 'form';

/** Which merge field of a template names which field of the form (src-shared/templates/merge-fields.ts). */
const MERGE_FIELD_TO_FORM: Readonly<Record<string, BookField>> = {
  name: 'name',
  first_name: 'name',
  phone: 'phone',
  date: 'when',
  time: 'when',
  day: 'when',
  service: 'service',
};

/** Where an issue goes: `patient.name`, `patient.phone`, `start`, `service` or `template.<id>.<field>`. */
export function fieldOf(where: string): BookField {
  if (where === 'patient.name') return 'name';
  if (where === 'patient.phone') return 'phone';
  if (where === 'patient.language') return 'language';
  if (where === 'start') return 'when';
  if (where === 'service') return 'service';
  const template = /^template\.[^.]+\.(.+)$/.exec(where);
  if (template) return MERGE_FIELD_TO_FORM[template[1]!] ?? 'form';
  return 'form';
}

/** Rules the backend names (appointment-service.ts, protocols/sms.ts) worded in the nurse's language. */
const RULE_KEYS: Readonly<Record<string, Key>> = {
  'phone.empty': 'reminders:issue.phone-empty',
  'phone.characters': 'reminders:issue.phone-characters',
  'phone.invalid': 'reminders:issue.phone-invalid',
  'phone.short-code': 'reminders:issue.phone-short-code',
  'name.empty': 'reminders:issue.name-empty',
  'time.past': 'reminders:issue.time-past',
  'time.invalid': 'reminders:issue.time-invalid',
  'appointment.closed': 'reminders:issue.appointment-closed',
  'empty-field': 'reminders:issue.empty-field',
};

/** One issue in words: its rule when we word it, else the backend's own message. */
export function issueWords(t: TFunction, issue: ValidationIssue): string {
  const template = /^template\.[^.]+\.(.+)$/.exec(issue.where);
  const key = RULE_KEYS[issue.rule];
  if (key === 'reminders:issue.empty-field' && !template) return issue.message;
  if (key) return t(key, { field: template ? `{${template[1]}}` : '' });
  if (issue.where === 'patient.name' && issue.rule === 'too_small') return t('reminders:issue.name-empty');
  return issue.message;
}

/** Issues grouped by the field they go under, each field's words joined. */
export function placeIssues(t: TFunction, issues: readonly ValidationIssue[]): Partial<Record<BookField, string>> {
  const out: Partial<Record<BookField, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.where);
    const words = issueWords(t, issue);
    out[field] = out[field] ? `${out[field]} ${words}` : words;
  }
  return out;
}

/**
 * The rules of a day-list import's row errors (appointments.import `errors[].rule`: import-check.ts,
 * protocols/sms.ts, reminder-texts.ts) worded in the nurse's language; a rule not here (a newer
 * backend, or the contract's own refusal) falls back to the backend's reason.
 */
const IMPORT_RULE_KEYS: Readonly<Record<string, Key>> = {
  'name.empty': 'reminders:import.rule.name-empty',
  'phone.empty': 'reminders:import.rule.phone-empty',
  'phone.characters': 'reminders:import.rule.phone-characters',
  'phone.invalid': 'reminders:import.rule.phone-invalid',
  'phone.short-code': 'reminders:import.rule.phone-short-code',
  'time.past': 'reminders:import.rule.time-past',
  'time.invalid': 'reminders:import.rule.time-invalid',
  'empty-field': 'reminders:import.rule.empty-field',
  'unknown-field': 'reminders:import.rule.unknown-field',
  'template.unknown': 'reminders:import.rule.template-unknown',
  'template.empty': 'reminders:import.rule.template-empty',
  'content.empty': 'reminders:import.rule.content-empty',
  'content.too-many-parts': 'reminders:import.rule.content-too-many-parts',
};

/**
 * One backend row error in words. `field` is the row's column, or for `empty-field` the merge
 * field's ({service}); {clinic} is the clinic's name, set in Settings, not in the file.
 * `countryCode` is the calling code of the clinic's default country ("+254").
 */
export function importRuleWords(t: TFunction, error: { rule: string; field: string; reason: string }, countryCode: string): string {
  if (!Object.prototype.hasOwnProperty.call(IMPORT_RULE_KEYS, error.rule)) return error.reason;
  if (error.rule === 'empty-field' && error.field === 'clinic') return t('reminders:import.rule.empty-field-clinic', { field: '{clinic}' });
  return t(IMPORT_RULE_KEYS[error.rule]!, { field: `{${error.field}}`, code: countryCode });
}

export { plusDays } from '../../../src-shared/schedule/clinic-time.ts';

/** "2026-12-04": the clinic date of an instant. */
export const clinicDate = (ms: number, timeZone: string): string => clinicFields(ms, timeZone).date;

/** The date and time fields' values for an instant, in clinic time. */
export const fieldsFor = (iso: string, timeZone: string): { date: string; time: string } => clinicFields(Date.parse(iso), timeZone);

/** "Friday 4 December": a clinic date as a heading (noon, so no zone shift changes the day). */
export function dayHeading(date: string, language: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  try {
    return d.toLocaleDateString(language, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  } catch {
    return date;
  }
}
