// The Templates screen: the list, the editor's preview for the sample patient (Swahili time in
// Swahili), inserting a merge field at the cursor, the sensitive-word warning, unknown fields
// stopping Save, templates.put's params, backend issues under their language, and the reminder
// plans in words (and edited with reminderPlans.put).
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReminderPlanDto, TemplateDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { TemplatesScreen } from '../../renderer/screens/templates/TemplatesScreen.tsx';
import { longestExpansion, longestValues, slugify } from '../../renderer/screens/templates/template-draft.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const DAY_BEFORE: TemplateDto = {
  id: 'reminder-day-before',
  name: 'Reminder: the day before',
  fallbackLanguage: 'en',
  builtIn: true,
  updated: '2026-01-01T00:00:00.000Z',
  variants: {
    en: 'Hello {first_name}, a reminder: your appointment at the clinic is tomorrow, {day} {date}, at {time}.',
    sw: 'Habari {first_name}, kumbusho: miadi yako kliniki ni kesho, {day} {date}, {time}.',
    fr: 'Bonjour {first_name}, rappel : votre rendez-vous à la clinique est demain, {day} {date}, à {time}.',
  },
  discreetVariants: { en: 'Reminder: you have an appointment tomorrow at {time}.', sw: 'Kumbusho: una miadi kesho {time}.' },
};
const LAB: TemplateDto = { id: 'lab-results', name: 'Lab results ready', fallbackLanguage: 'en', builtIn: false, updated: '2026-01-02T00:00:00.000Z', variants: { en: 'Hello {first_name}, come to the clinic.' }, discreetVariants: {} };
const PLAN: ReminderPlanDto = {
  id: 'default',
  name: 'Default',
  services: [],
  builtIn: true,
  updated: '2026-01-01T00:00:00.000Z',
  steps: [
    { kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' },
    { kind: 'days-before', days: 0, at: '07:00', template: 'reminder-on-the-day' },
  ],
};
const ON_THE_DAY: TemplateDto = { ...LAB, id: 'reminder-on-the-day', name: 'Reminder: on the day', builtIn: true, variants: { en: 'Hello {first_name}, your appointment is today at {time}.' } };

function renderTemplates(overrides: Partial<Handlers> = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({
    'templates.list': () => ({ items: [DAY_BEFORE, ON_THE_DAY, LAB] }),
    'templates.put': (p) => ({ ...p, discreetVariants: p.discreetVariants ?? {}, fallbackLanguage: p.fallbackLanguage ?? 'en', builtIn: false, updated: '2026-02-01T00:00:00.000Z' }),
    'reminderPlans.list': () => ({ items: [PLAN] }),
    'reminderPlans.put': (p) => ({ ...PLAN, ...p }),
    ...overrides,
  });
  renderWithClient(
    <>
      <TemplatesScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

async function open(user: ReturnType<typeof userEvent.setup>, name: string) {
  const list = await screen.findByRole('list', { name: 'Templates' });
  await user.click(await within(list).findByRole('button', { name: new RegExp(name) }));
  return screen.getByRole('form', { name: new RegExp(name) });
}

const box = (label: string) => screen.getByLabelText(label) as HTMLTextAreaElement;

describe('Templates: the list', () => {
  it('shows each template with the languages it is written in and whether it is built in', async () => {
    renderTemplates();
    const list = await screen.findByRole('list', { name: 'Templates' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Reminder: the day beforeEnglish, Kiswahili, Français · built in',
      'Reminder: on the dayEnglish · built in',
      'Lab results readyEnglish',
    ]);
  });
});

describe('Templates: built-in names', () => {
  it('words a built-in template and the default plan in the interface language, and keeps a clinic’s own names', async () => {
    setLanguage('sw');
    renderTemplates({ 'templates.list': () => ({ items: [DAY_BEFORE, { ...ON_THE_DAY, name: 'Siku ya miadi (yetu)' }, LAB] }) });
    const list = await screen.findByRole('list', { name: /Violezo|Templates/ });
    const names = within(list).getAllByRole('button').map((r) => r.querySelector('.template-item-name')?.textContent);
    expect(names).toEqual(['Kikumbusho: siku moja kabla', 'Siku ya miadi (yetu)', 'Lab results ready']);
    setLanguage('en');
  });

  // The list and the editor agree (built-in-names.ts); the stored English name stays what the list words by.
  it('shows a built-in’s name in the interface language in the editor, and saving without touching it keeps the stored name', async () => {
    setLanguage('sw');
    try {
      const { backend, user } = renderTemplates();
      const list = await screen.findByRole('list', { name: 'Violezo' });
      await user.click(await within(list).findByRole('button', { name: /Kikumbusho: siku moja kabla/ }));
      const form = screen.getByRole('form', { name: 'Hariri “Kikumbusho: siku moja kabla”' });
      expect((within(form).getByLabelText('Jina') as HTMLInputElement).value).toBe('Kikumbusho: siku moja kabla');
      await user.click(within(form).getByRole('tab', { name: 'Kiswahili' }));
      const text = form.querySelector<HTMLTextAreaElement>('textarea[lang="sw"]')!;
      await user.click(text);
      await user.keyboard('{End} Karibu.');
      await user.click(within(form).getByRole('button', { name: 'Hifadhi kiolezo' }));
      await waitFor(() => expect(backend.callsOf('templates.put')).toHaveLength(1));
      expect(backend.callsOf('templates.put')[0]).toMatchObject({ id: 'reminder-day-before', name: 'Reminder: the day before', variants: { sw: `${DAY_BEFORE.variants.sw} Karibu.` } });
    } finally {
      setLanguage('en');
    }
  });

  it('stores a built-in’s name as the nurse wrote it once she edits it, and an untouched name is not a change', async () => {
    setLanguage('sw');
    try {
      const { backend, user } = renderTemplates();
      const list = await screen.findByRole('list', { name: 'Violezo' });
      await user.click(await within(list).findByRole('button', { name: /Kikumbusho: siku moja kabla/ }));
      const form = screen.getByRole('form', { name: /Kikumbusho: siku moja kabla/ });
      const name = within(form).getByLabelText('Jina') as HTMLInputElement;
      // Typed away and back: the same words shown are no rename (and nothing to save).
      await user.type(name, 'x');
      await user.keyboard('{Backspace}');
      await user.click(within(list).getByRole('button', { name: /Lab results ready/ }));
      expect(screen.queryByRole('dialog')).toBeNull();
      await user.click(within(list).getByRole('button', { name: /Kikumbusho: siku moja kabla/ }));
      const again = screen.getByRole('form', { name: /Kikumbusho: siku moja kabla/ });
      const renamed = within(again).getByLabelText('Jina') as HTMLInputElement;
      await user.clear(renamed);
      await user.type(renamed, 'Kikumbusho cha kliniki yetu');
      await user.click(within(again).getByRole('button', { name: 'Hifadhi kiolezo' }));
      await waitFor(() => expect(backend.callsOf('templates.put')).toHaveLength(1));
      expect(backend.callsOf('templates.put')[0]).toMatchObject({ id: 'reminder-day-before', name: 'Kikumbusho cha kliniki yetu' });
    } finally {
      setLanguage('en');
    }
  });
});

describe('Templates: the editor', () => {
  it('previews the text for the sample patient in the language of the tab, with Swahili time in Swahili', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Reminder: the day before');
    expect(within(form).getByRole('tab', { name: 'English', selected: true })).toBeTruthy();
    const previews = () => [...form.querySelectorAll('.template-preview')].map((p) => p.textContent);
    expect(previews()[0]).toMatch(/^Hello Amina, a reminder: your appointment at the clinic is tomorrow, \w+ \d+ \w+, at 10:00\.$/);
    expect(within(form).getAllByText(/Preview for Amina Otieno/).length).toBe(2);

    await user.click(within(form).getByRole('tab', { name: 'Kiswahili' }));
    expect(box('Text in Kiswahili').value).toBe(DAY_BEFORE.variants.sw);
    expect(previews()[0]).toMatch(/^Habari Amina, kumbusho: miadi yako kliniki ni kesho, .+, saa 4:00 asubuhi\.$/);
    expect(previews()[1]).toBe('Kumbusho: una miadi kesho saa 4:00 asubuhi.');
    // The measure is of the longest it can become, in the same words as Compose's counter.
    expect(within(form).getAllByText(/At its longest \(long name, longest date\): \d+ characters · 1 SMS · GSM-7/).length).toBe(2);
  });

  it('moves between languages with the arrow keys', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Reminder: the day before');
    within(form).getByRole('tab', { name: 'English' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(within(form).getByRole('tab', { name: 'Kiswahili', selected: true }));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(within(form).getByRole('tab', { name: /Français/, selected: true }));
  });

  it('inserts a merge field at the cursor of the box last used, and puts the cursor after it', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    const text = box('Text in English');
    await user.click(text);
    text.setSelectionRange(5, 5); // after "Hello"
    await user.click(within(form).getByRole('button', { name: 'Insert {name}' }));
    expect(text.value).toBe('Hello{name} {first_name}, come to the clinic.');
    expect(document.activeElement).toBe(text);
    expect(text.selectionStart).toBe(11);

    const discreet = box('Discreet text in English');
    await user.click(discreet);
    expect(within(form).getByText('Insert a merge field at the cursor, in the discreet text:')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Insert {time}' }));
    expect(discreet.value).toBe('{time}');
    expect(text.value).toBe('Hello{name} {first_name}, come to the clinic.');
  });

  it('warns when the text names a sensitive word', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    const text = box('Text in English');
    expect(within(form).queryByText(/names HIV/)).toBeNull();
    await user.type(text, ' Your HIV results are ready.');
    const warning = within(form).getByText('This text names HIV and results: a phone others may read would show it. Consider the discreet variant.');
    expect(text.getAttribute('aria-describedby')).toContain(warning.id);
  });

  it('says in the Swahili tab that {time} already says “saa”, and warns under the preview of “saa {time}”', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Reminder: the day before');
    const HINT = '{time} already says “saa …” (for example: saa 4:00 asubuhi): do not write “saa” before it.';
    const WARNING = 'This text has “saa {time}”: the patient would read “saa saa 4:00 asubuhi”. Take out the “saa” before {time}.';
    // English: {time} is "10:00", so "at {time}" is right and nothing is said.
    expect(within(form).queryByText(HINT)).toBeNull();

    await user.click(within(form).getByRole('tab', { name: 'Kiswahili' }));
    expect(within(form).getByText(HINT)).toBeTruthy();
    // The built-in text writes {time} alone: no warning.
    expect(within(form).queryByText(WARNING)).toBeNull();

    const text = box('Text in Kiswahili');
    await user.clear(text);
    await user.click(text);
    await user.paste('Habari {first_name}, miadi yako ni kesho SAA {time}.');
    const previews = () => [...form.querySelectorAll('.template-preview')].map((p) => p.textContent);
    expect(previews()[0]).toBe('Habari Amina, miadi yako ni kesho SAA saa 4:00 asubuhi.');
    const warning = within(form).getByText(WARNING);
    // Under the preview of that text, and read with the box.
    expect(warning.closest('.template-preview-block')?.querySelector('.template-preview')?.textContent).toBe(previews()[0]);
    expect(text.getAttribute('aria-describedby')?.split(' ')).toContain(warning.id);
    // The discreet text has no "saa {time}": only one warning.
    expect(within(form).getAllByText(WARNING)).toHaveLength(1);

    // Fixed: the warning goes.
    await user.clear(text);
    await user.paste('Habari {first_name}, miadi yako ni kesho {time}.');
    expect(within(form).queryByText(WARNING)).toBeNull();
    // "masaa {time}" is another word.
    await user.clear(text);
    await user.paste('Baada ya masaa {time}.');
    expect(within(form).queryByText(WARNING)).toBeNull();

    // Back in English, "saa {time}" is no Swahili and the hint goes.
    await user.click(within(form).getByRole('tab', { name: 'English' }));
    expect(within(form).queryByText(HINT)).toBeNull();
  });

  it('says the Swahili hint and warning in Swahili', async () => {
    setLanguage('sw');
    const { user } = renderTemplates();
    const list = await screen.findByRole('list', { name: 'Violezo' });
    await user.click(await within(list).findByRole('button', { name: /Kikumbusho: siku moja kabla/ }));
    const form = screen.getByRole('form', { name: /Kikumbusho: siku moja kabla/ });
    await user.click(within(form).getByRole('tab', { name: 'Kiswahili' }));
    expect(within(form).getByText('{time} tayari inasema “saa …” (kwa mfano: saa 4:00 asubuhi): usiandike “saa” kabla yake.')).toBeTruthy();
    const text = form.querySelector<HTMLTextAreaElement>('textarea[lang="sw"]')!;
    await user.clear(text);
    await user.click(text);
    await user.paste('Miadi yako ni kesho saa {time}.');
    expect(within(form).getByText('Maandishi haya yana “saa {time}”: mgonjwa atasoma “saa saa 4:00 asubuhi”. Ondoa “saa” iliyo kabla ya {time}.')).toBeTruthy();
  });

  it('shows an unknown field as an error at once, and Save does not call the backend', async () => {
    const { backend, user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    const text = box('Text in English');
    await user.clear(text);
    await user.type(text, 'Hello {{nmae}');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toMatch(/^\{nmae\} is not a merge field\. Use one of \{first_name\}, \{name\}/);
    expect(within(form).getByText('No preview until every field is a merge field.')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(backend.callsOf('templates.put')).toEqual([]);
    expect(document.activeElement).toBe(text);
  });

  it('saves a new template with an id made from its name, and only the languages written', async () => {
    const { backend, user } = renderTemplates();
    await screen.findByRole('list', { name: 'Templates' });
    await user.click(screen.getByRole('button', { name: 'New template' }));
    const form = screen.getByRole('form', { name: 'New template' });
    await user.type(within(form).getByLabelText('Name'), 'Clinic closed (Friday)');
    expect((within(form).getByLabelText('Id') as HTMLInputElement).value).toBe('clinic-closed-friday');
    await user.type(box('Text in English'), 'Hello {{first_name}, the clinic is closed on {{day}.');
    await user.click(within(form).getByRole('tab', { name: /Kiswahili/ }));
    await user.type(box('Text in Kiswahili'), 'Habari {{first_name}, kliniki imefungwa {{day}.');
    await user.type(box('Discreet text in Kiswahili'), 'Kliniki imefungwa {{day}.');
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    await waitFor(() =>
      expect(backend.callsOf('templates.put')).toEqual([
        {
          id: 'clinic-closed-friday',
          name: 'Clinic closed (Friday)',
          variants: { en: 'Hello {first_name}, the clinic is closed on {day}.', sw: 'Habari {first_name}, kliniki imefungwa {day}.' },
          discreetVariants: { sw: 'Kliniki imefungwa {day}.' },
          fallbackLanguage: 'en',
        },
      ]),
    );
    expect(await screen.findByText('Template “Clinic closed (Friday)” saved.')).toBeTruthy();
  });

  it('lets the person change the id, and refuses one another template has', async () => {
    const { backend, user } = renderTemplates();
    await screen.findByRole('list', { name: 'Templates' });
    await user.click(screen.getByRole('button', { name: 'New template' }));
    const form = screen.getByRole('form', { name: 'New template' });
    const id = within(form).getByLabelText('Id') as HTMLInputElement;
    await user.type(id, 'lab-results');
    await user.type(within(form).getByLabelText('Name'), 'Lab');
    expect(id.value).toBe('lab-results');
    await user.type(box('Text in English'), 'Hello');
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(within(form).getByText('Another template has this id: choose another.')).toBeTruthy();
    expect(document.activeElement).toBe(id);
    expect(backend.callsOf('templates.put')).toEqual([]);
  });

  it('places the backend’s issue under the language it names', async () => {
    const { backend, user } = renderTemplates({
      'templates.put': () => {
        throw new ValidationError([{ where: 'variants.sw', rule: 'unknown-field', message: '{jina} is not a merge field; use one of {first_name}.' }]);
      },
    });
    const form = await open(user, 'Reminder: the day before');
    expect(within(form).getByRole('tab', { name: 'English', selected: true })).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(backend.callsOf('templates.put')).toHaveLength(1));
    expect(backend.callsOf('templates.put')[0]).toMatchObject({ id: 'reminder-day-before', variants: DAY_BEFORE.variants, discreetVariants: DAY_BEFORE.discreetVariants });
    const sw = await within(form).findByRole('tab', { name: 'Kiswahili (has an error)', selected: true });
    expect(sw).toBeTruthy();
    const text = box('Text in Kiswahili');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toBe('{jina} is not a merge field; use one of {first_name}.');
    expect(document.activeElement).toBe(text);
    expect(box('Discreet text in Kiswahili').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('Templates: unsaved changes and the clinic’s name', () => {
  it('asks before another template replaces unsaved changes', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    await user.type(box('Text in English'), ' Bring your card.');
    await user.click(within(screen.getByRole('list', { name: 'Templates' })).getByRole('button', { name: /Reminder: on the day/ }));
    const dialog = screen.getByRole('dialog', { name: 'Discard your changes?' });
    expect(within(dialog).getByText('Your changes to “Lab results ready” are not saved.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(box('Text in English').value).toBe('Hello {first_name}, come to the clinic. Bring your card.');
    expect(form.isConnected).toBe(true);

    await user.click(within(screen.getByRole('list', { name: 'Templates' })).getByRole('button', { name: /Reminder: on the day/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    expect(screen.getByRole('form', { name: 'Edit “Reminder: on the day”' })).toBeTruthy();
  });

  it('starts a new template at its name', async () => {
    const { user } = renderTemplates();
    await screen.findByRole('list', { name: 'Templates' });
    await user.click(screen.getByRole('button', { name: 'New template' }));
    expect(document.activeElement).toBe(within(screen.getByRole('form', { name: 'New template' })).getByLabelText('Name'));
  });

  it('fills {clinic} with the clinic’s name, and says when it is not set', async () => {
    const { user } = renderTemplates();
    const form = await open(user, 'Lab results ready');
    await user.type(box('Text in English'), ' {{clinic}');
    expect(within(form).getByText("{clinic} would be empty: the clinic's name is not set in Settings. Set it there, or this text cannot be sent.")).toBeTruthy();
    act(() => useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi', clinicName: 'Mbagathi Health Centre' }));
    expect(form.querySelector('.template-preview')?.textContent).toBe('Hello Amina, come to the clinic. Mbagathi Health Centre');
  });
});

describe('Templates: reminder plans', () => {
  it('words the default plan’s steps, in Swahili with Swahili time', async () => {
    renderTemplates();
    const steps = await screen.findByRole('list', { name: 'Steps of Default' });
    await waitFor(() =>
      expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['1 day before at 09:00 — Reminder: the day before', 'On the day at 07:00 — Reminder: on the day']),
    );
    act(() => setLanguage('sw'));
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Hatua za Default' })).getAllByRole('listitem')[0]!.textContent).toBe('Siku 1 kabla, saa 3:00 asubuhi — Reminder: the day before'),
    );
  });

  it('edits a step and saves the plan with reminderPlans.put', async () => {
    const { backend, user } = renderTemplates();
    await screen.findByRole('list', { name: 'Steps of Default' });
    await user.click(screen.getByRole('button', { name: 'Edit the steps of Default' }));
    const step1 = screen.getByRole('group', { name: 'Step 1' });
    const at = within(step1).getByLabelText('At') as HTMLInputElement;
    await user.clear(at);
    await user.type(at, '08:30');
    await user.click(screen.getByRole('button', { name: 'Add a step' }));
    const step3 = screen.getByRole('group', { name: 'Step 3' });
    await user.selectOptions(within(step3).getByLabelText('When'), 'days-after-if-missed');
    await user.selectOptions(within(step3).getByLabelText('Template'), 'lab-results');
    await user.click(screen.getByRole('button', { name: 'Save plan' }));
    await waitFor(() =>
      expect(backend.callsOf('reminderPlans.put')).toEqual([
        {
          id: 'default',
          name: 'Default',
          services: [],
          steps: [
            { kind: 'days-before', days: 1, at: '08:30', template: 'reminder-day-before' },
            { kind: 'days-before', days: 0, at: '07:00', template: 'reminder-on-the-day' },
            { kind: 'days-after-if-missed', days: 1, at: '09:00', template: 'lab-results' },
          ],
        },
      ]),
    );
  });
});

describe('Templates: the longest expansion', () => {
  it('makes ids from names and measures the longest words a field can become', () => {
    expect(slugify('Rappel : la veille (ANC)')).toBe('rappel-la-veille-anc');
    expect(slugify('  Kumbusho — kesho! ')).toBe('kumbusho-kesho');
    const fr = longestValues('fr', 'Africa/Nairobi', Date.UTC(2026, 11, 3, 10));
    // August forces Unicode in French ("août"), so it is the date that counts.
    expect(fr.date).toBe('28 août');
    expect(longestExpansion('{first_name} {nmae}', fr)).toBe('Nyambura {nmae}');
    const sw = longestValues('sw', 'Africa/Nairobi', Date.UTC(2026, 11, 3, 10));
    expect(sw.time).toBe('saa 12:45 asubuhi');
  });
});
