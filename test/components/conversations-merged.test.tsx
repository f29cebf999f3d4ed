/**
 * One thread per contact across all of their numbers (issue 12): the thread names the number of
 * each message when the contact has several, the reply says where it goes and offers the
 * contact's other addresses in a labelled select, and an incoming message on another of the
 * contact's conversations updates the merged entry and the open thread.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(resetAll);

const AMINA: ConversationSummary = {
  id: 12,
  address: '+255712000111',
  protocol: 'sms',
  contactId: 7,
  contactName: 'Amina Otieno',
  lastMessageAt: '2025-11-20T09:03:00.000Z',
  lastMessagePreview: 'Nipo Dar sasa',
  unreadCount: 3,
  lastDirection: 'in',
  conversationIds: [12, 5, 9],
  contactAddresses: [
    { address: '+254712345678', protocol: 'sms', preferred: true },
    { address: '+255712000111', protocol: 'sms', preferred: false },
    { address: 'amina@example.org', protocol: 'email', preferred: true },
  ],
  replyTo: { address: '+254712345678', protocol: 'sms' },
};

function message(id: number, direction: 'in' | 'out', content: string, address: string, minute: number): ThreadMessage {
  const at = `2025-11-20T09:0${minute}:00.000Z`;
  return {
    id,
    direction,
    content,
    subject: null,
    created: at,
    recipient: {
      id: id * 10,
      messageId: id,
      address,
      protocol: address.includes('@') ? 'email' : 'sms',
      contactId: 7,
      status: direction === 'in' ? 'received' : 'delivered',
      gateway: null,
      gatewayRefs: [],
      attempts: 1,
      nextAttemptAt: null,
      lastErrorCode: null,
      lastError: null,
      flags: [],
      updated: at,
      reportOverdue: false,
    },
  };
}

function setup(entry: ConversationSummary = AMINA) {
  let messages = [
    message(1, 'out', 'Kumbusho: kliniki Jumatatu', '+254712345678', 1),
    message(2, 'in', 'Nipo Dar sasa', '+255712000111', 3),
  ];
  const backend = createBackend({
    'conversations.list': () => ({ items: [entry], nextBefore: null }),
    'conversations.thread': () => ({ conversation: entry, messages, nextBefore: null }),
    'messages.send': (p) => {
      const to = p.to[0];
      const address = to?.kind === 'address' ? to.address : '';
      messages = [...messages, message(3, 'out', p.text ?? '', address, 4)];
      return { messageId: 3, recipients: [{ id: 30, address, status: 'outbox' }], sms: { encoding: 'gsm7', segments: 1 } };
    },
  });
  return { backend, user: userEvent.setup(), addMessage: (m: ThreadMessage) => (messages = [...messages, m]) };
}

const bubbleOf = (text: string) => within(screen.getByRole('list', { name: 'Messages' })).getByText(text).closest('li') as HTMLElement;

describe('a contact’s thread across their numbers', () => {
  it('names the number each message went to or came from', async () => {
    const { backend } = setup();
    renderApp(backend, '#/conversations/5');
    await screen.findByText('Nipo Dar sasa', { selector: '.bubble-text' });
    expect(within(bubbleOf('Kumbusho: kliniki Jumatatu')).getByText('to +254712345678')).toBeTruthy();
    expect(within(bubbleOf('Nipo Dar sasa')).getByText('from +255712000111')).toBeTruthy();
    // Opened under an older conversation of hers: the merged row is still the current one.
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(within(list).getByRole('link', { name: /Amina Otieno/ }).getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(backend.callsOf('conversations.markRead')).toEqual([{ id: 5 }]));
  });

  it('replies to the preferred number, and to another of hers when the nurse picks it', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations/12');
    const picker = (await screen.findByRole('combobox', { name: 'Send reply to' })) as HTMLSelectElement;
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['+254712345678 (SMS)', '+255712000111 (SMS)', 'amina@example.org (e-mail)']);
    expect(picker.selectedOptions[0]?.textContent).toBe('+254712345678 (SMS)');

    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Karibu');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(backend.callsOf('messages.send')).toHaveLength(1));
    expect(backend.callsOf('messages.send')[0]).toMatchObject({ to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Karibu', inReplyTo: 2 });

    await user.selectOptions(picker, '+255712000111 (SMS)');
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Uko Dar?');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(backend.callsOf('messages.send')).toHaveLength(2));
    expect(backend.callsOf('messages.send')[1]).toMatchObject({ to: [{ kind: 'address', address: '+255712000111', protocol: 'sms' }] });
    expect(await screen.findByText('to +255712000111')).toBeTruthy();
  });

  it('says where the reply goes when there is only one address, with no select', async () => {
    const single: ConversationSummary = { ...AMINA, id: 5, address: '+254712345678', conversationIds: [5], contactAddresses: [{ address: '+254712345678', protocol: 'sms', preferred: true }], replyTo: { address: '+254712345678', protocol: 'sms' } };
    const { backend } = setup(single);
    renderApp(backend, '#/conversations/5');
    expect(await screen.findByText('Reply goes to +254712345678')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Send reply to' })).toBeNull();
  });

  it('counts a message on another of her numbers in the merged row and the open thread', async () => {
    const { backend, addMessage } = setup();
    renderApp(backend, '#/conversations/12');
    await screen.findByText('Nipo Dar sasa', { selector: '.bubble-text' });
    const threadCalls = backend.callsOf('conversations.thread').length;
    addMessage(message(4, 'in', 'Barua pepe', 'amina@example.org', 5));
    await act(async () => {
      backend.server.emit('message.incoming', { messageId: 4, conversationId: 9, from: 'amina@example.org', protocol: 'email', preview: 'Barua pepe', receivedAt: '2025-11-20T09:05:00.000Z' });
    });
    await waitFor(() => expect(backend.callsOf('conversations.thread').length).toBeGreaterThan(threadCalls));
    expect(await screen.findByText('from amina@example.org')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(within(list).getAllByRole('link')).toHaveLength(1);
    expect(within(within(list).getByRole('link', { name: /Amina Otieno/ })).getByText('Barua pepe')).toBeTruthy();
  });
});
