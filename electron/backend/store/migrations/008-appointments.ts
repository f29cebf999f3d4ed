/**
 * Appointments, templates and reminder plans (issue 11).
 *
 * Choices worth knowing:
 * - `contacts.language` (BCP 47, null = the clinic's) chooses a template's variant;
 *   `contacts.discreet` asks for the discreet variant ("You have an appointment tomorrow at 10:00").
 * - `templates`: a stable text id (other systems PUT them by id), a name, and `variants` /
 *   `discreet_variants` as JSON objects language -> text. `reminder_plans`: steps as JSON (their
 *   shape is src-shared/schedule/reminder-plan.ts PlanStep), the services they are for. Both
 *   small and read whole; built-in ones are seeded by the app, not by this migration, so a newer
 *   version can improve their words without a migration.
 * - `appointments`: one per visit; `start` is an instant (ISO UTC); `status` one of the six;
 *   `external_id` (the EMR's) is UNIQUE when given, so importing the same list twice changes
 *   nothing; (contact_id, start) is the match when there is none.
 * - `appointment_reminders`: one row per planned step, linked to the scheduled message that
 *   carries it (a reminder IS a scheduled message: the dispatcher sends it, the Outbox shows it,
 *   its expiry is the appointment's start). `state` says what became of the step: `scheduled`
 *   (its message waits or went), `skipped` (its time had passed when booked or moved, never sent
 *   late), `cancelled` (the appointment moved, was cancelled or attended).
 */
import type { Migration } from './migration.ts';

export const appointments: Migration = {
  version: 8,
  name: 'appointments',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN language TEXT;
      ALTER TABLE contacts ADD COLUMN discreet INTEGER NOT NULL DEFAULT 0 CHECK (discreet IN (0, 1));

      CREATE TABLE templates (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        name TEXT NOT NULL,
        variants TEXT NOT NULL DEFAULT '{}',
        discreet_variants TEXT NOT NULL DEFAULT '{}',
        fallback_language TEXT NOT NULL DEFAULT 'en',
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        updated TEXT NOT NULL
      );

      CREATE TABLE reminder_plans (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        name TEXT NOT NULL,
        services TEXT NOT NULL DEFAULT '[]',
        steps TEXT NOT NULL DEFAULT '[]',
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        updated TEXT NOT NULL
      );

      CREATE TABLE appointments (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        start TEXT NOT NULL,
        service TEXT,
        location TEXT,
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'booked'
          CHECK (status IN ('booked', 'confirmed', 'reschedule-requested', 'cancelled', 'attended', 'missed')),
        external_id TEXT UNIQUE,
        plan_id TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
      );
      -- The day lists (GET /api/v1/appointments?from&to) and the import's match.
      CREATE INDEX appointments_start ON appointments(start);
      CREATE INDEX appointments_contact ON appointments(contact_id, start);

      CREATE TABLE appointment_reminders (
        id INTEGER PRIMARY KEY,
        appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        send_at TEXT NOT NULL,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        state TEXT NOT NULL CHECK (state IN ('scheduled', 'skipped', 'cancelled')),
        created TEXT NOT NULL
      );
      CREATE INDEX appointment_reminders_appointment ON appointment_reminders(appointment_id, id);
      CREATE INDEX appointment_reminders_message ON appointment_reminders(message_id);
    `);
  },
};
