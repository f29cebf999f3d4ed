/**
 * The first schema, following the reference's split of message / recipient / address
 * (openmrs-messaging-module.txt, "Data Model"), plus conversations and an attempt log.
 *
 * Choices worth knowing:
 * - Timestamps are ISO-8601 UTC strings from the injected clock: they sort as text.
 * - `message_recipients.conversation_id`: a message to many people belongs to many
 *   conversations, so the link lives on each recipient; `messages.conversation_id` is set only
 *   when there is exactly one (every incoming message, a one-recipient outgoing one).
 * - For an incoming message the recipient row's address is the remote sender, so a
 *   conversation's messages are found the same way in both directions.
 * - `next_attempt_at` is set on every outbox row (the enqueue time at first), so the
 *   dispatcher's claim query is one index range: (status, protocol, next_attempt_at, id).
 */
import type { Migration } from './migration.ts';

const STATUSES = "'outbox', 'sending', 'sent', 'delivered', 'failed', 'received', 'cancelled'";
const PROTOCOLS = "'sms', 'email'";

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
      );

      CREATE TABLE addresses (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN (${PROTOCOLS})),
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
        UNIQUE (address, protocol)
      );
      CREATE INDEX addresses_contact ON addresses(contact_id);

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN (${PROTOCOLS})),
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        last_message_at TEXT,
        unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
        UNIQUE (address, protocol)
      );
      CREATE INDEX conversations_recent ON conversations(last_message_at DESC);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        content TEXT NOT NULL,
        subject TEXT,
        sender TEXT,
        in_reply_to INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL,
        options TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL
      );

      CREATE TABLE message_recipients (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN (${PROTOCOLS})),
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
        -- The claim query selects by next_attempt_at: an outbox row without one would wait forever.
        CHECK (status <> 'outbox' OR next_attempt_at IS NOT NULL)
      );
      -- The dispatcher's claim query and its next-timer query.
      CREATE INDEX message_recipients_due ON message_recipients(status, protocol, next_attempt_at, id);
      CREATE INDEX message_recipients_message ON message_recipients(message_id);
      CREATE INDEX message_recipients_conversation ON message_recipients(conversation_id, message_id);
      CREATE INDEX message_recipients_gateway ON message_recipients(gateway, status);

      CREATE TABLE status_log (
        id INTEGER PRIMARY KEY,
        recipient_id INTEGER NOT NULL REFERENCES message_recipients(id) ON DELETE CASCADE,
        from_status TEXT CHECK (from_status IS NULL OR from_status IN (${STATUSES})),
        to_status TEXT NOT NULL CHECK (to_status IN (${STATUSES})),
        reason TEXT NOT NULL,
        gateway TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX status_log_recipient ON status_log(recipient_id, id);
      -- The gateway panel's "sent today".
      CREATE INDEX status_log_gateway_day ON status_log(gateway, to_status, at);

      CREATE TABLE gateways (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('modem', 'email')),
        protocol TEXT NOT NULL CHECK (protocol IN (${PROTOCOLS})),
        config TEXT NOT NULL DEFAULT '{}',
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
