// The Outbox on a send to several: "Retry all failed" and "Cancel all waiting" (asked first) for
// the whole send in one call, worded refusals where the action was, and recipients not sent
// because the number opted out (status `suppressed`) shown with their reason and counted.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import type { MessageDetail, MessageSummary, RecipientDetail } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import type { RecipientStatus, StatusEvent } from '../../src-shared/model.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AT = '2025-03-04T09:00:00.000Z';
const LATER = '2025-03-04T09:30:00.000Z';
const STOP_REASON = 'Not sent: this number replied STOP on 2025-03-03 11:00, so it gets no automated or group messages';

const NEWS: MessageSummary = {
  id: 41, direction: 'out', content: 'The clinic is closed on Friday for staff training.', subject: 'Clinic news', created: AT, recipientCount: 8,
  statusCounts: { delivered: 1, failed: 3, outbox: 2, suppressed: 2 },
};
const OTHER: MessageSummary = { id: 40, direction: 'out', content: 'Reminder 40', subject: null, created: AT, recipientCount: 1, statusCounts: { delivered: 1 } };

const recipient = (id: number, status: RecipientStatus, over: Partial<RecipientDetail> = {}): RecipientDetail => ({
  id, messageId: 41, address: `+2547120000${id}`, protocol: 'sms', contactId: null, contactName: null, status, gateway: null, gatewayRefs: [], attempts: 0,
  nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue: false, log: [], ...over,
});

const DETAIL: MessageDetail = {
  id: 41, direction: 'out', content: NEWS.content, subject: NEWS.subject, sender: null, inReplyTo: null, created: AT,
  recipients: [
    recipient(11, 'delivered'),
    recipient(12, 'failed', { lastErrorCode: 'cms-38', lastError: 'Network out of order.' }),
    recipient(13, 'failed', { lastErrorCode: 'cms-38', lastError: 'Network out of order.' }),
    recipient(14, 'failed', { lastErrorCode: 'cms-38', lastError: 'Network out of order.' }),
    recipient(15, 'outbox'),
    recipient(16, 'outbox'),
    recipient(17, 'suppressed', { contactName: 'Amina Otieno', lastErrorCode: 'opted-out', lastError: STOP_REASON }),
    recipient(18, 'suppressed', { lastErrorCode: 'opted-out', lastError: STOP_REASON }),
  ],
};

const moved = (ids: number[], from: RecipientStatus, to: RecipientStatus, reason: string): StatusEvent[] =>
  ids.map((recipientId) => ({ recipientId, messageId: 41, from, to, reason, gateway: null, at: LATER, flags: [] }));

function setup(over: Partial<Handlers> = {}) {
  const backend = createBackend({
    'messages.list': () => ({ items: [NEWS, OTHER], nextBefore: null }),
    'messages.get': () => DETAIL,
    'messages.retryFailed': () => moved([12, 13, 14], 'failed', 'outbox', 'Retry requested'),
    'messages.cancelWaiting': () => moved([15, 16], 'outbox', 'cancelled', 'Cancelled by the user'),
    ...over,
  });
  renderApp(backend, '#/outbox');
  return { backend, user: userEvent.setup() };
}

const newsRow = async () => (await screen.findByText('The clinic is closed on Friday for staff training.')).closest('article') as HTMLElement;

