/**
 * The first pass of a day-list import (appointment-service.ts importRows): every row checked —
 * name, phone, date and time, and each reminder text the plan would send — before anything is
 * saved, so a list with one bad row is refused whole with one error per problem, naming its line,
 * field and rule. Rows already booked as they are (same external id, or same patient and start)
 * are recognised here too: they change nothing and their texts are not checked again.
 */
import { checkSmsAddress } from '../../../src-shared/protocols/sms.ts';
import { parseClinicTime } from '../../../src-shared/schedule/clinic-time.ts';
import type { AppointmentRecord } from '../store/repositories/appointment-repository.ts';
import { reminderTexts, type BookingContext, type ReminderTexts } from './reminder-texts.ts';

/** One row of an imported list: clinic date and time, as the EMR or spreadsheet has them. */
export interface ImportAppointmentRow {
  name?: string;
  phone?: string;
  /** YYYY-MM-DD, clinic time. */
  date?: string;
  /** HH:MM, clinic time. */
  time?: string;
  service?: string;
  externalId?: string;
  language?: string;
  /** The row's line in the file, for its error; default its index + 2 (a header line first). */
  line?: number;
}

/** One problem of one row: `field` is the row's column, `rule` a code the renderer words. */
export interface ImportRowError {
  line: number;
  field: string;
  rule: string;
  reason: string;
}

/** A row that passed: what will be booked (or found already booked). */
export interface CheckedRow {
  line: number;
  name: string;
  /** E.164. */
  phone: string;
  /** The row's own language; null: the contact's, else the clinic's. */
  language: string | null;
  startMs: number;
  service: string | null;
  externalId: string | null;
  /** The reminders as planned when checked (absent for a row already booked as it is). */
  texts: ReminderTexts | null;
}

/** What the check reads from the store. */
export interface ImportLookups {
  contact(phone: string): { contactId: number; language: string | null; discreet: boolean } | undefined;
  appointment(externalId: string | null, contactId: number | null, start: string): AppointmentRecord | undefined;
}

const trimmed = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

/** Checks one row. @returns the row ready to book, or its problems (at least one). */
export function checkImportRow(
  row: ImportAppointmentRow,
  line: number,
  context: BookingContext,
  lookups: ImportLookups,
  nowMs: number,
): { ok: true; row: CheckedRow } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (field: string, rule: string, reason: string) => errors.push({ line, field, rule, reason });
  const name = trimmed(row.name);
  if (name === null) fail('name', 'name.empty', 'The name is empty.');
  const phone = checkSmsAddress(row.phone ?? '', context.protocol);
  if (!phone.ok) fail('phone', phone.issue.rule, phone.issue.message);
  else if (phone.kind !== 'e164') fail('phone', 'phone.short-code', `${row.phone} is a short code, not a patient's phone.`);
  let startMs = Number.NaN;
  try {
    startMs = parseClinicTime(`${(row.date ?? '').trim()} ${(row.time ?? '').trim()}`, context.timeZone);
    if (startMs <= nowMs) fail('date', 'time.past', 'This appointment time has already passed.');
  } catch {
    fail('date', 'time.invalid', `"${row.date ?? ''} ${row.time ?? ''}" is not a date and time: write the date as 2026-12-04 and the time as 10:00.`);
  }
  if (errors.length > 0 || !phone.ok || name === null) return { ok: false, errors };

  const checked: CheckedRow = { line, name, phone: phone.address, language: trimmed(row.language), startMs, service: trimmed(row.service), externalId: trimmed(row.externalId), texts: null };
  const saved = lookups.contact(checked.phone);
  const existing = lookups.appointment(checked.externalId, saved?.contactId ?? null, new Date(startMs).toISOString());
  if (existing && Date.parse(existing.start) === startMs) return { ok: true, row: checked };

  const person = { name, phone: checked.phone, language: checked.language ?? saved?.language ?? null, discreet: saved?.discreet ?? false };
  const texts = reminderTexts(context, person, startMs, checked.service, nowMs);
  for (const p of texts.problems) {
    // An empty merge field names the column a clinic can fill ({service} -> service); anything else is the template's.
    if (p.rule === 'empty-field' && p.field) fail(p.field, p.rule, `{${p.field}} is empty for this patient, and the template "${p.templateName}" needs it.`);
    else fail('template', p.rule, p.message);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, row: { ...checked, texts } };
}
