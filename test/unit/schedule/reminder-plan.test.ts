// Reminder plans to send times: past steps skipped, never late; clinic time across DST.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, planForService, planTimes, type ReminderPlan } from '../../../src-shared/schedule/reminder-plan.ts';

const NBO = 'Africa/Nairobi';
const iso = (ms: number) => new Date(ms).toISOString();
// Friday 4 December 2026, 10:00 Nairobi.
const START = Date.parse('2026-12-04T07:00:00Z');

describe('reminder plans', () => {
  it('the default plan: the day before at 09:00 and on the day at 07:00', () => {
    const t = planTimes(DEFAULT_PLAN, START, Date.parse('2026-12-02T12:00:00Z'), NBO);
    expect(t.planned.map((p) => iso(p.sendAtMs))).toEqual(['2026-12-03T06:00:00.000Z', '2026-12-04T04:00:00.000Z']);
    expect(t.skipped).toEqual([]);
  });

  it('skips a step whose time has passed, never sending it late', () => {
    // Booked on the day before at 15:00: only the on-the-day step is ahead.
    const t = planTimes(DEFAULT_PLAN, START, Date.parse('2026-12-03T12:00:00Z'), NBO);
    expect(t.planned.map((p) => p.step)).toEqual([1]);
    expect(t.skipped).toEqual([0]);
  });

  it('skips an on-the-day step that would come after an early appointment', () => {
    const early = Date.parse('2026-12-04T03:30:00Z'); // 06:30 Nairobi
    expect(planTimes(DEFAULT_PLAN, early, Date.parse('2026-12-01T00:00:00Z'), NBO).skipped).toEqual([1]);
  });

  it('hours-before and a missed-appointment follow-up', () => {
    const plan: ReminderPlan = {
      id: 'p', name: 'HIV care', services: ['CCC'],
      steps: [{ kind: 'hours-before', hours: 2, template: 't1' }, { kind: 'days-after-if-missed', days: 1, at: '10:00', template: 't2' }],
    };
    const t = planTimes(plan, START, Date.parse('2026-12-01T00:00:00Z'), NBO);
    expect(t.planned).toEqual([
      { step: 0, sendAtMs: Date.parse('2026-12-04T05:00:00Z'), ifMissed: false },
      { step: 1, sendAtMs: Date.parse('2026-12-05T07:00:00Z'), ifMissed: true },
    ]);
  });

  it('keeps clinic time across a change of clocks (Paris, 29 March 2026)', () => {
    const start = Date.parse('2026-03-30T08:00:00Z'); // Monday 10:00 CEST
    const t = planTimes(DEFAULT_PLAN, start, Date.parse('2026-03-20T00:00:00Z'), 'Europe/Paris');
    // Sunday 29 March 09:00 CEST (after the change) and Monday 07:00 CEST.
    expect(t.planned.map((p) => iso(p.sendAtMs))).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-30T05:00:00.000Z']);
  });

  it('chooses the plan by service, else the default', () => {
    const ccc: ReminderPlan = { id: 'ccc', name: 'CCC', services: ['ccc'], steps: [] };
    expect(planForService([ccc, DEFAULT_PLAN], 'CCC').id).toBe('ccc');
    expect(planForService([ccc, DEFAULT_PLAN], 'ANC').id).toBe('default');
    expect(planForService([ccc], null).id).toBe('default');
  });
});
