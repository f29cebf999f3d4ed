/** Issue 5: a modem plugged in but not set up is said on the Gateways screen, never used. */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { AppearedModemDto } from '../../src-shared/contract/dto.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const HUAWEI: AppearedModemDto = { path: '/dev/ttyUSB3', manufacturer: 'huawei', model: 'E3131', imei: '861234567890123' };

describe('Gateways: modems that appeared', () => {
  it('says which modem appeared where, with its name when known, and offers nothing that would use it', async () => {
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView()],
      'gateways.appeared': () => [HUAWEI, { path: '/dev/ttyACM0', manufacturer: null, model: null, imei: null }],
    });
    h.render(<GatewaysScreen />);
    const list = await screen.findByRole('list', { name: 'Modems that appeared' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.appeared-modem__title')?.textContent)).toEqual(['A modem appeared on /dev/ttyUSB3 (Huawei E3131)', 'A modem appeared on /dev/ttyACM0']);
    expect(within(items[0] as HTMLElement).getByText('IMEI 861234567890123. Ujumbe does not use it by itself.')).toBeTruthy();
    expect(within(list).queryAllByRole('button')).toEqual([]);
    expect(h.callsOf('gateways.appeared')).toEqual([{}]);
    // The one configured modem is still shown as a card; no start/add call was made for the new one.
    expect(await screen.findByRole('article', { name: 'Huawei E173' })).toBeTruthy();
    expect(h.calls.filter((c) => c.command !== 'gateways.appeared' && c.command !== 'gateways.list' && c.command !== 'settings.get' && c.command !== 'email.getSettings')).toEqual([]);
  });

  it('shows nothing when no modem appeared, or when the backend cannot say', async () => {
    setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView()] }).render(<GatewaysScreen />);
    await screen.findByRole('article', { name: 'Huawei E173' });
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Modems that appeared' })).toBeNull());
    expect(screen.queryByText(/A modem appeared/)).toBeNull();
  });
});
