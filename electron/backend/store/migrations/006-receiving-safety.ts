/**
 * Receiving that cannot fill the SIM and cannot store a message twice (issue 10, items 1 and 9).
 *
 * Choices worth knowing:
 * - `unreadable_pdus` keeps a received PDU the codec refused, as the modem printed it, with the
 *   decoder's reason (field and character offset, PduError) and where it was (gateway, storage,
 *   SIM index, the code that brought it). The row is committed before the PDU is deleted from
 *   the SIM, so an unreadable message never stays on the SIM taking a slot, and a technician can
 *   still look at it. UNIQUE (gateway, hex): a re-read after a crash between the commit and the
 *   SIM delete finds its row and only deletes the SIM copy.
 * - `received_pdus` is the fingerprint of every SMS-DELIVER committed (a single SMS or one part of
 *   a long one): the sender as received, the SC time stamp as received (TP-SCTS with its zone,
 *   not normalised) and a SHA-256 of the TPDU hex. It is written in the same transaction as the
 *   message or the part, so a PDU read again after a crash in the commit-to-delete window is
 *   recognised and only deleted from the SIM — no second message, no phantom "incomplete"
 *   message made of a long message's last part. The key includes the gateway: two clinic SIMs
 *   can get byte-identical deliveries (a sender's broadcast in the same second), and dropping a
 *   real message is worse than a duplicate. Rows older than 90 days are purged (the receiving
 *   service's minute check): a SIM copy is re-read at the next start, not months later.
 */
import type { Migration } from './migration.ts';

export const receivingSafety: Migration = {
  version: 6,
  name: 'receiving-safety',
  up(db) {
    db.exec(`
      CREATE TABLE unreadable_pdus (
        id INTEGER PRIMARY KEY,
        gateway TEXT NOT NULL,
        storage TEXT,
        sim_index INTEGER CHECK (sim_index IS NULL OR sim_index >= 0),
        via TEXT NOT NULL CHECK (via IN ('+CMGL', '+CMGR', '+CMT', '+CDS')),
        hex TEXT NOT NULL,
        tpdu_length INTEGER,
        reason_field TEXT NOT NULL,
        reason_offset INTEGER NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (gateway, hex)
      );
      -- The technician's list and the gateway card's count: one gateway's rows, newest first.
      CREATE INDEX unreadable_pdus_gateway ON unreadable_pdus(gateway, id);

      CREATE TABLE received_pdus (
        gateway TEXT NOT NULL,
        sender TEXT NOT NULL,
        sc_timestamp TEXT NOT NULL,
        pdu_hash TEXT NOT NULL CHECK (length(pdu_hash) = 64),
        seen_at TEXT NOT NULL,
        PRIMARY KEY (gateway, sender, sc_timestamp, pdu_hash)
      ) WITHOUT ROWID;
      -- The purge of old fingerprints.
      CREATE INDEX received_pdus_seen ON received_pdus(seen_at);
    `);
  },
};
