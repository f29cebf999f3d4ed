/**
 * Reminder plans: steps relative to an appointment, turned into send times in clinic time. A
 * step whose time has passed when the appointment is booked (or moved) is skipped, never sent
 * late; a follow-up after a missed appointment is a step that applies only if the appointment
 * is not marked attended by then (issue 11 "Appointments and reminder plans").
 */
import { addDays, fromWallTime, toWallTime } from './clinic-time.ts';
import { HH_MM } from './send-window.ts';

export type PlanStep =
  /** N days before, at HH:MM clinic time (0 = on the day). */
  | { kind: 'days-before'; days: number; at: string; template: string }
  /** N hours before the start. */
  | { kind: 'hours-before'; hours: number; template: string }
  /** N days after, at HH:MM, only if not marked attended by then. */
  | { kind: 'days-after-if-missed'; days: number; at: string; template: string };

export interface ReminderPlan {
  id: string;
  name: string;
  /** Services this plan is for; empty: the default plan for any service. */
  services: string[];
  steps: PlanStep[];
}

/** The day before at 09:00 and on the day at 07:00 (issue 11), with the built-in texts. */
export const DEFAULT_PLAN: ReminderPlan = {
  id: 'default',
  name: 'Default',
  services: [],
  steps: [
    { kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' },
    { kind: 'days-before', days: 0, at: '07:00', template: 'reminder-on-the-day' },
  ],
};

export interface PlannedSend {
  step: number;
  sendAtMs: number;
  /** Follow-ups go only if the appointment was not attended. */
  ifMissed: boolean;
}

export interface PlanTimes {
  planned: PlannedSend[];
  /** Steps whose time had already passed. */
  skipped: number[];
}

function atClockOnDay(startMs: number, dayOffset: number, hhmm: string, timeZone: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  const date = addDays(toWallTime(startMs, timeZone), dayOffset);
  return fromWallTime({ ...date, hour: Number(m[1]), minute: Number(m[2]) }, timeZone);
}

/** When one step would send for an appointment starting at `startMs` (before any "has it passed" check). */
export function stepTime(step: PlanStep, startMs: number, timeZone: string): number {
  switch (step.kind) {
    case 'days-before':
      return atClockOnDay(startMs, -step.days, step.at, timeZone);
    case 'hours-before':
      return startMs - step.hours * 3_600_000;
    case 'days-after-if-missed':
      return atClockOnDay(startMs, step.days, step.at, timeZone);
  }
}

/** When each step sends for an appointment starting at `startMs`, seen at `nowMs`. */
export function planTimes(plan: ReminderPlan, startMs: number, nowMs: number, timeZone: string): PlanTimes {
  const planned: PlannedSend[] = [];
  const skipped: number[] = [];
  plan.steps.forEach((step, index) => {
    const at = stepTime(step, startMs, timeZone);
    // "On the day at 07:00" for a 06:30 appointment would come after it: not a reminder.
    const afterStart = step.kind === 'days-before' && at >= startMs;
    if (afterStart || at <= nowMs) skipped.push(index);
    else planned.push({ step: index, sendAtMs: at, ifMissed: step.kind === 'days-after-if-missed' });
  });
  return { planned, skipped };
}

/** The plan for a service: the first that lists it, else the default (a plan listing no service). */
export function planForService(plans: readonly ReminderPlan[], service: string | null): ReminderPlan {
  const wanted = service?.trim().toLowerCase() ?? '';
  return (
    (wanted === '' ? undefined : plans.find((p) => p.services.some((s) => s.trim().toLowerCase() === wanted))) ??
    plans.find((p) => p.services.length === 0) ??
    DEFAULT_PLAN
  );
}
