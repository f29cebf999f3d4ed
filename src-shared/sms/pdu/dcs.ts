/**
 * TP-Data-Coding-Scheme (3GPP TS 23.038 §4, SMS Data Coding Scheme).
 */

export type UserDataEncoding = 'gsm7' | 'ucs2' | '8bit';

export interface DataCoding {
  encoding: UserDataEncoding;
  /** Message class 0-3 when the DCS gives one; class 0 is "flash" (shown at once, not stored). */
  messageClass: number | null;
  /** Compressed user data (TS 23.042); we do not decompress it and hand it out as '8bit'. */
  compressed: boolean;
}

/** Reads a DCS octet. Never throws: reserved codings read as GSM-7 (TS 23.038 §4, last paragraph). */
export function decodeDataCoding(dcs: number): DataCoding {
  const group = dcs >> 4;
  // 00xx (general) and 01xx (automatic deletion) share the low-bit layout.
  if (group <= 0b0111) {
    const compressed = (dcs & 0x20) !== 0;
    const alphabet = (dcs >> 2) & 0x03;
    const messageClass = (dcs & 0x10) !== 0 ? dcs & 0x03 : null;
    if (compressed) return { encoding: '8bit', messageClass, compressed };
    const encoding = alphabet === 0b01 ? '8bit' : alphabet === 0b10 ? 'ucs2' : 'gsm7'; // 0b11 reserved
    return { encoding, messageClass, compressed };
  }
  switch (group) {
    case 0b1100: // Message Waiting Indication: discard message, GSM-7
    case 0b1101: // Message Waiting Indication: store message, GSM-7
      return { encoding: 'gsm7', messageClass: null, compressed: false };
    case 0b1110: // Message Waiting Indication: store message, UCS-2
      return { encoding: 'ucs2', messageClass: null, compressed: false };
    case 0b1111: // Data coding / message class: bit 2 is 8-bit data, bits 1-0 the class
      return { encoding: (dcs & 0x04) !== 0 ? '8bit' : 'gsm7', messageClass: dcs & 0x03, compressed: false };
    default: // 1000-1011 reserved
      return { encoding: 'gsm7', messageClass: null, compressed: false };
  }
}

/**
 * The DCS we send: general data coding, uncompressed; GSM-7 0x00 or UCS-2 0x08, and with
 * message class 0 ("flash", bit 4 set) 0x10 or 0x18 (TS 23.038 §4).
 */
export function encodeDataCoding(encoding: 'gsm7' | 'ucs2', flash: boolean): number {
  return (encoding === 'ucs2' ? 0x08 : 0x00) | (flash ? 0x10 : 0x00);
}
