/**
 * Clinic and reminders settings: the clinic's name ({clinic}), its time zone (null = the
 * computer's), the send window automated messages keep to, and the sensitive words the template
 * editor warns about; saved with the rest of the form, checked before anything is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

function updating(initial: SettingsDto) {
  let current = initial;
  return {
    'settings.get': () => current,
    'settings.update': (patch: Partial<SettingsDto>) => {
      current = { ...current, ...patch, ...(patch.timeZone !== undefined ? { clinicTimeZone: patch.timeZone ?? 'Africa/Nairobi' } : {}) };
      return current;
    },
  };
}

const SAVED: SettingsDto = {
  ...SETTINGS,
  clinicName: 'Kliniki ya Mama',
  timeZone: 'Africa/Kampala',
  clinicTimeZone: 'Africa/Kampala',
  sendWindow: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] },
  sensitiveWords: ['HIV', 'ARV', 'matokeo'],
};

const section = () => screen.findByRole('group', { name: 'Clinic and reminders' });
const windowGroup = () => screen.getByRole('group', { name: 'Hours for sending automated messages' });
const days = () => within(windowGroup()).getByRole('group', { name: 'Days' });
const clinicName = () => screen.getByRole('textbox', { name: 'Clinic name' }) as HTMLInputElement;
const timeZone = () => screen.getByRole('combobox', { name: 'Time zone' }) as HTMLSelectElement;
const from = () => within(windowGroup()).getByLabelText('From') as HTMLInputElement;
const to = () => within(windowGroup()).getByLabelText('To') as HTMLInputElement;
const day = (name: string) => within(days()).getByRole('checkbox', { name }) as HTMLInputElement;
const words = () => screen.getByRole('textbox', { name: 'Sensitive words' }) as HTMLTextAreaElement;
const save = () => screen.getByRole('button', { name: 'Save settings' });
const errorOf = (control: HTMLElement) => {
  const errorId = control.getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-error'));
  return errorId ? document.getElementById(errorId) : null;
};

describe('Settings: clinic and reminders', () => {
  it('shows the saved clinic name, time zone, send window and sensitive words', async () => {
    setupScreen(updating(SAVED)).render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(clinicName().value).toBe('Kliniki ya Mama'));
    expect(timeZone().value).toBe('Africa/Kampala');
    expect(timeZone().options[0]?.value).toBe('');
    expect(from().value).toBe('08:00');
    expect(to().value).toBe('18:00');
    expect(from().type).toBe('time');
    // Monday first; Saturday and Sunday unticked.
    expect(within(days()).getAllByRole('checkbox').map((b) => (b as HTMLInputElement).labels?.[0]?.textContent)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].every((d) => day(d).checked)).toBe(true);
    expect(day('Saturday').checked).toBe(false);
    expect(day('Sunday').checked).toBe(false);
    expect(words().value).toBe('HIV\nARV\nmatokeo');
    expect(screen.getByText(/^Used for \{clinic\} in reminder texts/)).toBeTruthy();
    expect(screen.getByText(/^One word or phrase per line .*The template editor warns/)).toBeTruthy();
  });

  it("offers the computer's zone first, named after the zone in use, and the runtime's zones", async () => {
    setupScreen(updating(SETTINGS)).render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(timeZone().value).toBe(''));
    expect(timeZone().selectedOptions[0]?.textContent).toBe("This computer's time zone (Africa/Nairobi)");
    const values = [...timeZone().options].map((o) => o.value);
    for (const zone of ['Africa/Nairobi', 'Africa/Kampala', 'Africa/Dar_es_Salaam', 'Africa/Lagos', 'Africa/Kinshasa', 'America/Port-au-Prince', 'UTC']) expect(values).toContain(zone);
  });

  it('sends exactly the changed name, zone, window and words in one settings.update', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await section();
    // Pasted, not typed key by key: each key re-renders the whole form with ~400 zones (slow on CI).
    await user.click(clinicName());
    await user.paste('  Kliniki ya Afya Mwanzo ');
    await user.selectOptions(timeZone(), 'Africa/Dar_es_Salaam');
    fireEvent.change(from(), { target: { value: '07:30' } });
    fireEvent.change(to(), { target: { value: '17:00' } });
    await user.click(day('Sunday'));
    await user.click(day('Saturday'));
    await user.clear(words());
    await user.paste('HIV, TB\n\n kaswende \nhiv\nvidonge vya ARV');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([
      {
        clinicName: 'Kliniki ya Afya Mwanzo',
        timeZone: 'Africa/Dar_es_Salaam',
        sendWindow: { start: '07:30', end: '17:00', days: [1, 2, 3, 4, 5] },
        sensitiveWords: ['HIV', 'TB', 'kaswende', 'vidonge vya ARV'],
      },
    ]);
    // The form shows what was saved; saving again changes nothing.
    expect(words().value).toBe('HIV\nTB\nkaswende\nvidonge vya ARV');
    expect(clinicName().value).toBe('Kliniki ya Afya Mwanzo');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');
    expect(h.callsOf('settings.update')).toHaveLength(1);
  });

  it("sends null for the computer's zone, and nothing for words only laid out differently", async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SAVED));
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(timeZone().value).toBe('Africa/Kampala'));
    // With a zone set, the computer's own is not known: the first choice does not name one.
    expect(timeZone().options[0]?.textContent).toBe("This computer's time zone");
    await user.clear(words());
    await user.type(words(), ' HIV ,ARV{Enter}{Enter}matokeo,');
    await user.selectOptions(timeZone(), '');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ timeZone: null }]);
  });

  it('refuses a "To" time that is not after "From", next to the window, and sends nothing', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await section();
    fireEvent.change(from(), { target: { value: '18:00' } });
    fireEvent.change(to(), { target: { value: '09:00' } });
    await user.click(save());
    const error = await within(windowGroup()).findByRole('alert');
    expect(error.textContent).toBe('The “To” time must be after the “From” time (the hours cannot cross midnight).');
    expect(to().getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(to())).toBe(error);
    expect(document.activeElement).toBe(to());
    expect(h.callsOf('settings.update')).toEqual([]);

    // Fixing it clears the error; the window is then saved.
    fireEvent.change(to(), { target: { value: '20:00' } });
    expect(within(windowGroup()).queryByRole('alert')).toBeNull();
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ sendWindow: { start: '18:00', end: '20:00', days: [0, 1, 2, 3, 4, 5, 6] } }]);
  });

  it('refuses a window with no day ticked and sends nothing', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SAVED));
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(day('Monday').checked).toBe(true));
    for (const name of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await user.click(day(name));
    await user.click(save());
    const error = await within(windowGroup()).findByRole('alert');
    expect(error.textContent).toBe('Tick at least one day.');
    expect(day('Monday').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(day('Monday'))).toBe(error);
    expect(document.activeElement).toBe(day('Monday'));
    expect(h.callsOf('settings.update')).toEqual([]);
  });

  it('refuses an empty time before asking the backend', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await section();
    fireEvent.change(from(), { target: { value: '' } });
    await user.click(save());
    expect((await within(windowGroup()).findByRole('alert')).textContent).toBe('Write both times, e.g. 08:00 and 19:00.');
    expect(document.activeElement).toBe(from());
    expect(h.callsOf('settings.update')).toEqual([]);
  });

  it('shows the backend refusing the send window next to it', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'settings.update': () => {
        throw new ValidationError([{ where: 'sendWindow.end', rule: 'window.order', message: 'The window must end after it starts (it cannot cross midnight).' }]);
      },
    });
    h.render(<SettingsScreen />);
    await section();
    fireEvent.change(to(), { target: { value: '20:00' } });
    await user.click(save());
    const error = await within(windowGroup()).findByRole('alert');
    expect(error.textContent).toBe('The window must end after it starts (it cannot cross midnight).');
    expect(to().getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(to())).toBe(error);
    expect(document.activeElement).toBe(to());
    expect(h.callsOf('settings.update')).toEqual([{ sendWindow: { start: '08:00', end: '20:00', days: [0, 1, 2, 3, 4, 5, 6] } }]);
    expect(screen.queryByText('Saved.')).toBeNull();
  });

  it('shows the backend refusing a word next to the words', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'settings.update': () => {
        throw new ValidationError([{ where: 'sensitiveWords.2', rule: 'word.tooLong', message: 'A word is at most 60 characters.' }]);
      },
    });
    h.render(<SettingsScreen />);
    await section();
    await user.type(words(), '{Enter}malaria');
    await user.click(save());
    await waitFor(() => expect(words().getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(words())?.textContent).toBe('A word is at most 60 characters.');
    expect(document.activeElement).toBe(words());
    expect(h.callsOf('settings.update')).toHaveLength(1);
  });

  it('speaks Swahili, weekday names included', async () => {
    setupScreen(updating(SAVED)).render(<SettingsScreen />);
    setLanguage('sw');
    expect(await screen.findByRole('group', { name: 'Kliniki na vikumbusho' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Jina la kliniki' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Saa za eneo' })).toBeTruthy();
    const hours = screen.getByRole('group', { name: 'Saa za kutuma ujumbe wa kiotomatiki' });
    expect(within(hours).getByLabelText('Kuanzia')).toBeTruthy();
    expect(within(hours).getByLabelText('Hadi')).toBeTruthy();
    expect(within(hours).getByRole('checkbox', { name: 'Jumatatu' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Maneno nyeti' })).toBeTruthy();
  });
});

describe("the language of patients' messages", () => {
  it('is its own choice, saved apart from the interface language, and can go back to following it', async () => {
    const user = userEvent.setup();
    const backend = setupScreen(updating(SAVED));
    backend.render(<SettingsScreen />);
    const choice = (await screen.findByRole('combobox', { name: "Language of patients' messages" })) as HTMLSelectElement;
    expect(choice.value).toBe('');
    expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual(['The interface language', 'English', 'Kiswahili', 'Français']);
    await user.selectOptions(choice, 'sw');
    await user.click(save());
    await waitFor(() => expect(backend.callsOf('settings.update')).toEqual([{ messageLanguage: 'sw' }]));
    // The interface language changes alone.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Interface language' }), 'en');
    await user.selectOptions(choice, '');
    await user.click(save());
    await waitFor(() => expect(backend.callsOf('settings.update').at(-1)).toEqual({ messageLanguage: null }));
  });
});
