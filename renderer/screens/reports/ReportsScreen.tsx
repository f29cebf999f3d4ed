/**
 * Reports: what went out and came in over a period of clinic days (stats.daily, stats.summary) —
 * totals with the delivery rate, a chart per day, week or month with the same figures as a table,
 * failures by reason, each modem's figures, what became of the period's appointments, two CSV
 * downloads and Print. Printed (reports.css @media print) it is the monthly summary a clinic
 * sends its district: the clinic's name, the period, the totals and every section, no controls.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsSummary } from '../../../src-shared/contract/stats.ts';
import { useClient } from '../../app/client-context.tsx';
import { callCommand } from '../../app/call.ts';
import { errorWords } from '../../app/errors.ts';
import { failureWords } from '../../i18n/codes.ts';
import { useSettings } from '../../state/settings.ts';
import { Button } from '../../ui/Button.tsx';
import { useClinicTimeZone } from '../compose/SendLater.tsx';
import type { ChartInput, ChartSeries } from './draw-chart.ts';
import {
  deliveryRate,
  downloadReportCsv,
  downloadSummaryCsv,
  FIGURES,
  fillDays,
  FUNNEL,
  groupDays,
  GROUPINGS,
  totalsOf,
  type DayFigures,
  type Figure,
  type FigureRow,
  type Grouping,
} from './figures.ts';
import { clinicToday, MAX_DAYS, PERIODS, rangeOf, rangeProblem, type DateRange, type Period } from './period.ts';
import { UsageChart } from './UsageChart.tsx';
import './reports.css';

/** The totals shown, in order ('rate' is delivered / sent). */
const TOTALS: ReadonlyArray<Figure | 'rate'> = ['sent', 'delivered', 'rate', 'failed', 'received', 'suppressed', 'optOuts', 'confirmed'];
const GATEWAY_FIGURES = ['sent', 'delivered', 'failed', 'received'] as const;
const TABLE_ID = 'reports-figures';

const perSeries = <T,>(of: (s: ChartSeries) => T): Record<ChartSeries, T> => ({ sent: of('sent'), delivered: of('delivered'), failed: of('failed'), received: of('received') });

/** A clinic date in words; the date is a calendar day, so it is formatted as UTC. */
function dayFormatter(language: string, options: Intl.DateTimeFormatOptions): (date: string) => string {
  const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
  return (date) => format.format(new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))));
}

type Load = { state: 'loading' } | { state: 'error'; words: string } | { state: 'ready'; range: DateRange; days: DayFigures[]; summary: StatsSummary };

