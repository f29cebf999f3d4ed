/**
 * Opt-out and the time a reply arrived (issue 12).
 *
 * Choices worth knowing:
 * - `consent`: one row per phone number (address + protocol, as recipients store it) that ever
 *   opted out or back in, with the current state, when it changed, the word and the message that
 *   changed it, or who changed it by hand and why. Looked up by the dispatcher for every
 *   automated or bulk send to that number, so it is keyed by the address itself.
 * - `consent_log`: every change, append only, so "who opted this patient back in, and why" is
 *   answerable after later changes.
 * - `messages.purpose`: why an outgoing message exists when the app wrote it itself; 'consent' is
 *   the one confirmation sent to a number that just opted out, which must reach it.
 * - `messages.network_at`: the network's own timestamp of a received SMS (the SMSC's clock, which
 *   can be hours off), kept beside `created`, which is now the time it arrived at the desk.
 * - `consent_log.changed`: 1 when the line changed the state (a second STOP is logged with 0), so
 *   a report counts opt-outs, not repeats.
 * - `appointment_log`: every status change of an appointment (booked, confirmed by a reply,
 *   attended …) with its time, so reports count confirmations per day and a status is explainable.
 * - `status_log_at`: status_log by time, for the per-day figures (api/stats.ts) over a year.
 * - `attention`: received messages a nurse should look at ("Needs attention"): a reply the rules
 *   did not understand, or one asking for another appointment time; open until marked done.
 */
import type { Migration } from './migration.ts';

export const consent: Migration = {
  version: 9,
  name: 'consent',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN purpose TEXT CHECK (purpose IS NULL OR purpose IN ('consent', 'auto-reply'));
      ALTER TABLE messages ADD COLUMN network_at TEXT;

      CREATE TABLE consent (
        address TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('sms', 'email')),
        opted_out INTEGER NOT NULL CHECK (opted_out IN (0, 1)),
        changed_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('reply', 'staff', 'api')),
        word TEXT,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        changed_by TEXT,
        reason TEXT,
        PRIMARY KEY (address, protocol)
      ) WITHOUT ROWID;
      CREATE INDEX consent_opted_out ON consent(opted_out, changed_at);

      CREATE TABLE consent_log (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        protocol TEXT NOT NULL,
        opted_out INTEGER NOT NULL CHECK (opted_out IN (0, 1)),
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('reply', 'staff', 'api')),
        word TEXT,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        changed_by TEXT,
        reason TEXT,
        changed INTEGER NOT NULL DEFAULT 1 CHECK (changed IN (0, 1))
      );
      CREATE INDEX consent_log_address ON consent_log(address, protocol, id);
      CREATE INDEX consent_log_at ON consent_log(at);

      CREATE TABLE appointment_log (
        id INTEGER PRIMARY KEY,
        appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('staff', 'reply', 'api', 'import'))
      );
      CREATE INDEX appointment_log_appointment ON appointment_log(appointment_id, id);
      CREATE INDEX appointment_log_at ON appointment_log(at, to_status);

      CREATE INDEX status_log_at ON status_log(at, to_status);

      CREATE TABLE attention (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('not-understood', 'reschedule-requested')),
        appointment_id INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        done_at TEXT,
        done_by TEXT
      );
      CREATE INDEX attention_open ON attention(done_at, created);
    `);
  },
};
