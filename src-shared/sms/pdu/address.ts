/**
 * Address fields (3GPP TS 23.040 §9.1.2.5): a length, the Type-of-Address octet, then the
 * number in swapped semi-octets (§9.1.2.3), or, for alphanumeric addresses, GSM-7 packed text.
 *
 * The SMSC field that modems print before the TPDU (TS 27.005 §3.1, <pdu>; coded as in TS 24.011
 * §8.2.5.1) has the same shape but its length counts octets (Type-of-Address included), where the
 * TP address fields count digits.
 */
import { septetsToText, textToSeptets } from '../gsm7.ts';
import { packSeptets, unpackSeptets } from '../septets.ts';
import { SmsEncodeError } from './errors.ts';
import type { PduReader } from './reader.ts';

export type AddressType = 'international' | 'national' | 'alphanumeric' | 'unknown';

export interface DecodedAddress {
  /** "+" and digits for international numbers; digits as sent otherwise; text when alphanumeric. */
  address: string;
  type: AddressType;
  /** The raw Type-of-Address octet. */
  typeOfAddress: number;
}

/** TP-DA, TP-OA, TP-RA: at most 10 octets of address value (TS 23.040 §9.1.2.5). */
export const MAX_ADDRESS_DIGITS = 20;

/** Type-of-Address: international number, ISDN/telephone numbering plan (TS 23.040 §9.1.2.5). */
export const TOA_INTERNATIONAL = 0x91;
/**
 * Type-of-Address: type of number "unknown", ISDN plan. Used for every number without "+":
 * §9.1.2.5 defines "unknown" as "organized according to the network dialling plan, e.g. prefix or
 * escape digits might be present", which is exactly a number typed as dialled, like "0712 ..."
 * with its trunk prefix or a short code like "100". TON "national" (0xA1) would promise that no
 * prefix is present, so we never send it.
 */
export const TOA_UNKNOWN = 0x81;

// Semi-octet digits beyond 0-9 (TS 23.040 §9.1.2.3): 1010 '*', 1011 '#', 1100-1110 'a'..'c'.
const SEMI_OCTET_DIGITS = '0123456789*#abc';

function typeOfNumber(toa: number): AddressType {
  switch ((toa >> 4) & 0x07) {
    case 0b001: return 'international';
    case 0b010: return 'national';
    case 0b101: return 'alphanumeric';
    default: return 'unknown';
  }
}

/**
 * Reads swapped semi-octets: `digitCount` digits, low nibble first. A filler nibble (0xF) is
 * accepted only in the last octet, after the last digit.
 */
function readSemiOctets(reader: PduReader, digitCount: number, field: string): string {
  const start = reader.octetPosition;
  const octets = reader.readOctets(Math.ceil(digitCount / 2), field);
  let digits = '';
  for (let i = 0; i < digitCount; i++) {
    const octet = octets[i >> 1]!;
    const nibble = i % 2 === 0 ? octet & 0x0f : octet >> 4;
    const digit = SEMI_OCTET_DIGITS[nibble];
    if (digit === undefined) {
      // A filler where the length says a digit is due: some SCs pad an even length with 0xF.
      if (i === digitCount - 1) break;
      throw reader.error(field, start + (i >> 1), `semi-octet 0x${nibble.toString(16).toUpperCase()} is not a digit`);
    }
    digits += digit;
  }
  return digits;
}

/**
 * Reads a TP address field (TP-OA, TP-DA, TP-RA): length in useful semi-octets, Type-of-Address,
 * value. An alphanumeric value (TON 101) is GSM-7 packed (§9.1.2.5); its length counts the
 * semi-octets used, so it holds floor(length * 4 / 7) septets.
 * @throws PduError for a length over 20 digits, a truncated field or a bad semi-octet.
 */
