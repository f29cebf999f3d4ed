import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDetail, MessageSummary } from '../../src-shared/contract/dto.ts';
import type { StatusEvent } from '../../src-shared/model.ts';
import { i18next } from '../../renderer/i18n/index.ts';
import { restatesStatus } from '../../renderer/screens/outbox/OutboxScreen.tsx';
import { createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(resetAll);

const AT = '2025-11-20T09:00:00.000Z';

const summary = (id: number, over: Partial<MessageSummary> = {}): MessageSummary => ({
  id,
  direction: 'out',
  content: `Reminder ${id}`,
  subject: null,
  created: AT,
  recipientCount: 1,
  statusCounts: { delivered: 1 },
  ...over,
});

const BULK = summary(900, { content: 'Clinic closed on Friday', recipientCount: 3, statusCounts: { sent: 1, outbox: 2 } });

const DETAIL: MessageDetail = {
  id: 7,
  direction: 'out',
  content: 'Reminder 7',
  subject: null,
  sender: null,
  inReplyTo: null,
  created: AT,
  recipients: [
    {
      id: 71, messageId: 7, address: '+254712345678', protocol: 'sms', contactId: 1, contactName: 'Amina Otieno', status: 'failed', gateway: 'modem', gatewayRefs: [], attempts: 5,
      nextAttemptAt: null, lastErrorCode: 'cms-38', lastError: 'Network out of order.', flags: [], updated: AT, reportOverdue: false,
      log: [
        { from: null, to: 'outbox', reason: 'Queued', at: AT, gateway: null },
        { from: 'outbox', to: 'sending', reason: 'Handed to the modem', at: AT, gateway: 'modem' },
        { from: 'sending', to: 'failed', reason: 'Network out of order.', at: AT, gateway: 'modem' },
      ],
    },
    {
      id: 72, messageId: 7, address: '+254733000000', protocol: 'sms', contactId: null, contactName: null, status: 'outbox', gateway: null, gatewayRefs: [], attempts: 0,
      nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue: false, log: [{ from: null, to: 'outbox', reason: 'Queued', at: AT, gateway: null }],
    },
  ],
};

function setup() {
  const backend = createBackend({
    'messages.list': (p) => {
      if (p.status === 'failed') return { items: [summary(7, { statusCounts: { failed: 1, outbox: 1 }, recipientCount: 2 })], nextBefore: null };
      if (p.before === undefined) return { items: [BULK, ...Array.from({ length: 99 }, (_, i) => summary(800 - i))], nextBefore: 701 };
      return { items: [summary(700), summary(7, { statusCounts: { failed: 1, outbox: 1 }, recipientCount: 2 })], nextBefore: null };
    },
    'messages.get': () => DETAIL,
    'messages.retry': ({ recipientId }): StatusEvent => ({ recipientId, messageId: 7, from: 'failed', to: 'outbox', reason: 'Retry requested', gateway: null, at: '2025-11-20T09:10:00.000Z', flags: [] }),
    'messages.cancel': ({ recipientId }): StatusEvent => ({ recipientId, messageId: 7, from: 'outbox', to: 'cancelled', reason: 'Cancelled by the user', gateway: null, at: '2025-11-20T09:11:00.000Z', flags: [] }),
  });
  return { backend, user: userEvent.setup() };
}

const row = (text: string) => screen.getByText(text).closest('article') as HTMLElement;

describe('Outbox & history', () => {
  it('pages through messages and filters by status', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/outbox');
    await screen.findByText('Clinic closed on Friday');
    const filters = screen.getByRole('group', { name: 'Show messages' });
    expect(within(filters).getAllByRole('button').map((b) => b.textContent)).toEqual(['All', 'Scheduled', 'Queued', 'Sending', 'Sent', 'Delivered', 'Failed', 'Not sent: opted out']);
    expect(within(filters).getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('true');
    // Rows are virtualised: the list says how many there are.
    const list = screen.getByRole('list', { name: 'Messages' });
    expect(within(list).getAllByRole('listitem')[0]?.getAttribute('aria-setsize')).toBe('100');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(backend.callsOf('messages.list').some((p) => p.before === 701)).toBe(true));
    await user.click(within(filters).getByRole('button', { name: 'Failed' }));
    await waitFor(() => expect(backend.callsOf('messages.list').at(-1)).toMatchObject({ status: 'failed' }));
    expect(within(filters).getByRole('button', { name: 'Failed' }).getAttribute('aria-pressed')).toBe('true');
    await screen.findByText('Reminder 7');
    expect(screen.queryByText('Clinic closed on Friday')).toBeNull();
  });

  it('shows each recipient and its status log on expand, with Retry on failed and Cancel on queued', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/outbox');
    await user.click(await screen.findByRole('button', { name: 'Failed' }));
    await screen.findByText('Reminder 7');
    const toggle = within(row('Reminder 7')).getByRole('button', { name: 'Show details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    const recipients = await screen.findByRole('list', { name: 'Recipients' });
    expect(within(recipients).getByText('Amina Otieno · +254712345678')).toBeTruthy();
    expect(within(recipients).getByText('Failed: Network out of order.')).toBeTruthy();
    const log = within(recipients).getByRole('list', { name: 'What happened to the message for +254712345678' });
    expect(within(log).getAllByRole('listitem').map((li) => (li.textContent ?? '').slice((li.querySelector('time')?.textContent ?? '').length + 1))).toEqual([
      // The backend's "Queued" only restates the status: said once.
      'Queued',
      'Sending — Handed to the modem (modem)',
      'Failed — Network out of order. (modem)',
    ]);
    await user.click(within(recipients).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(recipients).queryByRole('button', { name: 'Retry' })).toBeNull());
    expect(backend.callsOf('messages.retry')).toEqual([{ recipientId: 71 }]);
    expect(within(log).getAllByRole('listitem')).toHaveLength(4);
    // Both recipients are now queued: each can be cancelled.
    const cancels = within(recipients).getAllByRole('button', { name: 'Cancel' });
    expect(cancels).toHaveLength(2);
    await user.click(cancels[1] as HTMLElement);
    await waitFor(() => expect(within(recipients).getByText('Cancelled')).toBeTruthy());
    expect(backend.callsOf('messages.cancel')).toEqual([{ recipientId: 72 }]);
  });

  it('shows bulk progress driven by message.status events', async () => {
    const { backend } = setup();
    renderApp(backend, '#/outbox');
    await screen.findByText('Clinic closed on Friday');
    expect(within(row('Clinic closed on Friday')).getByRole('progressbar', { name: 'Sent 1 of 3' })).toBeTruthy();
    const event = (recipientId: number, to: StatusEvent['to'], at: string): StatusEvent => ({ recipientId, messageId: 900, from: 'sending', to, reason: '', gateway: 'modem', at, flags: [] });
    await act(async () => {
      backend.server.emit('message.status', { ...event(2, 'sending', '2025-11-20T09:00:01.000Z'), from: 'outbox' });
      backend.server.emit('message.status', event(2, 'sent', '2025-11-20T09:00:02.000Z'));
    });
    const bar = await within(row('Clinic closed on Friday')).findByRole('progressbar', { name: 'Sent 2 of 3' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    await act(async () => {
      backend.server.emit('message.status', { ...event(3, 'sending', '2025-11-20T09:00:03.000Z'), from: 'outbox' });
      backend.server.emit('message.status', event(3, 'failed', '2025-11-20T09:00:04.000Z'));
    });
    // Nothing left waiting: the bar goes, the counts stay.
    await waitFor(() => expect(within(row('Clinic closed on Friday')).queryByRole('progressbar')).toBeNull());
    expect(within(row('Clinic closed on Friday')).getByText('3 recipients · 2 sent · 1 failed')).toBeTruthy();
  });

  it('leaves out a reason that only restates the status, in either language', () => {
    const en = i18next.getFixedT('en');
    const sw = i18next.getFixedT('sw');
    // What the backend writes when it queues and receives (electron/backend/messaging.ts).
    expect(restatesStatus('queued', 'outbox', en, en)).toBe(true);
    expect(restatesStatus('received', 'received', sw, en)).toBe(true);
    expect(restatesStatus('Queued.', 'outbox', sw, en)).toBe(true);
    expect(restatesStatus('Imepangwa', 'outbox', sw, en)).toBe(true);
    expect(restatesStatus('Retry requested', 'outbox', en, en)).toBe(false);
    expect(restatesStatus('Network out of order.', 'failed', en, en)).toBe(false);
  });
});
