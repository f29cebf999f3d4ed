/**
 * UCS-2 user data (3GPP TS 23.038 §6.2.3): UTF-16 code units, big-endian, two octets each.
 * Characters outside the Basic Multilingual Plane (most emoji) travel as a surrogate pair, two
 * code units, which is what handsets do in practice; in JavaScript strings they already are.
 */

/** The text as big-endian UTF-16 code units. Lone surrogates are copied as they are. */
export function textToUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}

/**
 * Big-endian code units -> text. A trailing odd octet is ignored (callers that care check the
 * length first). Never throws.
 */
export function ucs2ToText(octets: ArrayLike<number>): string {
  const units = Math.floor(octets.length / 2);
  let text = '';
  // Chunked to keep String.fromCharCode's argument list small.
  const chunk: number[] = [];
  for (let i = 0; i < units; i++) {
    chunk.push(((octets[i * 2] ?? 0) << 8) | (octets[i * 2 + 1] ?? 0));
    if (chunk.length === 1024) {
      text += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return text + String.fromCharCode(...chunk);
}
