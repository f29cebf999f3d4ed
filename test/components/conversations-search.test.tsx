import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageHitDto, ThreadMessage } from '../../src-shared/contract/dto.ts';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { formatWhen } from '../../renderer/ui/format.ts';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const AT = '2025-12-03T14:02:00.000Z';

const conversation = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 5,
  address: '+254712345678',
  protocol: 'sms',
  contactId: 7,
  contactName: 'Amina Otieno',
  lastMessageAt: AT,
  lastMessagePreview: 'Habari, nitakuja kesho',
  unreadCount: 0,
  ...over,
});

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

const hit = (over: Partial<MessageHitDto> = {}): MessageHitDto => ({
  messageId: 12,
  direction: 'in',
  created: AT,
  conversationId: 5,
  address: '+254712345678',
  contactId: 7,
  contactName: 'Amina Otieno',
  parts: [
    { text: 'Habari, nitakuja ', match: false },
    { text: 'kesho', match: true },
  ],
  ...over,
});

const SENT_HIT = hit({
  messageId: 9,
  direction: 'out',
  conversationId: 6,
  address: '+254733000000',
  contactId: null,
  contactName: null,
  parts: [
    { text: 'Karibu ', match: false },
    { text: 'kesho', match: true },
    { text: ' saa nne.', match: false },
  ],
});

function setup(search: Handlers['messages.search'] = () => ({ items: [hit(), SENT_HIT], nextBefore: null }), more: Partial<Handlers> = {}) {
  const backend = createBackend({
    'conversations.list': () => ({ items: [conversation(), conversation({ id: 6, address: '+254733000000', contactName: null, lastMessagePreview: 'Karibu kesho saa nne.' })], nextBefore: null }),
    'conversations.thread': ({ id }) => ({
      conversation: conversation({ id }),
      messages: [bubble(11, 'out', 'Your appointment is on Thursday.'), bubble(12, 'in', 'Habari, nitakuja kesho'), bubble(13, 'out', 'Asante.')],
      nextBefore: null,
    }),
    'messages.search': search,
    ...more,
  });
  return { backend, user: userEvent.setup() };
}

const when = formatWhen(AT, 'en');

async function typeSearch(user: ReturnType<typeof userEvent.setup>, text: string) {
  await screen.findByRole('list', { name: 'Conversations' });
  await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), text);
}

describe('Conversations: searching message text', () => {
  it('calls messages.search once with the typed words after the debounce', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    // Not while typing: once, after the pause, like the list's own search.
    expect(backend.callsOf('messages.search')).toEqual([]);
    await waitFor(() => expect(backend.callsOf('messages.search')).toEqual([{ q: 'kesho', limit: 50 }]));
    await waitFor(() => expect(backend.callsOf('conversations.list').at(-1)).toMatchObject({ search: 'kesho' }));
  });

  it('shows the hits under the conversations, the matching words in <mark>', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    expect(await screen.findByRole('heading', { level: 2, name: 'Conversations' })).toBeTruthy();
    const results = await screen.findByRole('list', { name: 'Messages (2)' });
    expect(screen.getByRole('heading', { level: 2, name: 'Messages (2)' })).toBeTruthy();

    const amina = within(results).getByRole('button', { name: `Amina Otieno, ${when}: Habari, nitakuja kesho` });
    expect(within(amina).getByText('Received')).toBeTruthy();
    const marks = amina.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['kesho']);
    expect(amina.textContent).toContain('Habari, nitakuja kesho');

    // No contact: the number; sent by the clinic.
    const sent = within(results).getByRole('button', { name: `+254733000000, ${when}: Karibu kesho saa nne.` });
    expect(within(sent).getByText('Sent')).toBeTruthy();
    expect([...sent.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['kesho']);
  });

  it('opens the conversation of a clicked hit and marks that message in the thread', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    const results = await screen.findByRole('list', { name: 'Messages (2)' });
    await user.click(within(results).getByRole('button', { name: /^Amina Otieno,/ }));
    expect(window.location.hash).toBe('#/conversations/5');
    await screen.findByRole('heading', { level: 2, name: 'Amina Otieno' });
    expect(backend.callsOf('conversations.thread').at(-1)).toMatchObject({ id: 5 });
    const bubbles = await screen.findByRole('list', { name: 'Messages' });
    const found = within(bubbles).getByText('Habari, nitakuja kesho').closest('li') as HTMLElement;
    expect(found.className).toContain('bubble-found');
    expect(within(found).getByText('Found by your search')).toBeTruthy();
    expect((within(bubbles).getByText('Asante.').closest('li') as HTMLElement).className).not.toContain('bubble-found');
    // The search and its results stay while reading.
    expect(screen.getByRole('list', { name: 'Messages (2)' })).toBeTruthy();
  });

  it('opens a hit with the keyboard (Enter)', async () => {
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    const results = await screen.findByRole('list', { name: 'Messages (2)' });
    within(results).getByRole('button', { name: /^\+254733000000,/ }).focus();
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe('#/conversations/6');
    await waitFor(() => expect(backend.callsOf('conversations.thread').at(-1)).toMatchObject({ id: 6 }));
  });

  it('pages with "Show more", sending before', async () => {
    const { backend, user } = setup(({ before }) =>
      before === undefined ? { items: [hit()], nextBefore: 12 } : { items: [SENT_HIT], nextBefore: null },
    );
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    const first = await screen.findByRole('list', { name: 'Messages (1+)' });
    expect(within(first).getAllByRole('button')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    const all = await screen.findByRole('list', { name: 'Messages (2)' });
    expect(within(all).getAllByRole('button')).toHaveLength(2);
    expect(backend.callsOf('messages.search')).toEqual([
      { q: 'kesho', limit: 50 },
      { q: 'kesho', limit: 50, before: 12 },
    ]);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('says so in plain words when no message matches, and hides the section when the search is cleared', async () => {
    const { backend, user } = setup(() => ({ items: [], nextBefore: null }));
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    expect(await screen.findByText('No messages contain “kesho”.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Messages (0)' })).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search conversations' }));
    await waitFor(() => expect(screen.queryByText('No messages contain “kesho”.')).toBeNull());
    expect(screen.queryByRole('heading', { level: 2, name: /^Messages/ })).toBeNull();
  });

  it('says when the search failed and tries again', async () => {
    let fail = true;
    const { backend, user } = setup(() => {
      if (fail) throw new UjumbeError('internal', 'The database is busy.');
      return { items: [hit()], nextBefore: null };
    });
    renderApp(backend, '#/conversations');
    await typeSearch(user, 'kesho');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The messages could not be searched.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Messages (1)' })).toBeTruthy();
  });

  it('speaks Swahili', async () => {
    const { backend, user } = setup(() => ({ items: [], nextBefore: null }), { 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) });
    setLanguage('sw');
    renderApp(backend, '#/conversations');
    await screen.findByRole('list', { name: 'Mazungumzo' });
    await user.type(screen.getByRole('searchbox', { name: 'Tafuta mazungumzo' }), 'kesho');
    expect(await screen.findByText('Hakuna ujumbe wenye “kesho”.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Jumbe (0)' })).toBeTruthy();
  });
});
