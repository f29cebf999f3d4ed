/**
 * The Reports screen's periods, as clinic dates ("YYYY-MM-DD", both ends included): worked out
 * from "today" in the clinic's time zone, so a report made just after midnight UTC still means
 * the clinic's own days.
 */
import { clinicFields, plusDays } from '../../../src-shared/schedule/clinic-time.ts';

/** Named periods (a long one reads best per week or month: the screen's "Show per"). */
export const PERIODS = ['last7', 'last30', 'thisMonth', 'lastMonth', 'last90', 'thisYear', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface DateRange {
  from: string;
  to: string;
}

/** stats.daily accepts at most this many days. */
export const MAX_DAYS = 366;

export function clinicToday(nowMs: number, timeZone: string): string {
  return clinicFields(nowMs, timeZone).date;
}

/** The range of a named period ending today (custom: the last 7 days, a starting point). */
export function rangeOf(period: Period, today: string): DateRange {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (period) {
    case 'last30':
      return { from: plusDays(today, -29), to: today };
    case 'last90':
      return { from: plusDays(today, -89), to: today };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'thisMonth':
      return { from: firstOfMonth, to: today };
    case 'lastMonth': {
      const to = plusDays(firstOfMonth, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
    case 'last7':
    case 'custom':
      return { from: plusDays(today, -6), to: today };
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.max(0, Math.round((ms(to) - ms(from)) / 86_400_000) + 1);
}

export type RangeProblem = 'missing' | 'order' | 'tooLong';

/** Why a custom range cannot be asked for, or null when it can. */
export function rangeProblem(range: DateRange): RangeProblem | null {
  if (!DATE.test(range.from) || !DATE.test(range.to)) return 'missing';
  if (range.to < range.from) return 'order';
  if (daysBetween(range.from, range.to) > MAX_DAYS) return 'tooLong';
  return null;
}

/** Every clinic date of the range, in order. */
export function datesOf(range: DateRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to && out.length < MAX_DAYS; d = plusDays(d, 1)) out.push(d);
  return out;
}
