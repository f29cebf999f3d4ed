/**
 * CSV import and export of contacts. The UI parses the file and maps its columns; the backend
 * gets rows `{ name, phone, email, notes, group }`, validates each on its own and saves the good
 * ones in one transaction with prepared statements (50,000 rows in one call).
 *
 * The export is the import's inverse: one row per contact; `phone` and `email` hold every
 * address of that kind, the preferred one first, joined with "; "; `groups` likewise. The import
 * splits those cells on ";" again, so an exported file imports back as it was. A cell that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR: OWASP "CSV Injection")
 * is written with a leading apostrophe, and the import drops exactly that apostrophe again.
 */
import Papa from 'papaparse';
import type { ParsedParams } from '../../../src-shared/contract/commands.ts';
import type { ImportResult, ImportRowError } from '../../../src-shared/contract/dto.ts';
import type { Protocol } from '../../../src-shared/model.ts';
import { checkEmailAddress, checkSmsAddress, type ProtocolSettings } from '../../../src-shared/protocols/index.ts';
import type { Store } from '../store/store.ts';
import { optedOutOf } from './consent.ts';
import { protocolSettings } from './context.ts';

export type ImportRow = ParsedParams<'contacts.import'>['rows'][number];

/**
 * `opted_out` lists the contact's numbers that opted out. The import does not read it back: a
 * file must never opt a patient back in (consent changes by their reply or by hand, with a reason).
 */
export const EXPORT_COLUMNS = ['name', 'phone', 'email', 'notes', 'groups', 'opted_out'] as const;
/** The contract's limit for a contact's name (contactInputSchema). */
const NAME_MAX = 200;
const LIST_SEPARATOR = '; ';
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would evaluate gets a leading apostrophe, which makes it text. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Drops the apostrophe neutraliseFormula added (and only that one). */
function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function cell(value: string | undefined): string {
  return restoreFormula((value ?? '').trim()).trim();
}

function splitList(value: string): string[] {
  return value.split(';').map((part) => part.trim()).filter((part) => part !== '');
}

interface CheckedRow {
  row: number;
  name: string;
  notes: string;
  addresses: Array<{ address: string; protocol: Protocol }>;
  groups: string[];
}

/** One row's own checks (nothing read from the database). */
function checkRow(raw: ImportRow, row: number, settings: ProtocolSettings, defaultGroup: string, errors: ImportRowError[]): CheckedRow | null {
  const before = errors.length;
  const name = cell(raw.name);
  if (name === '') errors.push({ row, field: 'name', message: 'A contact needs a name.' });
  else if (name.length > NAME_MAX) errors.push({ row, field: 'name', message: `The name is longer than ${NAME_MAX} characters.` });

  const phones = splitList(cell(raw.phone));
  const emails = splitList(cell(raw.email));
  if (phones.length === 0 && emails.length === 0) {
    errors.push({ row, field: 'phone', message: 'A contact needs a phone number or an e-mail address.' });
  }
  const addresses: CheckedRow['addresses'] = [];
  for (const phone of phones) {
    const check = checkSmsAddress(phone, settings);
    if (check.ok) addresses.push({ address: check.address, protocol: 'sms' });
    else errors.push({ row, field: 'phone', message: `${phone}: ${check.issue.message}` });
  }
  for (const email of emails) {
    const check = checkEmailAddress(email);
    if (check.ok) addresses.push({ address: check.address, protocol: 'email' });
    else errors.push({ row, field: 'email', message: `${email}: ${check.issue.message}` });
  }
  if (errors.length > before) return null;

  const groupCell = cell(raw.group);
  const groups = splitList(groupCell === '' ? defaultGroup : groupCell);
  const unique = [...new Map(addresses.map((a) => [`${a.protocol}:${a.address}`, a])).values()];
  return { row, name, notes: cell(raw.notes), addresses: unique, groups };
}

/**
 * Imports rows (row numbers 1-based, in the order given). A row whose address already belongs
 * to a contact (in the database, or an earlier row of the same import) is skipped and counted as
 * a duplicate; an address known only from message history is taken over. Groups named in a row
 * (or `defaultGroup`) are found without regard to case, or created.
 * Never throws for bad rows: they come back in `errors`. Rethrows a database failure (nothing
 * is then saved).
 */
export function importContacts(store: Store, rows: readonly ImportRow[], defaultGroup = ''): ImportResult {
  const errors: ImportRowError[] = [];
  const settings = protocolSettings(store);
  const groupForAll = cell(defaultGroup);
  const good = rows.flatMap((raw, i) => checkRow(raw, i + 1, settings, groupForAll, errors) ?? []);

  const { created, duplicates } = store.transaction(() => {
    const groupIds = new Map<string, number>();
    const groupIdOf = (name: string): number => {
      const key = name.toLowerCase();
      let id = groupIds.get(key) ?? store.groups.findByName(name)?.id;
      id ??= store.groups.create(name);
      groupIds.set(key, id);
      return id;
    };
    let created = 0;
    let duplicates = 0;
    for (const row of good) {
      const known = row.addresses.map((a) => store.contacts.findAddress(a.address, a.protocol));
      if (known.some((a) => a !== undefined && a.contactId !== null)) {
        duplicates++;
        continue;
      }
      const id = store.contacts.create(row.name, row.notes);
      const preferredTaken = new Set<Protocol>();
      row.addresses.forEach((a, i) => {
        store.contacts.assignAddress(a.address, a.protocol, id, !preferredTaken.has(a.protocol));
        preferredTaken.add(a.protocol);
        // Only an address already known can have a conversation (messaging creates both).
        if (known[i] !== undefined) store.conversations.setContactOf(a.address, a.protocol, id);
      });
      for (const group of row.groups) store.groups.addMember(id, groupIdOf(group));
      created++;
    }
    return { created, duplicates };
  });
  errors.sort((a, b) => a.row - b.row);
  return { created, duplicates, errors };
}

/** Every contact as CSV, ready for a spreadsheet. */
export function exportContactsCsv(store: Store): { csv: string; count: number } {
  const contacts = store.contactQueries.all();
  const groupNames = new Map(store.groups.list().map((g) => [g.id, g.name]));
  const memberships = store.groups.allMemberships();
  const data = contacts.map((c) => {
    // Addresses come preferred first (contactQueries.all).
    const of = (protocol: Protocol) => c.addresses.filter((a) => a.protocol === protocol).map((a) => a.address).join(LIST_SEPARATOR);
    const groups = (memberships.get(c.id) ?? []).flatMap((id) => groupNames.get(id) ?? []).join(LIST_SEPARATOR);
    return [c.name, of('sms'), of('email'), c.notes, groups, optedOutOf(store, c).join(LIST_SEPARATOR)].map(neutraliseFormula);
  });
  return { csv: Papa.unparse({ fields: [...EXPORT_COLUMNS], data }, { newline: '\r\n' }), count: contacts.length };
}
