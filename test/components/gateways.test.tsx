import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UjumbeError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { EMAIL_SETTINGS, STORAGE_OK } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const card = (name: string | RegExp) => screen.findByRole('article', { name });
const ID = gatewayView().id;

describe('Gateways: a modem card', () => {
  it('shows the modem by its label, its details worded from codes, and starts and stops it', async () => {
    const user = userEvent.setup();
    const modem = gatewayView({ label: 'Front desk' });
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [modem],
      'gateways.stop': () => ({ ...modem, state: 'stopped' }),
      'gateways.start': () => ({ ...modem, state: 'running' }),
    });
    h.render(<GatewaysScreen />);
    const article = await card('Front desk');
    expect(within(article).getByRole('img', { name: 'Signal 4 of 5' })).toBeTruthy();
    expect(within(article).getByText('\u221273 dBm')).toBeTruthy();
    for (const text of ['/dev/ttyUSB2', 'Huawei E173', '356789012345678', 'Safaricom', 'registered (home network)', 'ready', '3 messages', '42 messages', 'Working']) {
      expect(within(article).getByText(text)).toBeTruthy();
    }
    expect((within(article).getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(article).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(within(article).getByText('Stopped')).toBeTruthy());
    expect(h.callsOf('gateways.stop')).toEqual([{ id: ID }]);
    await user.click(within(article).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(within(article).getByText('Working')).toBeTruthy());
    expect(h.callsOf('gateways.start')).toEqual([{ id: ID }]);
  });

  it('follows gateway.status events live and words the problem code', async () => {
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView()] });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    h.emit('gateway.status', gatewayView({ state: 'disconnected', problem: { code: 'unplugged' }, detail: { signalBars: 1, signalDbm: -107, registration: 'searching' } }));
    expect((await within(article).findByRole('alert')).textContent).toBe('The modem was unplugged. Plug it in again; Ujumbe will reconnect by itself.');
    expect(within(article).getByText('Disconnected')).toBeTruthy();
    // What the modem said last is not shown as the state of things while it is unplugged.
    expect(within(article).queryByRole('img', { name: /Signal/ })).toBeNull();
    expect(within(article).queryByText('looking for the network…')).toBeNull();
    expect(within(article).queryByText('Safaricom')).toBeNull();
    expect(within(article).getAllByText('Not known while the modem is not connected')).toHaveLength(4);
    h.emit('gateway.status', gatewayView({ detail: { signalBars: 1, signalDbm: -107, registration: 'searching' } }));
    expect(await within(article).findByRole('img', { name: 'Signal 1 of 5' })).toBeTruthy();
    expect(within(article).getByText('\u2212107 dBm')).toBeTruthy();
    expect(within(article).getByText('looking for the network…')).toBeTruthy();
  });

  it('shows no "Last error" row while there is none, and the error when there is one', async () => {
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView({ lastError: null })] });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).queryByText('Last error')).toBeNull();
    expect(within(article).queryByText('None')).toBeNull();
    h.emit('gateway.status', gatewayView({ lastError: 'The network refused the message.' }));
    expect(await within(article).findByText('Last error')).toBeTruthy();
    expect(within(article).getByText('The network refused the message.')).toBeTruthy();
  });

  it('names the program that holds a busy port when the backend knows it', async () => {
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView({ state: 'disconnected', problem: { code: 'port-busy', values: { program: 'ModemManager' } } })],
    }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('alert').textContent).toBe("Another program holds the modem's port: ModemManager. Close it, or tell it to leave the modem alone.");
  });

  it('asks for the SIM PIN when the SIM needs it, checks it, and sends it once', async () => {
    const user = userEvent.setup();
    const locked = gatewayView({ state: 'error', problem: { code: 'sim-pin' }, detail: { sim: 'pin-required', operator: null, signalBars: null, signalDbm: null } });
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [locked], 'gateways.enterPin': () => gatewayView() });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('alert').textContent).toBe('The SIM card needs its PIN.');
    expect(within(article).getByText('needs its PIN')).toBeTruthy();
    expect(within(article).getByText('Not measured yet')).toBeTruthy();
    const pin = within(article).getByRole('textbox', { name: 'SIM PIN' });
    expect(within(article).getByText('A wrong PIN is not retried automatically: three wrong PINs lock the SIM.')).toBeTruthy();

    await user.type(pin, '12');
    await user.click(within(article).getByRole('button', { name: 'Unlock the SIM' }));
    expect(within(article).getByText('A SIM PIN is 4 to 8 digits.').getAttribute('role')).toBe('alert');
    expect(h.callsOf('gateways.enterPin')).toHaveLength(0);

    await user.type(pin, '34');
    await user.click(within(article).getByRole('button', { name: 'Unlock the SIM' }));
    await waitFor(() => expect(h.callsOf('gateways.enterPin')).toEqual([{ id: ID, pin: '1234' }]));
    await waitFor(() => expect(within(article).queryByRole('textbox', { name: 'SIM PIN' })).toBeNull());
    expect(within(article).queryByRole('alert')).toBeNull();
  });

  it('offers the PIN form again after the SIM refused a PIN, but none for a PUK-locked SIM', async () => {
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView({ state: 'error', problem: { code: 'sim-pin-rejected' }, detail: { sim: 'pin-required' } })],
    });
    h.render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('textbox', { name: 'SIM PIN' })).toBeTruthy();
    h.emit('gateway.status', gatewayView({ state: 'error', problem: { code: 'sim-puk' }, detail: { sim: 'puk-required' } }));
    await waitFor(() => expect(within(article).getByRole('alert').textContent).toBe('The SIM card is locked. It needs its PUK code from the network operator.'));
    expect(within(article).getByText('locked (needs the PUK code)')).toBeTruthy();
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
    expect(h.callsOf('gateways.testSms')).toEqual([{ id: ID, to: '+254712345678' }]);
  });

  it('shows a failed start next to the card, worded from the error code', async () => {
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
    expect((await within(article).findByRole('alert')).textContent).toBe(
      'The gateway could not be started: Another program holds the modem\'s port (often ModemManager, or another Ujumbe). \u201cCheck this computer\u201d says which.',
    );
  });

  it('says so when the daily cap is reached, from the flag and the cap', async () => {
    setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView({ dailyCap: 200, sentToday: 200, dailyCapReached: true })] }).render(<GatewaysScreen />);
    const article = await card('Huawei E173');
    expect(within(article).getByRole('status').textContent).toBe('Daily limit of 200 reached; sending resumes tomorrow');
  });
});

