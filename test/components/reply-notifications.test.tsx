import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary } from '../../src-shared/contract/dto.ts';
import type { Handlers } from '../../src-shared/contract/commands.ts';
import type { Permission } from '../../renderer/app/reply-notifications.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll, SETTINGS, STORAGE_OK } from './harness.tsx';

const AT = '2025-11-20T09:00:00.000Z';
const SECRET = 'Matokeo ya kipimo cha VVU yako tayari';

const AMINA: ConversationSummary = {
  id: 5,
  address: '+254712345678',
  protocol: 'sms',
  contactId: 7,
  contactName: 'Amina Otieno',
  lastMessageAt: AT,
  lastMessagePreview: SECRET,
  unreadCount: 1,
  lastDirection: 'in',
};

/** A stand-in for the browser's Notification: records what was shown, what was asked. */
class FakeNotification {
  static permission: Permission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async (): Promise<Permission> => {
    FakeNotification.permission = 'granted';
    return 'granted';
  });
  onclick: ((event: Event) => unknown) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: { body?: string; tag?: string } = {},
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

let visibility: DocumentVisibilityState = 'hidden';

beforeEach(() => {
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  visibility = 'hidden';
  vi.stubGlobal('Notification', FakeNotification);
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
});

afterEach(() => {
  resetAll();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup(host: 'electron' | 'headless' = 'headless', more: Partial<Handlers> = {}) {
  const backend = createBackend({
    'app.info': () => ({ version: '0.0.0', host, dataDir: '/tmp', demo: false, demoAvailable: false, storage: STORAGE_OK }),
    'conversations.list': () => ({ items: [AMINA], nextBefore: null }),
    'conversations.thread': ({ id }) => ({ conversation: { ...AMINA, id, contactName: id === 5 ? 'Amina Otieno' : null, address: '+254733000000' }, messages: [], nextBefore: null }),
    ...more,
  });
  return { backend, user: userEvent.setup() };
}

const incoming = (conversationId = 5, from = '+254712345678') => ({ messageId: 9, conversationId, from, protocol: 'sms', preview: SECRET, receivedAt: AT });

/** Renders the app and waits until it knows its host (app.info answered). */
async function start(backend: ReturnType<typeof setup>['backend'], hash = '#/compose') {
  renderApp(backend, hash);
  await waitFor(() => expect(backend.callsOf('app.info').length).toBeGreaterThan(0));
  await screen.findByRole('navigation');
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

async function emit(backend: ReturnType<typeof setup>['backend'], event = incoming()) {
  await act(async () => {
    backend.server.emit('message.incoming', event);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
}

describe('Browser notifications of new replies (headless host)', () => {
  it('a hidden page with permission granted gets "New SMS", "From <name>", never the text', async () => {
    const { backend } = setup();
    await start(backend);
    await emit(backend);
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    const [n] = FakeNotification.shown as [FakeNotification];
    expect(n.title).toBe('New SMS');
    expect(n.options.body).toBe('From Amina Otieno');
    expect(n.options.tag).toBe('ujumbe-conversation-5');
    const said = JSON.stringify([n.title, n.options]);
    expect(said).not.toContain(SECRET);
    expect(said).not.toContain('Matokeo');
  });

  it('says the number when the sender is not a contact, in the interface language', async () => {
    setLanguage('sw');
    const { backend } = setup('headless', { 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) });
    await start(backend);
    await emit(backend, incoming(6, '+254733000000'));
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    const [n] = FakeNotification.shown as [FakeNotification];
    expect(n.title).toBe('SMS mpya');
    expect(n.options.body).toBe('Kutoka kwa +254733000000');
    expect(JSON.stringify([n.title, n.options])).not.toContain(SECRET);
  });

  it('a click focuses the window and opens that conversation', async () => {
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    const { backend } = setup();
    await start(backend);
    await emit(backend);
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    const [n] = FakeNotification.shown as [FakeNotification];
    await act(async () => {
      n.onclick?.(new Event('click'));
    });
    expect(focus).toHaveBeenCalled();
    expect(n.closed).toBe(true);
    expect(window.location.hash).toBe('#/conversations/5');
    expect(await screen.findByRole('heading', { level: 1, name: 'Conversations' })).toBeTruthy();
  });

  it('a visible page gets none', async () => {
    visibility = 'visible';
    const { backend } = setup();
    await start(backend);
    await emit(backend);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(FakeNotification.shown).toEqual([]);
  });

  it('without permission there is none (and nothing asks for it)', async () => {
    FakeNotification.permission = 'default';
    const { backend } = setup();
    await start(backend);
    await emit(backend);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(FakeNotification.shown).toEqual([]);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
  });

  it('the desktop host gets none (the main process notifies)', async () => {
    const { backend } = setup('electron');
    await start(backend);
    await emit(backend);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('"Notify me of new replies"', () => {
  it('appears when permission is "default" in the headless host and asks on click', async () => {
    FakeNotification.permission = 'default';
    const { backend, user } = setup();
    renderApp(backend, '#/conversations');
    const button = await screen.findByRole('button', { name: 'Notify me of new replies' });
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await user.click(button);
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Notify me of new replies' })).toBeNull());
  });

  it.each(['granted', 'denied'] as const)('is absent when permission is already "%s"', async (permission) => {
    FakeNotification.permission = permission;
    const { backend } = setup();
    renderApp(backend, '#/conversations');
    await screen.findByRole('group', { name: 'Show' });
    await waitFor(() => expect(backend.callsOf('app.info').length).toBeGreaterThan(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Notify me of new replies' })).toBeNull();
  });

  it('is absent in the desktop host', async () => {
    FakeNotification.permission = 'default';
    const { backend } = setup('electron');
    renderApp(backend, '#/conversations');
    await screen.findByRole('group', { name: 'Show' });
    await waitFor(() => expect(backend.callsOf('app.info').length).toBeGreaterThan(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Notify me of new replies' })).toBeNull();
  });

  it('is absent where the browser has no Notification', async () => {
    vi.unstubAllGlobals();
    const { backend } = setup();
    renderApp(backend, '#/conversations');
    await screen.findByRole('group', { name: 'Show' });
    await waitFor(() => expect(backend.callsOf('app.info').length).toBeGreaterThan(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Notify me of new replies' })).toBeNull();
  });
});