export function ReportsScreen() {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language;
  const client = useClient();
  const timeZone = useClinicTimeZone();
  const clinicName = useSettings((s) => s.settings?.clinicName ?? '');
  const [period, setPeriod] = useState<Period>('last7');
  const [grouping, setGrouping] = useState<Grouping>('day');
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
    void Promise.all([callCommand(client, 'stats.daily', { from, to }), callCommand(client, 'stats.summary', { from, to })]).then(([daily, summary]) => {
      if (!live) return;
      if (!daily.ok) setLoad({ state: 'error', words: errorWords(daily.error) });
      else if (!summary.ok) setLoad({ state: 'error', words: errorWords(summary.error) });
      else setLoad({ state: 'ready', range: { from, to }, days: fillDays({ from, to }, daily.result.days), summary: summary.result });
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
  const monthWords = useMemo(() => dayFormatter(language, { month: 'long', year: 'numeric' }), [language]);
  const shortMonth = useMemo(() => dayFormatter(language, { month: 'short', year: 'numeric' }), [language]);

  const choose = (next: Period) => {
    if (next === 'custom' && period !== 'custom') setCustom(range);
    setPeriod(next);
  };

  const ready = load.state === 'ready' && !problem ? load : null;
  const days = useMemo(() => ready?.days ?? [], [ready]);
  const rows = useMemo(() => groupDays(days, grouping), [days, grouping]);
  const totals = totalsOf(days);
  const rate = deliveryRate(totals);
  const rateWords = (r: number | null) => (r === null ? t('noRate') : percent.format(r));
  const shown = ready?.range ?? range;
  const rangeWords = t('range', { from: longDay(shown.from), to: longDay(shown.to) });

  /** A row's period in the table: the day, the week's first and last day, or the month. */
  const rowWords = (row: FigureRow): string => {
    if (grouping === 'day') return tableDay(row.from);
    if (grouping === 'month') return monthWords(row.from);
    return t('range', { from: shortDay(row.from), to: shortDay(row.to) });
  };
  const chartInput = useMemo<ChartInput>(
    () => ({
      labels: rows.map((r) => (grouping === 'month' ? shortMonth(r.from) : shortDay(r.from))),
      values: perSeries((s) => rows.map((r) => r[s])),
      names: perSeries((s) => t(`figure.${s}`)),
      rowName: t(`table.period_${grouping}`),
    }),
    [rows, grouping, shortDay, shortMonth, t],
  );
  const chartLabel = t(`chart.summary_${grouping}`, {
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
        <label>
          {t('grouping.label')}
          <select value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`grouping.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <Button onClick={() => ready && downloadReportCsv(rows, ready.range, grouping)} disabled={!ready}>
          {t('downloadCsv')}
        </Button>
        <Button onClick={() => ready && downloadSummaryCsv(ready.days, ready.summary, ready.range)} disabled={!ready}>
          {t('downloadSummaryCsv')}
        </Button>
        <Button onClick={() => window.print()} disabled={!ready}>
          {t('print.button')}
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
          {/* On paper only: who this report is from (the screen's title says it on screen). */}
          <p className="reports-print-heading">{clinicName.trim() === '' ? t('print.untitled') : t('print.heading', { clinic: clinicName })}</p>
          <h2 className="reports-range">{rangeWords}</h2>
          <dl className="reports-totals" aria-label={t('totals')}>
            {TOTALS.map((f) => (
              <div key={f} className={`reports-total reports-total--${f}`}>
                <dt>{f === 'rate' ? t('deliveryRate') : t(`figure.${f}`)}</dt>
                <dd>{f === 'rate' ? rateWords(rate) : number.format(totals[f])}</dd>
              </div>
            ))}
          </dl>
          {nothingHappened(totals) && <p className="reports-empty">{t('empty')}</p>}

          <section className="reports-section reports-section--chart" aria-labelledby="reports-chart-title">
            <h2 id="reports-chart-title">{t(`chart.title_${grouping}`)}</h2>
            <UsageChart input={chartInput} label={chartLabel} tableId={TABLE_ID} />
            <table id={TABLE_ID} className="reports-table">
              <caption>{t(`table.caption_${grouping}`, { range: rangeWords })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`table.period_${grouping}`)}</th>
                  {FIGURES.map((f) => (
                    <th key={f} scope="col">
                      {t(`figure.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.from}>
                    <th scope="row">
                      <time dateTime={r.from}>{rowWords(r)}</time>
                    </th>
                    {FIGURES.map((f) => (
                      <td key={f}>{number.format(r[f])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="reports-section" aria-labelledby="reports-failures-title">
            <h2 id="reports-failures-title">{t('failures.title')}</h2>
            {ready.summary.failedByReason.length === 0 ? (
              <p>{t('failures.none')}</p>
            ) : (
              <table className="reports-table reports-table--failures">
                <caption className="visually-hidden">{t('failures.caption', { range: rangeWords })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('failures.reason')}</th>
                    <th scope="col">{t('failures.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.summary.failedByReason.map((r) => (
                    <tr key={r.code ?? ''}>
                      <th scope="row">
                        {failureWords(t, r.code)}
                        {r.code !== null && <span className="reports-code"> ({r.code})</span>}
                      </th>
                      <td>{number.format(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="reports-section" aria-labelledby="reports-gateways-title">
            <h2 id="reports-gateways-title">{t('gateways.title')}</h2>
            {ready.summary.gateways.length === 0 ? (
              <p>{t('gateways.none')}</p>
            ) : (
              <table className="reports-table reports-table--gateways">
                <caption className="visually-hidden">{t('gateways.caption', { range: rangeWords })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('gateways.gateway')}</th>
                    {GATEWAY_FIGURES.map((f) => (
                      <th key={f} scope="col">
                        {t(`figure.${f}`)}
                      </th>
                    ))}
                    <th scope="col">{t('deliveryRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.summary.gateways.map((g) => (
                    <tr key={g.gateway ?? ''}>
                      <th scope="row">{g.gateway === null ? t('gateways.noGateway') : (g.name ?? g.gateway)}</th>
                      {GATEWAY_FIGURES.map((f) => (
                        <td key={f}>{number.format(g[f])}</td>
                      ))}
                      <td>{g.gateway === null ? '' : rateWords(deliveryRate(g))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="reports-section" aria-labelledby="reports-funnel-title">
            <h2 id="reports-funnel-title">{t('funnel.title')}</h2>
            {ready.summary.funnel.appointments === 0 ? (
              <p>{t('funnel.none')}</p>
            ) : (
              <table className="reports-table reports-table--funnel">
                <caption className="visually-hidden">{t('funnel.caption', { range: rangeWords })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('funnel.step')}</th>
                    <th scope="col">{t('funnel.count')}</th>
                    <th scope="col">{t('funnel.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {FUNNEL.map((f) => (
                    <tr key={f}>
                      <th scope="row">{t(`funnel.${f}`)}</th>
                      <td>{number.format(ready.summary.funnel[f])}</td>
                      <td>{f === 'appointments' ? '' : percent.format(ready.summary.funnel[f] / ready.summary.funnel.appointments)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="reports-note">{t('funnel.note')}</p>
          </section>
        </div>
      )}
    </section>
  );
}

/** Nothing at all happened in the period. */
function nothingHappened(totals: Record<Figure, number>): boolean {
  return FIGURES.every((f) => totals[f] === 0);
}
