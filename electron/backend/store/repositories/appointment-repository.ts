/** appointments and appointment_reminders (migration 008). */
import type Database from 'better-sqlite3-multiple-ciphers';

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'reschedule-requested', 'cancelled', 'attended', 'missed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export type ReminderState = 'scheduled' | 'skipped' | 'cancelled';

export interface AppointmentRecord {
  id: number;
  contactId: number;
  /** ISO UTC instant. */
  start: string;
  service: string | null;
  location: string | null;
  notes: string;
  status: AppointmentStatus;
  externalId: string | null;
  planId: string | null;
  created: string;
  updated: string;
}

export type NewAppointment = Omit<AppointmentRecord, 'id'>;

export interface ReminderRecord {
  id: number;
  appointmentId: number;
  step: number;
  sendAt: string;
  messageId: number | null;
  state: ReminderState;
  created: string;
}

interface AppointmentRow {
  id: number;
  contact_id: number;
  start: string;
  service: string | null;
  location: string | null;
  notes: string;
  status: AppointmentStatus;
  external_id: string | null;
  plan_id: string | null;
  created: string;
  updated: string;
}

interface ReminderRow {
  id: number;
  appointment_id: number;
  step: number;
  send_at: string;
  message_id: number | null;
  state: ReminderState;
  created: string;
}

const toAppointment = (r: AppointmentRow): AppointmentRecord => ({
  id: r.id,
  contactId: r.contact_id,
  start: r.start,
  service: r.service,
  location: r.location,
  notes: r.notes,
  status: r.status,
  externalId: r.external_id,
  planId: r.plan_id,
  created: r.created,
  updated: r.updated,
});

const toReminder = (r: ReminderRow): ReminderRecord => ({
  id: r.id,
  appointmentId: r.appointment_id,
  step: r.step,
  sendAt: r.send_at,
  messageId: r.message_id,
  state: r.state,
  created: r.created,
});

/** Where an appointment's status change came from: a nurse or another system, a patient's reply, a day-list import. */
export type AppointmentLogSource = 'staff' | 'reply' | 'api' | 'import';

export class AppointmentRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly byExternalStmt;
  private readonly byContactStartStmt;
  private readonly betweenStmt;
  private readonly forContactStmt;
  private readonly logStmt;
  private readonly insertReminderStmt;
  private readonly remindersStmt;
  private readonly setReminderStateStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<[number, string, string | null, string | null, string, AppointmentStatus, string | null, string | null, string, string]>(
      `INSERT INTO appointments (contact_id, start, service, location, notes, status, external_id, plan_id, created, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare<[string, string | null, string | null, string, AppointmentStatus, string | null, string, number]>(
      'UPDATE appointments SET start = ?, service = ?, location = ?, notes = ?, status = ?, plan_id = ?, updated = ? WHERE id = ?',
    );
    this.getStmt = db.prepare<[number], AppointmentRow>('SELECT * FROM appointments WHERE id = ?');
    this.byExternalStmt = db.prepare<[string], AppointmentRow>('SELECT * FROM appointments WHERE external_id = ?');
    this.byContactStartStmt = db.prepare<[number, string], AppointmentRow>('SELECT * FROM appointments WHERE contact_id = ? AND start = ? ORDER BY id LIMIT 1');
    this.logStmt = db.prepare<[number, AppointmentStatus | null, AppointmentStatus, string, AppointmentLogSource]>(
      'INSERT INTO appointment_log (appointment_id, from_status, to_status, at, source) VALUES (?, ?, ?, ?, ?)',
    );
    this.forContactStmt = db.prepare<[number, number], AppointmentRow>('SELECT * FROM appointments WHERE contact_id = ? ORDER BY start DESC, id DESC LIMIT ?');
    this.betweenStmt = db.prepare<[string, string, number], AppointmentRow>('SELECT * FROM appointments WHERE start >= ? AND start < ? ORDER BY start, id LIMIT ?');
    this.insertReminderStmt = db.prepare<[number, number, string, number | null, ReminderState, string]>(
      'INSERT INTO appointment_reminders (appointment_id, step, send_at, message_id, state, created) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.remindersStmt = db.prepare<[number], ReminderRow>('SELECT * FROM appointment_reminders WHERE appointment_id = ? ORDER BY send_at, id');
    this.setReminderStateStmt = db.prepare<[ReminderState, number]>('UPDATE appointment_reminders SET state = ? WHERE id = ?');
  }

  insert(a: NewAppointment): number {
    return Number(this.insertStmt.run(a.contactId, a.start, a.service, a.location, a.notes, a.status, a.externalId, a.planId, a.created, a.updated).lastInsertRowid);
  }

  update(a: AppointmentRecord): void {
    this.updateStmt.run(a.start, a.service, a.location, a.notes, a.status, a.planId, a.updated, a.id);
  }

  get(id: number): AppointmentRecord | undefined {
    const row = this.getStmt.get(id);
    return row && toAppointment(row);
  }

  byExternalId(externalId: string): AppointmentRecord | undefined {
    const row = this.byExternalStmt.get(externalId);
    return row && toAppointment(row);
  }

  byContactAndStart(contactId: number, start: string): AppointmentRecord | undefined {
    const row = this.byContactStartStmt.get(contactId, start);
    return row && toAppointment(row);
  }

  /** Starting in [from, to), soonest first. */
  /** A status change (or the first status) of an appointment, for its history and the reports (migration 009). */
  logStatus(appointmentId: number, from: AppointmentStatus | null, to: AppointmentStatus, at: string, source: AppointmentLogSource): void {
    this.logStmt.run(appointmentId, from, to, at, source);
  }

  /** One contact's appointments, latest start first. */
  forContact(contactId: number, limit = 500): AppointmentRecord[] {
    return this.forContactStmt.all(contactId, limit).map(toAppointment);
  }

  between(from: string, to: string, limit = 10_000): AppointmentRecord[] {
    return this.betweenStmt.all(from, to, limit).map(toAppointment);
  }

  addReminder(appointmentId: number, step: number, sendAt: string, messageId: number | null, state: ReminderState, created: string): number {
    return Number(this.insertReminderStmt.run(appointmentId, step, sendAt, messageId, state, created).lastInsertRowid);
  }

  reminders(appointmentId: number): ReminderRecord[] {
    return this.remindersStmt.all(appointmentId).map(toReminder);
  }

  setReminderState(id: number, state: ReminderState): void {
    this.setReminderStateStmt.run(state, id);
  }
}
