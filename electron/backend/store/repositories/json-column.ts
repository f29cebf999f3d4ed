/** JSON columns: written with JSON.stringify, read defensively (a hand-edited row must not crash a list). */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function parseStringArray<T extends string = string>(text: string | null | undefined): T[] {
  const value = parseJson<unknown>(text, []);
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as T[]) : [];
}
