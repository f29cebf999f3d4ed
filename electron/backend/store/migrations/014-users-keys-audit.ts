/**
 * Users, API keys and the audit trail (issue 13 "Users, roles, lock", "Audit trail").
 *
 * - users: a name (unique whatever its case), a role, and a PIN or password as an scrypt string
 *   (access/secret-hash.ts; NULL: none chosen yet). The first administrator is created here, so a
 *   new database and an upgraded one both start with exactly one user and sign-in off: the app
 *   opens as before until an administrator turns sign-in on. `failed_count` and
 *   `blocked_until` throttle guessing (access/sign-in-throttle.ts) and survive a restart.
 * - api_keys: only the SHA-256 of each key is kept (a key is 192 random bits, so a fast hash is
 *   enough: nothing to guess from it), with its role; revoking sets `revoked_at` and keeps the row
 *   for the audit trail's names.
 * - audit_log: append-only. AUTOINCREMENT, so an id is never reused and sqlite_sequence keeps the
 *   highest id ever given: entries deleted from the end are found as missing (access/audit-chain.ts).
 *   Each row's hash covers its fields and the previous row's hash. Triggers refuse UPDATE and
 *   DELETE through SQL; the chain is what makes a change by other means detectable.
 * - Four partial indexes for deleting messages (retention, "Delete conversation"): SQLite checks
 *   each foreign key that points at a deleted message or conversation by looking up the child
 *   column, and without an index that is a scan of the table per row: 1,000 deletions took 3.8 s
 *   on 50,000 messages, 1.9 ms with them (bench/retention.bench.ts).
 */
import type { Migration } from './migration.ts';

export const usersKeysAudit: Migration = {
  version: 14,
  name: 'users-keys-audit',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'nurse', 'administrator')),
        secret_hash TEXT,
        created_at TEXT NOT NULL,
        disabled_at TEXT,
        failed_count INTEGER NOT NULL DEFAULT 0,
        blocked_until TEXT,
        last_sign_in_at TEXT
      );
      INSERT INTO users (name, role, created_at) VALUES ('Administrator', 'administrator', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'nurse', 'administrator')),
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        object TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_actor ON audit_log (actor, id);
      CREATE INDEX audit_log_action ON audit_log (action, id);
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;
      CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;

      CREATE INDEX messages_in_reply_to ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;
      CREATE INDEX messages_conversation ON messages (conversation_id) WHERE conversation_id IS NOT NULL;
      CREATE INDEX consent_message ON consent (message_id) WHERE message_id IS NOT NULL;
      CREATE INDEX consent_log_message ON consent_log (message_id) WHERE message_id IS NOT NULL;
    `);
  },
};
