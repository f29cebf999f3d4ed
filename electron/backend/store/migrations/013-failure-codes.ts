/**
 * The code of each failure in the attempt log (issue 12 "Reports": failed, by reason).
 *
 * `message_recipients.last_error_code` keeps only a recipient's latest code, and a retry clears
 * it: a report of last month's failures read from it would file a failure since retried and
 * delivered under "no code", and two different failures of one recipient under the second.
 * `status_log.code` is written with the change itself (dispatcher/status-change.ts), so a
 * failure keeps its code for good. Rows logged before this version take their recipient's
 * current code when that recipient is still failed (then the last failure is that code), else
 * stay NULL ("reason not recorded"). ADD COLUMN with no default rewrites nothing; the backfill
 * reads each failed row once.
 */
import type { Migration } from './migration.ts';

export const failureCodes: Migration = {
  version: 13,
  name: 'failure-codes',
  up(db) {
    db.exec(`
      ALTER TABLE status_log ADD COLUMN code TEXT;
      UPDATE status_log SET code = (
        SELECT r.last_error_code FROM message_recipients r WHERE r.id = status_log.recipient_id AND r.status = 'failed'
      ) WHERE to_status = 'failed';
    `);
  },
};
