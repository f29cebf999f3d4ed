/**
 * Appointments and their reminders (issue 11). Booking finds or creates the patient's contact,
 * saves the appointment and schedules the plan's steps whose time is still ahead, each as an
 * automated scheduled message (its text filled now, in the patient's language; its expiry the
 * appointment's start), all in one transaction: nothing is saved half-way. Moving the
 * appointment cancels its waiting reminders and plans them again; cancelling it or marking it
 * attended cancels every waiting reminder. Importing the same appointment twice (same external
 * id, or same patient and start) changes nothing.
 */
import { NotFoundError, ValidationError, type ValidationIssue } from '../../../src-shared/errors.ts';
import { checkSmsAddress } from '../../../src-shared/protocols/sms.ts';
import { parseClinicTime } from '../../../src-shared/schedule/clinic-time.ts';
import { planForService, planTimes, stepTime } from '../../../src-shared/schedule/reminder-plan.ts';
import { fillTemplate, variantFor } from '../../../src-shared/templates/merge-fields.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { MessagingService } from '../messaging.ts';
import type { ScheduledSends } from '../scheduled-sends.ts';
import type { AppointmentRecord, AppointmentStatus, ReminderRecord } from '../store/repositories/appointment-repository.ts';
import type { Store } from '../store/store.ts';

export interface PatientInput {
  name: string;
  phone: string;
  language?: string | null;
}

export interface BookInput {
  patient: PatientInput;
  /** ISO 8601 instant. */
  start: string;
  service?: string | null;
  location?: string | null;
  notes?: string;
  externalId?: string | null;
}

export interface AppointmentView {
  appointment: AppointmentRecord;
  patient: { contactId: number; name: string; phone: string | null; language: string | null };
  reminders: Array<ReminderRecord & { text: string | null; status: string | null }>;
  /** False when an import found it already booked as it was. */
  created: boolean;
}

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

export interface ImportAppointmentsResult {
  booked: number;
  unchanged: number;
  /** Reminders scheduled for the appointments booked. */
  reminders: number;
  errors: Array<{ line: number; field: string; reason: string }>;
}

/** Rows booked per transaction and between yields: about 20 ms of work (0.5–0.8 ms a row, bench/appointments.bench.ts). */
const IMPORT_CHUNK = 25;

function rowInput(row: ImportAppointmentRow, timeZone: string): BookInput {
  return {
    patient: { name: row.name!.trim(), phone: row.phone!, language: row.language?.trim() || null },
    start: new Date(parseClinicTime(`${row.date!.trim()} ${row.time!.trim()}`, timeZone)).toISOString(),
    service: row.service?.trim() || null,
    externalId: row.externalId?.trim() || null,
  };
}

/** Statuses after which nothing more is sent. */
const CLOSED: readonly AppointmentStatus[] = ['cancelled', 'attended', 'missed'];

export class AppointmentService {
  private readonly clock: Clock;
  private readonly changes = new TypedEmitter<{ changed: { ids: number[] } }>();

  constructor(
    private readonly store: Store,
    private readonly messaging: Pick<MessagingService, 'send'>,
    private readonly scheduled: Pick<ScheduledSends, 'cancel'>,
    clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
  }

  /**
   * @throws ValidationError naming `patient.phone`, `patient.name`, `start` (past or not a time)
   *   or a template field empty for this patient; nothing saved.
   */
  book(input: BookInput): AppointmentView {
    return this.announce(this.bookInTransaction(input));
  }

