import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { EMAIL_SETTINGS } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const card = (name: string | RegExp) => screen.findByRole('article', { name });

describe('Gateways: a modem card', () => {
  it('shows the modem, its signal as bars with words, and starts and stops it', async () => {
    const user = userEvent.setup();
    const modem = gatewayView();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [modem],
      'gateways.stop': () => ({ ...modem, state: 'stopped' }),
      'gateways.start': () => ({ ...modem, state: 'running' }),
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('img', { name: 'Signal 4 of 5' })).toBeTruthy();
    expect(within(article).getByText('\u221273 dBm')).toBeTruthy();
    for (const text of ['/dev/ttyUSB2', '356789012345678', 'Safaricom', 'registered (home network)', 'ready', '3 messages', '42 messages', 'Working']) {
      expect(within(article).getByText(text)).toBeTruthy();
    }
    expect((within(article).getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(article).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(within(article).getByText('Stopped')).toBeTruthy());
    expect(h.callsOf('gateways.stop')).toEqual([{ id: 'modem:/dev/ttyUSB2' }]);
    await user.click(within(article).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(within(article).getByText('Working')).toBeTruthy());
    expect(h.callsOf('gateways.start')).toEqual([{ id: 'modem:/dev/ttyUSB2' }]);
  });

  it('follows gateway.status events live', async () => {
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView()] });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    h.emit('gateway.status', gatewayView({ state: 'disconnected', problem: 'The modem was unplugged. Plug it in again; Ujumbe will reconnect by itself.', detail: { signalBars: 1, signalDbm: -107 } }));
    expect((await within(article).findByRole('alert')).textContent).toBe('The modem was unplugged. Plug it in again; Ujumbe will reconnect by itself.');
    expect(within(article).getByRole('img', { name: 'Signal 1 of 5' })).toBeTruthy();
    expect(within(article).getByText('\u2212107 dBm')).toBeTruthy();
    expect(within(article).getByText('Disconnected')).toBeTruthy();
  });

  it('asks for the SIM PIN when the SIM needs it, checks it, and sends it once', async () => {
    const user = userEvent.setup();
    const locked: GatewayView = gatewayView({ state: 'error', problem: 'The SIM card needs its PIN. Enter the PIN in the gateway settings.', detail: { sim: 'needs its PIN', operator: null, signalBars: null, signalDbm: null } });
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [locked], 'gateways.enterPin': () => gatewayView() });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('alert').textContent).toBe('The SIM card needs its PIN. Enter the PIN in the gateway settings.');
    expect(within(article).getByText('Not measured yet')).toBeTruthy();
    const pin = within(article).getByRole('textbox', { name: 'SIM PIN' });
    expect(within(article).getByText('A wrong PIN is not retried automatically: three wrong PINs lock the SIM.')).toBeTruthy();

    await user.type(pin, '12');
    await user.click(within(article).getByRole('button', { name: 'Unlock the SIM' }));
    expect(within(article).getByText('A SIM PIN is 4 to 8 digits.').getAttribute('role')).toBe('alert');
    expect(h.callsOf('gateways.enterPin')).toHaveLength(0);

    await user.type(pin, '34');
    await user.click(within(article).getByRole('button', { name: 'Unlock the SIM' }));
    await waitFor(() => expect(h.callsOf('gateways.enterPin')).toEqual([{ id: 'modem:/dev/ttyUSB2', pin: '1234' }]));
    await waitFor(() => expect(within(article).queryByRole('textbox', { name: 'SIM PIN' })).toBeNull());
    expect(within(article).queryByRole('alert')).toBeNull();
  });

  it('offers no PIN form for a PUK-locked SIM', async () => {
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView({ state: 'error', problem: 'The SIM card is locked. It needs its PUK code from the network operator.', detail: { sim: 'locked (needs the PUK code)' } })],
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('alert').textContent).toMatch(/PUK/);
    expect(within(article).queryByRole('textbox', { name: 'SIM PIN' })).toBeNull();
  });

  it('sends a test SMS to a checked number and shows the result', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView()],
      'gateways.testSms': (p) => ({ messageId: 12, recipients: [{ id: 30, address: p.to, status: 'outbox' }], sms: { encoding: 'gsm7', segments: 1 } }),
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    const to = within(article).getByRole('textbox', { name: 'Phone number for the test' });
    await user.type(to, '0712 34');
    await user.click(within(article).getByRole('button', { name: 'Send a test SMS' }));
    expect((await within(article).findByRole('alert')).textContent).toMatch(/not a valid phone number/);
    expect(h.callsOf('gateways.testSms')).toHaveLength(0);

    await user.clear(to);
    await user.type(to, '0712 345 678');
    await user.click(within(article).getByRole('button', { name: 'Send a test SMS' }));
    expect((await within(article).findByRole('status')).textContent).toBe('Test SMS queued for +254712345678 (message 12). The Outbox shows when it is sent.');
    expect(h.callsOf('gateways.testSms')).toEqual([{ id: 'modem:/dev/ttyUSB2', to: '+254712345678' }]);
  });

  it('shows a failed start next to the card', async () => {
    const user = userEvent.setup();
    const modem = gatewayView({ state: 'stopped' });
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [modem],
      'gateways.start': () => {
        throw new UjumbeError('port-busy', 'Another program is using /dev/ttyUSB2.');
      },
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    await user.click(within(article).getByRole('button', { name: 'Start' }));
    expect((await within(article).findByRole('alert')).textContent).toBe('The gateway could not be started: Another program is using /dev/ttyUSB2.');
  });
});

describe('Gateways: no modem', () => {
  it('says so, offers the demo modem, shows why it failed, then labels the demo card', async () => {
    const user = userEvent.setup();
    let available = false;
    const demo = gatewayView({ id: 'demo', demo: true, detail: { port: 'demo', manufacturer: 'Ujumbe', model: 'Simulator' } });
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => [],
      'gateways.startDemo': () => {
        if (!available) throw new UjumbeError('demo-unavailable', 'The demo modem is not part of this installation.');
        return demo;
      },
    });
    h.render(<GatewaysScreen />);
    expect(await screen.findByText('No modem found — plug in a USB GSM modem')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use the demo modem' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The demo modem could not be started: The demo modem is not part of this installation.');

    available = true;
    await user.click(screen.getByRole('button', { name: 'Use the demo modem' }));
    const article = await card('Demo modem — sends nothing real');
    expect(within(article).getByText('The demo modem only pretends to send it.')).toBeTruthy();
    expect(screen.queryByText('No modem found — plug in a USB GSM modem')).toBeNull();
    expect(h.callsOf('gateways.startDemo')).toHaveLength(2);
  });

  it('says why the list failed and tries again', async () => {
    const user = userEvent.setup();
    let fail = true;
    setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'gateways.list': () => {
        if (fail) throw new Error('The backend is starting.');
        return [gatewayView()];
      },
    }).render(<GatewaysScreen />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The gateways could not be listed: The backend is starting\./);
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await card('Huawei E173')).toBeTruthy();
  });
});
