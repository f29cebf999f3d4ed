// A modem card counts the received messages the codec could not read (kept in the database,
// off the SIM: issue 10 item 1) and lists them for a technician, the raw data hidden until asked.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UnreadablePduDto } from '../../src-shared/contract/dto.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { resetAll } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetAll();
  resetScreens();
});

const ID = gatewayView().id;
const HEX = '07917283010010F5040BC87238880900F100009930925161958003C16010';
const item = (id: number, reveal: boolean): UnreadablePduDto => ({
  id,
  gatewayId: ID,
  storage: 'SM',
  simIndex: id,
  via: '+CMGL',
  tpduLength: 22,
  field: 'TP-UDL',
  offset: 54,
  reason: 'TP-UDL at offset 54: the user data is longer than the PDU',
  receivedAt: '2026-12-03T09:15:00.000Z',
  hexLength: HEX.length,
  hex: reveal ? HEX : null,
});

describe('Gateways: messages that could not be read', () => {
  it('says nothing on a card with none', async () => {
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView({ detail: { unreadableStored: 0 } })] });
    h.render(<GatewaysScreen />);
    const article = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(within(article).queryByText('Could not be read')).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Show messages that could not be read' })).toBeNull();
  });

  it('counts them on the card, lists them with the raw data hidden, reveals it, and pages', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      'settings.get': () => SETTINGS,
      'gateways.list': () => [gatewayView({ detail: { unreadableStored: 3 } })],
      'gateways.unreadable': ({ before, reveal }) =>
        before === undefined ? { items: [item(3, reveal === true), item(2, reveal === true)], nextBefore: 2, masked: reveal !== true } : { items: [item(1, reveal === true)], nextBefore: null, masked: reveal !== true },
    });
    h.render(<GatewaysScreen />);
    const article = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(within(article).getByText('3 received messages (kept for a technician)')).toBeTruthy();
    expect(h.callsOf('gateways.unreadable')).toEqual([]);

    await user.click(within(article).getByRole('button', { name: 'Show messages that could not be read' }));
    const list = await within(article).findByRole('list', { name: 'Received messages that could not be read (for a technician)' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('SM slot 3 (+CMGL)')).toBeTruthy();
    expect(within(list).getAllByText(`${HEX.length} hex digits, hidden`)).toHaveLength(2);
    expect(screen.queryByText(HEX)).toBeNull();

    await user.click(within(article).getByRole('button', { name: 'Show older ones' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));

    const reveal = within(article).getByRole('button', { name: 'Show the raw data' });
    await user.click(reveal);
    expect(reveal.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(within(article).getAllByText(HEX)).toHaveLength(2));
    expect(h.callsOf('gateways.unreadable')).toEqual([
      { gatewayId: ID, reveal: false, limit: 50 },
      { gatewayId: ID, reveal: false, limit: 50, before: 2 },
      { gatewayId: ID, reveal: true, limit: 50 },
    ]);
  });
});
