/**
 * The template editor's pure parts: the draft a person edits, the sample patient of the preview,
 * the longest a text can become once filled, the checks done before templates.put (an unknown
 * merge field, no text at all, an id already taken) and where each backend issue goes.
 */
import type { TemplateDto } from '../../../src-shared/contract/dto.ts';
import type { ValidationIssue } from '../../../src-shared/errors.ts';
import { addDays, fromWallTime, toWallTime } from '../../../src-shared/schedule/clinic-time.ts';
import { measureSms } from '../../../src-shared/sms/measure.ts';
import { fieldsIn, fieldValue, isMergeField, MERGE_FIELDS, type MergeField, type MergeValues } from '../../../src-shared/templates/merge-fields.ts';

/** The languages the editor always offers (issue 11: at least English, Swahili, French). */
export const EDITOR_LANGUAGES = ['en', 'sw', 'fr'] as const;

/** Which of a language's two texts. */
export type Variant = 'text' | 'discreet';

export interface TemplateDraft {
  id: string;
  name: string;
  /** Language -> text; '' for a language not written (left out of templates.put). */
  variants: Record<string, string>;
  discreetVariants: Record<string, string>;
  fallbackLanguage: string;
}

/** The languages to show for a template: the editor's three, then any other it has. */
export function languagesOf(draft: Pick<TemplateDraft, 'variants' | 'discreetVariants'>): string[] {
  const extra = [...Object.keys(draft.variants), ...Object.keys(draft.discreetVariants)].filter((l) => !(EDITOR_LANGUAGES as readonly string[]).includes(l));
  return [...EDITOR_LANGUAGES, ...[...new Set(extra)].sort()];
}

/** The languages a saved template has text in, in the editor's order. */
export function writtenLanguages(template: Pick<TemplateDto, 'variants'>): string[] {
  return languagesOf({ variants: template.variants, discreetVariants: {} }).filter((l) => (template.variants[l] ?? '').trim() !== '');
}

/**
 * The draft of a saved template. `shownName`: what its name field starts with — for a built-in
 * the clinic has not renamed, its name in the interface language (built-in-names.ts templateName);
 * putParams(draft, template) turns it back into the stored name unless the nurse changed it.
 */
export function draftOf(template: TemplateDto, shownName: string = template.name): TemplateDraft {
  return { id: template.id, name: shownName, variants: { ...template.variants }, discreetVariants: { ...template.discreetVariants }, fallbackLanguage: template.fallbackLanguage };
}

export const emptyDraft = (): TemplateDraft => ({ id: '', name: '', variants: {}, discreetVariants: {}, fallbackLanguage: 'en' });

/**
 * An id from a name, as the contract wants it (lower-case letters, digits, dashes; at most 64):
 * "Rappel : la veille (ANC)" -> "rappel-la-veille-anc". Accents are dropped, not the letters.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The sample patient of the preview. Proper names and codes, the same in every language. */
export const SAMPLE = { name: 'Amina Otieno', phone: '+254712345678', service: 'ANC', hour: 10, minute: 0 } as const;

/** What {clinic} is measured with while the clinic's name is not set (Settings). */
const CLINIC_STAND_IN = 'Afya Clinic';

/** The sample appointment: tomorrow at 10:00 in the clinic's zone. */
export function sampleStart(nowMs: number, timeZone: string): number {
  const tomorrow = addDays(toWallTime(nowMs, timeZone), 1);
  return fromWallTime({ ...tomorrow, hour: SAMPLE.hour, minute: SAMPLE.minute }, timeZone);
}

/** The sample patient's values; `clinic` is the clinic's name as set ('' leaves {clinic} empty, as a real send would). */
export function sampleValues(nowMs: number, timeZone: string, clinic: string): MergeValues {
  return { name: SAMPLE.name, phone: SAMPLE.phone, clinic, service: SAMPLE.service, startMs: sampleStart(nowMs, timeZone) };
}

/** A long name as clinics see them (four parts, a hyphen): what a name field may grow to. */
const LONG_NAME = 'Nyambura Wanjiku-Achieng Odhiambo Kariuki';

/** Prefers a value that forces Unicode (it changes every part's size), then the longer one. */
function worse(a: string, b: string): string {
  const ua = measureSms(a).encoding === 'ucs2';
  const ub = measureSms(b).encoding === 'ucs2';
  if (ua !== ub) return ua ? a : b;
  return [...b].length > [...a].length ? b : a;
}

/**
 * For each field, the longest words it can become in `language`: the sample's values and a long
 * name, every month's date (28 September, 28 août: "û" forces Unicode), every weekday, and a
 * time each hour of the clinic day (Swahili "saa 12:45 asubuhi" is longer than "saa 4:00 asubuhi").
 * A text filled with these is never shorter than one filled for a real patient of that size.
 */
