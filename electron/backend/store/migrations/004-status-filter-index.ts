/**
 * The Outbox's status filters at scale (docs/BENCHMARKS.md, ui-scale): "messages with a
 * recipient in status S, newest first" walked the messages from the newest and tested each one,
 * so a rare status (`sending`: one row per modem at most) read the whole history on every
 * click — 47 ms at 100,000 messages, growing with it. This index lets the query start from the
 * recipients in that status, newest message first.
 */
import type { Migration } from './migration.ts';

export const statusFilterIndex: Migration = {
  version: 4,
  name: 'status-filter-index',
  up(db) {
    db.exec('CREATE INDEX message_recipients_status_message ON message_recipients(status, message_id)');
  },
};
