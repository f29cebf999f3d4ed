/**
 * The clinic's send window (settings `sendWindow`): automated messages (reminders, scheduled
 * bulk sends) go only between `start` and `end` clinic time on the listed days; one due outside
 * waits for the next opening. A nurse's own message can go "now, outside hours".
 */
import { addDays, fromWallTime, toWallTime } from './clinic-time.ts';

export interface SendWindow {
  /** "HH:MM", clinic time. */
  start: string;
  /** "HH:MM", clinic time; after start (a window does not cross midnight). */
  end: string;
  /** 0 Sunday .. 6 Saturday; at least one. */
  days: number[];
}

/** 08:00-19:00 every day: reminders for a Monday appointment go on the Sunday before. */
export const DEFAULT_SEND_WINDOW: SendWindow = { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] };

export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (hhmm: string): number => {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Whether `utcMs` is inside the window. */
export function inSendWindow(utcMs: number, window: SendWindow, timeZone: string): boolean {
  const w = toWallTime(utcMs, timeZone);
  const minute = w.hour * 60 + w.minute;
  return window.days.includes(w.weekday) && minute >= minutesOf(window.start) && minute < minutesOf(window.end);
}

/** `utcMs` itself when inside the window, else the instant the window next opens. */
export function nextOpening(utcMs: number, window: SendWindow, timeZone: string): number {
  if (window.days.length === 0) throw new RangeError('a send window needs at least one day');
  if (inSendWindow(utcMs, window, timeZone)) return utcMs;
  const startMinute = minutesOf(window.start);
  const here = toWallTime(utcMs, timeZone);
  // Today's opening if it is still ahead, else the first listed day after today (8 covers a week).
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = addDays(here, ahead);
    const opening = fromWallTime({ ...date, hour: Math.floor(startMinute / 60), minute: startMinute % 60 }, timeZone);
    if (opening > utcMs && window.days.includes(toWallTime(opening, timeZone).weekday)) return opening;
  }
  throw new RangeError('no opening within a week');
}
