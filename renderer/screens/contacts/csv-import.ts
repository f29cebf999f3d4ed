/**
 * CSV import, the pure part: parse a file's text with papaparse, guess which column holds what
 * from the header (English and Swahili), turn the mapped rows into `contacts.import` rows, and
 * merge each chunk's answer into one summary whose row numbers point into the file.
 *
 * Row numbers follow the contract (ImportRowError.row): 1-based data rows, header not counted,
 * blank lines counted, so "row 7" is always the 7th record under the header.
 */
import Papa from 'papaparse';
import { guessColumns } from '../../ui/csv-columns.ts';
import type { ImportResult, ImportRowError } from '../../../src-shared/contract/dto.ts';
import type { CommandParams } from '../../../src-shared/contract/commands.ts';

/** contacts.import accepts at most this many rows in one call, and so do we for one file. */
export const MAX_IMPORT_ROWS = 50_000;
/** Rows per contacts.import call: small enough for a progress bar that moves, big enough to be quick. */
export const IMPORT_CHUNK_ROWS = 2_000;
/** How many rows the preview shows. */
export const PREVIEW_ROWS = 5;

export const IMPORT_FIELDS = ['name', 'phone', 'email', 'notes', 'group'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportRow = CommandParams<'contacts.import'>['rows'][number];

/** Column index per field, or null when the file has no such column. */
export type ColumnMapping = Record<ImportField, number | null>;

/** The contract's per-field length limits (schemas.ts importRowSchema): longer values would fail a whole chunk. */
export const FIELD_MAX_LENGTH: Record<ImportField, number> = { name: 500, phone: 500, email: 500, notes: 2_000, group: 200 };

export interface CsvRecord {
  /** 1-based data row number (header not counted). */
  row: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  /** Non-blank data rows, in file order. */
  records: CsvRecord[];
}

export type CsvProblem =
  | { kind: 'syntax'; row: number | null; message: string }
  | { kind: 'no-header' }
  | { kind: 'no-rows' }
  | { kind: 'too-many-rows'; count: number };

export type CsvParseOutcome = { ok: true; csv: ParsedCsv } | { ok: false; problem: CsvProblem };

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Parse a whole file's text. Never throws: a broken file comes back as a CsvProblem. */
export function parseContactsCsv(text: string): CsvParseOutcome {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, dynamicTyping: false });
  // A file with one column has no delimiter to detect; papaparse reports that but parses fine.
  const fatal = result.errors.find((e) => e.type !== 'Delimiter');
  if (fatal) {
    // papaparse's row is the 0-based record index, header included.
    return { ok: false, problem: { kind: 'syntax', row: typeof fatal.row === 'number' && fatal.row > 0 ? fatal.row : null, message: fatal.message } };
  }
  const all = result.data.map((cells) => (Array.isArray(cells) ? cells.map((c) => String(c ?? '')) : []));
  const headerIndex = all.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) return { ok: false, problem: { kind: 'no-header' } };
  const headers = (all[headerIndex] ?? []).map((h) => h.trim());
  const records: CsvRecord[] = [];
  for (let i = headerIndex + 1; i < all.length; i++) {
    const cells = all[i] ?? [];
    if (!isBlank(cells)) records.push({ row: i - headerIndex, cells });
  }
  if (records.length === 0) return { ok: false, problem: { kind: 'no-rows' } };
  if (records.length > MAX_IMPORT_ROWS) return { ok: false, problem: { kind: 'too-many-rows', count: records.length } };
  return { ok: true, csv: { headers, records } };
}

