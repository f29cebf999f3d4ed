/**
 * Settings "Replies": the opt-out and opt-in words, typed one a line or comma separated, saved
 * with the form like the sensitive words; an empty opt-out list is refused before saving.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
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
      current = { ...current, ...patch };
      return current;
    },
  };
}

const SAVED: SettingsDto = { ...SETTINGS, optOutWords: ['STOP', 'SIMAMA'], optInWords: ['START', 'ANZA'] };

const section = () => screen.findByRole('group', { name: 'Replies' });
const optOut = () => screen.getByRole('textbox', { name: 'Opt-out words' }) as HTMLTextAreaElement;
const optIn = () => screen.getByRole('textbox', { name: 'Opt-in words' }) as HTMLTextAreaElement;
const save = () => screen.getByRole('button', { name: 'Save settings' });
const errorOf = (control: HTMLElement) => {
  const errorId = control.getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-error'));
  return errorId ? document.getElementById(errorId) : null;
};
const hintOf = (control: HTMLElement) => {
  const hintId = control.getAttribute('aria-describedby')?.split(' ').find((x) => x.endsWith('-hint'));
  return hintId ? document.getElementById(hintId)?.textContent : null;
};

describe('Settings: replies', () => {
  it('shows the saved opt-out and opt-in words, one a line, with what they do', async () => {
    setupScreen(updating(SAVED)).render(<SettingsScreen />);
    const replies = await section();
    await waitFor(() => expect(optOut().value).toBe('STOP\nSIMAMA'));
    expect(optIn().value).toBe('START\nANZA');
    expect(within(replies).getAllByRole('textbox')).toHaveLength(2);
    expect(hintOf(optOut())).toMatch(/A reply that is exactly one of these words, in any case, opts the number out/);
    expect(hintOf(optIn())).toMatch(/opts the number back in/);
  });

  it('sends the changed lists, trimmed and without repeats, then nothing when saved again', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SAVED));
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(optOut().value).toBe('STOP\nSIMAMA'));
    await user.clear(optOut());
    await user.type(optOut(), 'STOP, acha{Enter}{Enter} simama {Enter}stop');
    await user.clear(optIn());
    await user.type(optIn(), 'START,RUDI');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ optOutWords: ['STOP', 'acha', 'simama'], optInWords: ['START', 'RUDI'] }]);
    expect(optOut().value).toBe('STOP\nacha\nsimama');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');
    expect(h.callsOf('settings.update')).toHaveLength(1);
  });

  it('sends nothing for the same words laid out differently, and may empty the opt-in list', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SAVED));
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(optOut().value).toBe('STOP\nSIMAMA'));
    await user.clear(optOut());
    await user.type(optOut(), ' STOP ,SIMAMA,{Enter}');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Nothing has changed.');
    await user.clear(optIn());
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ optInWords: [] }]);
  });

  it('refuses an empty opt-out list next to it and sends nothing', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SAVED));
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(optOut().value).toBe('STOP\nSIMAMA'));
    await user.clear(optOut());
    await user.type(optOut(), ' ,{Enter} ');
    await user.click(save());
    await waitFor(() => expect(optOut().getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(optOut())?.textContent).toBe('Keep at least one opt-out word, such as STOP.');
    expect(document.activeElement).toBe(optOut());
    expect(h.callsOf('settings.update')).toEqual([]);
    // Typing clears the error; the list is then saved.
    await user.type(optOut(), 'STOP');
    expect(optOut().getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the backend refusing an opt-out word next to the opt-out words', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SAVED,
      'settings.update': () => {
        throw new ValidationError([{ where: 'optOutWords.2', rule: 'word.both', message: 'START is also an opt-in word.' }]);
      },
    });
    h.render(<SettingsScreen />);
    await section();
    await waitFor(() => expect(optOut().value).toBe('STOP\nSIMAMA'));
    await user.type(optOut(), '{Enter}START');
    await user.click(save());
    await waitFor(() => expect(optOut().getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(optOut())?.textContent).toBe('START is also an opt-in word.');
    expect(optIn().getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(optOut());
  });

  it('speaks Swahili', async () => {
    setupScreen(updating(SAVED)).render(<SettingsScreen />);
    setLanguage('sw');
    expect(await screen.findByRole('group', { name: 'Majibu' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Maneno ya kujiondoa' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Maneno ya kurudi' })).toBeTruthy();
  });
});
