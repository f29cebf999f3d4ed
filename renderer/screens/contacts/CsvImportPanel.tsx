/**
 * Import contacts from a CSV file, in four steps that each stay on screen until the next:
 * pick a file (parsed in the browser with papaparse), check a preview and which column is which
 * (guessed from the header, in English or Swahili), import in chunks with a progress bar, then a
 * summary with every row that had a problem and why.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult, ImportRowError } from '../../../src-shared/contract/dto.ts';
import { useClient } from '../../app/hooks.ts';
import { Button, ProgressBar } from '../../ui/index.ts';
import { errorMessage } from '../settings/field-errors.ts';
import {
  IMPORT_FIELDS,
  MAX_IMPORT_ROWS,
  PREVIEW_ROWS,
  chunkRows,
  guessMapping,
  mappingProblem,
  mergeChunkResult,
  parseContactsCsv,
  prepareImport,
  readFileText,
} from './csv-import.ts';
import type { ColumnMapping, CsvProblem, ImportField, LocalRowProblem, ParsedCsv } from './csv-import.ts';

/** Problem rows shown in the table; a file of 50,000 bad rows must not build 50,000 table rows. */
const MAX_ERROR_ROWS_SHOWN = 500;

type Step =
  | { kind: 'map' }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; result: ImportResult; stoppedBy: string | null; cancelled: boolean; notSent: number };

export interface PickedCsv {
  fileName: string;
  csv: ParsedCsv;
}

/**
 * "Import contacts from CSV": a file input that reads and parses the file in the browser. A
 * broken file is explained right here; a good one goes on to the mapping step (onPicked).
 */
