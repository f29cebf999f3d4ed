import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

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
  lastDirection: 'in',
  ...over,
});

const AMINA = conversation();
/** Answered by the clinic, nothing unread: not waiting. */
const BARAKA = conversation({ id: 6, address: '+254733000000', contactName: 'Baraka Mwangi', unreadCount: 0, lastDirection: 'out', lastMessagePreview: 'See you on Monday.' });
/** Wrote last, already read: still waiting for the clinic. */
const CHAUSIKU = conversation({ id: 8, address: '+254722111222', contactName: null, unreadCount: 0, lastDirection: 'in', lastMessagePreview: 'Ninaweza kuja Jumanne?' });

function bubble(id: number, direction: 'in' | 'out', content: string): ThreadMessage {
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
      status: direction === 'in' ? 'received' : 'delivered',
      gateway: null,
      gatewayRefs: [],
      attempts: 1,
      nextAttemptAt: null,
      lastErrorCode: null,
      lastError: null,
      flags: [],
      updated: AT,
      reportOverdue: false,
    },
  };
}

/** A backend whose list filters as the real one does: `replies` keeps the waiting threads. */
function setup(more: Partial<Handlers> = {}, all: () => ConversationSummary[] = () => [AMINA, BARAKA, CHAUSIKU]) {
  const backend = createBackend({
    'conversations.list': ({ replies, search }) => {
      let items = all();
      if (replies) items = items.filter((c) => c.unreadCount > 0 || c.lastDirection === 'in');
      if (search) items = items.filter((c) => (c.contactName ?? c.address).toLowerCase().includes(search.toLowerCase()));
      return { items, nextBefore: null };
    },
    'conversations.thread': ({ id }) => ({ conversation: all().find((c) => c.id === id) ?? AMINA, messages: [bubble(1, 'out', 'Your appointment is on Monday.'), bubble(2, 'in', 'Asante, nitakuja')], nextBefore: null }),
    ...more,
  });
  return { backend, user: userEvent.setup() };
}

/** The screen's own list calls (the navigation's badge asks with limit 500). */
const listCalls = (backend: ReturnType<typeof setup>['backend']) => backend.callsOf('conversations.list').filter((p) => p.limit !== 500);

