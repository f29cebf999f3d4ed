/**
 * The clinic's time zone as the backend uses it: the `timeZone` setting when it names a zone
 * this platform knows, else the computer's (src-shared/schedule/clinic-time.ts).
 */
import { isTimeZone, systemTimeZone } from '../../src-shared/schedule/clinic-time.ts';

export function clinicTimeZone(setting: string | null): string {
  return setting !== null && isTimeZone(setting) ? setting : systemTimeZone();
}
