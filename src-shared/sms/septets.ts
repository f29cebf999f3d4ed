/**
 * Packing of 7-bit septets into octets (3GPP TS 23.038 §6.1.2.1.1): septets are laid end to end
 * from the least significant bit of the first octet upwards.
 *
 * After a User Data Header the text starts on the next septet boundary counted from the start of
 * the user data; the gap is filled with 0 bits (TS 23.040 §9.2.3.24, "fill bits").
 */

/** Fill bits between a UDH of `udhOctets` octets (UDHL included) and the first septet. */
export function fillBitsAfterHeader(udhOctets: number): number {
  return (7 - ((udhOctets * 8) % 7)) % 7;
}

/** The number of septets a UDH of `udhOctets` octets (UDHL included) occupies, fill bits included. */
export function headerSeptets(udhOctets: number): number {
  return Math.ceil((udhOctets * 8) / 7);
}

/** Octets needed for `septetCount` septets after `fillBits` leading fill bits. */
export function packedLength(septetCount: number, fillBits = 0): number {
  return Math.ceil((septetCount * 7 + fillBits) / 8);
}

/**
 * Packs septets (each 0..127) into octets, after `fillBits` zero bits (0..6).
 * Unused high bits of the last octet are 0 (TS 23.038 §6.1.2.1.1).
 */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Uint8Array {
  const out = new Uint8Array(packedLength(septets.length, fillBits));
  let bit = fillBits;
  for (let i = 0; i < septets.length; i++) {
    const value = (septets[i] ?? 0) & 0x7f;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte] = (out[byte] ?? 0) | ((value << shift) & 0xff);
    if (shift > 1) out[byte + 1] = (out[byte + 1] ?? 0) | (value >> (8 - shift));
    bit += 7;
  }
  return out;
}

/**
 * Unpacks `septetCount` septets from `octets`, skipping `fillBits` leading bits.
 * Bits past the end of `octets` read as 0; callers check lengths first.
 */
export function unpackSeptets(octets: ArrayLike<number>, septetCount: number, fillBits = 0): Uint8Array {
  const out = new Uint8Array(Math.max(0, septetCount));
  let bit = fillBits;
  for (let i = 0; i < out.length; i++) {
    const byte = bit >> 3;
    const shift = bit & 7;
    let value = (octets[byte] ?? 0) >> shift;
    if (shift > 1) value |= (octets[byte + 1] ?? 0) << (8 - shift);
    out[i] = value & 0x7f;
    bit += 7;
  }
  return out;
}
