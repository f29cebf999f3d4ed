/**
 * Receiving and delivery reports: the parts of concatenated SMS waiting for their
 * siblings, and the delivery state of each part of a message we sent.
 *
 * Choices worth knowing:
 * - `sms_parts` holds a part once it is committed, and only then is it deleted from the SIM:
 *   a restart in the middle of a long message loses nothing. A group is keyed by the sender as
 *   the network gave it (every part of one message carries the same TP-OA), the concatenation
 *   reference, its size (8 or 16 bits: a 16-bit reference 0x0012 is not the 8-bit 0x12) and
 *   the part count (23.040 §9.2.3.24.1). The UNIQUE key drops a duplicate part (the SC resent
 *   it, or a sweep read it again after a crash before the SIM delete).
 * - `first_seen_at` is our clock, not the SC time stamp: the incomplete-message timeout counts
 *   from when we started waiting, whatever the sender's phone clock says.
 * - `delivery_parts` has one row per (recipient, TP-MR) a status report has spoken about. A
 *   recipient is delivered when every reference in its `gateway_ref` has a `delivered` row; a
 *   retry writes new references, so rows of an earlier attempt simply stop counting.
 */
import type { Migration } from './migration.ts';

export const receiving: Migration = {
  version: 3,
  name: 'receiving',
  up(db) {
    db.exec(`
      CREATE TABLE sms_parts (
        id INTEGER PRIMARY KEY,
        gateway TEXT NOT NULL,
        sender TEXT NOT NULL,
        ref INTEGER NOT NULL CHECK (ref >= 0 AND ref <= 65535),
        ref_bits INTEGER NOT NULL CHECK (ref_bits IN (8, 16)),
        total INTEGER NOT NULL CHECK (total >= 1 AND total <= 255),
        part INTEGER NOT NULL CHECK (part >= 1 AND part <= total),
        text TEXT NOT NULL,
        sent_at TEXT,
        first_seen_at TEXT NOT NULL,
        UNIQUE (sender, ref, ref_bits, total, part)
      );
      -- The timeout sweep: the oldest waiting groups first.
      CREATE INDEX sms_parts_waiting ON sms_parts(first_seen_at);

      CREATE TABLE delivery_parts (
        recipient_id INTEGER NOT NULL REFERENCES message_recipients(id) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'pending', 'failed')),
        status_code INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (recipient_id, reference)
      ) WITHOUT ROWID;

      -- Matching a report: the sent rows of one gateway, newest first.
      CREATE INDEX message_recipients_sent ON message_recipients(gateway, status, updated);
    `);
  },
};