export function CsvFilePicker({ onPicked }: { onPicked: (file: PickedCsv) => void }) {
  const { t } = useTranslation('contacts');
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const problemWords = (problem: CsvProblem): string => {
    switch (problem.kind) {
      case 'syntax':
        return problem.row === null ? t('import.errors.syntax', { message: problem.message }) : t('import.errors.syntaxAt', { row: problem.row, message: problem.message });
      case 'no-header':
        return t('import.errors.empty');
      case 'no-rows':
        return t('import.errors.noRows');
      case 'too-many-rows':
        return t('import.errors.tooManyRows', { count: problem.count, max: MAX_IMPORT_ROWS });
    }
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    setReading(true);
    try {
      const outcome = parseContactsCsv(await readFileText(file));
      if (outcome.ok) onPicked({ fileName: file.name, csv: outcome.csv });
      else setError(t('import.errors.inFile', { file: file.name, problem: problemWords(outcome.problem) }));
    } catch (err) {
      setError(t('import.errors.unreadable', { file: file.name, message: errorMessage(err, '') }));
    } finally {
      setReading(false);
      // Picking the same file again (after fixing it) must fire change again.
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="csv-picker">
      <label htmlFor={`${id}-file`} className="button-like">
        {t('import.pick')}
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => void pick(e)}
      />
      <span id={`${id}-hint`} className="field-hint">
        {t('import.pickHint', { max: MAX_IMPORT_ROWS })}
      </span>
      {reading ? <span role="status">{t('import.reading')}</span> : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface CsvImportPanelProps {
  file: PickedCsv;
  /** Rows were saved (some or all): the list and groups should be asked again. */
  onImported: () => void;
  onClose: () => void;
}

export function CsvImportPanel({ file, onImported, onClose }: CsvImportPanelProps) {
  const { t } = useTranslation('contacts');
  const client = useClient();
  const id = useId();
  const { fileName, csv } = file;
  const [step, setStep] = useState<Step>({ kind: 'map' });
  const [mapping, setMapping] = useState<ColumnMapping>(() => guessMapping(csv.headers));
  const cancelRef = useRef(false);

  const localProblemWords = (p: LocalRowProblem): string => t(`import.rowProblems.${p.code}`, p.values);
  const fieldWords = (field: string): string => (IMPORT_FIELDS.includes(field as ImportField) ? t(`import.fields.${field}`) : field === 'row' ? t('import.wholeRow') : field);

  const prepared = useMemo(() => prepareImport(csv, mapping), [csv, mapping]);
  const problemWithMapping = mappingProblem(mapping);

  const runImport = async () => {
    if (step.kind !== 'map' || problemWithMapping) return;
    const local: ImportRowError[] = prepared.problems.map((p) => ({ row: p.row, field: p.field, message: localProblemWords(p) }));
    let result: ImportResult = { created: 0, duplicates: 0, errors: [] };
    const chunks = chunkRows(prepared.rows);
    const total = prepared.rows.length;
    let done = 0;
    let stoppedBy: string | null = null;
    cancelRef.current = false;
    setStep({ kind: 'importing', done, total });
    for (const chunk of chunks) {
      if (cancelRef.current) break;
      try {
        const answer = await client.call('contacts.import', { rows: chunk.map((r) => r.data) });
        result = mergeChunkResult(result, answer, chunk.map((r) => r.row));
      } catch (err) {
        stoppedBy = errorMessage(err, t('import.errors.callFailed'));
        break;
      }
      done += chunk.length;
      setStep({ kind: 'importing', done, total });
    }
    const errors = [...local, ...result.errors].sort((a, b) => a.row - b.row);
    setStep({ kind: 'done', result: { ...result, errors }, stoppedBy, cancelled: cancelRef.current && stoppedBy === null, notSent: total - done });
    if (result.created > 0) onImported();
  };

  const columnLabel = (index: number) => csv.headers[index] || t('import.columnN', { n: index + 1 });

  return (
    <section className="csv-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('import.title', { file: fileName })}</h2>

      {step.kind === 'map' ? (
        <>
          <table className="csv-preview">
            <caption>{t('import.previewCaption', { file: fileName, shown: Math.min(PREVIEW_ROWS, csv.records.length), total: csv.records.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.rowHeader')}</th>
                {csv.headers.map((_, i) => (
                  <th key={i} scope="col">
                    {columnLabel(i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {csv.records.slice(0, PREVIEW_ROWS).map((record) => (
                <tr key={record.row}>
                  <th scope="row">{record.row}</th>
                  {csv.headers.map((_, i) => (
                    <td key={i}>{record.cells[i] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>

          <fieldset className="column-mapping">
            <legend>{t('import.mappingLegend')}</legend>
            {IMPORT_FIELDS.map((field) => (
              <div key={field} className="field">
                <label htmlFor={`${id}-map-${field}`}>{t(`import.mapLabel.${field}`)}</label>
                <select
                  className="input"
                  id={`${id}-map-${field}`}
                  value={mapping[field] === null ? '' : String(mapping[field])}
                  onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value === '' ? null : Number(e.target.value) }))}
                >
                  <option value="">{t('import.notInFile')}</option>
                  {csv.headers.map((_, i) => (
                    <option key={i} value={String(i)}>
                      {columnLabel(i)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>

          {problemWithMapping ? (
            <p role="alert" className="form-error">
              {t(`import.mappingProblem.${problemWithMapping}`)}
            </p>
          ) : null}
          {prepared.problems.length > 0 ? <p className="field-hint">{t('import.localProblems', { count: prepared.problems.length })}</p> : null}

          <div className="button-row">
            <Button variant="primary" disabled={problemWithMapping !== null || prepared.rows.length === 0} onClick={() => void runImport()}>
              {t('import.run', { count: prepared.rows.length })}
            </Button>
            <Button onClick={onClose}>{t('import.cancel')}</Button>
          </div>
        </>
      ) : null}

      {step.kind === 'importing' ? (
        <>
          <ProgressBar value={step.done} max={step.total} label={t('import.progress', { done: step.done, total: step.total })} />
          <Button
            onClick={() => {
              cancelRef.current = true;
            }}
          >
            {t('import.stop')}
          </Button>
        </>
      ) : null}

      {step.kind === 'done' ? (
        <>
          <p role="status" className="import-summary">
            {[
              t('import.summary.imported', { count: step.result.created }),
              t('import.summary.duplicates', { count: step.result.duplicates }),
              t('import.summary.problems', { count: new Set(step.result.errors.map((e) => e.row)).size }),
            ].join(' · ')}
          </p>
          {step.stoppedBy ? (
            <p role="alert" className="form-error">
              {t('import.errors.stopped', { message: step.stoppedBy, count: step.notSent })}
            </p>
          ) : null}
          {step.cancelled ? <p role="status">{t('import.cancelled', { count: step.notSent })}</p> : null}
          {step.result.errors.length > 0 ? (
            <table className="import-errors">
              <caption>{t('import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.rowHeader')}</th>
                  <th scope="col">{t('import.fieldHeader')}</th>
                  <th scope="col">{t('import.problemHeader')}</th>
                </tr>
              </thead>
              <tbody>
                {step.result.errors.slice(0, MAX_ERROR_ROWS_SHOWN).map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <th scope="row">{e.row}</th>
                    <td>{fieldWords(e.field)}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {step.result.errors.length > MAX_ERROR_ROWS_SHOWN ? <p className="field-hint">{t('import.moreErrors', { count: step.result.errors.length - MAX_ERROR_ROWS_SHOWN })}</p> : null}
          <div className="button-row">
            <Button variant="primary" onClick={onClose}>
              {t('import.done')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
