/**
 * "Sent — no delivery report yet" (issue 10 item 7): the backend says a sent SMS's report is
 * overdue (RecipientDetail.reportOverdue, computed with its clock); the Outbox and the thread say
 * so instead of "Sent" for ever, in English and Swahili, and a later status wins.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageDetail, RecipientDetail, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { RecipientStatus } from '../../src-shared/model.ts';
import { i18next } from '../../renderer/i18n/index.ts';
import { SETTINGS, createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(async () => {
  await i18next.changeLanguage('en');
  resetAll();
});

const AT = '2025-11-20T09:00:00.000Z';

function recipient(id: number, address: string, status: RecipientStatus, reportOverdue: boolean): RecipientDetail {
  return {
    id, messageId: 7, address, protocol: 'sms', contactId: null, contactName: null, status, gateway: 'modem', gatewayRefs: ['12'],
    attempts: 1, nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue,
    log: [{ from: 'sending', to: status, reason: 'Sent', at: AT, gateway: 'modem' }],
  };
}

const DETAIL: MessageDetail = {
  id: 7, direction: 'out', content: 'Kumbusho: kliniki kesho', subject: null, sender: null, inReplyTo: null, created: AT,
  recipients: [
    recipient(71, '+254712345678', 'sent', true),
    recipient(72, '+254712345679', 'sent', false),
    // Stale: a report came after the flag was computed; the status wins.
    recipient(73, '+254712345670', 'delivered', true),
  ],
};

function openOutbox(language = 'en') {
  const backend = createBackend({
    'settings.get': () => ({ ...SETTINGS, language }),
    'messages.list': () => ({ items: [{ id: 7, direction: 'out', content: DETAIL.content, subject: null, created: AT, recipientCount: 3, statusCounts: { sent: 2, delivered: 1 } }], nextBefore: null }),
    'messages.get': () => DETAIL,
  });
  renderApp(backend, '#/outbox');
  return userEvent.setup();
}

const rowOf = (list: HTMLElement, address: string) => within(list).getByText(address).closest('li') as HTMLElement;

describe('no delivery report yet', () => {
  it('says so for an overdue recipient in the Outbox, and only there', async () => {
    const user = openOutbox();
    await user.click(await screen.findByRole('button', { name: 'Show details' }));
    const list = await screen.findByRole('list', { name: 'Recipients' });
    expect(within(rowOf(list, '+254712345678')).getByText('Sent — no delivery report yet')).toBeTruthy();
    expect(within(rowOf(list, '+254712345679')).queryByText('Sent — no delivery report yet')).toBeNull();
    expect(within(rowOf(list, '+254712345679')).getAllByText('Sent').length).toBeGreaterThan(0);
    expect(within(rowOf(list, '+254712345670')).queryByText('Sent — no delivery report yet')).toBeNull();
  });

  it('says so in Swahili', async () => {
    const user = openOutbox('sw');
    await user.click(await screen.findByRole('button', { name: i18next.getFixedT('sw')('outbox:showDetails') }));
    const list = await screen.findByRole('list', { name: i18next.getFixedT('sw')('outbox:recipients') });
    expect(within(rowOf(list, '+254712345678')).getByText('Imetumwa — bado hakuna ripoti ya kufika')).toBeTruthy();
  });

  it('says so under the bubble in the conversation thread', async () => {
    const conversation: ConversationSummary = {
      id: 5, address: '+254712345678', protocol: 'sms', contactId: null, contactName: null, lastMessageAt: AT, lastMessagePreview: 'x', unreadCount: 0,
    };
    const bubble = (id: number, content: string, status: RecipientStatus, reportOverdue: boolean): ThreadMessage => {
      const { log: _log, contactName: _name, ...r } = recipient(id * 10, conversation.address, status, reportOverdue);
      return { id, direction: 'out', content, subject: null, created: AT, recipient: r };
    };
    const backend = createBackend({
      'conversations.thread': () => ({ conversation, messages: [bubble(1, 'Karibu kliniki', 'sent', true), bubble(2, 'Asante', 'sent', false)], nextBefore: null }),
    });
    renderApp(backend, '#/conversations/5');
    const list = await screen.findByRole('list', { name: 'Messages' });
    const overdue = within(list).getByText('Karibu kliniki').closest('li') as HTMLElement;
    expect(within(overdue).getByText('Sent — no delivery report yet')).toBeTruthy();
    const fine = within(list).getByText('Asante').closest('li') as HTMLElement;
    expect(within(fine).getByText('Sent')).toBeTruthy();
  });
});

describe('the wait, in Settings', () => {
  it('saves the minutes a sent SMS waits for its report, and refuses what the backend would', async () => {
    const backend = createBackend({});
    renderApp(backend, '#/settings');
    const user = userEvent.setup();
    const field = await screen.findByRole('textbox', { name: 'Wait for a delivery report (minutes)' });
    expect((field as HTMLInputElement).value).toBe('60');
    await user.clear(field);
    await user.type(field, '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Write a whole number of minutes from 1 to 10080.')).toBeTruthy();
    expect(backend.callsOf('settings.update')).toEqual([]);
    await user.clear(field);
    await user.type(field, '120');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(backend.callsOf('settings.update')).toEqual([{ deliveryReportWaitMinutes: 120 }]));
  });
});
