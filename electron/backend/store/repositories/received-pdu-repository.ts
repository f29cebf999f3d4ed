/**
 * received_pdus (migration 006): the fingerprint of every SMS-DELIVER committed, written in the
 * same transaction as its message or part, so a PDU read again after a crash between the commit
 * and the SIM delete is recognised and only deleted from the SIM. Stored SMS-STATUS-REPORTs write
 * theirs here too (delivery-reports.ts; `sender` holds the report's TP-RA), so one is applied once.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface PduFingerprint {
  gateway: string;
  /** TP-OA as received (before normalising: every read of one PDU gives the same). */
  sender: string;
  /** TP-SCTS as decoded, zone included. */
  scTimestamp: string;
  /** SHA-256 of the TPDU hex, lower-case hex (64 characters). */
  hash: string;
}

export class ReceivedPduRepository {
  private readonly insertStmt;
  private readonly hasStmt;
  private readonly purgeStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare<[string, string, string, string, string]>(
      'INSERT OR IGNORE INTO received_pdus (gateway, sender, sc_timestamp, pdu_hash, seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.hasStmt = db.prepare<[string, string, string, string], number>(
      'SELECT 1 FROM received_pdus WHERE gateway = ? AND sender = ? AND sc_timestamp = ? AND pdu_hash = ?',
    ).pluck();
    this.purgeStmt = db.prepare<[string]>('DELETE FROM received_pdus WHERE seen_at < ?');
  }

  /** @returns false when this PDU was committed before (it is a re-read or a resend). */
  insert(fingerprint: PduFingerprint, seenAt: string): boolean {
    return this.insertStmt.run(fingerprint.gateway, fingerprint.sender, fingerprint.scTimestamp, fingerprint.hash, seenAt).changes > 0;
  }

  has(fingerprint: PduFingerprint): boolean {
    return this.hasStmt.get(fingerprint.gateway, fingerprint.sender, fingerprint.scTimestamp, fingerprint.hash) !== undefined;
  }

  /** Forgets fingerprints first seen before `cutoff` (ISO). @returns how many. */
  purgeBefore(cutoff: string): number {
    return this.purgeStmt.run(cutoff).changes;
  }
}
