/**
 * Clinic time: wall-clock dates and times in the clinic's time zone (the `timeZone` setting,
 * default the computer's), and the UTC instants the database and the dispatcher use. The zone
 * rules come from the platform's Intl (ICU's tz data, the same in Node and Chromium); this file
 * only turns wall time into an instant and back.
 *
 * A wall time that does not exist (the hour skipped when clocks go forward) is moved forward by
 * the gap, as a person would ("02:30" on the night clocks jump from 02:00 to 03:00 is 03:30); a
 * wall time that happens twice (clocks go back) is the first of the two.
 */

export interface WallTime {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
}

export interface WallTimeWithDay extends WallTime {
  /** 0 Sunday .. 6 Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const knownZones = new Map<string, boolean>();

/** Whether the platform knows this IANA zone name ("Africa/Nairobi"). Remembered: asking builds a formatter. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name.length > 64) return false;
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(name, known);
  }
  return known;
}

let systemZone: string | null = null;

/**
 * The zone the computer (or the browser) is set to; UTC where it says nothing. Read once per
 * run: reading it builds a formatter (a 10,000-row import asks 40,000 times), and a clinic that
 * changes the computer's zone restarts Ujumbe or sets the clinic's zone in Settings.
 */
export function systemTimeZone(): string {
  systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return systemZone;
}

/** The wall time as Intl gives it (formatToParts: a few µs each; see offsetAt for the cached path). */
function wallFromIntl(utcMs: number, timeZone: string): WallTimeWithDay {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/**
 * A zone's offset is constant within each quarter hour of UTC: offsets are whole quarter hours
 * and clocks change at whole local hours or half hours, which fall on UTC quarter hours. So the
 * offset is asked of Intl once per zone and quarter hour and remembered (a 10,000-row import
 * reads wall times tens of thousands of times).
 */
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 100_000;

function offsetAt(utcMs: number, timeZone: string): number {
  const bucket = Math.floor(utcMs / QUARTER_HOUR_MS);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = bucket * QUARTER_HOUR_MS;
    const w = wallFromIntl(at, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - at;
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall time in `timeZone` at the instant `utcMs`. */
export function toWallTime(utcMs: number, timeZone: string): WallTimeWithDay {
  const local = new Date(utcMs + offsetAt(utcMs, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay(),
  };
}

/** The zone's offset from UTC at `utcMs`, in ms (Nairobi: +3 h). Seconds are ignored. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  return offsetAt(utcMs, timeZone);
}

/** The instant of a wall time in `timeZone` (see the file comment for skipped and doubled times). */
export function fromWallTime(wall: WallTime, timeZone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offsets either side of the wall time: equal away from a change of clocks.
  const before = zoneOffsetMs(naive - 86_400_000, timeZone);
  const after = zoneOffsetMs(naive + 86_400_000, timeZone);
  const candidates = [naive - before, naive - after].sort((a, b) => a - b);
  for (const utc of candidates) {
    const back = toWallTime(utc, timeZone);
    if (back.year === wall.year && back.month === wall.month && back.day === wall.day && back.hour === wall.hour && back.minute === wall.minute) return utc;
  }
  // Skipped by a clock change: the same wall time read with the offset before the change.
  return naive - before;
}

/** Adds whole days to a calendar date (no zone: a date is a date). */
export function addDays(date: Pick<WallTime, 'year' | 'month' | 'day'>, days: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export class ClinicTimeError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClinicTimeError';
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A time a person or another system gives: ISO 8601 with an offset or Z (an instant, taken as
 * it is), or "YYYY-MM-DD HH:MM" / "YYYY-MM-DDTHH:MM" (clinic time in `timeZone`).
 * @throws ClinicTimeError naming the input when it is neither, or names a date that does not exist
 */
export function parseClinicTime(input: string, timeZone: string): number {
  const text = input.trim();
  if (ABSOLUTE.test(text)) {
    const ms = Date.parse(text);
    if (Number.isFinite(ms) && sameCalendar(text, ms)) return ms;
    throw new ClinicTimeError(input, `"${input}" is not a real date and time.`);
  }
  const m = LOCAL.exec(text);
  if (!m) throw new ClinicTimeError(input, `"${input}" is not a date and time: write it as 2026-12-04 07:00 (clinic time) or in ISO 8601 with an offset.`);
  const wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (wall.month < 1 || wall.month > 12 || check.getUTCDate() !== wall.day || check.getUTCMonth() !== wall.month - 1 || wall.hour > 23 || wall.minute > 59) {
    throw new ClinicTimeError(input, `"${input}" is not a real date and time.`);
  }
  return fromWallTime(wall, timeZone);
}

/** Date.parse rolls 2026-02-30 over to March: refuse a day the month does not have. */
function sameCalendar(text: string, ms: number): boolean {
  const [y, mo, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(text);
  const shift = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  const local = new Date(ms + shift);
  return local.getUTCFullYear() === y && local.getUTCMonth() + 1 === mo && local.getUTCDate() === d;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as the clinic writes it, in `timeZone`: the date "2026-12-04" and the 24-hour time
 * "07:00" — the values of date and time fields, and the words of the attempt log and the CLI.
 */
export function clinicFields(utcMs: number, timeZone: string): { date: string; time: string } {
  const w = toWallTime(utcMs, timeZone);
  return { date: `${w.year}-${two(w.month)}-${two(w.day)}`, time: `${two(w.hour)}:${two(w.minute)}` };
}

/** "2026-12-04 07:00", clinic time. */
export function clinicStamp(iso: string | number, timeZone: string): string {
  const f = clinicFields(typeof iso === 'number' ? iso : Date.parse(iso), timeZone);
  return `${f.date} ${f.time}`;
}

/** A clinic date `days` later ("2026-12-31" + 1 = "2027-01-01"). */
export function plusDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const d = addDays({ year, month, day }, days);
  return `${d.year}-${two(d.month)}-${two(d.day)}`;
}

/** The instant a clinic date ("2026-12-04", plus `plusDays`) begins in the zone, as ISO. */
export function clinicDayStart(date: string, timeZone: string, plusDays = 0): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const d = addDays({ year, month, day }, plusDays);
  return new Date(fromWallTime({ ...d, hour: 0, minute: 0 }, timeZone)).toISOString();
}
