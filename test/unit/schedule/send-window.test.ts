// The clinic's send window: automated messages due outside it wait for the next opening.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEND_WINDOW, inSendWindow, nextOpening } from '../../../src-shared/schedule/send-window.ts';

const NBO = 'Africa/Nairobi';
const at = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

describe('send window', () => {
  it('is open 08:00-19:00 clinic time by default, end excluded', () => {
    expect(inSendWindow(at('2026-12-04T05:00:00Z'), DEFAULT_SEND_WINDOW, NBO)).toBe(true); // 08:00
    expect(inSendWindow(at('2026-12-04T04:59:00Z'), DEFAULT_SEND_WINDOW, NBO)).toBe(false); // 07:59
    expect(inSendWindow(at('2026-12-04T15:59:00Z'), DEFAULT_SEND_WINDOW, NBO)).toBe(true); // 18:59
    expect(inSendWindow(at('2026-12-04T16:00:00Z'), DEFAULT_SEND_WINDOW, NBO)).toBe(false); // 19:00
  });

  it('moves a 07:00 reminder to 08:00 the same day, and an evening one to the next morning', () => {
    expect(iso(nextOpening(at('2026-12-04T04:00:00Z'), DEFAULT_SEND_WINDOW, NBO))).toBe('2026-12-04T05:00:00.000Z');
    expect(iso(nextOpening(at('2026-12-04T17:30:00Z'), DEFAULT_SEND_WINDOW, NBO))).toBe('2026-12-05T05:00:00.000Z');
    expect(nextOpening(at('2026-12-04T09:00:00Z'), DEFAULT_SEND_WINDOW, NBO)).toBe(at('2026-12-04T09:00:00Z'));
  });

  it('skips days that are not listed (Friday evening to Monday morning)', () => {
    const weekdays = { start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] };
    // Friday 4 December 2026, 18:00 Nairobi.
    expect(iso(nextOpening(at('2026-12-04T15:00:00Z'), weekdays, NBO))).toBe('2026-12-07T05:00:00.000Z');
  });

  it('opens at the clinic time across a change of clocks', () => {
    // Paris: Sunday 29 March 2026, clocks go forward at 02:00; the 08:00 opening is 06:00Z.
    expect(iso(nextOpening(at('2026-03-28T20:00:00Z'), DEFAULT_SEND_WINDOW, 'Europe/Paris'))).toBe('2026-03-29T06:00:00.000Z');
  });
});
