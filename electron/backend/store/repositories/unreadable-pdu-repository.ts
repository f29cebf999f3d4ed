/**
 * unreadable_pdus (migration 006): received PDUs the codec refused, kept for a technician
 * instead of on the SIM (where they would fill the storage and stop receiving). A row is
 * committed before its SIM copy is deleted.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/** The code that brought the PDU: the sweep's listing, a read after +CMTI/+CDSI, or a direct +CMT/+CDS. */
export type UnreadableVia = '+CMGL' | '+CMGR' | '+CMT' | '+CDS';

export interface NewUnreadablePdu {
  gateway: string;
  /** The storage it was read from ("SM", "ME" ...), or null for a direct +CMT/+CDS (never stored). */
  storage: string | null;
  /** Its SIM index, or null for a direct +CMT/+CDS. */
  simIndex: number | null;
  via: UnreadableVia;
  /** The hex as the modem printed it (SMSC field included when it had one). */
  hex: string;
  /** <length> of the indication (TPDU octets), or null when it had none. */
  tpduLength: number | null;
  /** Where the decoder stopped (PduError): the TS 23.040 field and the character offset into `hex`. */
  field: string;
  offset: number;
  /** The decoder's message ("TP-UDL at offset 20: ..."); it names fields, never content. */
  reason: string;
  /** ISO time it was read. */
  receivedAt: string;
}

export interface UnreadablePdu extends NewUnreadablePdu {
  id: number;
}

export interface UnreadablePduQuery {
  /** Only this gateway's rows; all gateways when left out. */
  gateway?: string;
  /** Rows with an id below this one (the previous page's `nextBefore`). */
  before?: number;
  /** Page size, 1..500. Default 100. */
  limit?: number;
}

interface UnreadableRow {
  id: number;
  gateway: string;
  storage: string | null;
  sim_index: number | null;
  via: UnreadableVia;
  hex: string;
  tpdu_length: number | null;
  reason_field: string;
  reason_offset: number;
  reason: string;
  received_at: string;
}

const toUnreadable = (row: UnreadableRow): UnreadablePdu => ({
  id: row.id,
  gateway: row.gateway,
  storage: row.storage,
  simIndex: row.sim_index,
  via: row.via,
  hex: row.hex,
  tpduLength: row.tpdu_length,
  field: row.reason_field,
  offset: row.reason_offset,
  reason: row.reason,
  receivedAt: row.received_at,
});

export class UnreadablePduRepository {
  private readonly insertStmt;
  private readonly countStmt;
  private readonly countAllStmt;
  private readonly pageStmt;
  private readonly deleteStmt;

  constructor(db: Database.Database) {
    // OR IGNORE: the UNIQUE (gateway, hex) key is the re-read check (a crash before the SIM delete).
    this.insertStmt = db.prepare<[string, string | null, number | null, string, string, number | null, string, number, string, string]>(
      `INSERT OR IGNORE INTO unreadable_pdus (gateway, storage, sim_index, via, hex, tpdu_length, reason_field, reason_offset, reason, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.countStmt = db.prepare<[string], number>('SELECT COUNT(*) FROM unreadable_pdus WHERE gateway = ?').pluck();
    this.countAllStmt = db.prepare<[], number>('SELECT COUNT(*) FROM unreadable_pdus').pluck();
    this.pageStmt = db.prepare<{ gateway: string | null; before: number | null; limit: number }, UnreadableRow>(
      `SELECT * FROM unreadable_pdus
        WHERE (@gateway IS NULL OR gateway = @gateway) AND (@before IS NULL OR id < @before)
        ORDER BY id DESC LIMIT @limit`,
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM unreadable_pdus WHERE id = ?');
  }

  /** @returns false when the same PDU of this gateway was already kept (a re-read). */
  insert(pdu: NewUnreadablePdu): boolean {
    const info = this.insertStmt.run(
      pdu.gateway, pdu.storage, pdu.simIndex, pdu.via, pdu.hex, pdu.tpduLength, pdu.field, pdu.offset, pdu.reason, pdu.receivedAt,
    );
    return info.changes > 0;
  }

  /** How many are kept for `gateway`, or for all gateways. */
  count(gateway?: string): number {
    return gateway === undefined ? this.countAllStmt.get()! : this.countStmt.get(gateway)!;
  }

  /** Newest first, paged by id: pass the previous page's `nextBefore` as `before`. */
  list(query: UnreadablePduQuery = {}): { items: UnreadablePdu[]; nextBefore: number | null } {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 500);
    const rows = this.pageStmt.all({ gateway: query.gateway ?? null, before: query.before ?? null, limit: limit + 1 });
    const items = rows.slice(0, limit).map(toUnreadable);
    return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  /** A technician dealt with it. @returns whether a row was removed. */
  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
