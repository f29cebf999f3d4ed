/**
 * i18n for the renderer (i18next + react-i18next).
 *
 * Conventions (README.md in this folder):
 * - One JSON file per namespace and language: `locales/<lng>/<namespace>.json`. Every file is
 *   picked up by `import.meta.glob` at build time: add a file and its namespace exists.
 * - A screen uses its own namespace (`useTranslation('compose')`); words shared by every screen
 *   (status names, Retry, Cancel, Undo ...) live in `common`, the default namespace.
 * - English is complete and the fallback; other languages may leave keys out.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

type Strings = { [key: string]: string | Strings };

const files = import.meta.glob<Strings>('./locales/*/*.json', { eager: true, import: 'default' });

/** { en: { common: {...}, compose: {...} }, sw: { ... } } built from the files found. */
function collectResources(): Record<string, Record<string, Strings>> {
  const resources: Record<string, Record<string, Strings>> = {};
  for (const [path, strings] of Object.entries(files)) {
    const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lng, ns] = match as unknown as [string, string, string];
    (resources[lng] ??= {})[ns] = strings;
  }
  return resources;
}

const resources = collectResources();

/** Languages with at least one file. */
export const SUPPORTED_LANGUAGES = Object.keys(resources).sort();
export const NAMESPACES = [...new Set(Object.values(resources).flatMap((byNs) => Object.keys(byNs)))].sort();
export const FALLBACK_LANGUAGE = 'en';

/** "sw-KE" -> "sw"; anything unknown -> "en". */
export function pickLanguage(requested: string | null | undefined): string {
  const base = (requested ?? '').toLowerCase().split('-')[0] ?? '';
  return SUPPORTED_LANGUAGES.includes(base) ? base : FALLBACK_LANGUAGE;
}

let initialised = false;

/** Initialises i18next synchronously (the resources are bundled). Safe to call again. */
export function initI18n(language: string = FALLBACK_LANGUAGE): I18n {
  const lng = pickLanguage(language);
  if (initialised) {
    if (i18next.language !== lng) void i18next.changeLanguage(lng);
    return i18next;
  }
  initialised = true;
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: FALLBACK_LANGUAGE,
    ns: NAMESPACES,
    defaultNS: 'common',
    fallbackNS: 'common',
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
    initAsync: false,
    showSupportNotice: false, // an offline clinic app: no console advert
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

/** Switches the UI language (e.g. after `settings.get` / `settings.update` returned `language`). */
export function setLanguage(language: string): void {
  const lng = pickLanguage(language);
  if (i18next.language !== lng) void i18next.changeLanguage(lng);
}

export { i18next };
