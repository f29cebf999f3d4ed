/**
 * Built-in templates and the default plan are seeded with English names (electron/backend/
 * reminders/built-in.ts); the screens word them in the interface language, by id, for as long as
 * the clinic has not renamed them (the name still equals the English catalogue's word, which a
 * test keeps equal to the seeded name). A clinic's own names are shown as written.
 */
import i18n from 'i18next';

interface Named {
  id: string;
  name: string;
  builtIn: boolean;
}

function worded(kind: 'template' | 'plan', item: Named): string {
  if (!item.builtIn) return item.name;
  const key = `templates:builtInNames.${kind}.${item.id}`;
  if (!i18n.exists(key, { lng: 'en' })) return item.name;
  const english = i18n.getFixedT('en')(key);
  return english === item.name ? i18n.t(key) : item.name;
}

export const templateName = (t: Named): string => worded('template', t);
export const planName = (p: Named): string => worded('plan', p);
