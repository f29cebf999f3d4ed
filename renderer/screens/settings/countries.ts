/**
 * The countries offered as "default country for phone numbers": the clinic's neighbours first in
 * mind (East, Central and Southern Africa), then the rest of Africa and the countries staff
 * most often meet numbers from. Names come from Intl.DisplayNames in the interface language.
 */
export const COUNTRY_CODES = [
  // East Africa
  'KE', 'TZ', 'UG', 'RW', 'BI', 'SS', 'ET', 'SO', 'DJ', 'ER', 'SD',
  // Central and Southern Africa
  'CD', 'CG', 'CM', 'CF', 'TD', 'GA', 'GQ', 'AO', 'ZM', 'ZW', 'MW', 'MZ', 'BW', 'NA', 'ZA', 'LS', 'SZ', 'MG', 'MU', 'KM', 'SC',
  // West and North Africa
  'NG', 'GH', 'CI', 'SN', 'ML', 'BF', 'NE', 'GN', 'SL', 'LR', 'TG', 'BJ', 'GM', 'GW', 'CV', 'MR', 'EG', 'LY', 'TN', 'DZ', 'MA',
  // Elsewhere
  'IN', 'PK', 'BD', 'NP', 'AE', 'SA', 'OM', 'QA', 'YE', 'CN', 'ID', 'PH', 'HT', 'BR', 'MX', 'US', 'CA', 'GB', 'IE', 'FR', 'DE', 'NL', 'BE', 'IT', 'ES', 'PT', 'SE', 'NO', 'DK', 'CH', 'AU', 'NZ',
] as const;

/** [code, name] sorted by name in `language`; `include` is added when the saved value is not in the list. */
export function countryOptions(language: string, include?: string): Array<[code: string, name: string]> {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
  } catch {
    names = null;
  }
  const codes: string[] = [...COUNTRY_CODES];
  if (include && /^[A-Z]{2}$/.test(include) && !codes.includes(include)) codes.push(include);
  const collator = new Intl.Collator(language);
  return codes.map((code): [string, string] => [code, names?.of(code) ?? code]).sort((a, b) => collator.compare(a[1], b[1]));
}