export function readTpAddress(reader: PduReader, field: string): DecodedAddress {
  const lengthPosition = reader.octetPosition;
  const length = reader.readOctet(field);
  if (length > MAX_ADDRESS_DIGITS) {
    throw reader.error(field, lengthPosition, `address length ${length} is over the maximum of ${MAX_ADDRESS_DIGITS} semi-octets`);
  }
  const typeOfAddress = reader.readOctet(field);
  const type = typeOfNumber(typeOfAddress);
  if (type === 'alphanumeric') {
    const octets = reader.readOctets(Math.ceil(length / 2), field);
    const septetCount = Math.floor((length * 4) / 7);
    return { address: septetsToText(unpackSeptets(octets, septetCount)), type, typeOfAddress };
  }
  const digits = readSemiOctets(reader, length, field);
  return { address: type === 'international' && digits !== '' ? `+${digits}` : digits, type, typeOfAddress };
}

/**
 * Reads the SMSC field before the TPDU. Length 0 (or a Type-of-Address with no digits) means
 * "the SMSC stored in the modem": null.
 * @throws PduError for a length over 11 octets, a truncated field or a bad semi-octet.
 */
export function readSmscAddress(reader: PduReader): string | null {
  const field = 'SMSC';
  const lengthPosition = reader.octetPosition;
  const length = reader.readOctet(field);
  if (length === 0) return null;
  if (length > 1 + MAX_ADDRESS_DIGITS / 2) {
    throw reader.error(field, lengthPosition, `SMSC length ${length} is over the maximum of 11 octets`);
  }
  const typeOfAddress = reader.readOctet(field);
  const valueOctets = length - 1;
  if (valueOctets === 0) return null;
  const type = typeOfNumber(typeOfAddress);
  if (type === 'alphanumeric') {
    const octets = reader.readOctets(valueOctets, field);
    return septetsToText(unpackSeptets(octets, Math.floor((valueOctets * 8) / 7)));
  }
  const digits = readSemiOctets(reader, valueOctets * 2, field);
  return type === 'international' ? `+${digits}` : digits;
}

interface ParsedNumber {
  typeOfAddress: number;
  digits: string;
}

/**
 * "+254712345678" -> international; anything else of digits, '*' and '#' -> unknown TON
 * (see {@link TOA_UNKNOWN}).
 * @throws SmsEncodeError when the number is empty, has other characters or over 20 digits.
 */
function parseNumber(number: string, field: string): ParsedNumber {
  const international = number.startsWith('+');
  const digits = international ? number.slice(1) : number;
  if (!/^[0-9*#]+$/.test(digits)) {
    throw new SmsEncodeError(field, `"${number}" is not a phone number: use digits, optionally after "+"`);
  }
  if (digits.length > MAX_ADDRESS_DIGITS) {
    throw new SmsEncodeError(field, `"${number}" has ${digits.length} digits; an SMS address holds at most ${MAX_ADDRESS_DIGITS}`);
  }
  return { typeOfAddress: international ? TOA_INTERNATIONAL : TOA_UNKNOWN, digits };
}

function semiOctets(digits: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < digits.length; i += 2) {
    const low = SEMI_OCTET_DIGITS.indexOf(digits.charAt(i));
    const high = i + 1 < digits.length ? SEMI_OCTET_DIGITS.indexOf(digits.charAt(i + 1)) : 0x0f;
    out.push((high << 4) | low);
  }
  return out;
}

/**
 * TP-DA octets for a phone number: digit count, Type-of-Address, swapped semi-octets.
 * @throws SmsEncodeError (see parseNumber).
 */
export function encodeTpAddress(number: string, field: string): number[] {
  const { typeOfAddress, digits } = parseNumber(number, field);
  return [digits.length, typeOfAddress, ...semiOctets(digits)];
}

/**
 * The SMSC field: "00" (use the modem's SMSC) when `number` is undefined, else octet length,
 * Type-of-Address and semi-octets.
 * @throws SmsEncodeError (see parseNumber).
 */
export function encodeSmscAddress(number: string | undefined): number[] {
  if (number === undefined || number === '') return [0];
  const { typeOfAddress, digits } = parseNumber(number, 'smsc');
  const value = semiOctets(digits);
  return [value.length + 1, typeOfAddress, ...value];
}

/** Packs an alphanumeric address value (used by tests to build DELIVER PDUs). */
export function encodeAlphanumericAddress(text: string): number[] {
  const septets = textToSeptets(text);
  const packed = packSeptets(septets);
  const semiOctetCount = Math.ceil((septets.length * 7) / 4);
  return [semiOctetCount, 0xd0, ...packed];
}