describe('Gateways: no modem', () => {
  it('says detection uses a plugged-in modem by itself, offers the demo modem where the host has it, and labels the demo card', async () => {
    const user = userEvent.setup();
    let available = false;
    const demo = gatewayView({ id: 'demo', label: 'Demo', demo: true, saved: false, detail: { port: 'demo', manufacturer: 'Ujumbe', model: 'Simulator' } });
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'email.getSettings': () => EMAIL_SETTINGS,
      'app.info': () => ({ version: '1', host: 'headless', dataDir: '/tmp', demo: false, demoAvailable: true, storage: STORAGE_OK }),
      'gateways.list': () => [],
      'gateways.startDemo': () => {
        if (!available) throw new UjumbeError('demo-unavailable', 'The demo modem is not part of this installation.');
        return demo;
      },
    });
    h.render(<GatewaysScreen />);
    expect(await screen.findByText('No modem yet — plug in a USB GSM modem')).toBeTruthy();
    expect(await screen.findByText('Plug in a USB modem with its SIM card in: Ujumbe looks for it and uses it by itself.')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Use the demo modem' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The demo modem could not be started: The demo modem is not part of this installation.');

    available = true;
    await user.click(screen.getByRole('button', { name: 'Use the demo modem' }));
    const article = await card('Demo modem — sends nothing real');
    expect(within(article).getByText('The demo modem only pretends to send it.')).toBeTruthy();
    // The demo is not saved configuration: nothing to rename, disable or forget.
    expect(within(article).queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Forget this modem' })).toBeNull();
    expect(screen.queryByText('No modem yet — plug in a USB GSM modem')).toBeNull();
    expect(h.callsOf('gateways.startDemo')).toHaveLength(2);
  });

  it('offers no demo modem where the host cannot start one, and says a modem will be offered when automatic use is off', async () => {
    setupScreen({
      'settings.get': () => ({ ...SETTINGS, autoAdoptModems: false }),
      'email.getSettings': () => EMAIL_SETTINGS,
      'app.info': () => ({ version: '1', host: 'headless', dataDir: '/tmp', demo: false, demoAvailable: false, storage: STORAGE_OK }),
      'gateways.list': () => [],
    }).render(<GatewaysScreen />);
    expect(await screen.findByText(/Ujumbe looks for it and shows it here\. Then choose “Use this modem”\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use the demo modem' })).toBeNull();
    expect(screen.queryByText(/finds the modem by itself/)).toBeNull();
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
