/**
 * "Start Ujumbe when this computer starts" on the Settings screen (issue 11): a checkbox, on by
 * default, saved as `startAtLogin`; in the headless host the hint says it does nothing there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AppInfo, SettingsDto } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';
import { STORAGE_OK } from './harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const LABEL = 'Start Ujumbe when this computer starts';
const info = (host: AppInfo['host']): AppInfo => ({ version: '0.1.0', host, dataDir: '/tmp', demo: false, demoAvailable: false, storage: STORAGE_OK });

function updating(initial: SettingsDto) {
  let current = initial;
  return {
    'settings.get': () => current,
    'settings.update': (patch: Partial<SettingsDto>) => (current = { ...current, ...patch }),
  };
}

const hintOf = (box: HTMLElement) => document.getElementById(box.getAttribute('aria-describedby')!.split(' ').find((x) => x.endsWith('-hint'))!)?.textContent;

describe('Start at login', () => {
  it('is a checkbox, on by default, that saves only startAtLogin; the hint says it is the desktop app’s', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...updating(SETTINGS), 'app.info': () => info('electron') });
    h.render(<SettingsScreen />);
    const box = (await screen.findByRole('checkbox', { name: LABEL })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await waitFor(() => expect(h.callsOf('app.info').length).toBeGreaterThan(0));
    expect(hintOf(box)).toBe('The desktop app opens in the tray when you log in, so scheduled messages and reminders go at their time even if nobody opens Ujumbe.');

    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ startAtLogin: false }]);
    expect((screen.getByRole('checkbox', { name: LABEL }) as HTMLInputElement).checked).toBe(false);
  });

  it('says, in the headless host, that the setting is kept for the desktop app but does nothing here', async () => {
    setupScreen({ ...updating(SETTINGS), 'app.info': () => info('headless') }).render(<SettingsScreen />);
    const box = await screen.findByRole('checkbox', { name: LABEL });
    await waitFor(() => expect(hintOf(box)).toContain('the setting is saved for the desktop app but does nothing here'));
  });

  it('is worded in Swahili', async () => {
    const h = setupScreen({ ...updating({ ...SETTINGS, startAtLogin: false }), 'app.info': () => info('electron') });
    setLanguage('sw');
    h.render(<SettingsScreen />);
    const box = (await screen.findByRole('checkbox', { name: 'Anzisha Ujumbe kompyuta inapowaka' })) as HTMLInputElement;
    expect(box.checked).toBe(false);
  });
});
