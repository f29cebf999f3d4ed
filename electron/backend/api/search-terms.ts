/**
 * Search as you type over names and addresses. Numbers are stored in E.164 ("+254712345678")
 * but typed as the clinic dials them ("0712 345"), so a query that looks like a phone number is
 * also matched by its digits with separators and the trunk 0 removed ("712345").
 */

export interface SearchTerms {
  /** The text as typed (trimmed), matched against names and addresses; null for no filter. */
  text: string | null;
  /** The digits form for phone numbers, or null when the query is not number-like. */
  digits: string | null;
}

const SEPARATORS = /[\s\-.()/]/g;

export function searchTerms(search: string | undefined): SearchTerms {
  const text = search?.trim() ?? '';
  if (text === '') return { text: null, digits: null };
  const compact = text.replace(SEPARATORS, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return { text, digits: null };
  // "00254…" dials "+254…"; a leading 0 is the trunk prefix E.164 leaves out.
  const digits = compact.replace(/^00/, '+').replace(/^0(?=\d)/, '');
  return { text, digits: digits === text ? null : digits };
}
