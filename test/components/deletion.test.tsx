/**
 * Deleting history by hand and the retention setting (issue 13 "Retention"): every deletion asks
 * first, saying what goes and that it cannot be undone; a refusal because something still waits
 * is worded; the retention period shows how many messages it would delete before it is saved.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import { ConflictError } from '../../src-shared/errors.ts';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AT = '2025-11-20T09:00:00.000Z';
const conversation: ConversationSummary = {
  id: 5, address: '+254712345678', protocol: 'sms', contactId: 7, contactName: 'Amina Otieno', lastMessageAt: AT, lastMessagePreview: 'Asante', unreadCount: 0,
};
const bubble = (id: number, content: string): ThreadMessage => ({
  id, direction: 'in', content, subject: null, created: AT,
  recipient: { id: id * 10, messageId: id, address: '+254712345678', protocol: 'sms', contactId: 7, status: 'received', gateway: null, gatewayRefs: [], attempts: 0, nextAttemptAt: null, lastErrorCode: null, lastError: null, flags: [], updated: AT, reportOverdue: false },
});
const bubbleOf = (text: string) => within(screen.getByRole('list', { name: 'Messages' })).getByText(text).closest('li') as HTMLElement;

describe('deleting by hand', () => {
  it('deletes a message after the confirmation, and the thread drops it when the event comes', async () => {
    let messages = [bubble(1, 'Habari daktari'), bubble(2, 'Asante')];
    const backend = createBackend({
      'conversations.list': () => ({ items: [conversation], nextBefore: null }),
      'conversations.thread': () => ({ conversation, messages, nextBefore: null }),
      'messages.delete': ({ id }) => {
        messages = messages.filter((m) => m.id !== id);
        return { id, messages: 1, recipients: 1, conversationIds: [5] };
      },
    });
    const user = userEvent.setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Habari daktari');
    await user.click(within(bubbleOf('Habari daktari')).getByRole('button', { name: 'Delete message' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this message?' });
    expect(within(dialog).getByText('This cannot be undone.')).toBeTruthy();
    // Cancel leaves everything as it was.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(backend.callsOf('messages.delete')).toEqual([]);
    await user.click(within(bubbleOf('Habari daktari')).getByRole('button', { name: 'Delete message' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete message' }));
    await waitFor(() => expect(backend.callsOf('messages.delete')).toEqual([{ id: 1 }]));
    backend.server.emit('messages.deleted', { messageIds: [1], conversationIds: [5], contactId: null, truncated: false });
    await waitFor(() => expect(screen.queryByText('Habari daktari')).toBeNull());
    expect(screen.getByText('Asante', { selector: '.bubble-text' })).toBeTruthy();
  });

  it('words a refusal while messages of the thread still wait, and keeps the dialog open', async () => {
    const backend = createBackend({
      'conversations.list': () => ({ items: [conversation], nextBefore: null }),
      'conversations.thread': () => ({ conversation, messages: [bubble(1, 'Habari daktari')], nextBefore: null }),
      'conversations.delete': () => {
        throw new ConflictError('waiting', { reason: 'still-waiting', waiting: 2 });
      },
    });
    const user = userEvent.setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Habari daktari');
    await user.click(screen.getByRole('button', { name: 'Delete conversation' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this conversation?' });
    expect(within(dialog).getByText(/Every message with Amina Otieno will be deleted/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete conversation' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', '2 messages here are still waiting to go. Cancel them in the Outbox first, then delete.');
    expect(backend.callsOf('conversations.delete')).toEqual([{ id: 5 }]);
  });
});

describe('the retention setting', () => {
  it('says how many messages a period would delete before it is saved', async () => {
    let current = { ...SETTINGS };
    const backend = createBackend({
      'settings.get': () => current,
      'settings.update': (patch) => {
        current = { ...current, ...(patch.retentionMonths !== undefined ? { retentionMonths: patch.retentionMonths } : {}) };
        return current;
      },
      'retention.preview': () => ({ before: '2024-11-19T21:00:00.000Z', count: 24 }),
    });
    const user = userEvent.setup();
    renderApp(backend, '#/settings');
    const section = await screen.findByRole('region', { name: 'Keep messages' });
    const period = within(section).getByRole('combobox', { name: 'Keep messages for' }) as HTMLSelectElement;
    expect(period.value).toBe('off');
    await user.selectOptions(period, '12 months');
    await user.click(within(section).getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete old messages?' });
    expect(backend.callsOf('retention.preview')).toEqual([{ months: 12 }]);
    expect(within(dialog).getByText(/^24 messages older than .* will be deleted now/)).toBeTruthy();
    expect(backend.callsOf('settings.update')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Delete old messages' }));
    await waitFor(() => expect(backend.callsOf('settings.update')).toEqual([{ retentionMonths: 12 }]));
    expect(await within(section).findByText('Saved.')).toBeTruthy();
  });
});
