/**
 * Scheduled sends (issue 11): a recipient can wait as `scheduled` until its time.
 *
 * Choices worth knowing:
 * - `scheduled` joins the status CHECKs of message_recipients and status_log, and so does
 *   `suppressed` (the opt-out issue, 12: a recipient the dispatcher will not send to), so the
 *   two tables are rebuilt once, not twice. SQLite cannot change a CHECK in place: the tables are
 *   rebuilt by the documented procedure (new table, copy, drop, rename, indexes again) with
 *   foreign keys off for this migration only (`foreignKeysOff`; the runner checks
 *   `foreign_key_check` before it commits), so dropping the old table cascades nothing.
 * - A scheduled row's `next_attempt_at` is its due time, the same column an outbox row's retry
 *   time uses, so the dispatcher's one timer for the earliest due row and its index
 *   (status, protocol, next_attempt_at, id) serve both.
 * - `messages.send_at` is the time asked for (null: at once); the due time of each recipient may
 *   be later (the send window). `messages.expires_at`: after it, the message is not sent and
 *   ends `failed` (a reminder's expiry is its appointment's start). `messages.automated`: 1 for
 *   what the app sends by itself (reminders, sends other systems schedule), which the clinic's
 *   send window holds; a nurse's own message is 0.
 */
import type { Migration } from './migration.ts';

const STATUSES = "'outbox', 'sending', 'sent', 'delivered', 'failed', 'received', 'cancelled', 'scheduled', 'suppressed'";

export const scheduledSends: Migration = {
  version: 7,
  name: 'scheduled-sends',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE message_recipients_007 (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('sms', 'email')),
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
        status TEXT NOT NULL CHECK (status IN (${STATUSES})),
        gateway TEXT,
        gateway_ref TEXT NOT NULL DEFAULT '[]',
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error_code TEXT,
        last_error TEXT,
        flags TEXT NOT NULL DEFAULT '[]',
        updated TEXT NOT NULL,
        pinned_gateway TEXT,
        -- The claim query selects by next_attempt_at: an outbox row without one would wait forever;
        -- a scheduled row without one would never fall due.
        CHECK (status NOT IN ('outbox', 'scheduled') OR next_attempt_at IS NOT NULL)
      );
      INSERT INTO message_recipients_007 (id, message_id, address, protocol, contact_id, conversation_id, status, gateway, gateway_ref,
                                          attempts, next_attempt_at, last_error_code, last_error, flags, updated, pinned_gateway)
        SELECT id, message_id, address, protocol, contact_id, conversation_id, status, gateway, gateway_ref,
               attempts, next_attempt_at, last_error_code, last_error, flags, updated, pinned_gateway
          FROM message_recipients;
      DROP TABLE message_recipients;
      ALTER TABLE message_recipients_007 RENAME TO message_recipients;
      CREATE INDEX message_recipients_due ON message_recipients(status, protocol, next_attempt_at, id);
      CREATE INDEX message_recipients_message ON message_recipients(message_id);
      CREATE INDEX message_recipients_conversation ON message_recipients(conversation_id, message_id);
      CREATE INDEX message_recipients_gateway ON message_recipients(gateway, status);
      CREATE INDEX message_recipients_sent ON message_recipients(gateway, status, updated);
      CREATE INDEX message_recipients_status_message ON message_recipients(status, message_id);

      CREATE TABLE status_log_007 (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES message_recipients(id) ON DELETE CASCADE,
        from_status TEXT CHECK (from_status IS NULL OR from_status IN (${STATUSES})),
        to_status TEXT NOT NULL CHECK (to_status IN (${STATUSES})),
        reason TEXT NOT NULL,
        gateway TEXT,
        at TEXT NOT NULL
      );
      INSERT INTO status_log_007 (id, recipient_id, from_status, to_status, reason, gateway, at)
        SELECT id, recipient_id, from_status, to_status, reason, gateway, at FROM status_log;
      DROP TABLE status_log;
      ALTER TABLE status_log_007 RENAME TO status_log;
      CREATE INDEX status_log_recipient ON status_log(recipient_id, id);
      CREATE INDEX status_log_gateway_day ON status_log(gateway, to_status, at);
      CREATE INDEX status_log_gateway_send ON status_log(gateway, from_status, id);

      ALTER TABLE messages ADD COLUMN send_at TEXT;
      ALTER TABLE messages ADD COLUMN expires_at TEXT;
      ALTER TABLE messages ADD COLUMN automated INTEGER NOT NULL DEFAULT 0 CHECK (automated IN (0, 1));
    `);
  },
};
