/**
 * "Import a day list (CSV)" (issue 11): tomorrow's list as a clinic gets it from its EMR or a
 * spreadsheet. Choose (or drop) the file; it is parsed here (day-list.ts); the columns are
 * guessed from the header and can be changed, and a required one that is not found is asked for;
 * dates with the year last are read day first unless the file shows otherwise, and the screen
 * says which it assumed. The preview shows the first rows as they will be sent. Import is one
 * `appointments.import` call: either everything is booked (the same list again changes nothing,
 * "already booked") or nothing is, and every bad line is listed with its field and reason. The
 * file can then be fixed and chosen again.
 *
 * Words are chosen when shown: the state keeps counts, problem codes and the backend's errors,
 * each worded by its `rule` (words.ts importRuleWords); the backend's reason (an English sentence)
 * shows only for a rule the renderer does not know.
 */
// The same metadata as src-shared/protocols/sms.ts (the compose checks): one copy in the bundle.
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandResult } from '../../../src-shared/contract/commands.ts';
import type { RpcError } from '../../../src-shared/rpc/client.ts';
import { callCommand } from '../../app/call.ts';
import { useClient } from '../../app/client-context.tsx';
import { errorWords, validationIssues } from '../../app/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { useSettings } from '../../state/settings.ts';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { readFileText } from '../contacts/csv-import.ts';
import {
  DAY_LIST_FIELDS,
  MAX_DAY_LIST_ROWS,
  PREVIEW_ROWS,
  REQUIRED_FIELDS,
  dateCells,
  detectDateStyle,
  guessMapping,
  issuesAsRowErrors,
  mergeErrors,
  missingFields,
  parseDayList,
  prepareDayList,
  readDate,
  type ColumnMapping,
  type CsvProblem,
  type DateOrder,
  type DayListCsv,
  type DayListField,
  type LocalProblem,
  type RowError,
} from './day-list.ts';
import { importRuleWords } from './words.ts';

/** Lines listed at most; a file of 20,000 bad lines must not build 20,000 list items. */
const MAX_ERRORS_SHOWN = 500;

interface Picked {
  fileName: string;
  csv: DayListCsv;
}

type PickError = { fileName: string; problem: CsvProblem } | { fileName: string; unreadable: string };

type Outcome =
  | { kind: 'done'; result: CommandResult<'appointments.import'>; fileName: string; problems: RowError[] }
  | { kind: 'errors'; errors: RowError[]; fileName: string }
  | { kind: 'failed'; error: RpcError };

/** Fields of a backend error worded by name: the columns, a reminder text, the clinic's name. */
const WORDED_FIELDS: readonly string[] = [...DAY_LIST_FIELDS, 'template', 'clinic'];

/** "+254" for KE: how a number is written with its country code; "+" when the country is unknown. */
function callingCode(country: string): string {
  try {
    return `+${getCountryCallingCode(country.toUpperCase() as CountryCode)}`;
  } catch {
    return '+';
  }
}

const EMPTY_MAPPING: ColumnMapping = { name: null, phone: null, date: null, time: null, service: null, externalId: null, language: null };

