/**
 * Service-centre time stamps (3GPP TS 23.040 §9.2.3.11), also used for TP-DT (§9.2.3.13) and
 * the absolute TP-VP (§9.2.3.12.2): seven octets of swapped semi-octets, year month day hour
 * minute second, then the time zone in quarters of an hour whose first-sent bit (bit 3 of the
 * octet) is the sign: 0 ahead of GMT, 1 behind.
 */
import { SmsEncodeError } from './errors.ts';
import type { PduReader } from './reader.ts';

export const TIMESTAMP_OCTETS = 7;

const PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
const RANGES: Record<(typeof PARTS)[number], [number, number]> = {
  year: [0, 99],
  month: [1, 12],
  day: [1, 31],
  hour: [0, 23],
  minute: [0, 59],
  second: [0, 59],
};

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/**
 * Reads a time stamp and returns it as ISO 8601 local time with its offset,
 * e.g. "2026-11-25T10:15:00+03:00".
 *
 * The year has two digits; 90-99 are read as 1990-1999 (SMS began in 1992), all others as 20xx.
 * @throws PduError when the field is truncated, a semi-octet is not a decimal digit, or a value
 *   is out of range (month 13, minute 60 ...).
 */
export function readTimestamp(reader: PduReader, field: string): string {
  const start = reader.octetPosition;
  const octets = reader.readOctets(TIMESTAMP_OCTETS, field);
  const values: number[] = [];
  for (let i = 0; i < PARTS.length; i++) {
    const octet = octets[i]!;
    const tens = octet & 0x0f;
    const units = octet >> 4;
    const name = PARTS[i]!;
    if (tens > 9 || units > 9) {
      throw reader.error(field, start + i, `${name} octet 0x${hex2(octet)} is not two decimal semi-octets`);
    }
    const value = tens * 10 + units;
    const [min, max] = RANGES[name];
    if (value < min || value > max) throw reader.error(field, start + i, `${name} ${value} is out of range`);
    values.push(value);
  }
  const zoneOctet = octets[6]!;
  const zoneTens = zoneOctet & 0x07;
  const zoneUnits = zoneOctet >> 4;
  if (zoneUnits > 9) {
    throw reader.error(field, start + 6, `time zone octet 0x${hex2(zoneOctet)} is not two decimal semi-octets`);
  }
  const quarters = zoneTens * 10 + zoneUnits;
  const sign = (zoneOctet & 0x08) !== 0 ? '-' : '+';
  const [yy, month, day, hour, minute, second] = values as [number, number, number, number, number, number];
  const year = yy >= 90 ? 1900 + yy : 2000 + yy;
  const offset = `${sign}${pad(Math.floor(quarters / 4))}:${pad((quarters % 4) * 15)}`;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

/**
 * The seven octets of a time stamp for an ISO 8601 string with an explicit offset
 * ("2026-11-25T10:15:00+03:00"); the offset must be a whole number of quarter hours.
 * @throws SmsEncodeError for any other shape.
 */
export function encodeTimestamp(iso: string, field = 'timestamp'): number[] {
  const match = ISO_WITH_OFFSET.exec(iso);
  if (!match) throw new SmsEncodeError(field, `"${iso}" is not YYYY-MM-DDThh:mm:ss±hh:mm`);
  const [, year, month, day, hour, minute, second, sign, zoneHours, zoneMinutes] = match;
  const minutes = Number(zoneHours) * 60 + Number(zoneMinutes);
  if (minutes % 15 !== 0 || minutes / 15 > 79) {
    throw new SmsEncodeError(field, `offset ${sign}${zoneHours}:${zoneMinutes} is not a whole number of quarter hours`);
  }
  const swap = (digits: string): number => (Number(digits.charAt(1)) << 4) | Number(digits.charAt(0));
  const zone = swap(pad(minutes / 15)) | (sign === '-' ? 0x08 : 0);
  return [swap(year!.slice(2)), swap(month!), swap(day!), swap(hour!), swap(minute!), swap(second!), zone];
}

function hex2(octet: number): string {
  return octet.toString(16).toUpperCase().padStart(2, '0');
}
