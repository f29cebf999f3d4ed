/**
 * With "Use new modems automatically" off, a modem detection finds is offered, never
 * used by itself: "Use this modem" (gateways.adopt) or "Ignore" (gateways.ignore).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DiscoveryDto, OfferedModemDto } from '../../src-shared/contract/dto.ts';
import { NotFoundError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { EMAIL_SETTINGS } from './harness.tsx';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { EMPTY_DISCOVERY, SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const HUAWEI: OfferedModemDto = { path: '/dev/ttyUSB3', manufacturer: 'huawei', model: 'E3131', imei: '861234567890123' };
const UNNAMED: OfferedModemDto = { path: '/dev/ttyACM0', manufacturer: null, model: null, imei: null };
const OFFERING: DiscoveryDto = { ...EMPTY_DISCOVERY, lastScanAt: '2026-03-02T08:00:00.000Z', offered: [HUAWEI, UNNAMED] };
const base = { 'settings.get': () => ({ ...SETTINGS, autoAdoptModems: false }), 'email.getSettings': () => EMAIL_SETTINGS };

const offeredList = () => screen.findByRole('list', { name: 'Modems found, not in use yet' });
const item = async (name: string) => within(await offeredList()).getByRole('listitem', { name });

describe('Gateways: modems offered by detection', () => {
  it('names each offered modem and its port, and uses one only when asked', async () => {
    const user = userEvent.setup();
    const adopted = gatewayView({ id: 'modem:861234567890123', label: 'Huawei E3131', detail: { port: '/dev/ttyUSB3', model: 'E3131', imei: '861234567890123' } });
    const h = setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => OFFERING, 'gateways.adopt': () => adopted });
    h.render(<GatewaysScreen />);
    const huawei = await item('Huawei E3131 on ttyUSB3');
    expect(within(huawei).getByText('IMEI 861234567890123 · /dev/ttyUSB3')).toBeTruthy();
    expect(await item('A modem on ttyACM0')).toBeTruthy();
    expect(h.callsOf('gateways.adopt')).toEqual([]);

    await user.click(within(huawei).getByRole('button', { name: 'Use this modem' }));
    expect(await screen.findByRole('article', { name: 'Huawei E3131' })).toBeTruthy();
    expect(h.callsOf('gateways.adopt')).toEqual([{ path: '/dev/ttyUSB3' }]);
    await waitFor(async () => expect(within(await offeredList()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(await offeredList()).queryByRole('listitem', { name: 'Huawei E3131 on ttyUSB3' })).toBeNull();
  });

  it('ignores one: what the backend returns is the new list', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => OFFERING, 'gateways.ignore': ({ path }) => ({ ...OFFERING, offered: OFFERING.offered.filter((m) => m.path !== path) }) });
    h.render(<GatewaysScreen />);
    await user.click(within(await item('A modem on ttyACM0')).getByRole('button', { name: 'Ignore' }));
    await waitFor(async () => expect(within(await offeredList()).getAllByRole('listitem')).toHaveLength(1));
    expect(h.callsOf('gateways.ignore')).toEqual([{ path: '/dev/ttyACM0' }]);
    expect(h.callsOf('gateways.adopt')).toEqual([]);
  });

  it('says why a modem could not be used, next to it', async () => {
    const user = userEvent.setup();
    setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.discovery': () => OFFERING,
      'gateways.adopt': ({ path }) => {
        throw new NotFoundError('offered modem', path);
      },
    }).render(<GatewaysScreen />);
    const huawei = await item('Huawei E3131 on ttyUSB3');
    await user.click(within(huawei).getByRole('button', { name: 'Use this modem' }));
    expect((await within(huawei).findByRole('alert')).textContent).toBe('The modem could not be used: It is not there any more: it may have been removed meanwhile.');
  });

  it('shows nothing when nothing is offered, and a modem offered later appears from the event', async () => {
    const h = setupScreen({ ...base, 'gateways.list': () => [gatewayView()] });
    h.render(<GatewaysScreen />);
    await screen.findByRole('article', { name: 'Huawei E173' });
    expect(screen.queryByRole('list', { name: 'Modems found, not in use yet' })).toBeNull();
    h.emit('gateway.discovery', { ...EMPTY_DISCOVERY, offered: [HUAWEI] });
    expect(await item('Huawei E3131 on ttyUSB3')).toBeTruthy();
  });

  it('says the modem is now in use and puts the keyboard on its new card, even when the events come first', async () => {
    const user = userEvent.setup();
    const adopted = gatewayView({ id: 'modem:861234567890123', label: 'Huawei E3131', detail: { port: '/dev/ttyUSB3', model: 'E3131', imei: '861234567890123' } });
    const h = setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.discovery': () => OFFERING,
      // As the backend does: the new gateway and the shorter offer are announced before the answer.
      'gateways.adopt': () => {
        h.emit('gateway.added', adopted);
        h.emit('gateway.discovery', { ...OFFERING, offered: [UNNAMED] });
        return adopted;
      },
    });
    h.render(<GatewaysScreen />);
    const use = within(await item('Huawei E3131 on ttyUSB3')).getByRole('button', { name: 'Use this modem' });
    use.focus();
    await user.keyboard('{Enter}');
    const card = await screen.findByRole('article', { name: 'Huawei E3131' });
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByRole('heading', { level: 2, name: 'Huawei E3131' })));
    expect((await screen.findByText('Huawei E3131 is now in use.')).closest('[role="status"]')).toBeTruthy();
  });

  it('says so in Swahili too', async () => {
    const user = userEvent.setup();
    const adopted = gatewayView({ id: 'modem:861234567890123', label: 'Huawei E3131', detail: { port: '/dev/ttyUSB3', model: 'E3131', imei: '861234567890123' } });
    setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => OFFERING, 'gateways.adopt': () => adopted }).render(<GatewaysScreen />);
    setLanguage('sw');
    const offered = await screen.findByRole('list', { name: 'Modemu zilizopatikana, bado hazitumiki' });
    await user.click(within(within(offered).getByRole('listitem', { name: 'Huawei E3131 kwenye ttyUSB3' })).getByRole('button', { name: 'Tumia modemu hii' }));
    expect(await screen.findByText('Huawei E3131 sasa inatumika.')).toBeTruthy();
  });

  it('names a modem that repeats its maker as people write it ("SIMCom SIM800 on ttyUSB7")', async () => {
    const simcom: OfferedModemDto = { path: '/dev/ttyUSB7', manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800', imei: null };
    setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => ({ ...OFFERING, offered: [simcom] }) }).render(<GatewaysScreen />);
    expect(await item('SIMCom SIM800 on ttyUSB7')).toBeTruthy();
  });
});
