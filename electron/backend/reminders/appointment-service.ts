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
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import type { MessagingService } from '../messaging.ts';
import type { ScheduledSends } from '../scheduled-sends.ts';
import type { AppointmentLogSource, AppointmentRecord, AppointmentStatus, ReminderRecord } from '../store/repositories/appointment-repository.ts';
import type { Store } from '../store/store.ts';
import { inSlices } from '../work-slices.ts';
import { checkImportRow, type CheckedRow, type ImportAppointmentRow, type ImportLookups, type ImportRowError } from './import-check.ts';
import { bookingContext, reminderTexts, type BookingContext, type ReminderTexts } from './reminder-texts.ts';

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

export type { ImportAppointmentRow } from './import-check.ts';

export interface ImportAppointmentsResult {
  booked: number;
  unchanged: number;
  /** Reminders scheduled for the appointments booked. */
  reminders: number;
  errors: ImportRowError[];
}

/**
 * How long one slice of an import works before its commit (work-slices.ts): the modem's next
 * line and the UI wait at most this plus the commit, which encrypts the slice's pages and
 * fsyncs (goal ≤ 50 ms, bench/appointments.bench.ts: 36-48 ms with 15 here).
 */
const IMPORT_SLICE_MS = 15;

/** Statuses after which nothing more is sent (a missed one keeps its follow-up: cancelWaiting). */
const CLOSED: readonly AppointmentStatus[] = ['cancelled', 'attended', 'missed'];

/** How long a missed-appointment follow-up may wait (a closed window, the modem away) before it is no longer worth sending. */
const FOLLOW_UP_GOOD_FOR_MS = 86_400_000;

export class AppointmentService {
  private readonly clock: Clock;
  private readonly changes = new TypedEmitter<{ changed: { ids: number[] } }>();
  /** Reminders saved since the dispatcher was last woken (flushScheduled). */
  private scheduledSinceFlush = 0;

