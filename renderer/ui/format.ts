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
