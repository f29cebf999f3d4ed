/** Hex text <-> octets, as modems print PDUs (TS 27.005 §3.1: "hexadecimal format"). */
import { PduError } from './errors.ts';

// The two hex digits of every octet value, built once.
const HEX_OF_OCTET: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Octets -> uppercase hex (values are masked to 8 bits). */
export function bytesToHex(bytes: ArrayLike<number>): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_OF_OCTET[(bytes[i] ?? 0) & 0xff]!;
  return hex;
}

/**
 * Hex (either case, no separators) -> octets.
 * @throws PduError field "hex": an odd number of digits, or a character that is not a hex digit
 *   (offset: that character's index).
 */
export function hexToBytes(hex: string): Uint8Array {
  for (let i = 0; i < hex.length; i++) {
    if (hexValue(hex.charCodeAt(i)) < 0) {
      const shown = JSON.stringify(hex.charAt(i));
      throw new PduError('hex', i, `${shown} is not a hexadecimal digit`);
    }
  }
  if (hex.length % 2 !== 0) {
    throw new PduError('hex', hex.length - 1, `odd number of hex digits (${hex.length}): a PDU is whole octets`);
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (hexValue(hex.charCodeAt(i * 2)) << 4) | hexValue(hex.charCodeAt(i * 2 + 1));
  }
  return bytes;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}