export function ImportDayList({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation('reminders');
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const country = useSettings((s) => s.protocol.defaultCountry);
  const id = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [pickError, setPickError] = useState<PickError | null>(null);
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping>(EMPTY_MAPPING);
  /** The person's choice of date order; null = what the file suggests. */
  const [orderChoice, setOrderChoice] = useState<DateOrder | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const dateStyle = useMemo(() => detectDateStyle(picked ? dateCells(picked.csv, mapping) : []), [picked, mapping]);
  const order = orderChoice ?? dateStyle.order;
  const prepared = useMemo(() => (picked ? prepareDayList(picked.csv, mapping, order) : null), [picked, mapping, order]);
  const missing = missingFields(mapping);

  const readPicked = async (file: File) => {
    setPickError(null);
    setOutcome(null);
    setReading(true);
    try {
      const parsed = parseDayList(await readFileText(file));
      if (parsed.ok) {
        setPicked({ fileName: file.name, csv: parsed.csv });
        setMapping(guessMapping(parsed.csv.headers));
        setOrderChoice(null);
      } else {
        setPicked(null);
        setPickError({ fileName: file.name, problem: parsed.problem });
      }
    } catch (err) {
      setPicked(null);
      setPickError({ fileName: file.name, unreadable: err instanceof Error ? err.message : String(err) });
    } finally {
      setReading(false);
    }
  };

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after fixing it) must fire change again.
    event.target.value = '';
    if (file) void readPicked(file);
  };

  const drop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && !running) void readPicked(file);
  };

  const run = async () => {
    if (!picked || !prepared || running || missing.length > 0) return;
    setRunning(true);
    setOutcome(null);
    const answer = await callCommand(client, 'appointments.import', { rows: prepared.rows });
    setRunning(false);
    const { fileName } = picked;
    if (!answer.ok) {
      // The contract refused the call itself (a value it does not take): nothing was checked or saved.
      const asLines = issuesAsRowErrors(validationIssues(answer.error), prepared.rows);
      setOutcome(asLines ? { kind: 'errors', errors: mergeErrors(prepared.problems, asLines), fileName } : { kind: 'failed', error: answer.error });
    } else if (answer.result.errors.length > 0) {
      setOutcome({ kind: 'errors', errors: mergeErrors(prepared.problems, answer.result.errors), fileName });
    } else {
      // `problems` stays empty: a row with one of ours went without its date, which the backend refuses.
      setOutcome({ kind: 'done', result: answer.result, fileName, problems: mergeErrors(prepared.problems, []) });
      onImported();
    }
    // The keyboard goes to what happened (a failed call is an alert of its own).
    if (answer.ok || validationIssues(answer.error).length > 0) statusRef.current?.focus();
  };

  const fieldLabel = (field: DayListField) => t(`import.field.${field}`);
  const columnLabel = (index: number) => picked?.csv.headers[index] || t('import.columnN', { n: index + 1 });

  const pickErrorWords = (e: PickError): string => {
    if ('unreadable' in e) return t('import.file.unreadable', { file: e.fileName, message: e.unreadable });
    const p = e.problem;
    switch (p.kind) {
      case 'syntax':
        return t('import.file.syntax', { file: e.fileName, line: p.line, problem: t(`import.file.syntaxCode.${p.code}`, { defaultValue: p.message }) });
      case 'empty':
        return t('import.file.empty', { file: e.fileName });
      case 'no-rows':
        return t('import.file.noRows', { file: e.fileName });
      case 'too-many-rows':
        return t('import.file.tooManyRows', { file: e.fileName, count: p.count, max: MAX_DAY_LIST_ROWS });
    }
  };

  const orderWords = (o: DateOrder) => t(`import.dates.order.${o}`);

  const localWords = (p: LocalProblem): string => t(`import.problem.${p.code}`, { ...p.values, order: orderWords(order) });

  const errorLine = (e: RowError): string => {
    const reason = 'local' in e ? localWords(e.local) : importRuleWords(t, e, callingCode(country));
    if (e.field === 'row') return t('import.errors.lineRow', { line: e.line, reason });
    const field = WORDED_FIELDS.includes(e.field) ? t(`import.errorField.${e.field}`) : e.field;
    return t('import.errors.line', { line: e.line, field, reason });
  };

  const resultWords = (r: CommandResult<'appointments.import'>): string => {
    if (r.booked === 0) return t('import.result.allUnchanged', { count: r.unchanged });
    const booked = t('import.result.booked', { count: r.booked });
    const reminders = t('import.result.reminders', { count: r.reminders });
    return r.unchanged > 0 ? t('import.result.sentenceUnchanged', { booked, reminders, unchanged: t('import.result.unchanged', { count: r.unchanged }) }) : t('import.result.sentence', { booked, reminders });
  };

  const exampleDate = (() => {
    if (!dateStyle.example) return null;
    const read = readDate(dateStyle.example, order);
    if (!read.ok) return null;
    try {
      return new Date(`${read.value}T12:00:00Z`).toLocaleDateString(i18n.language, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
    } catch {
      return read.value;
    }
  })();

  const missingWords = () => {
    const names = missing.map((f) => t(`import.errorField.${f}`));
    try {
      return new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names);
    } catch {
      return names.join(', ');
    }
  };

  const statusText = reading
    ? t('import.reading')
    : running && prepared
      ? t('import.running', { count: prepared.rows.length })
      : outcome?.kind === 'done'
        ? resultWords(outcome.result)
        : outcome?.kind === 'errors'
          ? t('import.errors.title', { count: new Set(outcome.errors.map((e) => e.line)).size, file: outcome.fileName })
          : '';

  const shownFields = DAY_LIST_FIELDS.filter((f) => mapping[f] !== null);
  const listed = outcome?.kind === 'errors' ? outcome.errors : outcome?.kind === 'done' ? outcome.problems : [];

  return (
    <section className="reminders-section day-import" aria-labelledby={`${id}-title`} onDragOver={(e) => e.preventDefault()} onDrop={drop}>
      <h2 id={`${id}-title`}>{t('import.title')}</h2>
      <p className="field-hint">{t('import.intro', { zone: timeZone })}</p>

      <div className="day-import__picker">
        <label htmlFor={`${id}-file`} className="field-label">
          {t('import.pick')}
        </label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" disabled={running} aria-describedby={`${id}-pick-hint${pickError ? ` ${id}-pick-error` : ''}`} onChange={pick} />
        <span id={`${id}-pick-hint`} className="field-hint">
          {t('import.pickHint', { max: MAX_DAY_LIST_ROWS })}
        </span>
        {pickError && (
          <p id={`${id}-pick-error`} className="form-error" role="alert">
            {pickErrorWords(pickError)}
          </p>
        )}
      </div>

      {picked && prepared && (
        <>
          <table className="day-import__preview">
            <caption>{t('import.preview', { file: picked.fileName, shown: Math.min(PREVIEW_ROWS, picked.csv.records.length), count: picked.csv.records.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.lineHeader')}</th>
                {shownFields.map((f) => (
                  <th key={f} scope="col">
                    {fieldLabel(f)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prepared.preview.map((row) => (
                <tr key={row.line}>
                  <th scope="row">{row.line}</th>
                  {shownFields.map((f) => (
                    <td key={f}>{row.values[f] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>

          <fieldset className="day-import__mapping">
            <legend>{t('import.mapping.legend')}</legend>
            {DAY_LIST_FIELDS.map((field) => (
              <div key={field} className="field">
                <label className="field-label" htmlFor={`${id}-map-${field}`}>
                  {t(REQUIRED_FIELDS.includes(field) ? 'import.mapping.label' : 'import.mapping.labelOptional', { field: fieldLabel(field) })}
                </label>
                <select
                  id={`${id}-map-${field}`}
                  className="input"
                  value={mapping[field] === null ? '' : String(mapping[field])}
                  disabled={running}
                  aria-invalid={missing.includes(field) ? true : undefined}
                  onChange={(e) => {
                    setMapping((m) => ({ ...m, [field]: e.target.value === '' ? null : Number(e.target.value) }));
                    setOutcome(null);
                  }}
                >
                  <option value="">{t('import.mapping.notInFile')}</option>
                  {picked.csv.headers.map((_, i) => (
                    <option key={i} value={String(i)}>
                      {columnLabel(i)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          {missing.length > 0 && (
            <p className="form-error" role="alert">
              {t('import.mapping.missing', { count: missing.length, fields: missingWords() })}
            </p>
          )}

          {mapping.date !== null && (
            <div className="day-import__dates">
              {dateStyle.yearLast ? (
                <>
                  <p>{exampleDate ? t('import.dates.assumed', { order: orderWords(order), example: dateStyle.example, date: exampleDate }) : t('import.dates.assumedNoExample', { order: orderWords(order) })}</p>
                  <div className="field">
                    <label className="field-label" htmlFor={`${id}-order`}>
                      {t('import.dates.orderLabel')}
                    </label>
                    <select
                      id={`${id}-order`}
                      className="input"
                      value={order}
                      disabled={running}
                      onChange={(e) => {
                        setOrderChoice(e.target.value as DateOrder);
                        setOutcome(null);
                      }}
                    >
                      <option value="dmy">{orderWords('dmy')}</option>
                      <option value="mdy">{orderWords('mdy')}</option>
                    </select>
                  </div>
                </>
              ) : (
                <p>{t('import.dates.iso')}</p>
              )}
            </div>
          )}

          {prepared.problems.length > 0 && <p className="field-hint">{t('import.localProblems', { count: new Set(prepared.problems.map((p) => p.line)).size })}</p>}

          <div className="form-actions">
            <Button variant="primary" busy={running} disabled={missing.length > 0} onClick={() => void run()}>
              {t('import.run', { count: prepared.rows.length })}
            </Button>
          </div>
        </>
      )}

      <p ref={statusRef} className="day-import__status" role="status" tabIndex={-1}>
        {statusText}
      </p>

      {outcome?.kind === 'failed' && (
        <p className="form-error" role="alert">
          {t('import.failed', { message: errorWords(outcome.error) })}
        </p>
      )}

      {listed.length > 0 && (
        <>
          <ul className="day-import__errors" aria-label={t('import.errors.list')}>
            {listed.slice(0, MAX_ERRORS_SHOWN).map((e, i) => (
              <li key={`${e.line}-${e.field}-${i}`}>{errorLine(e)}</li>
            ))}
          </ul>
          {listed.length > MAX_ERRORS_SHOWN && <p className="field-hint">{t('import.errors.more', { count: listed.length - MAX_ERRORS_SHOWN })}</p>}
          <p className="field-hint">{t('import.errors.fix')}</p>
        </>
      )}
    </section>
  );
}
