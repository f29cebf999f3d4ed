/**
 * A day list from a CSV (issue 11), the pure part: parse the file with papaparse, number every
 * record by its line in the file (the header is line 1; a quoted value may span lines), guess
 * which column is which from the header (English and Swahili), read the dates and times, and
 * build the `appointments.import` rows.
 *
 * What the browser finds wrong in a row (a date it cannot read, an empty name, a value longer
 * than the contract takes) is a local problem, worded here in the nurse's language. Such a row is
 * still sent, but without its date: the backend refuses a row with no date, so the list is
 * refused whole and nothing is half-saved, while every other row is still checked in the same
 * call (one round of fixing, not two). `mergeErrors` then puts our words in place of the
 * backend's for those lines.
 */
import Papa from 'papaparse';
import { guessColumns, normaliseHeader } from '../../ui/csv-columns.ts';
import type { CommandParams, CommandResult } from '../../../src-shared/contract/commands.ts';

export type ImportRow = CommandParams<'appointments.import'>['rows'][number];
export type BackendRowError = CommandResult<'appointments.import'>['errors'][number];

/** appointments.import takes at most this many rows (schemas.ts). */
export const MAX_DAY_LIST_ROWS = 20_000;
/** Rows in the preview. */
export const PREVIEW_ROWS = 5;

export const DAY_LIST_FIELDS = ['name', 'phone', 'date', 'time', 'service', 'externalId', 'language'] as const;
export type DayListField = (typeof DAY_LIST_FIELDS)[number];
export const REQUIRED_FIELDS: readonly DayListField[] = ['name', 'phone', 'date', 'time'];

/** Column index per field, or null when the file has none. */
export type ColumnMapping = Record<DayListField, number | null>;

/** The contract's length limits (schemas.ts 'appointments.import'): a longer value would refuse the whole call. */
const MAX_LENGTH: Record<DayListField, number> = { name: 500, phone: 100, date: 40, time: 40, service: 200, externalId: 200, language: 20 };

export interface CsvRecord {
  /** The line in the file where the record starts (header = line 1). */
  line: number;
  cells: string[];
}

export interface DayListCsv {
  headers: string[];
  headerLine: number;
  /** Records that are not blank, in file order. */
  records: CsvRecord[];
}

export type CsvProblem =
  | { kind: 'syntax'; line: number; code: string; message: string }
  | { kind: 'empty' }
  | { kind: 'no-rows' }
  | { kind: 'too-many-rows'; count: number };

export type ParseOutcome = { ok: true; csv: DayListCsv } | { ok: false; problem: CsvProblem };

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Line breaks in text[from, to): \r\n, \n and a lone \r each count once. */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** Parse a whole file's text. Never throws: a broken file comes back as a CsvProblem with its line. */
export function parseDayList(input: string): ParseOutcome {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: CsvRecord[] = [];
  let problem: CsvProblem | null = null;
  let start = 0;
  let line = 1;
  // Step mode: papaparse tells where each record ends (meta.cursor), which gives its line.
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    step: (result, parser) => {
      // A one-column file has no delimiter to detect; papaparse says so but parses it fine.
      const fatal = result.errors.find((e) => e.type !== 'Delimiter');
      if (fatal) {
        const at = typeof fatal.index === 'number' ? line + countBreaks(text, start, Math.min(fatal.index, text.length)) : line;
        problem = { kind: 'syntax', line: at, code: fatal.code, message: fatal.message };
        parser.abort();
        return;
      }
      const cells = Array.isArray(result.data) ? result.data.map((c) => String(c ?? '')) : [];
      rows.push({ line, cells });
      const end = result.meta.cursor;
      line += countBreaks(text, start, end);
      start = end;
    },
  });
  if (problem) return { ok: false, problem };
  const headerIndex = rows.findIndex((r) => !isBlank(r.cells));
  if (headerIndex < 0) return { ok: false, problem: { kind: 'empty' } };
  const header = rows[headerIndex]!;
  const records = rows.slice(headerIndex + 1).filter((r) => !isBlank(r.cells));
  if (records.length === 0) return { ok: false, problem: { kind: 'no-rows' } };
  if (records.length > MAX_DAY_LIST_ROWS) return { ok: false, problem: { kind: 'too-many-rows', count: records.length } };
  return { ok: true, csv: { headers: header.cells.map((h) => h.trim()), headerLine: header.line, records } };
}

