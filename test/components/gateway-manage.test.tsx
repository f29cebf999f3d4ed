/** A saved modem is configuration — renamed, disabled and enabled, forgotten (after a confirm). */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import { NotFoundError, UjumbeError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { useGateways } from '../../renderer/state/gateways.ts';
import { EMAIL_SETTINGS } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const MODEM = gatewayView();
const card = (name: string) => screen.findByRole('article', { name });

describe('Gateways: rename a modem', () => {
  it('renames in place, keyboard first, and the card takes the new name', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.rename': ({ label }): GatewayView => ({ ...MODEM, label }),
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Rename' }));
    const field = within(article).getByRole('textbox', { name: 'Name of this modem' }) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe('Huawei E173');
    await user.clear(field);
    await user.type(field, 'Front desk Safaricom{Enter}');
    expect(await card('Front desk Safaricom')).toBe(article);
    expect(h.callsOf('gateways.rename')).toEqual([{ id: MODEM.id, label: 'Front desk Safaricom' }]);
    expect(within(article).queryByRole('textbox', { name: 'Name of this modem' })).toBeNull();
    expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Rename' }));
  });

  it('says what is wrong under the field, and Escape leaves the name as it was', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.rename': () => {
        throw new UjumbeError('not-supported', 'The demo modem cannot be renamed.');
      },
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Rename' }));
    const field = within(article).getByRole('textbox', { name: 'Name of this modem' });
    await user.clear(field);
    await user.click(within(article).getByRole('button', { name: 'Save name' }));
    expect(within(article).getByRole('alert').textContent).toBe('Write a name for this modem.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(h.callsOf('gateways.rename')).toEqual([]);

    await user.type(field, 'Ward 3');
    await user.click(within(article).getByRole('button', { name: 'Save name' }));
    expect((await within(article).findByRole('alert')).textContent).toBe('This gateway cannot do that.');
    await user.keyboard('{Escape}');
    expect(within(article).queryByRole('textbox', { name: 'Name of this modem' })).toBeNull();
    expect(within(article).getByRole('heading', { name: 'Huawei E173' })).toBeTruthy();
  });
});

describe('Gateways: disable and enable a modem', () => {
  it('disables a modem (it says so, with Enable), and enables it again', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.setEnabled': ({ enabled }): GatewayView =>
        enabled ? { ...MODEM, enabled: true } : { ...MODEM, enabled: false, state: 'stopped', problem: { code: 'disabled' } },
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Disable' }));
    expect(await within(article).findByText('Disabled')).toBeTruthy();
    expect(within(article).getByText(/This modem is disabled: its port stays closed/)).toBeTruthy();
    // Not a fault: no alert, and no Start button on a modem that is off on purpose.
    expect(within(article).queryByRole('alert')).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Start' })).toBeNull();

    await user.click(within(article).getByRole('button', { name: 'Enable' }));
    expect(await within(article).findByText('Working')).toBeTruthy();
    expect(h.callsOf('gateways.setEnabled')).toEqual([
      { id: MODEM.id, enabled: false },
      { id: MODEM.id, enabled: true },
    ]);
  });

  it('says why it could not be disabled', async () => {
    const user = userEvent.setup();
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.setEnabled': () => {
        throw new NotFoundError('gateway', MODEM.id);
      },
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Disable' }));
    expect((await within(article).findByRole('alert')).textContent).toBe('The modem could not be disabled: It is not there any more: it may have been removed meanwhile.');
  });
});

describe('Gateways: Stop is not Disable', () => {
  it('says what Stop and Disable each do, and why a stopped modem is stopped', async () => {
    const user = userEvent.setup();
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.stop': (): GatewayView => ({ ...MODEM, state: 'stopped' }),
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    const stop = within(article).getByRole('button', { name: 'Stop' });
    const disable = within(article).getByRole('button', { name: 'Disable' });
    const description = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(description(stop)).toBe('Stop pauses this modem until you press Start or Ujumbe restarts.');
    expect(description(disable)).toBe('Disable keeps it off, even after a restart, until you press Enable.');
    expect(within(article).queryByText(/^Stopped by you/)).toBeNull();

    await user.click(stop);
    expect(await within(article).findByText('Stopped by you: press Start to send from this modem again.')).toBeTruthy();
    expect(within(article).getByText('Stopped')).toBeTruthy();
  });
});

describe('Gateways: forget a modem', () => {
  it('asks first, saying detection will not use it again and how to bring it back; Cancel keeps it', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => [MODEM], 'gateways.forget': ({ id }) => ({ id }) });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Forget this modem' }));
    const dialog = screen.getByRole('dialog', { name: 'Forget Huawei E173?' });
    expect(within(dialog).getByText(/Detection will not use this modem again, even when it is plugged in\./)).toBeTruthy();
    expect(within(dialog).getByText('To use it again later, choose “Add by port name”.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(h.callsOf('gateways.forget')).toEqual([]);
    expect(document.activeElement).toBe(within(article).getByRole('button', { name: 'Forget this modem' }));

    await user.click(within(article).getByRole('button', { name: 'Forget this modem' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Huawei E173' })).toBeNull());
    expect(h.callsOf('gateways.forget')).toEqual([{ id: MODEM.id }]);
    expect(useGateways.getState().gateways).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Gateways' }));
    expect(await screen.findByText('Huawei E173 is forgotten.')).toBeTruthy();
    // With no modem left, the screen says how one is found again.
    expect(await screen.findByText('No modem yet — plug in a USB GSM modem')).toBeTruthy();
  });

  it('puts the keyboard on the screen heading even when gateway.removed comes before the answer (as the backend sends it)', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.forget': ({ id }) => {
        h.emit('gateway.removed', { id });
        return { id };
      },
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Forget this modem' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Huawei E173' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Gateways' })));
    expect(await screen.findByText('Huawei E173 is forgotten.')).toBeTruthy();
  });

  it('keeps the dialog open with the reason when forgetting fails', async () => {
    const user = userEvent.setup();
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [MODEM],
      'gateways.forget': () => {
        throw new UjumbeError('disconnected', 'gone');
      },
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Forget this modem' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Forget' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The connection to Ujumbe was lost. Try again when it is back.');
    expect(screen.getByRole('article', { name: 'Huawei E173' })).toBeTruthy();
  });

  it('follows gateway.added and gateway.removed events', async () => {
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS, 'gateways.list': () => [MODEM] });
    h.render(<GatewaysScreen />);
    await card('Huawei E173');
    h.emit('gateway.added', gatewayView({ id: 'modem:861234567890123', label: 'Huawei E3131', detail: { port: '/dev/ttyUSB4', model: 'E3131' } }));
    expect(await card('Huawei E3131')).toBeTruthy();
    h.emit('gateway.removed', { id: MODEM.id });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Huawei E173' })).toBeNull());
    expect(screen.getByRole('article', { name: 'Huawei E3131' })).toBeTruthy();
  });
});
