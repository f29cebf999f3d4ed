/**
 * How much text fits in one SMS (3GPP TS 23.040 §9.2.3.16: TP-UD is at most 140 octets).
 * A concatenated part gives 6 octets to its User Data Header (UDHL, IEI 0x00, IEDL 3, reference,
 * total, sequence; TS 23.040 §9.2.3.24.1); in GSM-7 those 48 bits plus 1 fill bit take 7 septets.
 */
export const MAX_USER_DATA_OCTETS = 140;
export const MAX_USER_DATA_SEPTETS = 160;

export const GSM7_SINGLE_PART_SEPTETS = 160;
export const GSM7_CONCAT_PART_SEPTETS = 153;
export const UCS2_SINGLE_PART_UNITS = 70;
export const UCS2_CONCAT_PART_UNITS = 67;

/** An 8-bit reference numbers at most 255 parts (TS 23.040 §9.2.3.24.1). */
export const MAX_CONCAT_PARTS = 255;

/** The text encodings we send: GSM 7-bit default alphabet, or UCS-2. */
export type TextEncoding = 'gsm7' | 'ucs2';

/** Units (septets or UTF-16 code units) one part holds, alone or as one of several. */
export function unitsPerPart(encoding: TextEncoding, concatenated: boolean): number {
  if (encoding === 'gsm7') return concatenated ? GSM7_CONCAT_PART_SEPTETS : GSM7_SINGLE_PART_SEPTETS;
  return concatenated ? UCS2_CONCAT_PART_UNITS : UCS2_SINGLE_PART_UNITS;
}