/** Header words per field, already normalised (see normaliseHeader). English and Swahili. */
const HEADER_WORDS: Record<ImportField, { exact: string[]; partial: string[] }> = {
  name: {
    exact: ['name', 'full name', 'names', 'contact', 'contact name', 'patient', 'patient name', 'client', 'client name', 'jina', 'majina', 'jina kamili', 'jina la mgonjwa', 'mgonjwa', 'mteja'],
    partial: ['name', 'jina', 'majina'],
  },
  phone: {
    exact: ['phone', 'phone number', 'mobile', 'mobile number', 'number', 'tel', 'telephone', 'cell', 'cellphone', 'msisdn', 'simu', 'namba', 'nambari', 'namba ya simu', 'nambari ya simu', 'simu ya mkononi'],
    partial: ['phone', 'mobile', 'simu', 'tel', 'cell', 'number', 'namba', 'nambari'],
  },
  email: {
    exact: ['email', 'e mail', 'email address', 'e mail address', 'mail', 'barua pepe', 'baruapepe', 'anwani ya barua pepe'],
    partial: ['email', 'e mail', 'barua pepe', 'baruapepe', 'mail'],
  },
  notes: {
    exact: ['notes', 'note', 'comments', 'comment', 'remarks', 'maelezo', 'maoni', 'kumbukumbu', 'taarifa'],
    partial: ['note', 'comment', 'remark', 'maelezo', 'maoni', 'kumbukumbu'],
  },
  group: {
    exact: ['group', 'groups', 'category', 'list', 'kundi', 'makundi', 'kikundi', 'vikundi'],
    partial: ['group', 'kundi', 'kikundi', 'vikundi'],
  },
};

/**
 * Guess the mapping from the header. Exact header words win over words inside a longer header
 * ("Phone number (mobile)"); each column is used for one field at most. Phone and e-mail are
 * guessed first, so "Email" is not mistaken for a name and "Name of mobile" keeps its name.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return guessColumns(headers, ['email', 'phone', 'name', 'notes', 'group'] as const, HEADER_WORDS);
}

/** A mapping can be imported when it names the contact and gives at least one way to reach them. */
export function mappingProblem(mapping: ColumnMapping): 'no-name' | 'no-address' | null {
  if (mapping.name === null) return 'no-name';
  if (mapping.phone === null && mapping.email === null) return 'no-address';
  return null;
}

/** What the browser found wrong before asking the backend; `code` picks the translated message. */
export interface LocalRowProblem {
  row: number;
  field: string;
  code: 'too-many-columns' | 'too-long' | 'empty';
  /** Extra values for the message: columns, header columns, max length. */
  values: Record<string, number | string>;
}

export interface PreparedImport {
  /** Rows for contacts.import, with the file row of each. */
  rows: Array<{ row: number; data: ImportRow }>;
  problems: LocalRowProblem[];
}

/** Turn the mapped records into import rows, keeping back those the contract would reject as a whole call. */
export function prepareImport(csv: ParsedCsv, mapping: ColumnMapping): PreparedImport {
  const rows: PreparedImport['rows'] = [];
  const problems: LocalRowProblem[] = [];
  const width = csv.headers.length;
  for (const record of csv.records) {
    // More filled cells than the header has columns: most often a comma inside an unquoted value.
    const extra = record.cells.slice(width);
    if (width > 0 && extra.some((c) => c.trim() !== '')) {
      problems.push({ row: record.row, field: 'row', code: 'too-many-columns', values: { columns: record.cells.length, headerColumns: width } });
      continue;
    }
    const data: ImportRow = {};
    let tooLong: LocalRowProblem | null = null;
    for (const field of IMPORT_FIELDS) {
      const column = mapping[field];
      if (column === null) continue;
      const value = (record.cells[column] ?? '').trim();
      if (value === '') continue;
      if (value.length > FIELD_MAX_LENGTH[field]) {
        tooLong ??= { row: record.row, field, code: 'too-long', values: { max: FIELD_MAX_LENGTH[field] } };
        continue;
      }
      data[field] = value;
    }
    if (tooLong) {
      problems.push(tooLong);
      continue;
    }
    if (Object.keys(data).length === 0) {
      problems.push({ row: record.row, field: 'row', code: 'empty', values: {} });
      continue;
    }
    rows.push({ row: record.row, data });
  }
  return { rows, problems };
}

/** Split into contacts.import calls. */
export function chunkRows<T>(rows: readonly T[], size = IMPORT_CHUNK_ROWS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Add one chunk's answer to the running total. The backend numbers rows within the call
 * (1-based); `fileRows[i]` is the file row of the call's i-th row.
 */
export function mergeChunkResult(total: ImportResult, chunk: ImportResult, fileRows: readonly number[]): ImportResult {
  const errors: ImportRowError[] = chunk.errors.map((e) => ({ ...e, row: fileRows[e.row - 1] ?? e.row }));
  return { created: total.created + chunk.created, duplicates: total.duplicates + chunk.duplicates, errors: [...total.errors, ...errors] };
}

/** Read a picked file as text (FileReader: works in Electron, browsers and jsdom alike). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file, 'utf-8');
  });
}