  constructor(
    private readonly store: Store,
    private readonly messaging: Pick<MessagingService, 'saveCheckedSms' | 'scheduledSaved'>,
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
    const context = bookingContext(this.store);
    const phone = checkSmsAddress(input.patient.phone, context.protocol);
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
        // The same appointment booked again: nothing changes. A changed start for the same external id is a move.
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
      this.store.appointments.logStatus(id, null, 'booked', at, 'staff');
      this.planReminders(id, context);
      return { ...this.view(id), created: true };
    });
  }

  /**
   * Tomorrow's list from the clinic's EMR or a spreadsheet. First every row is checked
   * (import-check.ts: one error per problem with its line, field and rule; then nothing is
   * saved), then the rows are booked. Both passes run in slices of IMPORT_SLICE_MS
   * (work-slices.ts), each booking slice one transaction, so the modem and the UI never stall
   * (10,000 rows: bench/appointments.bench.ts). Rows already booked (same external id, or same
   * patient and start) are counted as unchanged, so importing the same list twice changes
   * nothing and an import cut off by a crash is finished by importing the file again.
   */
  async importRows(rows: readonly ImportAppointmentRow[]): Promise<ImportAppointmentsResult> {
    const context = bookingContext(this.store);
    const nowMs = this.clock.now();
    const lookups: ImportLookups = {
      contact: (phone) => this.store.contacts.ownerMessaging(phone, 'sms'),
      appointment: (externalId, contactId, start) => this.findBooked(externalId, contactId, start),
    };
    const errors: ImportRowError[] = [];
    const checked: CheckedRow[] = [];
    await inSlices(
      rows.length,
      (i) => {
        const result = checkImportRow(rows[i]!, rows[i]!.line ?? i + 2, context, lookups, nowMs);
        if (result.ok) checked.push(result.row);
        else errors.push(...result.errors);
      },
      { sliceMs: IMPORT_SLICE_MS },
    );
    if (errors.length > 0) return { booked: 0, unchanged: 0, reminders: 0, errors };

    const totals = { booked: 0, unchanged: 0, reminders: 0 };
    let ids: number[] = [];
    await inSlices(
      checked.length,
      (i) => {
        const outcome = this.bookChecked(checked[i]!, context);
        ids.push(outcome.id);
        if (outcome.reminders === null) totals.unchanged += 1;
        else {
          totals.booked += 1;
          totals.reminders += outcome.reminders;
        }
      },
      {
        sliceMs: IMPORT_SLICE_MS,
        wrap: (run) => this.store.transaction(run),
        afterSlice: () => {
          this.changes.emit('changed', { ids });
          ids = [];
          this.flushScheduled();
        },
      },
    );
    return { ...totals, errors: [] };
  }

  /** The appointment an import row or a booking is already saved as: by external id, else by patient and start. */
  private findBooked(externalId: string | null, contactId: number | null, start: string): AppointmentRecord | undefined {
    return (externalId ? this.store.appointments.byExternalId(externalId) : undefined) ?? (contactId === null ? undefined : this.store.appointments.byContactAndStart(contactId, start));
  }

  /**
   * One checked import row, inside its slice's transaction: booked with the reminders planned
   * when it was checked, or found already booked (reminders null; a new start for the same
   * external id is a move).
   */
  private bookChecked(row: CheckedRow, context: BookingContext): { id: number; reminders: number | null } {
    const start = new Date(row.startMs).toISOString();
    const owner = this.store.contacts.ownerMessaging(row.phone, 'sms');
    const existing = this.findBooked(row.externalId, owner?.contactId ?? null, start);
    if (existing) {
      if (existing.start !== start) this.moveInTransaction(existing.id, start);
      return { id: existing.id, reminders: null };
    }
    const contactId = this.contactFor(row.name, row.phone, row.language, owner);
    const at = isoAt(this.clock);
    const id = this.store.appointments.insert({ contactId, start, service: row.service, location: null, notes: '', status: 'booked', externalId: row.externalId, planId: null, created: at, updated: at });
    this.store.appointments.logStatus(id, null, 'booked', at, 'import');
    // Checked as already booked, gone since: plan it now (a problem now refuses this slice).
    const texts = row.texts ?? this.textsFor(contactId, row.name, row.phone, row.startMs, row.service, context);
    return { id, reminders: this.writeReminders({ id, contactId, startMs: row.startMs }, row.phone, texts, context) };
  }

  /** Appointments booked, moved or changed, after their transaction committed (screens reload them). @returns unsubscribe */
  onChanged(listener: Listener<{ ids: number[] }>): () => void {
    return this.changes.on('changed', listener);
  }

  /** Says a change once it is committed: inside a caller's transaction nothing is announced (the caller's commit decides). */
  private announce(view: AppointmentView): AppointmentView {
    if (!this.store.inTransaction) this.changes.emit('changed', { ids: [view.appointment.id] });
    this.flushScheduled();
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
      const status = a.status === 'reschedule-requested' ? 'booked' : a.status;
      this.store.appointments.update({ ...a, start: new Date(startMs).toISOString(), status, updated: isoAt(this.clock) });
      if (status !== a.status) this.store.appointments.logStatus(id, a.status, status, isoAt(this.clock), 'staff');
      this.planReminders(id);
      return { ...this.view(id), created: false };
    });
  }

  /** @param source who changed it: a nurse (default), or a patient's reply (replies/reply-service.ts). */
  setStatus(id: number, status: AppointmentStatus, source: AppointmentLogSource = 'staff'): AppointmentView {
    return this.announce(this.setStatusInTransaction(id, status, source));
  }

  private setStatusInTransaction(id: number, status: AppointmentStatus, source: AppointmentLogSource): AppointmentView {
    return this.store.transaction(() => {
      const a = this.require(id);
      if (a.status !== status) this.store.appointments.logStatus(id, a.status, status, isoAt(this.clock), source);
      if (CLOSED.includes(status)) this.cancelWaiting(id, { keepFollowUps: status === 'missed' });
      this.store.appointments.update({ ...a, status, updated: isoAt(this.clock) });
      return { ...this.view(id), created: false };
    });
  }

  get(id: number): AppointmentView {
    this.require(id);
    return { ...this.view(id), created: false };
  }

  /** The contact's next appointment still to come and still open (booked, confirmed or asked to move), if any. */
  nextUpcoming(contactId: number): AppointmentRecord | undefined {
    const nowMs = this.clock.now();
    return this.store.appointments
      .forContact(contactId)
      .filter((a) => Date.parse(a.start) > nowMs && !CLOSED.includes(a.status))
      .sort((a, b) => a.start.localeCompare(b.start))[0];
  }

  /** A contact's appointments, latest first. @throws NotFoundError for an unknown contact. */
  forContact(contactId: number): AppointmentView[] {
    if (!this.store.contacts.exists(contactId)) throw new NotFoundError('contact', contactId, 'This contact does not exist.');
    return this.store.appointments.forContact(contactId).map((a) => ({ ...this.view(a.id), created: false }));
  }

  /** Appointments starting in [from, to) (instants). */
  between(from: string, to: string): AppointmentView[] {
    return this.store.appointments.between(from, to).map((a) => ({ ...this.view(a.id), created: false }));
  }

  /** Plans the reminders of a saved appointment from the store as it is now. @throws ValidationError when a text cannot be written. */
  private planReminders(id: number, context: BookingContext = bookingContext(this.store)): void {
    const a = this.require(id);
    const contact = this.store.contacts.get(a.contactId)!;
    const phone = contact.addresses.find((ad) => ad.protocol === 'sms' && ad.preferred) ?? contact.addresses.find((ad) => ad.protocol === 'sms');
    if (!phone) throw new ValidationError([{ where: 'patient.phone', rule: 'phone.empty', message: `${contact.name} has no phone number for reminders.` }]);
    const startMs = Date.parse(a.start);
    const texts = this.textsFor(a.contactId, contact.name, phone.address, startMs, a.service, context);
    this.writeReminders({ id, contactId: a.contactId, startMs }, phone.address, texts, context);
  }

  /** @throws ValidationError naming each text that cannot be written. */
  private textsFor(contactId: number, name: string, phone: string, startMs: number, service: string | null, context: BookingContext): ReminderTexts {
    const texts = reminderTexts(context, { name, phone, ...this.store.contacts.messaging(contactId) }, startMs, service, this.clock.now());
    if (texts.problems.length > 0) throw new ValidationError(texts.problems.map(({ where, rule, message }) => ({ where, rule, message })));
    return texts;
  }

  /**
   * Inside the caller's transaction: the planned reminders saved as scheduled automated SMS in
   * the patient's conversation (expiring at the start), and a step row for each, skipped ones too.
   * @returns how many were scheduled.
   */
  private writeReminders(a: { id: number; contactId: number; startMs: number }, phone: string, texts: ReminderTexts, context: BookingContext): number {
    const at = isoAt(this.clock);
    for (const s of texts.skipped) this.store.appointments.addReminder(a.id, s.step, new Date(s.atMs).toISOString(), null, 'skipped', at);
    if (texts.planned.length === 0) return 0;
    const conversationId = this.store.conversations.touch(phone, 'sms', a.contactId, at, 0);
    const sends = texts.planned.map((p) => ({
      content: p.text,
      address: phone,
      contactId: a.contactId,
      conversationId,
      sendAt: new Date(p.sendAtMs).toISOString(),
      // A reminder is pointless once the appointment began; a missed-appointment follow-up, a day after its time.
      expiresAt: new Date(p.ifMissed ? p.sendAtMs + FOLLOW_UP_GOOD_FOR_MS : a.startMs).toISOString(),
    }));
    const messageIds = this.messaging.saveCheckedSms(sends, { at, timeZone: context.timeZone, statusReports: this.store.settings.get('statusReports') });
    texts.planned.forEach((p, i) => this.store.appointments.addReminder(a.id, p.step, sends[i]!.sendAt, messageIds[i]!, 'scheduled', at));
    this.scheduledSinceFlush += texts.planned.length;
    return texts.planned.length;
  }

  /** Wakes the dispatcher once for what was scheduled since the last flush (after the commit). */
  private flushScheduled(): void {
    const count = this.scheduledSinceFlush;
    this.scheduledSinceFlush = 0;
    this.messaging.scheduledSaved(count);
  }

  /**
   * Every reminder still waiting: its message's scheduled recipients cancelled, the step marked.
   * A follow-up (planned after the start: only a "days after, if missed" step is) is kept when the
   * appointment was marked missed, which is what it is for.
   */
  private cancelWaiting(id: number, options: { keepFollowUps?: boolean } = {}): void {
    const start = this.require(id).start;
    for (const r of this.store.appointments.reminders(id)) {
      if (r.state !== 'scheduled' || r.messageId === null) continue;
      if (options.keepFollowUps && r.sendAt > start) continue;
      const waiting = this.store.recipients.listForMessage(r.messageId).some((x) => x.status === 'scheduled');
      if (waiting) this.scheduled.cancel({ messageId: r.messageId });
      if (waiting) this.store.appointments.setReminderState(r.id, 'cancelled');
    }
  }

  /**
   * The patient's contact: the one that owns the phone, else a new one. A language given with the
   * booking becomes theirs. `owner` when the caller has already looked it up.
   */
  private contactFor(name: string, phone: string, language: string | null, owner = this.store.contacts.ownerMessaging(phone, 'sms')): number {
    if (!owner) {
      const contactId = this.store.contacts.create(name, '', language);
      this.store.contacts.ensureAddress(phone, 'sms', contactId);
      return contactId;
    }
    if (language !== null && language !== owner.language) this.store.contacts.setMessaging(owner.contactId, language, owner.discreet);
    return owner.contactId;
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

}
