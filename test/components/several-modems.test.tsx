/** Several modems: the Settings fieldset (routing, prefix rules) and the card's daily limit. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GatewayView, SettingsDto } from '../../src-shared/contract/dto.ts';
import { GatewayCard } from '../../renderer/screens/gateways/GatewayCard.tsx';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { useGateways } from '../../renderer/state/gateways.ts';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const modemA = gatewayView({ id: 'modem:356789012345670', label: 'Front desk', detail: { port: '/dev/ttyUSB0' } });
const modemB = gatewayView({ id: 'modem:356789012345671', label: 'Airtel line', detail: { port: '/dev/ttyUSB1' } });

describe('Settings: several modems', () => {
  it('chooses a routing policy in plain words and edits prefix rules', async () => {
    const user = userEvent.setup();
    let current: SettingsDto = SETTINGS;
    const h = setupScreen({
      'settings.get': () => current,
      'settings.update': (patch) => (current = { ...current, ...(patch as Partial<SettingsDto>) }),
    });
    useGateways.setState({ gateways: [modemA, modemB], loaded: true });
    h.render(<SettingsScreen />);
    const group = await screen.findByRole('group', { name: 'Several modems' });
    expect((within(group).getByRole('radio', { name: 'Take turns (each free modem in turn)' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(group).getByRole('radio', { name: /By network/ }));
    await user.click(within(group).getByRole('button', { name: 'Add a rule' }));
    await user.click(within(group).getByRole('button', { name: 'Add a rule' }));
    const prefixes = within(group).getAllByRole('textbox', { name: 'Prefix' });
    await user.type(prefixes[0]!, '+25471');
    await user.type(prefixes[1]!, '+25473');
    const modemChoice = within(group).getAllByRole('combobox', { name: 'Modem' })[1]!;
    // Rules name a gateway by its id; the nurse reads its label.
    expect(within(modemChoice).getAllByRole('option').map((o) => o.textContent)).toEqual(['Front desk', 'Airtel line']);
    await user.selectOptions(modemChoice, 'Airtel line');
    await user.click(within(group).getByRole('button', { name: 'Add a rule' }));
    await user.click(within(group).getByRole('button', { name: 'Remove rule 3' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() =>
      expect(h.callsOf('settings.update')).toEqual([
        {
          routing: 'prefix',
          prefixRules: [
            { prefix: '+25471', gatewayId: modemA.id },
            { prefix: '+25473', gatewayId: modemB.id },
          ],
        },
      ]),
    );
  });

  it('tells two modems with the same label apart by their port, and keeps a rule for a modem no longer saved', async () => {
    const same = gatewayView({ id: 'modem:356789012345672', label: 'Front desk', detail: { port: '/dev/ttyUSB2' } });
    const h = setupScreen({ 'settings.get': () => ({ ...SETTINGS, routing: 'prefix', prefixRules: [{ prefix: '+25471', gatewayId: 'modem:gone' }] }) });
    useGateways.setState({ gateways: [modemA, same], loaded: true });
    h.render(<SettingsScreen />);
    const group = await screen.findByRole('group', { name: 'Several modems' });
    const choice = within(group).getByRole('combobox', { name: 'Modem' });
    expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual(['Front desk (ttyUSB0)', 'Front desk (ttyUSB2)', 'modem:gone']);
    expect((choice as HTMLSelectElement).value).toBe('modem:gone');
  });
});

describe('Gateway card: daily limit', () => {
  it('saves a daily limit, clears it when empty, and shows when it is reached', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.setDailyCap': ({ cap }): GatewayView => ({ ...modemA, dailyCap: cap }),
    });
    h.render(<GatewayCard gateway={{ ...modemA, dailyCap: 200, sentToday: 200, dailyCapReached: true }} />);
    expect(screen.getByText('Daily limit of 200 reached; sending resumes tomorrow')).toBeTruthy();
    const field = screen.getByRole('textbox', { name: 'Daily limit' }) as HTMLInputElement;
    expect(field.value).toBe('200');
    await user.clear(field);
    await user.type(field, '250');
    await user.click(screen.getByRole('button', { name: 'Save limit' }));
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Save limit' }));
    await waitFor(() => expect(h.callsOf('gateways.setDailyCap')).toEqual([{ id: modemA.id, cap: 250 }, { id: modemA.id, cap: null }]));

    await user.type(field, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save limit' }));
    expect(await screen.findByText('Write a whole number, or leave it empty for no limit.')).toBeTruthy();
    expect(h.callsOf('gateways.setDailyCap')).toHaveLength(2);
  });
});
