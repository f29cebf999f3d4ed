/**
 * Look-alikes that force an SMS into Unicode (70 characters a part instead of 160) and their
 * GSM-7 stand-ins. Word processors and phones put typographic quotes and dashes into pasted
 * text; the nurse rarely means them.
 */
export interface Replacement {
  /** GSM-7 text that replaces the character (may be empty for invisible characters). */
  with: string;
  /** i18n key (compose namespace) of the character's name when it cannot be seen. */
  nameKey?: string;
  /** i18n key of the replacement's name when it cannot be seen. */
  withNameKey?: string;
}

export const REPLACEMENTS: Readonly<Record<string, Replacement>> = {
  '\u2019': { with: "'" }, // ’ right single quotation mark (the usual apostrophe of word processors)
  '\u2018': { with: "'" }, // ‘
  '\u201C': { with: '"' }, // “
  '\u201D': { with: '"' }, // ”
  '\u201A': { with: "'" }, // ‚
  '\u201E': { with: '"' }, // „
  '\u2032': { with: "'" }, // ′ prime
  '\u2033': { with: '"' }, // ″
  '\u2013': { with: '-' }, // – en dash
  '\u2014': { with: '-' }, // — em dash
  '\u2010': { with: '-' }, // ‐ hyphen
  '\u2011': { with: '-', nameKey: 'char.nbHyphen' }, // non-breaking hyphen
  '\u2212': { with: '-' }, // − minus
  '\u2026': { with: '...' }, // … ellipsis
  '\u00A0': { with: ' ', nameKey: 'char.nbsp', withNameKey: 'char.space' },
  '\u202F': { with: ' ', nameKey: 'char.narrowNbsp', withNameKey: 'char.space' },
  '\u2009': { with: ' ', nameKey: 'char.thinSpace', withNameKey: 'char.space' },
  '\u200B': { with: '', nameKey: 'char.zeroWidthSpace', withNameKey: 'char.nothing' },
};

export function replaceAll(text: string, char: string): string {
  const r = REPLACEMENTS[char];
  return r ? text.split(char).join(r.with) : text;
}

export function replaceEvery(text: string, chars: readonly string[]): string {
  return chars.reduce((t, c) => replaceAll(t, c), text);
}

/** A character's code point as people write it: U+2019. */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
