// Clinic time to instants and back, across zones and clock changes (issue 11: "daylight-saving
// and time-zone cases"). Zone rules are the platform's (Intl); no clock is read here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClinicTimeError, fromWallTime, isTimeZone, parseClinicTime, toWallTime, zoneOffsetMs } from '../../../src-shared/schedule/clinic-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('clinic time', () => {
  it('Nairobi is UTC+3 all year', () => {
    expect(iso(fromWallTime({ year: 2026, month: 12, day: 4, hour: 7, minute: 0 }, 'Africa/Nairobi'))).toBe('2026-12-04T04:00:00.000Z');
    expect(iso(fromWallTime({ year: 2026, month: 6, day: 4, hour: 7, minute: 0 }, 'Africa/Nairobi'))).toBe('2026-06-04T04:00:00.000Z');
    expect(zoneOffsetMs(Date.parse('2026-12-04T04:00:00Z'), 'Africa/Nairobi')).toBe(3 * 3_600_000);
  });

  it('reads back the wall time with its weekday', () => {
    expect(toWallTime(Date.parse('2026-12-03T21:30:00Z'), 'Africa/Nairobi')).toEqual({ year: 2026, month: 12, day: 4, hour: 0, minute: 30, weekday: 5 });
    expect(toWallTime(Date.parse('2026-12-04T04:00:00Z'), 'America/Port-au-Prince')).toMatchObject({ day: 3, hour: 23, weekday: 4 });
  });

  it('moves a skipped wall time forward by the gap (clocks go forward)', () => {
    // Paris, 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    expect(iso(fromWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
    expect(toWallTime(Date.parse('2026-03-29T01:30:00Z'), 'Europe/Paris')).toMatchObject({ hour: 3, minute: 30 });
    // Haiti, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(iso(fromWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 15 }, 'America/Port-au-Prince'))).toBe('2026-03-08T07:15:00.000Z');
  });

  it('takes the first of a doubled wall time (clocks go back)', () => {
    // Paris, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(iso(fromWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every minute-aligned instant in several zones', () => {
    const zones = ['Africa/Nairobi', 'Europe/Paris', 'America/Port-au-Prince', 'Africa/Kinshasa', 'UTC', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 60_000, max: Date.parse('2035-01-01T00:00:00Z') / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const ms = minute * 60_000;
        const wall = toWallTime(ms, zone);
        const back = fromWallTime(wall, zone);
        // A doubled wall time comes back as its first instant: never later than the original.
        expect(back <= ms && ms - back <= 3_600_000).toBe(true);
        expect(toWallTime(back, zone)).toEqual(wall);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads wall time as Intl does, in zones with half- and three-quarter-hour offsets and DST', () => {
    const zones = ['Africa/Nairobi', 'Europe/Paris', 'America/Port-au-Prince', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns'];
    const intl = (ms: number, zone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
          .formatToParts(new Date(ms))
          .map((p) => [p.type, p.value]),
      );
      return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) };
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }), fc.constantFrom(...zones), (ms, zone) => {
        const { weekday: _weekday, ...wall } = toWallTime(ms, zone);
        expect(wall).toEqual(intl(ms, zone));
      }),
      { numRuns: 5_000 },
    );
  });

  it('parses clinic time and ISO 8601 with an offset, and names a bad input', () => {
    expect(iso(parseClinicTime('2026-12-04 07:00', 'Africa/Nairobi'))).toBe('2026-12-04T04:00:00.000Z');
    expect(iso(parseClinicTime('2026-12-04T07:00', 'Africa/Nairobi'))).toBe('2026-12-04T04:00:00.000Z');
    expect(iso(parseClinicTime('2026-12-04T07:00:00+01:00', 'Africa/Nairobi'))).toBe('2026-12-04T06:00:00.000Z');
    expect(iso(parseClinicTime('2026-12-04T07:00:00.000Z', 'Africa/Nairobi'))).toBe('2026-12-04T07:00:00.000Z');
    for (const bad of ['tomorrow', '2026-02-30 07:00', '2026-02-30T07:00:00Z', '2026-12-04 24:00', '04/12/2026 07:00', '2026-12-04']) {
      expect(() => parseClinicTime(bad, 'Africa/Nairobi')).toThrow(ClinicTimeError);
    }
    expect(() => parseClinicTime('tomorrow', 'UTC')).toThrow(/"tomorrow" is not a date and time/);
  });

  it('knows real zone names only', () => {
    expect(isTimeZone('Africa/Nairobi')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
