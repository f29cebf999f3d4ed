/** The per-day figures of a report: filled out to one row per day, totalled, and as CSV. */
import type { CommandResult } from '../../../src-shared/contract/commands.ts';
import { downloadText } from '../../ui/download.ts';
import { datesOf, type DateRange } from './period.ts';

export type DayFigures = CommandResult<'stats.daily'>['days'][number];
export type Figure = Exclude<keyof DayFigures, 'date'>;

/** The CSV's columns after `date`, in order. */
export const FIGURES: readonly Figure[] = ['sent', 'delivered', 'failed', 'received', 'suppressed', 'optOuts', 'confirmed'];

/** Every figure stats.daily gives (the screen shows FIGURES; the reminders' way is not shown yet). */
const ALL_FIGURES: readonly Figure[] = [...FIGURES, 'remindersSent', 'attended'];

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/** One row per date of the range: a day the backend left out counts zero. */
export function fillDays(range: DateRange, days: readonly DayFigures[]): DayFigures[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return datesOf(range).map((date) => {
    const d = byDate.get(date);
    return { date, ...(Object.fromEntries(ALL_FIGURES.map((f) => [f, count(d?.[f])])) as Record<Figure, number>) };
  });
}

export function totalsOf(days: readonly DayFigures[]): Record<Figure, number> {
  const totals = Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<Figure, number>;
  for (const d of days) for (const f of FIGURES) totals[f] += d[f];
  return totals;
}

/** delivered / sent, or null when nothing was sent. */
export function deliveryRate(totals: Pick<Record<Figure, number>, 'sent' | 'delivered'>): number | null {
  return totals.sent > 0 ? totals.delivered / totals.sent : null;
}

/** The CSV (machine columns, so spreadsheets and scripts read it in any UI language). */
export function reportCsv(days: readonly DayFigures[]): string {
  const lines = [['date', ...FIGURES].join(',')];
  for (const d of days) lines.push([d.date, ...FIGURES.map((f) => String(d[f]))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function reportFileName(range: DateRange): string {
  return `ujumbe-report-${range.from}-to-${range.to}.csv`;
}

export function downloadReportCsv(days: readonly DayFigures[], range: DateRange): void {
  downloadText(['\ufeff', reportCsv(days)], reportFileName(range), 'text/csv;charset=utf-8');
}
