/**
 * Swahili time, as patients read it: the day's hours are counted from sunrise and sunset (about
 * 06:00 and 18:00), so 07:00 is "saa moja asubuhi" (hour one of the morning) and 10:00 is
 * "saa nne asubuhi". A reminder that says "saa 10:00" to a Swahili reader means 16:00. Written
 * with digits ("saa 4:00 asubuhi"), as the clinic's own cards do, and the part of the day.
 */

/** The part of the day, by the 24-hour clock hour. */
function partOfDay(hour: number): string {
  if (hour >= 6 && hour < 12) return 'asubuhi';
  if (hour >= 12 && hour < 16) return 'mchana';
  if (hour >= 16 && hour < 19) return 'jioni';
  return 'usiku';
}

/** 07:00 -> "saa 1:00 asubuhi", 14:30 -> "saa 8:30 mchana", 00:15 -> "saa 6:15 usiku". */
export function swahiliTime(hour: number, minute: number): string {
  const counted = (hour + 6) % 12;
  const h = counted === 0 ? 12 : counted;
  return `saa ${h}:${String(minute).padStart(2, '0')} ${partOfDay(hour)}`;
}