describe('Conversations: the Replies view', () => {
  it('offers All and Replies as toggle buttons, All pressed first', async () => {
    const { backend } = setup();
    renderApp(backend, '#/conversations');
    const views = await screen.findByRole('group', { name: 'Show' });
    expect(within(views).getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(views).getByRole('button', { name: 'Replies' }).getAttribute('aria-pressed')).toBe('false');
    const list = await screen.findByRole('list', { name: 'Conversations' });
    expect(await within(list).findByRole('link', { name: /Baraka Mwangi/ })).toBeTruthy();
    expect(listCalls(backend)[0]).not.toHaveProperty('replies');
  });

  it('lists only the threads waiting for the clinic, with replies: true, and marks them in words', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.click(screen.getByRole('button', { name: 'Replies' }));

    const list = await screen.findByRole('list', { name: 'Replies waiting for the clinic' });
    await waitFor(() => expect(listCalls(backend).at(-1)).toEqual({ limit: 100, replies: true }));
    expect(screen.getByRole('button', { name: 'Replies' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('false');

    const amina = await within(list).findByRole('link', { name: /Amina Otieno/ });
    expect(within(amina).getByText('Waiting for a reply')).toBeTruthy();
    expect(within(amina).getByText('2 unread')).toBeTruthy();
    const unknown = within(list).getByRole('link', { name: /\+254722111222/ });
    expect(within(unknown).getByText('Waiting for a reply')).toBeTruthy();
    expect(within(list).queryByRole('link', { name: /Baraka Mwangi/ })).toBeNull();

    // And back to all of them.
    await user.click(screen.getByRole('button', { name: 'All' }));
    const all = await screen.findByRole('list', { name: 'Conversations' });
    const baraka = await within(all).findByRole('link', { name: /Baraka Mwangi/ });
    expect(within(baraka).queryByText('Waiting for a reply')).toBeNull();
    expect(listCalls(backend).at(-1)).toEqual({ limit: 100 });
  });

  it('combines with the search', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.click(screen.getByRole('button', { name: 'Replies' }));
    await screen.findByRole('list', { name: 'Replies waiting for the clinic' });
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'baraka');
    await waitFor(() => expect(listCalls(backend).at(-1)).toEqual({ limit: 100, search: 'baraka', replies: true }));
    expect(await screen.findByText('No waiting reply matches your search')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search conversations' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'amina');
    const list = await screen.findByRole('list', { name: 'Replies waiting for the clinic' });
    expect(await within(list).findByRole('link', { name: /Amina Otieno/ })).toBeTruthy();
    expect(listCalls(backend).at(-1)).toEqual({ limit: 100, search: 'amina', replies: true });
  });

  it('says when no reply is waiting', async () => {
    const { backend, user } = setup({}, () => [BARAKA]);
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.click(screen.getByRole('button', { name: 'Replies' }));
    expect(await screen.findByText('No replies waiting')).toBeTruthy();
  });

  it('a new message from a patient not listed reloads the Replies view', async () => {
    let items = [AMINA, BARAKA];
    const { backend, user } = setup({}, () => items);
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.click(screen.getByRole('button', { name: 'Replies' }));
    const list = await screen.findByRole('list', { name: 'Replies waiting for the clinic' });
    await within(list).findByRole('link', { name: /Amina Otieno/ });
    items = [{ ...BARAKA, unreadCount: 1, lastDirection: 'in', lastMessagePreview: 'Niko njiani' }, AMINA];
    await act(async () => {
      backend.server.emit('message.incoming', { messageId: 9, conversationId: 6, from: '+254733000000', protocol: 'sms', preview: 'Niko njiani', receivedAt: '2025-11-20T10:00:00.000Z' });
    });
    const baraka = await within(list).findByRole('link', { name: /Baraka Mwangi/ });
    expect(within(baraka).getByText('Waiting for a reply')).toBeTruthy();
    expect(listCalls(backend).at(-1)).toEqual({ limit: 100, replies: true });
  });

  it('reloads the Replies view after message.status (a reply sent from another desk)', async () => {
    let items = [AMINA, CHAUSIKU];
    const { backend, user } = setup({}, () => items);
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Conversations' });
    await user.click(screen.getByRole('button', { name: 'Replies' }));
    const list = await screen.findByRole('list', { name: 'Replies waiting for the clinic' });
    await within(list).findByRole('link', { name: /\+254722111222/ });
    items = [{ ...CHAUSIKU, lastDirection: 'out' }, AMINA];
    await act(async () => {
      backend.server.emit('message.status', { recipientId: 99, messageId: 9, from: 'outbox', to: 'sending', reason: 'Sending', gateway: null, at: '2025-11-20T10:00:00.000Z', flags: [] });
    });
    await waitFor(() => expect(within(list).queryByRole('link', { name: /\+254722111222/ })).toBeNull(), { timeout: 3_000 });
    expect(within(list).getByRole('link', { name: /Amina Otieno/ })).toBeTruthy();
  });

  it('speaks Kiswahili', async () => {
    setLanguage('sw');
    const { backend, user } = setup({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) });
    renderApp(backend, '#/conversations');
    const views = await screen.findByRole('group', { name: 'Onyesha' });
    await user.click(within(views).getByRole('button', { name: 'Majibu' }));
    const list = await screen.findByRole('list', { name: 'Majibu yanayosubiri kliniki' });
    const amina = await within(list).findByRole('link', { name: /Amina Otieno/ });
    expect(within(amina).getByText('Inasubiri jibu')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Mazungumzo (2 hazijasomwa)' })).toBeTruthy());
  });
});

describe('Navigation: unread badge on Conversations', () => {
  it('shows the total unread in the accessible name and follows message.incoming', async () => {
    let items = [AMINA, { ...CHAUSIKU, unreadCount: 1 }];
    const { backend } = setup({}, () => items);
    renderApp(backend, '#/compose');
    expect(await screen.findByRole('link', { name: 'Conversations (3 unread)' })).toBeTruthy();
    expect(backend.callsOf('conversations.list')).toContainEqual({ replies: true, limit: 500 });

    items = [{ ...BARAKA, unreadCount: 1, lastDirection: 'in' }, ...items];
    await act(async () => {
      backend.server.emit('message.incoming', { messageId: 9, conversationId: 6, from: '+254733000000', protocol: 'sms', preview: 'Niko njiani', receivedAt: '2025-11-20T10:00:00.000Z' });
    });
    expect(await screen.findByRole('link', { name: 'Conversations (4 unread)' })).toBeTruthy();
  });

  it('loads the count once for a burst of incoming messages', async () => {
    const { backend } = setup();
    renderApp(backend, '#/compose');
    await screen.findByRole('link', { name: 'Conversations (2 unread)' });
    const before = backend.callsOf('conversations.list').filter((p) => p.limit === 500).length;
    await act(async () => {
      for (let i = 0; i < 5; i++) backend.server.emit('message.incoming', { messageId: 20 + i, conversationId: 5, from: '+254712345678', protocol: 'sms', preview: 'x', receivedAt: AT });
    });
    await waitFor(() => expect(backend.callsOf('conversations.list').filter((p) => p.limit === 500).length).toBe(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(backend.callsOf('conversations.list').filter((p) => p.limit === 500)).toHaveLength(before + 1);
  });

  it('goes down when a conversation is read, and away at zero', async () => {
    let items = [AMINA, BARAKA];
    const { backend, user } = setup({ 'conversations.markRead': ({ id }) => {
      items = items.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c));
      return { unreadCount: 0 };
    } }, () => items);
    renderApp(backend, '#/conversations');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'Conversations (2 unread)' });
    const list = await screen.findByRole('list', { name: 'Conversations' });
    await user.click(await within(list).findByRole('link', { name: /Amina Otieno/ }));
    await waitFor(() => expect(backend.callsOf('conversations.markRead')).toEqual([{ id: 5 }]));
    expect(await within(nav).findByRole('link', { name: 'Conversations' })).toBeTruthy();
  });
});
