/** Modem settings: the multipart wait, the balance check's USSD code and rejecting calls. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

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

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const MINUTES = 'Wait for the rest of a long SMS (minutes)';
const USSD = 'Balance check code (USSD)';

describe('Settings: modem fields', () => {
  it('shows the saved wait and USSD code and saves only what changed', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating({ ...SETTINGS, multipartTimeoutMinutes: 10, ussdBalanceCode: '*100#' }));
    h.render(<SettingsScreen />);
    await waitFor(() => expect(field(MINUTES).value).toBe('10'));
    expect(field(USSD).value).toBe('*100#');
    expect(field(USSD).getAttribute('aria-describedby')).toBeTruthy();

    await user.clear(field(MINUTES));
    await user.type(field(MINUTES), '30');
    await user.clear(field(USSD));
    await user.type(field(USSD), ' *144# ');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ multipartTimeoutMinutes: 30, ussdBalanceCode: '*144#' }]);
    expect(field(USSD).value).toBe('*144#');
  });

  it('turns call rejection off and on', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating({ ...SETTINGS, rejectCalls: true }));
    h.render(<SettingsScreen />);
    const box = (await screen.findByRole('checkbox', { name: 'Reject incoming calls' })) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ rejectCalls: false }]);
  });

  it('refuses a wait that is not 1 to 1440 whole minutes and a code that is not USSD, before any call', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await waitFor(() => expect(field(MINUTES).value).toBe('10'));
    await user.clear(field(MINUTES));
    await user.type(field(MINUTES), '0');
    await user.clear(field(USSD));
    await user.type(field(USSD), 'balance');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Write a whole number of minutes from 1 to 1440.')).toBeTruthy();
    expect(screen.getByText('A USSD code is made of digits, * and #, e.g. *100#.')).toBeTruthy();
    expect(field(MINUTES).getAttribute('aria-invalid')).toBe('true');
    expect(field(USSD).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field(MINUTES));
    expect(h.callsOf('settings.update')).toEqual([]);
  });
});
