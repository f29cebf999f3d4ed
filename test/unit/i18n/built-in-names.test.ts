// The renderer words built-in templates and the default plan by id while their name is still the
// seeded English one (renderer/screens/templates/built-in-names.ts): the English catalogue must
// say exactly what the backend seeds, and every language must name each one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../../electron/backend/reminders/built-in.ts';
import { DEFAULT_PLAN } from '../../../src-shared/schedule/reminder-plan.ts';

const catalogue = (lng: string) =>
  (JSON.parse(readFileSync(new URL(`../../../renderer/i18n/locales/${lng}/templates.json`, import.meta.url), 'utf8')) as { builtInNames: { template: Record<string, string>; plan: Record<string, string> } }).builtInNames;

describe('built-in names', () => {
  it('are the seeded names in English, and named in every language', () => {
    const en = catalogue('en');
    expect(en.template).toEqual(Object.fromEntries(BUILT_IN_TEMPLATES.map((t) => [t.id, t.name])));
    expect(en.plan).toEqual({ [DEFAULT_PLAN.id]: DEFAULT_PLAN.name });
    const sw = catalogue('sw');
    expect(Object.keys(sw.template).sort()).toEqual(Object.keys(en.template).sort());
    expect(Object.keys(sw.plan)).toEqual(Object.keys(en.plan));
  });
});
