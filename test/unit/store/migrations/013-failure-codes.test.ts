import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../electron/backend/store/migrations/index.ts';

const at = '2026-12-03T08:00:00.000Z';

describe('migration 013-failure-codes', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db, undefined, 12);
    db.prepare("INSERT INTO messages (id, content, direction, created) VALUES (1, 'Kumbusho', 'out', ?)").run(at);
    const recipient = db.prepare("INSERT INTO message_recipients (id, message_id, address, protocol, status, last_error_code, updated) VALUES (?, 1, ?, 'sms', ?, ?, ?)");
    recipient.run(1, '+254712345001', 'failed', 'cms-500', at);
    // Failed, then retried and sent: its code was cleared.
    recipient.run(2, '+254712345002', 'sent', null, at);
    const log = db.prepare('INSERT INTO status_log (recipient_id, from_status, to_status, reason, gateway, at) VALUES (?, ?, ?, ?, ?, ?)');
    log.run(1, 'sending', 'failed', 'The network refused the message.', 'modem-1', at);
    log.run(2, 'sending', 'failed', 'No network.', 'modem-1', at);
    log.run(2, 'failed', 'outbox', 'Retry', 'modem-1', at);
    migrate(db, undefined, 13);
  });
  afterEach(() => db.close());

  it('gives each failure logged before it its recipient’s code where that is still the failure’s', () => {
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT recipient_id, to_status, code FROM status_log ORDER BY id').all()).toEqual([
      { recipient_id: 1, to_status: 'failed', code: 'cms-500' },
      { recipient_id: 2, to_status: 'failed', code: null },
      { recipient_id: 2, to_status: 'outbox', code: null },
    ]);
  });
});
