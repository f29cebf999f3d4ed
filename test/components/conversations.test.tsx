import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { RecipientStatus, RecipientFlag, StatusEvent } from '../../src-shared/model.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(resetAll);

const AT = '2025-11-20T09:00:00.000Z';

const conversation = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 5,
  address: '+254712345678',
  protocol: 'sms',
  contactId: 7,
  contactName: 'Amina Otieno',
  lastMessageAt: AT,
  lastMessagePreview: 'Asante, nitakuja',
  unreadCount: 2,
  ...over,
});

function bubble(id: number, direction: 'in' | 'out', content: string, status: RecipientStatus, extra: { lastError?: string; flags?: RecipientFlag[] } = {}): ThreadMessage {
  return {
    id,
    direction,
    content,
    subject: null,
    created: AT,
    recipient: {
      id: id * 10,
      messageId: id,
      address: '+254712345678',
      protocol: 'sms',
      contactId: 7,
      status,
      gateway: null,
      gatewayRefs: [],
      attempts: 1,
      nextAttemptAt: null,
      lastErrorCode: null,
      lastError: extra.lastError ?? null,
      flags: extra.flags ?? [],
      updated: AT,
      reportOverdue: false,
    },
  };
}

const THREAD = [
  bubble(1, 'out', 'Your appointment is on Monday.', 'delivered'),
  bubble(2, 'in', 'Asante, nitakuja', 'received'),
  bubble(3, 'out', 'Please bring your card.', 'failed', { lastError: 'The SIM has no credit.' }),
  bubble(4, 'out', 'Results are ready.', 'sent', { flags: ['possible-duplicate'] }),
  bubble(5, 'out', 'See you soon.', 'sending'),
];

function setup() {
  let messages = THREAD;
  const backend = createBackend({
    'conversations.list': () => ({ items: [conversation(), conversation({ id: 6, address: '+254733000000', contactName: null, unreadCount: 0, lastMessagePreview: 'Hello' })], nextBefore: null }),
    'conversations.thread': ({ id }) => ({ conversation: conversation({ id }), messages, nextBefore: null }),
    'messages.retry': ({ recipientId }): StatusEvent => ({ recipientId, messageId: 3, from: 'failed', to: 'outbox', reason: 'Retry requested', gateway: null, at: '2025-11-20T09:05:00.000Z', flags: [] }),
    'messages.send': (p) => {
      messages = [...messages, bubble(6, 'out', p.text ?? '', 'outbox')];
      return { messageId: 6, recipients: [{ id: 60, address: '+254712345678', status: 'outbox' }], sms: { encoding: 'gsm7', segments: 1 } };
    },
  });
  return { backend, user: userEvent.setup() };
}

const bubbleOf = (text: string) => within(screen.getByRole('list', { name: 'Messages' })).getByText(text).closest('li') as HTMLElement;

describe('Conversations', () => {
  it('lists conversations with unread counts and opens one, marking it read', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const amina = await within(list).findByRole('link', { name: /Amina Otieno/ });
    expect(within(amina).getByText('2 unread')).toBeTruthy();
    expect(within(list).getByRole('link', { name: /\+254733000000/ })).toBeTruthy();
    await user.click(amina);
    await screen.findByRole('heading', { name: 'Amina Otieno' });
    await waitFor(() => expect(backend.callsOf('conversations.markRead')).toEqual([{ id: 5 }]));
    await waitFor(() => expect(within(amina).queryByText('2 unread')).toBeNull());
    expect(window.location.hash).toBe('#/conversations/5');
  });

  it('searches conversations', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'amina');
    await waitFor(() => expect(backend.callsOf('conversations.list').at(-1)).toMatchObject({ search: 'amina' }));
  });

  it('shows each outgoing bubble with its status in words, incoming on the other side', async () => {
    const { backend } = setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Your appointment is on Monday.');
    expect(bubbleOf('Your appointment is on Monday.').className).toContain('bubble-out');
    expect(within(bubbleOf('Your appointment is on Monday.')).getByText('Delivered')).toBeTruthy();
    expect(bubbleOf('Asante, nitakuja').className).toContain('bubble-in');
    expect(within(bubbleOf('Asante, nitakuja')).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(bubbleOf('Please bring your card.')).getByText('Failed: The SIM has no credit.')).toBeTruthy();
    expect(within(bubbleOf('Results are ready.')).getByText('Sent')).toBeTruthy();
    expect(within(bubbleOf('Results are ready.')).getByText('Possible duplicate')).toBeTruthy();
    expect(within(bubbleOf('See you soon.')).getByText('Sending')).toBeTruthy();
    // Retry only where it failed.
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1);
  });

  it('prints the conversation from its Print button, with a note of when and what was printed', async () => {
    const { backend, user } = setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Your appointment is on Monday.');
    const button = screen.getByRole('button', { name: /^Print the conversation with / });
    await user.click(button);
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByText(/^Printed from Ujumbe on .+\. Only the messages shown on screen are printed\.$/)).toBeTruthy();
    print.mockRestore();
  });

  it('retries a failed message and shows it queued', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Please bring your card.');
    await user.click(within(bubbleOf('Please bring your card.')).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(bubbleOf('Please bring your card.')).getByText('Queued')).toBeTruthy());
    expect(backend.callsOf('messages.retry')).toEqual([{ recipientId: 30 }]);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('follows message.status events live', async () => {
    const { backend } = setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('See you soon.');
    await act(async () => {
      backend.server.emit('message.status', { recipientId: 50, messageId: 5, from: 'sending', to: 'failed', reason: 'The network refused the message.', gateway: 'modem:/dev/ttyUSB0', at: '2025-11-20T09:01:00.000Z', flags: [] });
    });
    await waitFor(() => expect(within(bubbleOf('See you soon.')).getByText('Failed: The network refused the message.')).toBeTruthy());
    expect(within(bubbleOf('See you soon.')).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('sends a reply to the conversation with Ctrl+Enter', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('See you soon.');
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Karibu');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bubbleOf('Karibu')).toBeTruthy());
    expect(backend.callsOf('messages.send')).toEqual([{ to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Karibu', inReplyTo: 2 }]);
    expect((screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement).value).toBe('');
    expect(within(bubbleOf('Karibu')).getByText('Queued')).toBeTruthy();
  });

  it('puts an incoming message at the top and counts it unread', async () => {
    const { backend } = setup();
    renderApp(backend, '#/conversations');
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await within(list).findByRole('link', { name: /\+254733000000/ });
    await act(async () => {
      backend.server.emit('message.incoming', { messageId: 9, conversationId: 6, from: '+254733000000', protocol: 'sms', preview: 'Niko njiani', receivedAt: '2025-11-20T10:00:00.000Z' });
    });
    const rows = await within(list).findAllByRole('link');
    await waitFor(() => expect(within(rows[0] as HTMLElement).getByText('Niko njiani')).toBeTruthy());
    expect(within(within(list).getAllByRole('link')[0] as HTMLElement).getByText('1 unread')).toBeTruthy();
  });
});
