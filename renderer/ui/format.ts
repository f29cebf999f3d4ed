/** Dates for people: "14:05" today, "3 Mar, 14:05" this year, "3 Mar 2024, 14:05" before. */
export function formatWhen(iso: string | null, language: string, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  try {
    if (d.toDateString() === now.toDateString()) return d.toLocaleTimeString(language, time);
    const sameYear = d.getFullYear() === now.getFullYear();
    return d.toLocaleString(language, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }), ...time });
  } catch {
    return d.toISOString();
  }
}

/**
 * A clinic time for people, in the clinic's zone (a scheduled send, a reminder): "Fri 4 Dec,
 * 07:00". The zone is the backend's (settings.clinicTimeZone), not the browser's.
 */
export function formatClinicTime(iso: string | null, language: string, timeZone: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return d.toLocaleString(language, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return d.toISOString();
  }
}
