/**
 * Read side of contacts for the screens and exports: a page of the list with search as you
 * type, and every contact at once for a CSV export, with addresses fetched in one query per
 * page rather than one per contact.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Contact } from '../../../../src-shared/model.ts';
import { type AddressRow, toAddress } from './contact-repository.ts';
import { containsPattern } from './like-pattern.ts';

export interface ContactPageQuery {
  /** Matches the name or any address, anywhere in it, without regard to ASCII case. */
  text: string | null;
  /** A phone number's digits as stored (e.g. "712345" for a typed "0712 345"), or null. */
  digits: string | null;
  groupId: number | null;
  /** Only contacts with a number that opted out (migration 009 consent). */
  optedOut?: boolean;
  limit: number;
  offset: number;
}

interface ContactRow {
  id: number;
  name: string;
  notes: string;
}

interface FilterParams {
  text: string | null;
  digits: string | null;
  groupId: number | null;
  optedOut: number | null;
}


// Uncorrelated IN (...) subqueries: SQLite builds each list once per query, where a correlated
// EXISTS would scan a contact's addresses again for every contact (3x slower at 50,000).
const FILTER = `
  (@groupId IS NULL OR c.id IN (SELECT cg.contact_id FROM contact_groups cg WHERE cg.group_id = @groupId))
  AND (@optedOut IS NULL OR c.id IN (SELECT a.contact_id FROM consent k JOIN addresses a ON a.address = k.address AND a.protocol = k.protocol
                                      WHERE k.opted_out = 1 AND a.contact_id IS NOT NULL))
  AND (@text IS NULL
       OR c.name LIKE @text ESCAPE '\\'
       OR c.id IN (SELECT a.contact_id FROM addresses a
                    WHERE a.contact_id IS NOT NULL
                      AND (a.address LIKE @text ESCAPE '\\' OR (@digits IS NOT NULL AND a.address LIKE @digits ESCAPE '\\'))))`;

export class ContactQueryRepository {
  private readonly pageStmt;
  private readonly countStmt;
  private readonly addressesOfManyStmt;
  private readonly allStmt;
  private readonly allAttachedAddressesStmt;

  constructor(db: Database.Database) {
    // Ordered by the contacts_name index (002), so a page stops reading at LIMIT + OFFSET rows.
    this.pageStmt = db.prepare<[FilterParams & { limit: number; offset: number }], ContactRow>(
      `SELECT c.id, c.name, c.notes FROM contacts c WHERE ${FILTER}
        ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare<[FilterParams], { n: number }>(`SELECT COUNT(*) AS n FROM contacts c WHERE ${FILTER}`);
    this.addressesOfManyStmt = db.prepare<[string], AddressRow>(
      'SELECT * FROM addresses WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, preferred DESC, id',
    );
    this.allStmt = db.prepare<[], ContactRow>('SELECT id, name, notes FROM contacts ORDER BY name COLLATE NOCASE, id');
    this.allAttachedAddressesStmt = db.prepare<[], AddressRow>(
      'SELECT * FROM addresses WHERE contact_id IS NOT NULL ORDER BY contact_id, preferred DESC, id',
    );
  }

  /** One page of the contact list, by name, and how many contacts match in all. */
  page(query: ContactPageQuery): { contacts: Contact[]; total: number } {
    const filter: FilterParams = { text: containsPattern(query.text), digits: containsPattern(query.digits), groupId: query.groupId, optedOut: query.optedOut ? 1 : null };
    const rows = this.pageStmt.all({ ...filter, limit: query.limit, offset: query.offset });
    const total = rows.length < query.limit && (rows.length > 0 || query.offset === 0)
      ? query.offset + rows.length
      : (this.countStmt.get(filter)?.n ?? 0);
    return { contacts: this.withAddresses(rows, this.addressesOfManyStmt.all(JSON.stringify(rows.map((r) => r.id)))), total };
  }

  /** Every contact, by name, with its addresses (preferred first): the CSV export. */
  all(): Contact[] {
    return this.withAddresses(this.allStmt.all(), this.allAttachedAddressesStmt.all());
  }

  private withAddresses(rows: ContactRow[], addressRows: AddressRow[]): Contact[] {
    const byContact = new Map<number, AddressRow[]>();
    for (const a of addressRows) {
      if (a.contact_id === null) continue;
      const list = byContact.get(a.contact_id) ?? [];
      list.push(a);
      byContact.set(a.contact_id, list);
    }
    return rows.map((r) => ({ id: r.id, name: r.name, notes: r.notes, addresses: (byContact.get(r.id) ?? []).map(toAddress) }));
  }
}
