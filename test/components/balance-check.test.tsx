/** "Check balance" on a modem card (gateways.checkBalance, the ussdBalanceCode setting). */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BalanceCheckDto } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { SETTINGS, emailView, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const card = () => screen.findByRole('article', { name: 'Huawei E173' });

describe('Gateways: balance check', () => {
  it('asks the network, shows it is busy meanwhile, then the decoded answer under the button', async () => {
    const user = userEvent.setup();
    let answer: (value: BalanceCheckDto) => void = () => undefined;
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView()],
      'gateways.checkBalance': ({ id }) => new Promise<BalanceCheckDto>((resolve) => (answer = (v) => resolve({ ...v, id }))),
    });
    h.render(<GatewaysScreen />);
    const article = await card();
    const button = within(article).getByRole('button', { name: 'Check balance' });
    await user.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    expect(within(article).getByText('Asking the network…')).toBeTruthy();
    await user.click(button); // swallowed while busy
    expect(h.callsOf('gateways.checkBalance')).toEqual([{ id: gatewayView().id }]);

    answer({ id: '', code: '*100#', text: 'Salio lako ni KSh 52.40. Bonus 10 MB.' });
    expect(await within(article).findByText('Salio lako ni KSh 52.40. Bonus 10 MB.')).toBeTruthy();
    expect(within(article).getByText('The network answered *100#:')).toBeTruthy();
    expect(button.getAttribute('aria-busy')).toBeNull();
    expect(within(article).queryByText('Asking the network…')).toBeNull();
  });

  it('says in words why the balance could not be checked', async () => {
    const user = userEvent.setup();
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView()],
      'gateways.checkBalance': ({ id }) => {
        throw new UjumbeError('gateway-error', 'The network did not answer the USSD code.', { id });
      },
    }).render(<GatewaysScreen />);
    const article = await card();
    await user.click(within(article).getByRole('button', { name: 'Check balance' }));
    expect((await within(article).findByRole('alert')).textContent).toBe('The balance could not be checked: The network did not answer the USSD code.');
  });

  it('is offered on modems only, not on the e-mail gateway', async () => {
    setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [emailView({ detail: { server: 'mail.example.org' } })],
    }).render(<GatewaysScreen />);
    const article = await screen.findByRole('article', { name: 'E-mail' });
    expect(within(article).queryByRole('button', { name: 'Check balance' })).toBeNull();
  });
});
