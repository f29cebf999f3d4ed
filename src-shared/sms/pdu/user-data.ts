/**
 * TP-UDL and TP-UD (3GPP TS 23.040 §9.2.3.16, §9.2.3.24): the length counts septets for GSM-7
 * and octets otherwise, and in both cases includes the User Data Header when TP-UDHI is set.
 */
import { septetsToText, textToSeptets } from '../gsm7.ts';
import { MAX_USER_DATA_OCTETS, MAX_USER_DATA_SEPTETS, type TextEncoding } from '../limits.ts';
import { headerSeptets, packedLength, packSeptets, unpackSeptets } from '../septets.ts';
import { textToUcs2, ucs2ToText } from '../ucs2.ts';
import type { UserDataEncoding } from './dcs.ts';
import type { PduReader } from './reader.ts';
import { type ConcatInfo, readConcatInfo } from './udh.ts';

export interface DecodedUserData {
  /** The text; '' for 8-bit data. */
  text: string;
  /** The payload after the header, for 8-bit data. */
  data?: Uint8Array;
  concat: ConcatInfo | null;
}

/**
 * Reads TP-UDL and TP-UD. Octets after the user data are ignored (some modems pad).
 * @throws PduError "TP-UDL" for a length over 160 septets / 140 octets or one that leaves no
 *   room for the header, "TP-UD" when the PDU ends early or UCS-2 data has an odd length,
 *   "TP-UDHL" when the header is longer than the user data, "TP-UDH" for a malformed element.
 */
export function readUserData(reader: PduReader, encoding: UserDataEncoding, hasHeader: boolean): DecodedUserData {
  const lengthPosition = reader.octetPosition;
  const length = reader.readOctet('TP-UDL');
  const isSeptets = encoding === 'gsm7';
  if (isSeptets ? length > MAX_USER_DATA_SEPTETS : length > MAX_USER_DATA_OCTETS) {
    const unit = isSeptets ? `septets (max ${MAX_USER_DATA_SEPTETS})` : `octets (max ${MAX_USER_DATA_OCTETS})`;
    throw reader.error('TP-UDL', lengthPosition, `user data length ${length} ${unit} is impossible`);
  }
  const octetCount = isSeptets ? packedLength(length) : length;
  const dataPosition = reader.octetPosition;
  if (octetCount > reader.remaining) {
    throw reader.error('TP-UDL', lengthPosition, `user data length ${length} needs ${octetCount} octet(s) but only ${reader.remaining} remain`);
  }
  const octets = reader.readOctets(octetCount, 'TP-UD');

  let headerOctets = 0;
  let concat: ConcatInfo | null = null;
  if (hasHeader) {
    if (octets.length === 0) throw reader.error('TP-UDHL', dataPosition, 'TP-UDHI is set but the user data is empty');
    headerOctets = octets[0]! + 1;
    if (headerOctets > octets.length) {
      throw reader.error('TP-UDHL', dataPosition, `header of ${headerOctets} octets is longer than the ${octets.length} octets of user data`);
    }
    concat = readConcatInfo(octets.subarray(0, headerOctets), dataPosition, reader);
  }

  if (isSeptets) {
    const skipped = hasHeader ? headerSeptets(headerOctets) : 0;
    const textSeptets = length - skipped;
    if (textSeptets < 0) {
      throw reader.error('TP-UDL', lengthPosition, `user data length ${length} septets is shorter than its ${skipped}-septet header`);
    }
    // Text starts on the septet boundary after the header and its fill bits (§9.2.3.24).
    return { text: septetsToText(unpackSeptets(octets, textSeptets, skipped * 7)), concat };
  }
  const payload = octets.subarray(headerOctets);
  if (encoding === 'ucs2') {
    if (payload.length % 2 !== 0) {
      throw reader.error('TP-UD', dataPosition + headerOctets, `UCS-2 text of ${payload.length} octets is not whole 16-bit units`);
    }
    return { text: ucs2ToText(payload), concat };
  }
  return { text: '', data: payload.slice(), concat };
}

/**
 * TP-UDL and TP-UD octets for one part: `header` (UDHL included, or empty) then the text.
 * The caller has split the text so that it fits (see segment.ts).
 * @throws RangeError when GSM-7 text has a character outside the alphabet.
 */
export function encodeUserData(text: string, encoding: TextEncoding, header: readonly number[]): number[] {
  if (encoding === 'ucs2') {
    const body = textToUcs2(text);
    return [header.length + body.length, ...header, ...body];
  }
  const septets = textToSeptets(text);
  if (header.length === 0) return [septets.length, ...packSeptets(septets)];
  const skipped = headerSeptets(header.length);
  // Pack the text at its bit position: the septet boundary after the header and its fill bits.
  // The octets below that position are all zero and are replaced by the header.
  const packed = packSeptets(septets, skipped * 7);
  const body = packed.subarray(header.length);
  return [skipped + septets.length, ...header, ...body];
}
