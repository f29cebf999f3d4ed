/**
 * The figures of a report: the days filled out to one row per day, grouped per week or month,
 * totalled, and as CSV (the rows shown, and a second file with stats.summary's sections).
 */
import Papa from 'papaparse';
import type { CommandResult } from '../../../src-shared/contract/commands.ts';
import type { StatsSummary } from '../../../src-shared/contract/stats.ts';
import { downloadText } from '../../ui/download.ts';
import { datesOf, type DateRange } from './period.ts';

export type DayFigures = CommandResult<'stats.daily'>['days'][number];
export type Figure = Exclude<keyof DayFigures, 'date'>;

/** The CSV's columns after `date`, in order. */
export const FIGURES: readonly Figure[] = ['sent', 'delivered', 'failed', 'received', 'suppressed', 'optOuts', 'confirmed'];

/** Every figure stats.daily gives (the screen shows FIGURES; the reminders' way is in the summary's funnel). */
const ALL_FIGURES: readonly Figure[] = [...FIGURES, 'remindersSent', 'attended'];

/** The appointments' funnel, in order (stats.summary). */
export const FUNNEL = ['appointments', 'reminded', 'confirmed', 'attended', 'missed'] as const satisfies ReadonlyArray<keyof StatsSummary['funnel']>;

export const GROUPINGS = ['day', 'week', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** Days added up per day, week (Monday to Sunday, as ISO 8601 and East Africa count them) or month, cut to the range. */
export interface FigureRow extends Record<Figure, number> {
  /** The first and last day of the range in this row. */
  from: string;
  to: string;
}

/** The Monday of a date's week, or the first of its month. */
function groupStart(date: string, grouping: Grouping): string {
  if (grouping === 'day') return date;
  if (grouping === 'month') return `${date.slice(0, 8)}01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = (weekday + 6) % 7;
  return new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
}

export function groupDays(days: readonly DayFigures[], grouping: Grouping): FigureRow[] {
  const rows: FigureRow[] = [];
  let key: string | null = null;
  for (const d of days) {
    const start = groupStart(d.date, grouping);
    if (start !== key || rows.length === 0) {
      key = start;
      rows.push({ from: d.date, to: d.date, ...(Object.fromEntries(ALL_FIGURES.map((f) => [f, 0])) as Record<Figure, number>) });
    }
    const row = rows[rows.length - 1]!;
    row.to = d.date;
    for (const f of ALL_FIGURES) row[f] += d[f];
  }
  return rows;
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/** One row per date of the range: a day the backend left out counts zero. */
export function fillDays(range: DateRange, days: readonly DayFigures[]): DayFigures[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return datesOf(range).map((date) => {
    const d = byDate.get(date);
    return { date, ...(Object.fromEntries(ALL_FIGURES.map((f) => [f, count(d?.[f])])) as Record<Figure, number>) };
  });
}

export function totalsOf(days: ReadonlyArray<Record<Figure, number>>): Record<Figure, number> {
  const totals = Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<Figure, number>;
  for (const d of days) for (const f of FIGURES) totals[f] += d[f];
  return totals;
}

/** delivered / sent, or null when nothing was sent. */
export function deliveryRate(totals: Pick<Record<Figure, number>, 'sent' | 'delivered'>): number | null {
  return totals.sent > 0 ? totals.delivered / totals.sent : null;
}

/**
 * The CSV of the rows shown (machine columns, so spreadsheets and scripts read it in any UI
 * language): per day one `date` column, as before; per week or month `from` and `to`.
 */
export function reportCsv(rows: readonly FigureRow[], grouping: Grouping = 'day'): string {
  const lines = [[...(grouping === 'day' ? ['date'] : ['from', 'to']), ...FIGURES].join(',')];
  for (const r of rows) lines.push([...(grouping === 'day' ? [r.from] : [r.from, r.to]), ...FIGURES.map((f) => String(r[f]))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function reportFileName(range: DateRange, grouping: Grouping = 'day', what: 'figures' | 'summary' = 'figures'): string {
  const per = what === 'summary' ? '-summary' : grouping === 'day' ? '' : `-per-${grouping}`;
  return `ujumbe-report${per}-${range.from}-to-${range.to}.csv`;
}

export function downloadReportCsv(rows: readonly FigureRow[], range: DateRange, grouping: Grouping): void {
  downloadText(['\ufeff', reportCsv(rows, grouping)], reportFileName(range, grouping), 'text/csv;charset=utf-8');
}

/**
 * The period's summary as one long table (`section,key,name,figure,value`), so a script or a
 * pivot table reads every section the same way: the totals and the delivery rate, failures by
 * code, each gateway's figures, the appointments' funnel. A gateway's name is the only text a
 * nurse typed: it is quoted, and a formula start (= + - @) neutralised (papaparse escapeFormulae).
 */
export function summaryCsv(days: readonly DayFigures[], summary: StatsSummary): string {
  const totals = totalsOf(days);
  const rate = deliveryRate(totals);
  const data: Array<[string, string, string, string, string]> = [
    ...FIGURES.map((f): [string, string, string, string, string] => ['totals', '', '', f, String(totals[f])]),
    ['totals', '', '', 'deliveryRate', rate === null ? '' : rate.toFixed(4)],
    ...summary.failedByReason.map((r): [string, string, string, string, string] => ['failedByReason', r.code ?? '', '', 'failed', String(r.count)]),
    ...summary.gateways.flatMap((g) => (['sent', 'delivered', 'failed', 'received'] as const).map((f): [string, string, string, string, string] => ['gateway', g.gateway ?? '', g.name ?? '', f, String(g[f])])),
    ...FUNNEL.map((f): [string, string, string, string, string] => ['funnel', '', '', f, String(summary.funnel[f])]),
  ];
  return `${Papa.unparse({ fields: ['section', 'key', 'name', 'figure', 'value'], data }, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}

export function downloadSummaryCsv(days: readonly DayFigures[], summary: StatsSummary, range: DateRange): void {
  downloadText(['\ufeff', summaryCsv(days, summary)], reportFileName(range, 'day', 'summary'), 'text/csv;charset=utf-8');
}