/** Header words per field (normalised), English and Swahili, as EMR exports and spreadsheets name them. */
const HEADER_WORDS: Record<DayListField, { exact: string[]; partial: string[] }> = {
  name: {
    exact: ['name', 'names', 'full name', 'patient', 'patient name', 'client', 'client name', 'jina', 'majina', 'jina kamili', 'mgonjwa', 'jina la mgonjwa', 'mteja'],
    partial: ['name', 'jina', 'majina'],
  },
  phone: {
    exact: ['phone', 'phone number', 'telephone', 'tel', 'mobile', 'mobile number', 'cell', 'cellphone', 'msisdn', 'simu', 'namba ya simu', 'nambari ya simu', 'simu ya mkononi'],
    partial: ['phone', 'mobile', 'simu', 'tel', 'cell', 'msisdn'],
  },
  date: {
    exact: ['date', 'appointment date', 'visit date', 'day', 'tarehe', 'tarehe ya miadi', 'siku', 'siku ya miadi'],
    partial: ['date', 'tarehe'],
  },
  time: {
    exact: ['time', 'appointment time', 'visit time', 'saa', 'muda', 'wakati', 'saa ya miadi'],
    partial: ['time', 'saa'],
  },
  service: {
    exact: ['service', 'services', 'clinic', 'department', 'visit type', 'appointment type', 'huduma', 'aina ya huduma', 'kliniki'],
    partial: ['service', 'huduma'],
  },
  externalId: {
    exact: ['external id', 'externalid', 'id', 'mrn', 'patient id', 'record number', 'medical record number', 'appointment id', 'visit id', 'ref', 'reference', 'kitambulisho', 'namba ya mgonjwa'],
    partial: ['external id', 'mrn', 'id'],
  },
  language: {
    exact: ['language', 'lang', 'preferred language', 'lugha'],
    partial: ['language', 'lugha'],
  },
};

/**
 * Guess the mapping from the header. Exact words win over words inside a longer header; a column
 * is used for one field at most. The id, phone, date and time are guessed before the name, so
 * "Patient ID" and "Patient phone" are not taken for the name.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return guessColumns(headers, ['externalId', 'phone', 'date', 'time', 'language', 'service', 'name'] as const, HEADER_WORDS);
}

export function missingFields(mapping: ColumnMapping): DayListField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] === null);
}

/** How a date with slashes ("04/12/2026") is read; a year-first date is always year-month-day. */
export type DateOrder = 'dmy' | 'mdy';

const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const SLASH_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

export interface DateStyle {
  /** Some dates in the column have the year last. */
  yearLast: boolean;
  /** The order we assume for them: day first unless the file shows otherwise (a 13th "month"). */
  order: DateOrder;
  /** A value from the file with the year last, to show what the assumption does to it. */
  example: string | null;
}

/** How the dates of a column are written: day/month/year unless some value can only be month/day/year. */
export function detectDateStyle(values: readonly string[]): DateStyle {
  let example: string | null = null;
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of values) {
    const m = SLASH_DATE.exec(raw.trim());
    if (!m) continue;
    example ??= raw.trim();
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12) dayFirst = true;
    if (b > 12) monthFirst = true;
  }
  return { yearLast: example !== null, order: monthFirst && !dayFirst ? 'mdy' : 'dmy', example };
}

const two = (n: number) => String(n).padStart(2, '0');

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export type Read = { ok: true; value: string } | { ok: false; code: 'date-unreadable' | 'date-not-real' | 'time-unreadable' };

/** "04/12/2026" (day first) -> "2026-12-04"; "2026-12-4" -> "2026-12-04". A two-digit year is 20YY. */
export function readDate(raw: string, order: DateOrder): Read {
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DATE.exec(text);
  const slash = iso ? null : SLASH_DATE.exec(text);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (slash) {
    const [a, b] = [Number(slash[1]), Number(slash[2])];
    [day, month] = order === 'dmy' ? [a, b] : [b, a];
    year = slash[3]!.length === 2 ? 2000 + Number(slash[3]) : Number(slash[3]);
  } else {
    return { ok: false, code: 'date-unreadable' };
  }
  if (!realDate(year, month, day)) return { ok: false, code: 'date-not-real' };
  return { ok: true, value: `${year}-${two(month)}-${two(day)}` };
}

const TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;

/** "9:30" -> "09:30"; "14:30:00" -> "14:30"; "2:30 PM" -> "14:30". */
export function readTime(raw: string): Read {
  const m = TIME.exec(raw.trim());
  if (!m) return { ok: false, code: 'time-unreadable' };
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return { ok: false, code: 'time-unreadable' };
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { ok: false, code: 'time-unreadable' };
  return { ok: true, value: `${two(hour)}:${two(minute)}` };
}

/** The patients' languages by the names a list may use; anything else is sent as written. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'en', eng: 'en', english: 'en', kiingereza: 'en',
  sw: 'sw', swa: 'sw', swahili: 'sw', kiswahili: 'sw',
  fr: 'fr', fra: 'fr', fre: 'fr', french: 'fr', francais: 'fr', kifaransa: 'fr',
};

export function readLanguage(raw: string): string {
  const text = raw.trim();
  return LANGUAGE_NAMES[normaliseHeader(text)] ?? text;
}

/** What the browser found wrong in a row; `code` picks the words (reminders:import.problem.*). */
export interface LocalProblem {
  line: number;
  /** A field, or `row` for the whole row. */
  field: DayListField | 'row';
  code: 'too-many-columns' | 'empty' | 'too-long' | 'date-unreadable' | 'date-not-real' | 'time-unreadable';
  values: Record<string, string | number>;
}

