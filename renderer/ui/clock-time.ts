/**
 * A time of day typed on the 24-hour clock. The booking and move forms take the time as text,
 * not `<input type="time">`: Chromium draws a time input in the operating system's locale, not
 * the page's, so an English (US) machine shows "10:30 AM" beside a hint that says "24-hour
 * clock" (issue 11 trial) — and in Swahili a 12-hour display invites the Swahili-time mistake
 * (saa 4 asubuhi is 10:00) the hint warns about (reminders:zone). Text on the 24-hour clock reads
 * the same on every machine, as the day list's CSV does (reminders:import time-unreadable).
 */

/**
 * The attributes of a 24-hour time text box: a digits keypad, no autofill. No `pattern` (the
 * browser's own validation would stop the move form's submit with its words, not ours) and no
 * `maxLength` ("7:30 PM" cut to "7:30 " would book the morning): readClockTime judges, and the
 * form says what is wrong under the box.
 */
export const CLOCK_TIME_INPUT = { type: 'text', inputMode: 'numeric', autoComplete: 'off', spellCheck: false } as const;

const CLOCK = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/;

/**
 * "HH:MM" for what a person typed ("9:30", "09.30", "0930", " 14:05 "), or null when it is not a
 * 24-hour time ("25:00", "9:60", "10:30 PM", ""). Three digits are H:MM ("930" is 09:30).
 */
export function readClockTime(text: string): string | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]!}`;
}
