/**
 * Templates' merge fields: `{first_name}` and the rest, one list (the editor, the API and the
 * renderer all read it). A template's text is checked against it before anything is sent: an
 * unknown field or one that is empty for a patient is an error naming the field, never
 * "{name}" on a patient's phone (issue 11).
 */
import { toWallTime } from '../schedule/clinic-time.ts';
import { swahiliTime } from './swahili-time.ts';

export const MERGE_FIELDS = ['first_name', 'name', 'date', 'time', 'day', 'clinic', 'service', 'phone'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const FIELD = /\{([a-z_]+)\}/g;

export const isMergeField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/** The fields a text uses, in order of first use; unknown names included (they are errors). */
export function fieldsIn(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(FIELD)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

/** What a template is filled with: a patient, an appointment, the clinic. */
export interface MergeValues {
  name?: string | null;
  /** Default: the first word of `name`. */
  firstName?: string | null;
  phone?: string | null;
  /** The appointment's start, an instant. */
  startMs?: number | null;
  service?: string | null;
  clinic?: string | null;
  /**
   * Words for {date}, {time} or {day} given as they are (an API caller's `variables`): used
   * before anything computed from `startMs`, in every language alike.
   */
  words?: Partial<Record<'date' | 'time' | 'day', string | null>>;
}

/** Clinics that write English write the day before the month ("4 December"), as in Kenya and Uganda. */
const DATE_LOCALE: Readonly<Record<string, string>> = { en: 'en-GB' };
const dateLocale = (language: string): string => DATE_LOCALE[language] ?? language;

/** Intl formatters are slow to build (tens of µs): one per language, zone and field, reused (a 10,000-row import fills 60,000 fields). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(field: 'date' | 'day' | 'time', language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${field}|${language}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      field === 'date' ? new Intl.DateTimeFormat(dateLocale(language), { timeZone, day: 'numeric', month: 'long' })
      : field === 'day' ? new Intl.DateTimeFormat(language, { timeZone, weekday: 'long' })
      : new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * The words of {date}, {day} and {time} for one start, language and zone, kept: a day list has
 * a few hundred distinct starts for thousands of patients, and formatting is most of a fill's
 * cost. Bounded: emptied when full.
 */
const timeWords = new Map<string, string>();
const TIME_WORDS_MAX = 10_000;

function wordsForStart(field: 'date' | 'day' | 'time', startMs: number, language: string, timeZone: string): string {
  const key = `${field}|${language}|${timeZone}|${startMs}`;
  let words = timeWords.get(key);
  if (words === undefined) {
    if (field === 'time' && language.split('-')[0] === 'sw') {
      const wall = toWallTime(startMs, timeZone);
      words = swahiliTime(wall.hour, wall.minute);
    } else words = formatter(field, language, timeZone).format(new Date(startMs));
    if (timeWords.size >= TIME_WORDS_MAX) timeWords.clear();
    timeWords.set(key, words);
  }
  return words;
}

/** The fields each template text uses (fieldsIn), kept per text: the same few texts are filled for every row. */
const textFields = new Map<string, string[]>();

function fieldsOf(text: string): string[] {
  let fields = textFields.get(text);
  if (!fields) {
    fields = fieldsIn(text);
    if (textFields.size >= 1_000) textFields.clear();
    textFields.set(text, fields);
  }
  return fields;
}

/** The words a field becomes in `language` ("en", "sw", "fr" ...) and the clinic's time zone. */
export function fieldValue(field: MergeField, values: MergeValues, language: string, timeZone: string): string | null {
  const clean = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());
  switch (field) {
    case 'name':
      return clean(values.name);
    case 'first_name':
      return clean(values.firstName) ?? clean(values.name)?.split(/\s+/)[0] ?? null;
    case 'phone':
      return clean(values.phone);
    case 'service':
      return clean(values.service);
    case 'clinic':
      return clean(values.clinic);
    case 'date':
    case 'day':
    case 'time': {
      const given = clean(values.words?.[field]);
      if (given !== null) return given;
      if (values.startMs == null) return null;
      return wordsForStart(field, values.startMs, language, timeZone);
    }
  }
}

export type FillProblem = { field: string; rule: 'unknown-field' | 'empty-field' };

export type FillResult = { ok: true; text: string } | { ok: false; problems: FillProblem[] };

/** The template's text with every field filled, or every field that cannot be. */
export function fillTemplate(text: string, values: MergeValues, language: string, timeZone: string): FillResult {
  const problems: FillProblem[] = [];
  const filled = new Map<string, string>();
  for (const field of fieldsOf(text)) {
    if (!isMergeField(field)) {
      problems.push({ field, rule: 'unknown-field' });
      continue;
    }
    const value = fieldValue(field, values, language, timeZone);
    if (value === null) problems.push({ field, rule: 'empty-field' });
    else filled.set(field, value);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, text: text.replace(FIELD, (_m, name: string) => filled.get(name) ?? '') };
}

/**
 * Words that say too much on a phone others may read (a diagnosis, a drug, a result), matched
 * as whole words, case-insensitive: the editor warns (issue 11 "Discretion"). The list is a
 * setting; this is its default.
 */
export const DEFAULT_SENSITIVE_WORDS: readonly string[] = ['HIV', 'VVU', 'ARV', 'ARVs', 'TB', 'PrEP', 'positive', 'negative', 'results', 'result', 'matokeo', 'VIH', 'résultat', 'résultats', 'positif', 'syphilis', 'kaswende'];

export function sensitiveWordsIn(text: string, words: readonly string[] = DEFAULT_SENSITIVE_WORDS): string[] {
  const found: string[] = [];
  for (const word of words) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text) && !found.includes(word)) found.push(word);
  }
  return found;
}

/**
 * The variant for a contact: their language, then the template's fallback, then English, then
 * any. `variants` maps a language code to a text.
 */
export function chooseVariant(variants: Readonly<Record<string, string>>, language: string | null, fallback: string): { language: string; text: string } | null {
  for (const lng of [language, language?.split('-')[0], fallback, 'en']) {
    if (lng && variants[lng] !== undefined && variants[lng]!.trim() !== '') return { language: lng, text: variants[lng]! };
  }
  const first = Object.entries(variants).find(([, t]) => t.trim() !== '');
  return first ? { language: first[0], text: first[1] } : null;
}

/** What a template offers: its texts per language, discreet ones, and its fallback language. */
export interface TemplateTexts {
  variants: Readonly<Record<string, string>>;
  discreetVariants: Readonly<Record<string, string>>;
  fallbackLanguage: string;
}

/**
 * The one rule for which text a person gets: the discreet variant when they asked for discreet
 * messages and the template has one; their language, else the clinic's, else the template's
 * fallback (chooseVariant). Used by reminders (reminders/appointment-service.ts) and by a send
 * with a template (templated-send.ts).
 */
export function variantFor(
  template: TemplateTexts,
  person: { language: string | null; discreet: boolean } | undefined,
  clinicLanguage: string,
): { language: string; text: string; discreet: boolean } | null {
  const discreet = person?.discreet === true && Object.keys(template.discreetVariants).length > 0;
  const variant = chooseVariant(discreet ? template.discreetVariants : template.variants, person?.language ?? clinicLanguage, template.fallbackLanguage);
  return variant && { ...variant, discreet };
}
