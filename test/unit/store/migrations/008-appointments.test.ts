import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 008-appointments', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, undefined, 7);
    db.prepare("INSERT INTO contacts (id, name, created, updated) VALUES (1, 'Amina Otieno', ?, ?)").run(at, at);
    migrate(db, undefined, 8);
  });
  afterEach(() => db.close());

  const book = (externalId: string | null, status = 'booked') =>
    db.prepare('INSERT INTO appointments (contact_id, start, status, external_id, created, updated) VALUES (1, ?, ?, ?, ?, ?)').run('2026-12-04T07:00:00.000Z', status, externalId, at, at);

  it('keeps contacts, with no language and not discreet', () => {
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT name, language, discreet FROM contacts').get()).toEqual({ name: 'Amina Otieno', language: null, discreet: 0 });
  });

  it('knows the six appointment statuses and one appointment per external id', () => {
    book('EMR-1');
    expect(() => book('EMR-1')).toThrow(/UNIQUE/);
    book(null);
    book(null);
    expect(() => book(null, 'moved')).toThrow(/CHECK/);
    for (const s of ['confirmed', 'reschedule-requested', 'cancelled', 'attended', 'missed']) book(null, s);
  });

  it('drops an appointment and its reminders with the contact, and keeps a reminder when its message goes', () => {
    const { lastInsertRowid } = book('EMR-2');
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (5, 'x', 'out', ?)").run(at);
    db.prepare("INSERT INTO appointment_reminders (appointment_id, step, send_at, message_id, state, created) VALUES (?, 0, ?, 5, 'scheduled', ?)").run(lastInsertRowid, at, at);
    expect(() => db.prepare("INSERT INTO appointment_reminders (appointment_id, step, send_at, state, created) VALUES (?, 1, ?, 'late', ?)").run(lastInsertRowid, at, at)).toThrow(/CHECK/);
    db.prepare('DELETE FROM messages WHERE id = 5').run();
    expect(db.prepare('SELECT message_id FROM appointment_reminders').get()).toEqual({ message_id: null });
    db.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM appointments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM appointment_reminders').pluck().get()).toBe(0);
  });

  it('keeps templates and plans by a short text id', () => {
    db.prepare("INSERT INTO templates (id, name, variants, updated) VALUES ('reminder-day-before', 'Day before', '{\"en\":\"Hello\"}', ?)").run(at);
    expect(() => db.prepare("INSERT INTO templates (id, name, updated) VALUES ('', 'x', ?)").run(at)).toThrow(/CHECK/);
    db.prepare("INSERT INTO reminder_plans (id, name, steps, updated) VALUES ('default', 'Default', '[]', ?)").run(at);
  });
});
