/**
 * Reports: what went out and came in over a period of clinic days (stats.daily) — totals with
 * the delivery rate, a per-day bar chart, the same figures as a table, a CSV download and Print.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import { DailyBars } from './DailyBars.tsx';
import { deliveryRate, downloadReportCsv, FIGURES, fillDays, totalsOf, type DayFigures, type Figure } from './figures.ts';
import { clinicToday, MAX_DAYS, PERIODS, rangeOf, rangeProblem, type DateRange, type Period } from './period.ts';
import './reports.css';

/** The totals shown, in order ('rate' is delivered / sent). */
const TOTALS: ReadonlyArray<Figure | 'rate'> = ['sent', 'delivered', 'rate', 'failed', 'received', 'suppressed', 'optOuts', 'confirmed'];

/** A clinic date in words; the date is a calendar day, so it is formatted as UTC. */
function dayFormatter(language: string, options: Intl.DateTimeFormatOptions): (date: string) => string {
  const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
  return (date) => format.format(new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))));
}

type Load = { state: 'loading' } | { state: 'error'; words: string } | { state: 'ready'; range: DateRange; days: DayFigures[] };

export function ReportsScreen() {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const [period, setPeriod] = useState<Period>('last7');
  const [custom, setCustom] = useState<DateRange>(() => rangeOf('last7', clinicToday(Date.now(), timeZone)));
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const today = clinicToday(Date.now(), timeZone);
  const range = period === 'custom' ? custom : rangeOf(period, today);
  const problem = period === 'custom' ? rangeProblem(custom) : null;
  const { from, to } = range;

  useEffect(() => {
    if (problem) return;
    let live = true;
    setLoad({ state: 'loading' });
    void callCommand(client, 'stats.daily', { from, to }).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setLoad({ state: 'ready', range: { from, to }, days: fillDays({ from, to }, outcome.result.days) });
      else setLoad({ state: 'error', words: errorWords(outcome.error) });
    });
    return () => {
      live = false;
    };
  }, [client, from, to, problem, attempt]);

  const number = useMemo(() => new Intl.NumberFormat(language), [language]);
  const percent = useMemo(() => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }), [language]);
  const longDay = useMemo(() => dayFormatter(language, { day: 'numeric', month: 'short', year: 'numeric' }), [language]);
  const shortDay = useMemo(() => dayFormatter(language, { day: 'numeric', month: 'short' }), [language]);
  const tableDay = useMemo(() => dayFormatter(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }), [language]);

  const choose = (next: Period) => {
    if (next === 'custom' && period !== 'custom') setCustom(range);
    setPeriod(next);
  };

  const ready = load.state === 'ready' && !problem ? load : null;
  const days = ready?.days ?? [];
  const totals = totalsOf(days);
  const rate = deliveryRate(totals);
  const shown = ready?.range ?? range;
  const rangeWords = t('range', { from: longDay(shown.from), to: longDay(shown.to) });
  const chartLabel = t('chart.summary', {
    range: rangeWords,
    sent: number.format(totals.sent),
    delivered: number.format(totals.delivered),
    failed: number.format(totals.failed),
    received: number.format(totals.received),
  });

  return (
    <section className="screen reports" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('title')}</h1>

      <div className="reports-controls">
        <label className="reports-period">
          {t('period.label')}
          <select value={period} onChange={(e) => choose(e.target.value as Period)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {period === 'custom' && (
          <>
            <label>
              {t('period.from')}
              <input type="date" value={custom.from} max={today} aria-invalid={problem ? true : undefined} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              {t('period.to')}
              <input type="date" value={custom.to} max={today} aria-invalid={problem ? true : undefined} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <Button onClick={() => ready && downloadReportCsv(ready.days, ready.range)} disabled={!ready}>
          {t('downloadCsv')}
        </Button>
        <Button onClick={() => window.print()} disabled={!ready}>
          {t('print')}
        </Button>
      </div>

      {problem && (
        <div className="form-error" role="alert">
          {t(`problem.${problem}`, { max: MAX_DAYS })}
        </div>
      )}
      {!problem && load.state === 'error' && (
        <div className="form-error" role="alert">
          <p>{t('loadFailed', { reason: load.words })}</p>
          <Button onClick={() => setAttempt((n) => n + 1)}>{t('common:action.retry')}</Button>
        </div>
      )}
      {!problem && load.state === 'loading' && (
        <p className="reports-loading" role="status">
          {t('loading')}
        </p>
      )}

      {ready && (
        <div className="reports-body">
          <h2 className="reports-range">{rangeWords}</h2>
          <dl className="reports-totals" aria-label={t('totals')}>
            {TOTALS.map((f) => (
              <div key={f} className={`reports-total reports-total--${f}`}>
                <dt>{f === 'rate' ? t('deliveryRate') : t(`figure.${f}`)}</dt>
                <dd>{f === 'rate' ? (rate === null ? t('noRate') : percent.format(rate)) : number.format(totals[f])}</dd>
              </div>
            ))}
          </dl>
          {nothingHappened(totals) && <p className="reports-empty">{t('empty')}</p>}

          <h2>{t('chart.title')}</h2>
          <DailyBars days={days} label={chartLabel} dayWords={shortDay} />

          <table className="reports-table visually-hidden">
            <caption>{t('table.caption', { range: rangeWords })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.date')}</th>
                {FIGURES.map((f) => (
                  <th key={f} scope="col">
                    {t(`figure.${f}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">
                    <time dateTime={d.date}>{tableDay(d.date)}</time>
                  </th>
                  {FIGURES.map((f) => (
                    <td key={f}>{number.format(d[f])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Nothing at all happened in the period. */
function nothingHappened(totals: Record<Figure, number>): boolean {
  return FIGURES.every((f) => totals[f] === 0);
}
