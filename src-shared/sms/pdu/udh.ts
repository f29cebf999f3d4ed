/**
 * The User Data Header (3GPP TS 23.040 §9.2.3.24): UDHL, then information elements
 * (IEI, length, data). We read concatenation (IEI 0x00 with an 8-bit reference, §9.2.3.24.1;
 * IEI 0x08 with a 16-bit reference, §9.2.3.24.8) and step over every other element.
 */
import type { PduReader } from './reader.ts';

export interface ConcatInfo {
  /** The concatenated short message reference: the same in every part of one message. */
  ref: number;
  /** This part's sequence number, from 1. */
  part: number;
  /** The number of parts. */
  total: number;
  refBits: 8 | 16;
}

export const IEI_CONCAT_8BIT = 0x00;
export const IEI_CONCAT_16BIT = 0x08;

/**
 * Reads the information elements of a header. `header` starts at the UDHL octet, whose value
 * the caller has already checked against the user data length; `headerPosition` is its octet
 * position in the PDU, for error offsets.
 * A concatenation element with a total or sequence number of 0, or a sequence number above the
 * total, is ignored, as §9.2.3.24.1 tells the receiver to do. When an element is repeated the
 * last one wins (§9.2.3.24, "the last occurrence ... shall be used").
 * @throws PduError "TP-UDH" when an element runs past the header.
 */
export function readConcatInfo(header: Uint8Array, headerPosition: number, reader: PduReader): ConcatInfo | null {
  let concat: ConcatInfo | null = null;
  let i = 1;
  while (i < header.length) {
    if (i + 2 > header.length) {
      throw reader.error('TP-UDH', headerPosition + i, 'information element header runs past the UDH');
    }
    const iei = header[i]!;
    const length = header[i + 1]!;
    const data = i + 2;
    if (data + length > header.length) {
      throw reader.error('TP-UDH', headerPosition + i, `information element 0x${iei.toString(16).padStart(2, '0')} of ${length} octets runs past the UDH`);
    }
    if (iei === IEI_CONCAT_8BIT && length === 3) {
      concat = validConcat(header[data]!, header[data + 1]!, header[data + 2]!, 8) ?? concat;
    } else if (iei === IEI_CONCAT_16BIT && length === 4) {
      const ref = (header[data]! << 8) | header[data + 1]!;
      concat = validConcat(ref, header[data + 2]!, header[data + 3]!, 16) ?? concat;
    }
    i = data + length;
  }
  return concat;
}

function validConcat(ref: number, total: number, part: number, refBits: 8 | 16): ConcatInfo | null {
  if (total === 0 || part === 0 || part > total) return null;
  return { ref, part, total, refBits };
}

/** The 6-octet header of part `part` of `total`, 8-bit reference (UDHL included). */
export function concatHeader8(ref: number, part: number, total: number): number[] {
  return [0x05, IEI_CONCAT_8BIT, 0x03, ref & 0xff, total, part];
}