export function longestValues(language: string, timeZone: string, nowMs: number, clinicName = ''): Record<MergeField, string> {
  const clinic = clinicName.trim() === '' ? CLINIC_STAND_IN : clinicName;
  const start = toWallTime(sampleStart(nowMs, timeZone), timeZone);
  const starts: number[] = [];
  for (let m = 0; m < 12; m++) {
    const month = ((start.month - 1 + m) % 12) + 1;
    const year = start.year + Math.floor((start.month - 1 + m) / 12);
    starts.push(fromWallTime({ year, month, day: 28, hour: SAMPLE.hour, minute: SAMPLE.minute }, timeZone));
  }
  for (let d = 0; d < 7; d++) starts.push(fromWallTime({ ...addDays(start, d), hour: SAMPLE.hour, minute: SAMPLE.minute }, timeZone));
  for (let h = 6; h <= 20; h++) starts.push(fromWallTime({ ...start, hour: h, minute: 45 }, timeZone));

  const people: MergeValues[] = [
    { name: SAMPLE.name, phone: SAMPLE.phone, clinic, service: SAMPLE.service },
    { name: LONG_NAME, phone: SAMPLE.phone, clinic, service: SAMPLE.service },
  ];
  const out = {} as Record<MergeField, string>;
  for (const field of MERGE_FIELDS) {
    let longest = '';
    const timed = field === 'date' || field === 'day' || field === 'time';
    for (const person of people) {
      for (const startMs of timed ? starts : [null]) {
        const value = fieldValue(field, { ...person, startMs }, language, timeZone);
        if (value !== null) longest = worse(longest, value);
      }
    }
    out[field] = longest;
  }
  return out;
}

/** The text with every known field replaced by its longest words (unknown ones left as written). */
export function longestExpansion(text: string, longest: Readonly<Record<MergeField, string>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (isMergeField(name) ? longest[name] : whole));
}

/** The names of the unknown fields in a text ("{nmae}" -> ["nmae"]). */
export const unknownFieldsIn = (text: string): string[] => fieldsIn(text).filter((f) => !isMergeField(f));

/** Where an error is shown: one language's text or discreet text, the name, the id, or above Save. */
export type Place = { kind: 'variant'; language: string; variant: Variant } | { kind: 'name' } | { kind: 'id' } | { kind: 'form' };

/** `variants.sw` -> Swahili's text; `discreetVariants.en` -> English's discreet text; `name`, `id`. */
export function placeOf(where: string): Place {
  const m = /^(variants|discreetVariants)\.([^.]+)/.exec(where);
  if (m) return { kind: 'variant', language: m[2]!, variant: m[1] === 'variants' ? 'text' : 'discreet' };
  if (where === 'name') return { kind: 'name' };
  if (where === 'id') return { kind: 'id' };
  return { kind: 'form' };
}

export const variantKey = (language: string, variant: Variant) => `${variant}.${language}`;

/** Backend issues by place: `text.sw`, `discreet.en`, `name`, `id`, or `form`. */
export function placeIssues(issues: readonly ValidationIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const place = placeOf(issue.where);
    const key = place.kind === 'variant' ? variantKey(place.language, place.variant) : place.kind;
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The name to store: a built-in's name as stored while the field still shows its worded name
 * (draftOf's `shownName`), so opening "Kikumbusho: siku moja kabla" in Swahili and saving a text
 * keeps the English name the list words by id (built-in-names.ts), rather than renaming it.
 */
export interface ShownName {
  shown: string;
  stored: string;
}

/** templates.put's params: only the languages written, texts as typed, the name as `ShownName` says. */
export function putParams(draft: TemplateDraft, name?: ShownName) {
  const typed = draft.name.trim();
  const written = (v: Record<string, string>) => Object.fromEntries(Object.entries(v).filter(([, t]) => t.trim() !== ''));
  const variants = written(draft.variants);
  const discreetVariants = written(draft.discreetVariants);
  const fallbackLanguage = variants[draft.fallbackLanguage] !== undefined ? draft.fallbackLanguage : (Object.keys(variants)[0] ?? draft.fallbackLanguage);
  return { id: draft.id, name: name && typed === name.shown.trim() ? name.stored : typed, variants, discreetVariants, fallbackLanguage };
}

/** Whether two drafts would save the same (languages in any order, blank texts left out). */
export function sameDraft(a: TemplateDraft, b: TemplateDraft): boolean {
  const norm = (d: TemplateDraft) => {
    const p = putParams(d);
    const sorted = (v: Record<string, string>) => Object.entries(v).sort(([x], [y]) => x.localeCompare(y));
    return JSON.stringify([p.id, p.name, sorted(p.variants), sorted(p.discreetVariants), p.fallbackLanguage]);
  };
  return norm(a) === norm(b);
}

/** What stops Save before any call, as i18n keys (templates namespace) with their values. */
export type DraftProblem =
  | { place: 'name'; key: 'problem.nameMissing' }
  | { place: 'id'; key: 'problem.idInvalid' | 'problem.idTaken' }
  | { place: 'form'; key: 'problem.noText' }
  | { place: string; key: 'problem.discreetWithoutText' };

export function draftProblems(draft: TemplateDraft, isNew: boolean, takenIds: readonly string[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.name.trim() === '') problems.push({ place: 'name', key: 'problem.nameMissing' });
  if (isNew && !SLUG.test(draft.id)) problems.push({ place: 'id', key: 'problem.idInvalid' });
  else if (isNew && takenIds.includes(draft.id)) problems.push({ place: 'id', key: 'problem.idTaken' });
  const params = putParams(draft);
  if (Object.keys(params.variants).length === 0) problems.push({ place: 'form', key: 'problem.noText' });
  for (const lng of Object.keys(params.discreetVariants)) {
    if (params.variants[lng] === undefined) problems.push({ place: variantKey(lng, 'text'), key: 'problem.discreetWithoutText' });
  }
  return problems;
}