export interface PreviewRow {
  line: number;
  /** What will be sent (dates read), or the cell as written when it has a problem. */
  values: Partial<Record<DayListField, string>>;
}

export interface PreparedDayList {
  /** Every record, in file order, as sent. */
  rows: ImportRow[];
  /** The first records as they will be sent (dates read), for the preview. */
  preview: PreviewRow[];
  problems: LocalProblem[];
}

/** The date column's cells, to see how its dates are written. */
export function dateCells(csv: DayListCsv, mapping: ColumnMapping): string[] {
  const column = mapping.date;
  return column === null ? [] : csv.records.map((r) => r.cells[column] ?? '');
}

/** Turn the mapped records into appointments.import rows, each with its line. */
export function prepareDayList(csv: DayListCsv, mapping: ColumnMapping, order: DateOrder): PreparedDayList {
  const rows: ImportRow[] = [];
  const preview: PreviewRow[] = [];
  const problems: LocalProblem[] = [];
  const width = csv.headers.length;
  for (const record of csv.records) {
    const { line } = record;
    // More filled cells than the header has columns: most often a comma inside an unquoted value.
    if (record.cells.slice(width).some((c) => c.trim() !== '')) {
      problems.push({ line, field: 'row', code: 'too-many-columns', values: { columns: record.cells.length, headerColumns: width } });
      // Its values are out of place: the backend only needs to see that the line is refused.
      rows.push({ line });
      if (preview.length < PREVIEW_ROWS) preview.push({ line, values: {} });
      continue;
    }
    const values: Partial<Record<DayListField, string>> = {};
    const shown: Partial<Record<DayListField, string>> = {};
    const found: LocalProblem[] = [];
    for (const field of DAY_LIST_FIELDS) {
      const column = mapping[field];
      const raw = column === null ? '' : (record.cells[column] ?? '').trim();
      if (raw === '') {
        if (REQUIRED_FIELDS.includes(field) && column !== null) found.push({ line, field, code: 'empty', values: {} });
        continue;
      }
      shown[field] = raw;
      if (raw.length > MAX_LENGTH[field]) {
        found.push({ line, field, code: 'too-long', values: { max: MAX_LENGTH[field] } });
        continue;
      }
      if (field === 'date' || field === 'time') {
        const read = field === 'date' ? readDate(raw, order) : readTime(raw);
        if (!read.ok) {
          found.push({ line, field, code: read.code, values: { value: raw } });
          continue;
        }
        values[field] = shown[field] = read.value;
      } else {
        values[field] = shown[field] = field === 'language' ? readLanguage(raw) : raw;
      }
    }
    problems.push(...found);
    // A row with a problem goes without its date, so the backend refuses the whole list.
    const row: ImportRow = { ...values, line };
    if (found.length > 0) delete row.date;
    rows.push(row);
    if (preview.length < PREVIEW_ROWS) preview.push({ line, values: shown });
  }
  return { rows, preview, problems };
}

/** One line of the error list: our own problem (worded when shown) or the backend's rule (worded by it when known) and reason. */
export type RowError = { line: number; field: string; local: LocalProblem } | { line: number; field: string; rule: string; reason: string };

const FIELD_ORDER: readonly string[] = ['row', ...DAY_LIST_FIELDS];
const fieldRank = (f: string) => (FIELD_ORDER.includes(f) ? FIELD_ORDER.indexOf(f) : FIELD_ORDER.length);

/**
 * Our problems and the backend's errors as one list by line. For a line we found a problem in,
 * the backend's `date` error is ours (we sent that row without its date), and a whole-row
 * problem stands for the line.
 */
export function mergeErrors(local: readonly LocalProblem[], backend: readonly BackendRowError[]): RowError[] {
  const localLines = new Map<number, Set<string>>();
  for (const p of local) localLines.set(p.line, (localLines.get(p.line) ?? new Set()).add(p.field));
  const kept = backend.filter((e) => {
    const fields = localLines.get(e.line);
    if (!fields) return true;
    return !fields.has('row') && e.field !== 'date' && !fields.has(e.field);
  });
  const all: RowError[] = [...local.map((p) => ({ line: p.line, field: p.field, local: p })), ...kept.map((e) => ({ line: e.line, field: e.field, rule: e.rule, reason: e.reason }))];
  return all.sort((a, b) => a.line - b.line || fieldRank(a.field) - fieldRank(b.field));
}

/**
 * The contract's own refusal of the call (invalid-params, `rows.6.name`) as line errors: the
 * n-th row sent is rows[n].
 */
export function issuesAsRowErrors(issues: ReadonlyArray<{ where: string; rule: string; message: string }>, rows: readonly ImportRow[]): BackendRowError[] | null {
  const out: BackendRowError[] = [];
  for (const issue of issues) {
    const m = /^rows\.(\d+)(?:\.(\w+))?/.exec(issue.where);
    if (!m) return null;
    const row = rows[Number(m[1])];
    out.push({ line: row?.line ?? Number(m[1]) + 2, field: m[2] ?? 'row', rule: issue.rule, reason: issue.message });
  }
  return out.length > 0 ? out : null;
}
