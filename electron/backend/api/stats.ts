/**
 * stats.daily: the figures a clinic reports, per clinic day (issue 12 "Reports"): messages sent,
 * delivered, failed, received and suppressed (each a status change that day: a message retried
 * and failed twice counts twice in failed), numbers that opted out, appointments confirmed.
 * Days are clinic dates in its time zone, both ends included, at most 366.
 * stats.summary: the same period's failures by code, traffic per gateway (named as the gateway
 * panel names it) and the funnel of the appointments due in it (src-shared/contract/stats.ts).
 */
import { ValidationError } from '../../../src-shared/errors.ts';
import { clinicDayStart, clinicFields, zoneOffsetMs } from '../../../src-shared/schedule/clinic-time.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { GatewayFigures } from '../../../src-shared/contract/stats.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { findGatewayView } from './gateway-view.ts';

export interface DayFigures {
  date: string;
  sent: number;
  delivered: number;
  failed: number;
  received: number;
  suppressed: number;
  optOuts: number;
  confirmed: number;
  /** The reminders' way: sent, then confirmed, then attended. */
  remindersSent: number;
  attended: number;
}

const MAX_DAYS = 366;

/** The clinic dates of [from, to] and the instants they span, or a ValidationError. */
function clinicRange(from: string, to: string, timeZone: string): { dates: string[]; start: string; end: string } {
  if (to < from) throw new ValidationError([{ where: 'to', rule: 'range.backwards', message: 'The last day comes before the first.' }]);
  const dates: string[] = [];
  for (let i = 0; ; i++) {
    const date = clinicFields(Date.parse(clinicDayStart(from, timeZone, i)), timeZone).date;
    if (date > to) break;
    if (i >= MAX_DAYS) throw new ValidationError([{ where: 'to', rule: 'range.too-long', message: `Ask for at most ${MAX_DAYS} days at a time.` }]);
    dates.push(date);
  }
  return { dates, start: clinicDayStart(from, timeZone), end: clinicDayStart(to, timeZone, 1) };
}

export function statsHandlers({ backend }: HandlerContext): AreaHandlers<'stats'> {
  const { store } = backend;
  return {
    'stats.daily'({ from, to }) {
      const timeZone = clinicTimeZone(store.settings.get('timeZone'));
      const { dates, start, end } = clinicRange(from, to, timeZone);
      const days: DayFigures[] = [];
      const index = new Map<string, DayFigures>();
      for (const date of dates) {
        const day = { date, sent: 0, delivered: 0, failed: 0, received: 0, suppressed: 0, optOuts: 0, confirmed: 0, remindersSent: 0, attended: 0 };
        days.push(day);
        index.set(date, day);
      }
      // Counted per UTC hour by the store, or per quarter where the zone's offset is not whole hours.
      const bucket = [start, end].every((iso) => zoneOffsetMs(Date.parse(iso), timeZone) % 3_600_000 === 0) ? 'hour' : 'quarter';
      const rows = [
        ...store.stats.statusChanges(start, end, bucket),
        ...store.stats.optOuts(start, end, bucket),
        ...store.stats.appointmentOutcomes(start, end, bucket),
        ...store.stats.remindersSent(start, end, bucket),
      ];
      for (const row of rows) {
        const day = index.get(clinicFields(Date.parse(row.quarter), timeZone).date);
        if (day) day[row.kind] += row.n;
      }
      return { days };
    },

    'stats.summary'({ from, to }) {
      const timeZone = clinicTimeZone(store.settings.get('timeZone'));
      const { start, end } = clinicRange(from, to, timeZone);
      const failedByReason = store.stats.failuresByCode(start, end).map((row) => ({ code: row.code, count: row.n }));
      const byGateway = new Map<string | null, GatewayFigures>();
      for (const row of store.stats.perGateway(start, end)) {
        let figures = byGateway.get(row.gateway);
        if (!figures) {
          figures = { gateway: row.gateway, name: row.gateway === null ? null : (findGatewayView(backend, row.gateway)?.label ?? null), sent: 0, delivered: 0, failed: 0, received: 0 };
          byGateway.set(row.gateway, figures);
        }
        figures[row.kind] += row.n;
      }
      // Busiest first; the changes no gateway made last.
      const gateways = [...byGateway.values()].sort((a, b) => Number(a.gateway === null) - Number(b.gateway === null) || traffic(b) - traffic(a) || String(a.gateway).localeCompare(String(b.gateway)));
      return { failedByReason, gateways, funnel: store.stats.appointmentFunnel(start, end) };
    },
  };
}

const traffic = (g: GatewayFigures) => g.sent + g.received + g.failed;
