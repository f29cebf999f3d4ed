// The Outbox's Scheduled list: what waits, soonest first, in clinic time; change the time, send
// now, cancel (with a confirmation) — every waiting recipient of a send in one call.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../src-shared/contract/dto.ts';
import { OutboxScreen } from '../../renderer/screens/outbox/OutboxScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const summary = (id: number, sendAt: string, content: string, scheduled: number): MessageSummary => ({
  id, direction: 'out', content, subject: null, created: '2030-01-01T00:00:00.000Z', recipientCount: scheduled, statusCounts: { scheduled }, sendAt, expiresAt: null,
});
const REMINDERS = summary(7, '2030-01-04T05:00:00.000Z', 'Kumbusho: kliniki kesho', 500);
const SOONER = summary(8, '2030-01-03T06:30:00.000Z', 'Dawa zako ziko tayari', 1);

function renderOutbox() {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({
    'messages.list': (p) => ({ items: p.status === 'scheduled' ? [REMINDERS, SOONER] : [], nextBefore: null }),
    'messages.reschedule': () => [],
    'messages.sendNow': () => [],
    'messages.cancelScheduled': () => [],
  });
  renderWithClient(
    <>
      <OutboxScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

describe('Outbox: Scheduled', () => {
  it('lists what waits, soonest first, with its clinic time and how many wait', async () => {
    renderOutbox();
    const list = await screen.findByRole('list', { name: 'Scheduled messages' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.message-preview')?.textContent)).toEqual(['Dawa zako ziko tayari', 'Kumbusho: kliniki kesho']);
    // 05:00Z is 08:00 in Nairobi.
    expect(within(rows[1]!).getByText(/08:00/)).toBeTruthy();
    expect(within(rows[1]!).getByText(/500 recipients wait/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Scheduled (2)' })).toBeTruthy();
  });

  it('moves the whole send to a new clinic time in one call', async () => {
    const { backend, user } = renderOutbox();
    const list = await screen.findByRole('list', { name: 'Scheduled messages' });
    const row = within(list).getAllByRole('listitem')[1]!;
    await user.click(within(row).getByRole('button', { name: 'Change time' }));
    const time = within(row).getByLabelText('Time') as HTMLInputElement;
    expect(time.value).toBe('08:00');
    await user.clear(time);
    await user.type(time, '09:15');
    await user.click(within(row).getByRole('button', { name: 'Save time' }));
    await waitFor(() => expect(backend.callsOf('messages.reschedule')).toEqual([{ messageId: 7, sendAt: '2030-01-04T06:15:00.000Z' }]));
    expect(await screen.findByText('New time saved for 500 recipients')).toBeTruthy();
  });

  it('sends now, and cancels only after a confirmation', async () => {
    const { backend, user } = renderOutbox();
    const list = await screen.findByRole('list', { name: 'Scheduled messages' });
    const [sooner, reminders] = within(list).getAllByRole('listitem');
    await user.click(within(sooner!).getByRole('button', { name: 'Send now' }));
    await waitFor(() => expect(backend.callsOf('messages.sendNow')).toEqual([{ messageId: 8 }]));

    await user.click(within(reminders!).getByRole('button', { name: 'Cancel send' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this send to 500 recipients?' });
    expect(backend.callsOf('messages.cancelScheduled')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel it' }));
    await waitFor(() => expect(backend.callsOf('messages.cancelScheduled')).toEqual([{ messageId: 7 }]));
  });
});
