import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { i18next, setLanguage } from '../../renderer/i18n/index.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const selectedText = (name: string) => select(name).selectedOptions[0]?.textContent;

function updating(initial: SettingsDto) {
  let current = initial;
  return {
    'settings.get': () => current,
    'settings.update': (patch: Partial<SettingsDto> & { modemPin?: string | null }) => {
      const { modemPin, ...rest } = patch;
      current = { ...current, ...rest, ...(modemPin !== undefined ? { modemPinSet: modemPin !== null } : {}) };
      return current;
    },
  };
}

describe('Settings', () => {
  it('shows the saved settings and saves only what changed', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await waitFor(() => expect(selectedText('Default country for phone numbers')).toBe('Kenya'));
    expect(selectedText('Most SMS parts per message')).toBe('10 parts');
    expect((screen.getByRole('checkbox', { name: 'Ask for delivery reports' }) as HTMLInputElement).checked).toBe(true);
    const recommended = screen.getByRole('radio', { name: 'Send again and mark as possible duplicate (recommended: a missed reminder is worse than a duplicate)' }) as HTMLInputElement;
    expect(recommended.checked).toBe(true);
    expect(selectedText('Interface language')).toBe('English');

    await user.selectOptions(select('Default country for phone numbers'), 'Tanzania');
    await user.selectOptions(select('Most SMS parts per message'), '5 parts');
    await user.click(screen.getByRole('checkbox', { name: 'Ask for delivery reports' }));
    await user.click(screen.getByRole('radio', { name: 'Mark as failed and ask me' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ defaultCountry: 'TZ', maxSmsParts: 5, statusReports: false, crashRecovery: 'fail-and-ask' }]);
    // Compose checks numbers with the new country at once.
    expect(useSettings.getState().protocol).toEqual({ defaultCountry: 'TZ', maxSmsParts: 5 });
  });

  it('shows a refused field next to it, and a bad PIN before asking the backend', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'settings.update': () => {
        throw new ValidationError([{ where: 'defaultCountry', rule: 'country.unsupported', message: 'Ujumbe has no phone number rules for this country.' }]);
      },
    });
    h.render(<SettingsScreen />);
    const pin = await screen.findByLabelText('SIM PIN for the modem');
    await user.type(pin, '12');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A SIM PIN is 4 to 8 digits.');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(h.callsOf('settings.update')).toHaveLength(0);

    await user.type(pin, '34');
    await user.selectOptions(select('Default country for phone numbers'), 'Uganda');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const country = select('Default country for phone numbers');
    await waitFor(() => expect(country.getAttribute('aria-invalid')).toBe('true'));
    const errorId = country.getAttribute('aria-describedby')!.split(' ').find((x) => x.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('Ujumbe has no phone number rules for this country.');
    expect(document.getElementById(errorId)?.getAttribute('role')).toBe('alert');
    expect(h.callsOf('settings.update')).toEqual([{ defaultCountry: 'UG', modemPin: '1234' }]);
    expect(screen.queryByText('Saved.')).toBeNull();
  });

  it('says a PIN is saved without showing it, and can clear it', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating({ ...SETTINGS, modemPinSet: true }));
    h.render(<SettingsScreen />);
    expect(await screen.findByText('Saved: a SIM PIN is stored.')).toBeTruthy();
    expect(screen.queryByLabelText('SIM PIN for the modem')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear the saved PIN' }));
    expect(screen.getByText('The stored PIN will be removed when you save.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(h.callsOf('settings.update')).toEqual([{ modemPin: null }]));
    expect(await screen.findByLabelText('SIM PIN for the modem')).toBeTruthy();
    expect(screen.queryByText('Saved: a SIM PIN is stored.')).toBeNull();
  });

  it('switches the interface language when it is saved', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await waitFor(() => expect(selectedText('Interface language')).toBe('English'));
    await user.selectOptions(select('Interface language'), 'Kiswahili');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(i18next.language).toBe('sw'));
    expect(h.callsOf('settings.update')).toEqual([{ language: 'sw' }]);
  });

  it('says why the settings could not be loaded', async () => {
    const user = userEvent.setup();
    let fail = true;
    setupScreen({
      'settings.get': () => {
        if (fail) throw new Error('The database is locked.');
        return SETTINGS;
      },
    }).render(<SettingsScreen />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The settings could not be loaded: The database is locked\./);
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Save settings' })).toBeTruthy();
  });
});
