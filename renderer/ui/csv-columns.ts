/**
 * Matching a CSV file's columns to the fields an import needs, by header words (English and
 * Swahili): the contacts import (screens/contacts/csv-import.ts) and the day-list import
 * (screens/reminders/day-list.ts) share this rule.
 */

/** "E-Mail Address " -> "e mail address"; "Jina_la_Mgonjwa" -> "jina la mgonjwa". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Per field, the normalised header words that name it: whole headers, and words inside a longer one. */
export type HeaderWords<F extends string> = Record<F, { exact: readonly string[]; partial: readonly string[] }>;

/**
 * The column index for each field, or null. Exact header words win over words inside a longer
 * header; fields are guessed in `order`, and a column is used for one field at most, so the
 * order decides which field a header like "Patient ID" goes to.
 */
export function guessColumns<F extends string>(headers: readonly string[], order: readonly F[], words: HeaderWords<F>): Record<F, number | null> {
  const normalised = headers.map(normaliseHeader);
  const mapping = Object.fromEntries(order.map((f) => [f, null])) as Record<F, number | null>;
  const used = new Set<number>();
  const contains = (header: string, word: string) => ` ${header} `.includes(` ${word} `) || (word.length > 3 && header.includes(word));
  for (const pass of ['exact', 'partial'] as const) {
    for (const field of order) {
      if (mapping[field] !== null) continue;
      const index = normalised.findIndex((h, i) => !used.has(i) && h !== '' && words[field][pass].some((w) => (pass === 'exact' ? h === w : contains(h, w))));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  }
  return mapping;
}