  private bookInTransaction(input: BookInput): AppointmentView {
    const nowMs = this.clock.now();
    const issues: ValidationIssue[] = [];
    const startMs = Date.parse(input.start);
    if (!Number.isFinite(startMs)) issues.push({ where: 'start', rule: 'time.invalid', message: `"${input.start}" is not a date and time.` });
    else if (startMs <= nowMs) issues.push({ where: 'start', rule: 'time.past', message: 'This appointment time has already passed.' });
    const name = input.patient.name.trim();
    if (name === '') issues.push({ where: 'patient.name', rule: 'name.empty', message: 'The patient needs a name.' });
    const phone = checkSmsAddress(input.patient.phone, this.protocolSettings());
    if (!phone.ok) issues.push({ where: 'patient.phone', rule: phone.issue.rule, message: `${input.patient.phone}: ${phone.issue.message}` });
    else if (phone.kind !== 'e164') issues.push({ where: 'patient.phone', rule: 'phone.short-code', message: `${input.patient.phone} is a short code, not a patient's phone.` });
    if (issues.length > 0 || !phone.ok) throw new ValidationError(issues);
    const start = new Date(startMs).toISOString();
    const address = phone.address;

    return this.store.transaction(() => {
      const at = isoAt(this.clock);
      const contactId = this.contactFor(name, address, input.patient.language ?? null);
      const existing = (input.externalId ? this.store.appointments.byExternalId(input.externalId) : undefined) ?? this.store.appointments.byContactAndStart(contactId, start);
      if (existing) {
        // The same list imported again: nothing changes. A changed start for the same external id is a move.
        if (existing.start === start) return { ...this.view(existing.id), created: false };
        return { ...this.moveInTransaction(existing.id, start), created: false };
      }
      const id = this.store.appointments.insert({
        contactId,
        start,
        service: input.service?.trim() || null,
        location: input.location?.trim() || null,
        notes: input.notes ?? '',
        status: 'booked',
        externalId: input.externalId ?? null,
        planId: null,
        created: at,
        updated: at,
      });
      this.planReminders(id);
      return { ...this.view(id), created: true };
    });
  }

