/** LIKE patterns built from what a user typed: `%` and `_` in the text are taken literally. */

/** Matches `text` anywhere (use with `ESCAPE '\'`); null for no filter. */
export function containsPattern(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text === '') return null;
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
