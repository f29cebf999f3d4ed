/**
 * A clinic time zone in which it is about midday now: a fixed-offset IANA zone (Etc/GMT±N; the
 * sign is POSIX's, inverted). A test that sends an automated message now sets it, so the send
 * window (08:00-19:00 by default, src-shared/schedule/send-window.ts) is open whatever the hour
 * of the run; in the computer's own zone such a test failed when CI ran after 19:00.
 */
export function middayZone(nowMs: number = Date.now()): string {
  const offset = 12 - new Date(nowMs).getUTCHours(); // -11 .. +12
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
