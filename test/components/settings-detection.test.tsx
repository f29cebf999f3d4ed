/** Detection settings: "Use new modems automatically" and where detection looks (modemSearch; null = default). */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { useGateways } from '../../renderer/state/gateways.ts';
import { EMPTY_DISCOVERY, SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

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

const group = () => screen.findByRole('group', { name: 'Finding modems' });
const patterns = () => screen.getByRole('textbox', { name: 'Where to look for modems (one pattern per line)' }) as HTMLTextAreaElement;
const save = () => screen.getByRole('button', { name: 'Save settings' });

describe('Settings: finding modems', () => {
  it('turns automatic use off and saves only that', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    const box = within(await group()).getByRole('checkbox', { name: 'Use new modems automatically' }) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    await user.click(box);
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ autoAdoptModems: false }]);
  });

  it('shows the default patterns as the hint, saves one pattern a line, and "Use the default" sends null', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await group();
    expect(patterns().value).toBe('');
    expect(patterns().placeholder).toBe('/dev/ttyUSB*\n/dev/ttyACM*');
    expect(screen.getByText('Besides the ports the system lists. Empty: this computer\'s default (/dev/ttyUSB*, /dev/ttyACM*).')).toBeTruthy();
    expect(screen.getByText('The default is used.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Use the default' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(patterns(), '/dev/ttyUSB*{Enter}{Enter}  /dev/serial/by-id/usb-Huawei*  ');
    await user.click(save());
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(h.callsOf('settings.update')).toEqual([{ modemSearch: ['/dev/ttyUSB*', '/dev/serial/by-id/usb-Huawei*'] }]);
    expect(patterns().value).toBe('/dev/ttyUSB*\n/dev/serial/by-id/usb-Huawei*');

    await user.click(screen.getByRole('button', { name: 'Use the default' }));
    expect(patterns().value).toBe('');
    await user.click(save());
    await waitFor(() => expect(h.callsOf('settings.update')).toEqual([{ modemSearch: ['/dev/ttyUSB*', '/dev/serial/by-id/usb-Huawei*'] }, { modemSearch: null }]));
  });

  it('shows a pattern the contract refuses next to the field', async () => {
    const user = userEvent.setup();
    const h = setupScreen(updating(SETTINGS));
    h.render(<SettingsScreen />);
    await group();
    await user.type(patterns(), '/dev/tty\u0007USB*');
    await user.click(save());
    const error = await screen.findByText('A search pattern has no control characters.');
    expect(error.getAttribute('role')).toBe('alert');
    expect(patterns().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(patterns());
    expect(h.callsOf('settings.update')).toEqual([]);
  });

  it('says when UJUMBE_MODEM_SEARCH decides where to look for this run', async () => {
    const h = setupScreen(updating(SETTINGS));
    useGateways.setState({ discovery: { ...EMPTY_DISCOVERY, search: ['/dev/ttyS*'], searchFromEnvironment: true } });
    h.render(<SettingsScreen />);
    await group();
    expect(screen.getByText(/^For this run, UJUMBE_MODEM_SEARCH decides where to look: \/dev\/ttyS\*\./)).toBeTruthy();
  });
});
