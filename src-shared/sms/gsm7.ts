/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1).
 *
 * A character of the basic table costs one septet; a character of the extension table costs two:
 * the escape septet 0x1B followed by its code (§6.2.1.1). National language shift tables
 * (§6.2.1.2.4) are not used: every handset understands the default tables, not every one the
 * national ones.
 */

/** The escape to the extension table (TS 23.038 §6.2.1, note 1). */
export const GSM7_ESCAPE = 0x1b;

/**
 * The basic table, indexed by septet value. 0x1B is the escape; decoding a lone escape yields a
 * space (§6.2.1, note 1: "a receiving entity which does not understand ... shall display a space").
 */
const BASIC_TABLE: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u001b', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/** The extension table: code after the escape -> character (TS 23.038 §6.2.1.1). */
const EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'], // form feed (page break)
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

/** The characters that cost two septets, in table order. */
export const GSM7_EXTENSION_CHARACTERS: readonly string[] = [...EXTENSION_TABLE.values()];

// Char code -> septet(s), as one flat table over the BMP (128 KiB, built once): measuring runs
// on every keystroke and a typed-array index is much cheaper than a Map lookup per character.
// Every character of both tables is in the BMP, so one UTF-16 code unit identifies it. Values:
// -1 not in the alphabet; 0..127 basic septet; EXTENDED | code for ESC + code.
const NOT_GSM7 = -1;
const EXTENDED = 0x100;
const SEPTET_BY_CODE = new Int16Array(0x10000).fill(NOT_GSM7);
BASIC_TABLE.forEach((char, septet) => {
  // ESC itself is not encodable as text.
  if (septet !== GSM7_ESCAPE) SEPTET_BY_CODE[char.charCodeAt(0)] = septet;
});
for (const [code, char] of EXTENSION_TABLE) SEPTET_BY_CODE[char.charCodeAt(0)] = EXTENDED | code;

/**
 * How many septets one UTF-16 code unit costs in GSM-7: 1 (basic table), 2 (extension table),
 * or 0 when the character is not in the default alphabet (the text needs UCS-2).
 */
export function gsm7SeptetCost(charCode: number): 0 | 1 | 2 {
  const entry = SEPTET_BY_CODE[charCode] ?? NOT_GSM7;
  if (entry === NOT_GSM7) return 0;
  return entry >= EXTENDED ? 2 : 1;
}

/** True when every character of `text` is in the default alphabet or its extension table. */
export function isGsm7Text(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (gsm7SeptetCost(text.charCodeAt(i)) === 0) return false;
  }
  return true;
}

/** The number of septets `text` takes in GSM-7. Throws like {@link textToSeptets}. */
export function countSeptets(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = gsm7SeptetCost(text.charCodeAt(i));
    if (cost === 0) throw notGsm7(text, i);
    septets += cost;
  }
  return septets;
}

/**
 * Text -> septet values (each 0..127), extension characters as ESC + code.
 * @throws RangeError when a character is not in the GSM 7-bit default alphabet or extension table.
 */
export function textToSeptets(text: string): number[] {
  const septets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const entry = SEPTET_BY_CODE[text.charCodeAt(i)] ?? NOT_GSM7;
    if (entry === NOT_GSM7) throw notGsm7(text, i);
    if (entry >= EXTENDED) septets.push(GSM7_ESCAPE, entry & 0x7f);
    else septets.push(entry);
  }
  return septets;
}

/**
 * Septet values -> text. Never throws: values are masked to 7 bits.
 * - ESC + a code with no extension character shows the basic-table character of that code
 *   (TS 23.038 §6.2.1.1, "display the character shown in the main ... table").
 * - ESC + ESC is reserved for a further extension table: shown as a space (§6.2.1.1, note 1),
 *   and a lone ESC at the end is shown as a space too (§6.2.1, note 1).
 */
export function septetsToText(septets: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = (septets[i] ?? 0) & 0x7f;
    if (septet !== GSM7_ESCAPE) {
      text += BASIC_TABLE[septet] ?? ' ';
      continue;
    }
    i++;
    if (i >= septets.length) {
      text += ' ';
      break;
    }
    const code = (septets[i] ?? 0) & 0x7f;
    if (code === GSM7_ESCAPE) {
      text += ' ';
      continue;
    }
    text += EXTENSION_TABLE.get(code) ?? BASIC_TABLE[code] ?? ' ';
  }
  return text;
}

function notGsm7(text: string, index: number): RangeError {
  const char = text.codePointAt(index) ?? 0;
  return new RangeError(
    `character U+${char.toString(16).toUpperCase().padStart(4, '0')} at index ${index} is not in the GSM 7-bit alphabet`,
  );
}
