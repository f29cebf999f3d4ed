/**
 * Lighter writes for a booked day list (issue 11 "Tests and benchmark": 10,000 appointments,
 * 30,000 reminders, in about a second).
 *
 * - New messages are indexed for search by MessageRepository.insert, not by the insert trigger
 *   of migration 010: SQLite runs a trigger's FTS5 insert several times slower than the same
 *   statement run directly (measured: 30,000 reminders took 0.7 s more through the trigger, 0.2 s
 *   more directly). The update and delete triggers stay: they are rare and keep every edit in
 *   the index without the code remembering to.
 * - message_recipients_gateway (gateway, status) is the first two columns of
 *   message_recipients_sent (gateway, status, updated, migration 003): every query it served,
 *   the longer one serves, and each recipient written paid for both.
 */
import type { Migration } from './migration.ts';

export const lighterWrites: Migration = {
  version: 12,
  name: 'lighter-writes',
  up(db) {
    db.exec(`
      DROP TRIGGER message_text_insert;
      DROP INDEX message_recipients_gateway;
    `);
  },
};
