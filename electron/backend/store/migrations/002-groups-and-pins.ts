/**
 * Groups of contacts, a gateway pin on recipients, and the indexes the contract's list screens
 * need.
 *
 * Choices worth knowing:
 * - `groups.name` is unique without regard to case ("Diabetes" and "diabetes" are one group to
 *   a nurse, and an import that names a group either way must find the same one).
 * - `contact_groups` cascades from both sides: deleting a contact or a group removes only the
 *   membership, never the other side.
 * - `message_recipients.pinned_gateway`: a row that only this gateway may send (the gateway
 *   panel's "Send a test SMS"). NULL, the normal case, means any gateway of the protocol. The
 *   dispatcher's claim query filters on it after the (status, protocol, next_attempt_at) range,
 *   so the claim index is unchanged.
 * - `contacts_name`: the contact list is ordered by name without case and paged with
 *   LIMIT/OFFSET; this index gives that order without a sort and serves a name-prefix LIKE.
 * - `status_log_gateway_send`: the gateway panel's "last error" is the latest row that left
 *   `sending` on a gateway, found by one index seek however long the log grows.
 * - Conversations by last message already have `conversations_recent` (001); the rowid tie-break
 *   the keyset pager uses is part of every SQLite index, so no new index is needed there.
 */
import type { Migration } from './migration.ts';

export const groupsAndPins: Migration = {
  version: 2,
  name: 'groups-and-pins',
  up(db) {
    db.exec(`
      CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      );

      CREATE TABLE contact_groups (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        PRIMARY KEY (contact_id, group_id)
      ) WITHOUT ROWID;
      -- A group's members (send to a group, member counts, the list filtered by group).
      CREATE INDEX contact_groups_group ON contact_groups(group_id, contact_id);

      ALTER TABLE message_recipients ADD COLUMN pinned_gateway TEXT;

      CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE, id);
      CREATE INDEX status_log_gateway_send ON status_log(gateway, from_status, id);
    `);
  },
};