  /**
   * Tomorrow's list from the clinic's EMR or a spreadsheet: every row is checked first (one error
   * per bad row with its line and field; then nothing is saved), then booked in chunks of
   * IMPORT_CHUNK rows, one transaction each, yielding between chunks so the modem and the UI
   * never stall. Rows already booked (same external id, or same patient and start) are counted
   * as unchanged, so importing the same list twice changes nothing and an import cut off by a
   * crash is finished by importing the file again.
   */
  async importRows(rows: readonly ImportAppointmentRow[]): Promise<ImportAppointmentsResult> {
    const timeZone = clinicTimeZone(this.store.settings.get('timeZone'));
    const nowMs = this.clock.now();
    const errors: ImportAppointmentsResult['errors'] = [];
    const inputs: BookInput[] = [];
    rows.forEach((row, index) => {
      const line = row.line ?? index + 2;
      const problems = this.checkRow(row, timeZone, nowMs);
      if (problems.length === 0) problems.push(...this.checkTexts(rowInput(row, timeZone), timeZone, nowMs));
      if (problems.length > 0) errors.push(...problems.map((p) => ({ line, ...p })));
      else inputs.push(rowInput(row, timeZone));
    });
    if (errors.length > 0) return { booked: 0, unchanged: 0, reminders: 0, errors };
    let booked = 0;
    let unchanged = 0;
    let reminders = 0;
    for (let i = 0; i < inputs.length; i += IMPORT_CHUNK) {
      const chunk = inputs.slice(i, i + IMPORT_CHUNK);
      const ids: number[] = [];
      this.store.transaction(() => {
        for (const input of chunk) {
          const view = this.bookInTransaction(input);
          ids.push(view.appointment.id);
          if (view.created) booked += 1;
          else unchanged += 1;
          if (view.created) reminders += view.reminders.filter((r) => r.state === 'scheduled').length;
        }
      });
      this.changes.emit('changed', { ids });
      if (i + IMPORT_CHUNK < inputs.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { booked, unchanged, reminders, errors: [] };
  }

  /**
   * Whether every reminder the plan would schedule for this row can be written (a template field
   * empty for this patient, e.g. {service}): checked in the first pass, so an import is refused
   * whole rather than failing half-way through its chunks.
   */
  private checkTexts(input: BookInput, timeZone: string, nowMs: number): Array<{ field: string; reason: string }> {
    const plan = planForService(this.store.reminderPlans.list(), input.service ?? null);
    const startMs = Date.parse(input.start);
    const phone = checkSmsAddress(input.patient.phone, this.protocolSettings());
    const owner = phone.ok ? this.store.contacts.findAddress(phone.address, 'sms') : undefined;
    const saved = owner?.contactId != null ? this.store.contacts.messaging(owner.contactId) : { language: null, discreet: false };
    const person = { language: input.patient.language ?? saved.language, discreet: saved.discreet };
    const problems: Array<{ field: string; reason: string }> = [];
    for (const planned of planTimes(plan, startMs, nowMs, timeZone).planned) {
      const template = this.store.templates.get(plan.steps[planned.step]!.template);
      const variant = template && variantFor(template, person, this.store.settings.get('language'));
      if (!template || !variant) {
        problems.push({ field: 'template', reason: `The reminder plan "${plan.name}" names a template with no text.` });
        continue;
      }
      const filled = fillTemplate(variant.text, { name: input.patient.name, phone: input.patient.phone, startMs, service: input.service ?? null, clinic: this.store.settings.get('clinicName') }, variant.language, timeZone);
      if (!filled.ok) for (const p of filled.problems) problems.push({ field: p.field, reason: `{${p.field}} is empty for this patient, and the template "${template.name}" needs it.` });
    }
    return problems;
  }

  private checkRow(row: ImportAppointmentRow, timeZone: string, nowMs: number): Array<{ field: string; reason: string }> {
    const problems: Array<{ field: string; reason: string }> = [];
    if ((row.name ?? '').trim() === '') problems.push({ field: 'name', reason: 'The name is empty.' });
    const phone = checkSmsAddress(row.phone ?? '', this.protocolSettings());
    if (!phone.ok) problems.push({ field: 'phone', reason: phone.issue.message });
    else if (phone.kind !== 'e164') problems.push({ field: 'phone', reason: `${row.phone} is a short code, not a patient's phone.` });
    try {
      const ms = parseClinicTime(`${(row.date ?? '').trim()} ${(row.time ?? '').trim()}`, timeZone);
      if (ms <= nowMs) problems.push({ field: 'date', reason: 'This appointment time has already passed.' });
    } catch {
      problems.push({ field: 'date', reason: `"${row.date ?? ''} ${row.time ?? ''}" is not a date and time: write the date as 2026-12-04 and the time as 10:00.` });
    }
    return problems;
  }

  /** Appointments booked, moved or changed, after their transaction committed (screens reload them). @returns unsubscribe */
  onChanged(listener: Listener<{ ids: number[] }>): () => void {
    return this.changes.on('changed', listener);
  }

  /** Says a change once it is committed: inside a caller's transaction nothing is announced (the caller's commit decides). */
  private announce(view: AppointmentView): AppointmentView {
    if (!this.store.inTransaction) this.changes.emit('changed', { ids: [view.appointment.id] });
    return view;
  }

  /** A new start: waiting reminders are cancelled and the plan's steps scheduled again. */
  move(id: number, start: string): AppointmentView {
    return this.announce(this.moveInTransaction(id, start));
  }

  private moveInTransaction(id: number, start: string): AppointmentView {
    const startMs = Date.parse(start);
    if (!Number.isFinite(startMs)) throw new ValidationError([{ where: 'start', rule: 'time.invalid', message: `"${start}" is not a date and time.` }]);
    if (startMs <= this.clock.now()) throw new ValidationError([{ where: 'start', rule: 'time.past', message: 'This appointment time has already passed.' }]);
    return this.store.transaction(() => {
      const a = this.require(id);
      if (CLOSED.includes(a.status)) throw new ValidationError([{ where: 'start', rule: 'appointment.closed', message: `This appointment is ${a.status}: book a new one.` }]);
      this.cancelWaiting(id);
      this.store.appointments.update({ ...a, start: new Date(startMs).toISOString(), status: a.status === 'reschedule-requested' ? 'booked' : a.status, updated: isoAt(this.clock) });
      this.planReminders(id);
      return { ...this.view(id), created: false };
    });
  }

  setStatus(id: number, status: AppointmentStatus): AppointmentView {
    return this.announce(this.setStatusInTransaction(id, status));
  }

  private setStatusInTransaction(id: number, status: AppointmentStatus): AppointmentView {
    return this.store.transaction(() => {
      const a = this.require(id);
      if (CLOSED.includes(status)) this.cancelWaiting(id);
      this.store.appointments.update({ ...a, status, updated: isoAt(this.clock) });
      return { ...this.view(id), created: false };
    });
  }

  get(id: number): AppointmentView {
    this.require(id);
    return { ...this.view(id), created: false };
  }

  /** Appointments starting in [from, to) (instants). */
  between(from: string, to: string): AppointmentView[] {
    return this.store.appointments.between(from, to).map((a) => ({ ...this.view(a.id), created: false }));
  }

  private planReminders(id: number): void {
    const a = this.require(id);
    const timeZone = clinicTimeZone(this.store.settings.get('timeZone'));
    const plan = planForService(this.store.reminderPlans.list(), a.service);
    const times = planTimes(plan, Date.parse(a.start), this.clock.now(), timeZone);
    const contact = this.store.contacts.get(a.contactId)!;
    const phone = contact.addresses.find((ad) => ad.protocol === 'sms' && ad.preferred) ?? contact.addresses.find((ad) => ad.protocol === 'sms');
    const { language, discreet } = this.store.contacts.messaging(a.contactId);
    const at = isoAt(this.clock);
    for (const index of times.skipped) this.store.appointments.addReminder(id, index, new Date(stepTime(plan.steps[index]!, Date.parse(a.start), timeZone)).toISOString(), null, 'skipped', at);
    for (const planned of times.planned) {
      const step = plan.steps[planned.step]!;
      const template = this.store.templates.get(step.template);
      const where = `plan.${plan.id}.steps.${planned.step}`;
      if (!template) throw new ValidationError([{ where, rule: 'template.unknown', message: `The reminder plan names a template that does not exist: "${step.template}".` }]);
      const variant = variantFor(template, { language, discreet }, this.store.settings.get('language'));
      if (!variant) throw new ValidationError([{ where, rule: 'template.empty', message: `The template "${template.name}" has no text.` }]);
      const filled = fillTemplate(variant.text, { name: contact.name, phone: phone?.address ?? null, startMs: Date.parse(a.start), service: a.service, clinic: this.store.settings.get('clinicName') }, variant.language, timeZone);
      if (!filled.ok) {
        throw new ValidationError(
          filled.problems.map((p) => ({
            where: `template.${template.id}.${p.field}`,
            rule: p.rule,
            message: p.rule === 'empty-field' ? `{${p.field}} is empty for this patient: fill it in, or change the template "${template.name}".` : `{${p.field}} is not a merge field: check the template "${template.name}".`,
          })),
        );
      }
      const receipt = this.messaging.send({
        content: filled.text,
        recipients: [{ address: phone!.address, protocol: 'sms', contactId: a.contactId }],
        sendAt: new Date(planned.sendAtMs).toISOString(),
        expiresAt: a.start,
        automated: true,
      });
      this.store.appointments.addReminder(id, planned.step, new Date(planned.sendAtMs).toISOString(), receipt.messageId, 'scheduled', at);
    }
  }

  /** Every reminder still waiting: its message's scheduled recipients cancelled, the step marked. */
  private cancelWaiting(id: number): void {
    for (const r of this.store.appointments.reminders(id)) {
      if (r.state !== 'scheduled' || r.messageId === null) continue;
      const waiting = this.store.recipients.listForMessage(r.messageId).some((x) => x.status === 'scheduled');
      if (waiting) this.scheduled.cancel({ messageId: r.messageId });
      if (waiting) this.store.appointments.setReminderState(r.id, 'cancelled');
    }
  }

  private contactFor(name: string, phone: string, language: string | null): number {
    const owner = this.store.contacts.findAddress(phone, 'sms');
    let contactId = owner?.contactId ?? null;
    if (contactId === null) {
      contactId = this.store.contacts.create(name);
      this.store.contacts.ensureAddress(phone, 'sms', contactId);
    }
    if (language !== null) this.store.contacts.setMessaging(contactId, language, this.store.contacts.messaging(contactId).discreet);
    return contactId;
  }

  private view(id: number): Omit<AppointmentView, 'created'> {
    const appointment = this.require(id);
    const contact = this.store.contacts.get(appointment.contactId)!;
    const phone = contact.addresses.find((a) => a.protocol === 'sms')?.address ?? null;
    const reminders = this.store.appointments.reminders(id).map((r) => {
      const message = r.messageId === null ? undefined : this.store.messages.get(r.messageId);
      const recipient = r.messageId === null ? undefined : this.store.recipients.listForMessage(r.messageId)[0];
      return { ...r, text: message?.content ?? null, status: r.state === 'scheduled' ? (recipient?.status ?? null) : r.state };
    });
    return { appointment, patient: { contactId: contact.id, name: contact.name, phone, language: this.store.contacts.messaging(contact.id).language }, reminders };
  }

  private require(id: number): AppointmentRecord {
    const a = this.store.appointments.get(id);
    if (!a) throw new NotFoundError('appointment', id, 'This appointment does not exist.');
    return a;
  }

  private protocolSettings() {
    return { defaultCountry: this.store.settings.get('defaultCountry'), maxSmsParts: this.store.settings.get('maxSmsParts') };
  }
}