describe('Outbox: actions on a whole send', () => {
  it('retries every failed recipient in one call with the message id, then says how many and updates the counts', async () => {
    const { backend, user } = setup();
    const row = await newsRow();
    const retry = within(row).getByRole('button', { name: 'Retry all failed: Clinic news, 3 recipients' });
    expect(retry.textContent).toBe('Retry all failed (3)');
    // A message to one recipient has its Retry on the recipient only.
    const single = screen.getByText('Reminder 40').closest('article') as HTMLElement;
    expect(within(single).queryByRole('button', { name: /Retry all failed|Cancel all waiting/ })).toBeNull();

    await user.click(retry);
    await waitFor(() => expect(backend.callsOf('messages.retryFailed')).toEqual([{ messageId: 41 }]));
    expect(await screen.findByText('Sending again to 3 recipients')).toBeTruthy();
    // The returned events update the row: nothing failed now, five wait.
    await waitFor(() => expect(within(row).queryByRole('button', { name: /Retry all failed/ })).toBeNull());
    expect(within(row).getByText('8 recipients · 5 queued · 1 delivered · 2 not sent: opted out')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Cancel all waiting: Clinic news, 5 recipients' }).textContent).toBe('Cancel all waiting (5)');
    // Its button gone, focus stays on the row rather than falling to the page.
    await waitFor(() => expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Show details' })));
  });

  it('works from the keyboard and words a refusal from its code, on the row', async () => {
    const { backend, user } = setup({
      'messages.retryFailed': () => {
        throw new UjumbeError('nothing-to-retry', 'No recipient of this message failed.', { messageId: 41 });
      },
    });
    const row = await newsRow();
    within(row).getByRole('button', { name: /Retry all failed/ }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.callsOf('messages.retryFailed')).toEqual([{ messageId: 41 }]));
    expect((await within(row).findByRole('alert')).textContent).toBe('Nothing of this message has failed any more, so there is nothing to retry.');
    expect(screen.queryByText('No recipient of this message failed.')).toBeNull();
  });

  it('asks before cancelling every waiting recipient: Escape and "No" cancel nothing, Yes cancels in one call', async () => {
    const { backend, user } = setup();
    const row = await newsRow();
    const cancel = within(row).getByRole('button', { name: 'Cancel all waiting: Clinic news, 2 recipients' });
    expect(cancel.textContent).toBe('Cancel all waiting (2)');

    await user.click(cancel);
    expect(screen.getByRole('dialog', { name: 'Cancel this message for the 2 recipients still waiting?' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(cancel);

    await user.keyboard('{Enter}');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'No, keep them' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.callsOf('messages.cancelWaiting')).toEqual([]);

    await user.click(cancel);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, cancel them' }));
    await waitFor(() => expect(backend.callsOf('messages.cancelWaiting')).toEqual([{ messageId: 41 }]));
    expect(await screen.findByText('Cancelled for 2 recipients')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(within(row).queryByRole('button', { name: /Cancel all waiting/ })).toBeNull());
    expect(within(row).getByText('8 recipients · 1 delivered · 3 failed · 2 cancelled · 2 not sent: opted out')).toBeTruthy();
  });

  it('shows a refused cancel in the confirmation, worded from its code', async () => {
    const { user } = setup({
      'messages.cancelWaiting': () => {
        throw new UjumbeError('nothing-waiting', 'Nothing of this message is still waiting to be sent.', { messageId: 41 });
      },
    });
    const row = await newsRow();
    await user.click(within(row).getByRole('button', { name: /Cancel all waiting/ }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel them' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Nothing of this message is waiting any more: it has gone out or been cancelled.');
  });
});

describe('Outbox: recipients not sent because they opted out', () => {
  it('counts them in the summary and shows each one with its status and reason', async () => {
    const { user } = setup();
    const row = await newsRow();
    expect(within(row).getByText('8 recipients · 2 queued · 1 delivered · 3 failed · 2 not sent: opted out')).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Show details' }));
    const recipients = await within(row).findByRole('list', { name: 'Recipients' });
    const amina = within(recipients).getByText('Amina Otieno · +254712000017').closest('li') as HTMLElement;
    expect(within(amina).getByText('Not sent: opted out')).toBeTruthy();
    expect(within(amina).getByText(STOP_REASON)).toBeTruthy();
    // Nothing to retry or cancel on them.
    expect(within(amina).queryByRole('button')).toBeNull();
  });

  it('says it in Swahili', async () => {
    setup({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) });
    setLanguage('sw');
    const row = await newsRow();
    expect(within(row).getByText('wapokeaji 8 · 2 zimepangwa · 1 imefika · 3 zimeshindwa · 2 hazikutumwa: wamejiondoa')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Jaribu tena zilizoshindwa: Clinic news, wapokeaji 3' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Ghairi zinazosubiri: Clinic news, wapokeaji 2' })).toBeTruthy();
  });
});
