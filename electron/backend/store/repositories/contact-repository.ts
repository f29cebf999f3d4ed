/** contacts and their addresses (the reference's Person and MessagingAddress). */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Address, Contact, Protocol } from '../../../../src-shared/model.ts';
import type { Clock } from '../../clock.ts';
import { isoAt } from '../../clock.ts';

export interface ContactRecord extends Contact {
  created: string;
  updated: string;
}

interface ContactRow {
  id: number;
  name: string;
  notes: string;
  created: string;
  updated: string;
}

export interface AddressRow {
  id: number;
  address: string;
  protocol: Protocol;
  contact_id: number | null;
  preferred: number;
}

export const toAddress = (row: AddressRow): Address => ({
  id: row.id,
  address: row.address,
  protocol: row.protocol,
  contactId: row.contact_id,
  preferred: row.preferred === 1,
});

export class ContactRepository {
  private readonly messagingStmt;
  private readonly setMessagingStmt;
  private readonly insertContactStmt;
  private readonly updateContactStmt;
  private readonly deleteContactStmt;
  private readonly getContactStmt;
  private readonly addressesOfStmt;
  private readonly upsertAddressStmt;
  private readonly findAddressStmt;
  private readonly existsStmt;
  private readonly insertContactWithIdStmt;
  private readonly assignAddressStmt;
  private readonly releaseAddressesStmt;
  private readonly ownerNameStmt;
  private readonly ownerMessagingStmt;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
  ) {
    this.insertContactStmt = db.prepare<[string, string, string | null, string, string]>(
      'INSERT INTO contacts (name, notes, language, created, updated) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateContactStmt = db.prepare<[string, string, string, number]>('UPDATE contacts SET name = ?, notes = ?, updated = ? WHERE id = ?');
    this.deleteContactStmt = db.prepare<[number]>('DELETE FROM contacts WHERE id = ?');
    this.getContactStmt = db.prepare<[number], ContactRow>('SELECT * FROM contacts WHERE id = ?');
    this.addressesOfStmt = db.prepare<[number], AddressRow>('SELECT * FROM addresses WHERE contact_id = ? ORDER BY preferred DESC, id');
    // Find-or-create in one step. A known address keeps its contact unless it had none.
    this.upsertAddressStmt = db.prepare<[string, Protocol, number | null], AddressRow>(
      `INSERT INTO addresses (address, protocol, contact_id) VALUES (?, ?, ?)
       ON CONFLICT (address, protocol) DO UPDATE SET contact_id = COALESCE(addresses.contact_id, excluded.contact_id)
       RETURNING *`,
    );
    this.findAddressStmt = db.prepare<[string, Protocol], AddressRow>('SELECT * FROM addresses WHERE address = ? AND protocol = ?');
    this.existsStmt = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM contacts WHERE id = ?');
    this.insertContactWithIdStmt = db.prepare<[number, string, string, string, string]>(
      'INSERT INTO contacts (id, name, notes, created, updated) VALUES (?, ?, ?, ?, ?)',
    );
    // Unlike ensureAddress this moves the address to the contact: the caller has checked that
    // it belongs to no other contact.
    this.assignAddressStmt = db.prepare<[string, Protocol, number, number], AddressRow>(
      `INSERT INTO addresses (address, protocol, contact_id, preferred) VALUES (?, ?, ?, ?)
       ON CONFLICT (address, protocol) DO UPDATE SET contact_id = excluded.contact_id, preferred = excluded.preferred
       RETURNING *`,
    );
    this.releaseAddressesStmt = db.prepare<[number, string], AddressRow>(
      `UPDATE addresses SET contact_id = NULL, preferred = 0
        WHERE contact_id = ? AND id NOT IN (SELECT value FROM json_each(?))
       RETURNING *`,
    );
    this.messagingStmt = db.prepare<[number], { language: string | null; discreet: number }>('SELECT language, discreet FROM contacts WHERE id = ?');
    this.setMessagingStmt = db.prepare<[string | null, number, number]>('UPDATE contacts SET language = ?, discreet = ? WHERE id = ?');
    this.ownerMessagingStmt = db.prepare<[string, Protocol], { id: number; language: string | null; discreet: number }>(
      'SELECT c.id, c.language, c.discreet FROM addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.address = ? AND a.protocol = ?',
    );
    this.ownerNameStmt = db.prepare<[string, Protocol], { name: string }>(
      'SELECT c.name FROM addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.address = ? AND a.protocol = ?',
    );
  }

  /** The language a contact's messages are written in (null: the clinic's) and whether they asked for discreet ones (migration 008). */
  messaging(id: number): { language: string | null; discreet: boolean } {
    const row = this.messagingStmt.get(id);
    return { language: row?.language ?? null, discreet: row?.discreet === 1 };
  }

  setMessaging(id: number, language: string | null, discreet: boolean): void {
    this.setMessagingStmt.run(language, discreet ? 1 : 0, id);
  }

  /** @param language the language their messages are written in (null: the clinic's). @returns the new contact's id. */
  create(name: string, notes = '', language: string | null = null): number {
    const now = isoAt(this.clock);
    return Number(this.insertContactStmt.run(name, notes, language, now, now).lastInsertRowid);
  }

  /** Who owns an address, with their messaging choices (one query: an import asks it for every row). */
  ownerMessaging(address: string, protocol: Protocol): { contactId: number; language: string | null; discreet: boolean } | undefined {
    const row = this.ownerMessagingStmt.get(address, protocol);
    return row && { contactId: row.id, language: row.language, discreet: row.discreet === 1 };
  }

  /**
   * Re-creates a deleted contact under its old id (Undo).
   * @throws SqliteError (PRIMARY KEY) if the id is taken; check exists() first.
   */
  createWithId(id: number, name: string, notes = ''): number {
    const now = isoAt(this.clock);
    this.insertContactWithIdStmt.run(id, name, notes, now, now);
    return id;
  }

  update(id: number, fields: { name: string; notes: string }): void {
    this.updateContactStmt.run(fields.name, fields.notes, isoAt(this.clock), id);
  }

  /** Its addresses stay, detached (ON DELETE SET NULL): the message history must not change. */
  delete(id: number): void {
    this.deleteContactStmt.run(id);
  }

  exists(id: number): boolean {
    return this.existsStmt.get(id) !== undefined;
  }

  get(id: number): ContactRecord | undefined {
    const row = this.getContactStmt.get(id);
    return row && { ...row, addresses: this.addressesOfStmt.all(id).map(toAddress) };
  }

  /**
   * Finds or creates an address (already normalised by its protocol).
   * @throws SqliteError (FOREIGN KEY) if contactId names no contact.
   */
  ensureAddress(address: string, protocol: Protocol, contactId: number | null): Address {
    const row = this.upsertAddressStmt.get(address, protocol, contactId);
    if (!row) throw new Error('address upsert returned no row');
    return toAddress(row);
  }

  findAddress(address: string, protocol: Protocol): Address | undefined {
    const row = this.findAddressStmt.get(address, protocol);
    return row && toAddress(row);
  }

  /**
   * Gives an address (already normalised) to a contact, creating the row if needed; an address
   * that was only known from message history is taken over with its history.
   * @throws SqliteError (FOREIGN KEY) if contactId names no contact.
   */
  assignAddress(address: string, protocol: Protocol, contactId: number, preferred: boolean): Address {
    const row = this.assignAddressStmt.get(address, protocol, contactId, preferred ? 1 : 0);
    if (!row) throw new Error('address upsert returned no row');
    return toAddress(row);
  }

  /**
   * Detaches every address of the contact except `keepIds`. The rows stay (with no contact) so
   * the message history keeps its addresses.
   * @returns the detached addresses.
   */
  releaseAddresses(contactId: number, keepIds: readonly number[]): Address[] {
    return this.releaseAddressesStmt.all(contactId, JSON.stringify(keepIds)).map(toAddress);
  }

  /** The name of the contact an address belongs to now, or null. */
  ownerName(address: string, protocol: Protocol): string | null {
    return this.ownerNameStmt.get(address, protocol)?.name ?? null;
  }
}
