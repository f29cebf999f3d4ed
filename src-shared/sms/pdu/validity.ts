/**
 * TP-Validity-Period (3GPP TS 23.040 §9.2.3.12): how long the SC keeps trying to deliver.
 */

/** The validity we ask for when the caller does not say: 7 days (TP-VP 173 = 0xAD). */
export const DEFAULT_VALIDITY_MINUTES = 7 * 24 * 60;

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/**
 * The relative TP-VP octet (§9.2.3.12.1) for a validity of `minutes`, rounded up to the next
 * value the octet can express so a message never expires earlier than asked, and capped at
 * 63 weeks (255), the longest it can express.
 *   0-143:   (VP + 1) x 5 minutes, up to 12 hours
 *   144-167: 12 hours + (VP - 143) x 30 minutes, up to 24 hours
 *   168-196: (VP - 166) days, up to 30 days
 *   197-255: (VP - 192) weeks
 */
export function minutesToRelativeValidity(minutes: number): number {
  if (minutes <= 12 * 60) return Math.max(0, Math.ceil(minutes / 5) - 1);
  if (minutes <= MINUTES_PER_DAY) return 143 + Math.ceil((minutes - 12 * 60) / 30);
  if (minutes <= 30 * MINUTES_PER_DAY) return Math.max(168, 166 + Math.ceil(minutes / MINUTES_PER_DAY));
  return Math.min(255, 192 + Math.ceil(minutes / MINUTES_PER_WEEK));
}

/** The validity in minutes that a relative TP-VP octet stands for (§9.2.3.12.1). */
export function relativeValidityToMinutes(vp: number): number {
  if (vp <= 143) return (vp + 1) * 5;
  if (vp <= 167) return 12 * 60 + (vp - 143) * 30;
  if (vp <= 196) return (vp - 166) * MINUTES_PER_DAY;
  return (vp - 192) * MINUTES_PER_WEEK;
}
