/**
 * The UI hides what the role cannot do (issue 13 "Users, roles, lock"; renderer/state/session.ts
 * `can`, app/screen-access.tsx): a nurse has no Settings and typing #/settings says why; a viewer
 * has no Compose, no reply box and no retry; the Gateways screen's management is the
 * administrator's; 'forbidden' and 'sign-in-required' are worded.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, ThreadMessage } from '../../src-shared/contract/dto.ts';
import { RpcError } from '../../src-shared/rpc/client.ts';
import { errorWords } from '../../renderer/app/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { can, useSession } from '../../renderer/state/session.ts';
import { gatewayView } from './contacts-harness.tsx';
import { createBackend, EMAIL_SETTINGS, renderApp, resetAll } from './harness.tsx';
import { signedIn } from './session-fixtures.ts';

afterEach(resetAll);

const NURSE = signedIn(2);
const VIEWER = signedIn(3);
const ADMIN = signedIn(1);
const AT = '2025-11-20T09:00:00.000Z';

const conversation: ConversationSummary = {
  id: 5, address: '+254712345678', protocol: 'sms', contactId: 7, contactName: 'Amina Otieno', lastMessageAt: AT, lastMessagePreview: 'Asante', unreadCount: 0,
};
const failed: ThreadMessage = {
  id: 3, direction: 'out', content: 'Please bring your card.', subject: null, created: AT,
  recipient: {
    id: 30, messageId: 3, address: '+254712345678', protocol: 'sms', contactId: 7, status: 'failed', gateway: null, gatewayRefs: [], attempts: 1, nextAttemptAt: null,
    lastErrorCode: null, lastError: 'The SIM has no credit.', flags: [], updated: AT, reportOverdue: false,
  },
};

function backendAs(session = NURSE) {
  return createBackend({
    'session.status': () => session,
    'conversations.list': () => ({ items: [conversation], nextBefore: null }),
    'conversations.thread': () => ({ conversation, messages: [failed], nextBefore: null }),
    'gateways.list': () => [gatewayView()],
    'email.getSettings': () => EMAIL_SETTINGS,
  });
}

const nav = () => screen.getByRole('navigation', { name: 'Main' });
const links = () => within(nav()).getAllByRole('link').map((a) => a.textContent?.trim());

describe('a nurse', () => {
  it('sees no Settings or Audit in the navigation, and #/settings is refused in words', async () => {
    const backend = backendAs(NURSE);
    renderApp(backend, '#/settings', NURSE);
    expect(links()).toEqual(['Compose', 'Conversations', 'Outbox', 'Reminders', 'Contacts', 'Templates', 'Reports', 'Gateways']);
    expect(screen.getByRole('alert').textContent).toBe('Only an administrator can open Settings.');
    expect(screen.getByText('You are signed in as Amina (Nurse).')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(backend.callsOf('settings.update')).toHaveLength(0);
  });

  it('sees a modem but not its management: no Start, Stop, Disable, Forget, test SMS or mail settings; Check balance stays', async () => {
    renderApp(backendAs(NURSE), '#/gateways', NURSE);
    const card = await screen.findByRole('article', { name: 'Huawei E173' });
    for (const name of ['Start', 'Stop', 'Disable', 'Rename', 'Forget this modem', 'Show AT traffic']) expect(within(card).queryByRole('button', { name })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Check balance' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Look for modems again' })).toBeNull();
  });

  it('may reply and retry, but not delete history (the administrator’s)', async () => {
    renderApp(backendAs(NURSE), '#/conversations/5', NURSE);
    expect(await screen.findByRole('button', { name: 'Send reply' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete message' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete conversation' })).toBeNull();
  });
});

describe('a viewer', () => {
  it('has no Compose: not in the navigation, and #/compose says who may', async () => {
    renderApp(backendAs(VIEWER), '#/compose', VIEWER);
    expect(links()).not.toContain('Compose');
    expect(screen.getByRole('alert').textContent).toBe('Only a nurse or an administrator can open Compose.');
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });

  it('reads a conversation with no reply box and no retry', async () => {
    renderApp(backendAs(VIEWER), '#/conversations/5', VIEWER);
    expect(await screen.findByText('Please bring your card.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send reply' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('sees contacts but cannot add, import or export them', async () => {
    renderApp(backendAs(VIEWER), '#/contacts', VIEWER);
    await screen.findByRole('heading', { level: 1, name: 'Contacts' });
    expect(screen.queryByRole('button', { name: 'New contact' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export contacts as CSV' })).toBeNull();
  });
});

describe('an administrator', () => {
  it('sees every screen, Audit too', () => {
    renderApp(backendAs(ADMIN), '#/compose', ADMIN);
    expect(links()).toEqual(['Compose', 'Conversations', 'Outbox', 'Reminders', 'Contacts', 'Templates', 'Reports', 'Gateways', 'Settings', 'Audit']);
  });
});

describe('can() and the words of a refusal', () => {
  it('follows the contract table for each role, and nothing while locked', () => {
    useSession.getState().set(VIEWER);
    expect([can('messages.list'), can('messages.send'), can('settings.update')]).toEqual([true, false, false]);
    useSession.getState().set(NURSE);
    expect([can('messages.send'), can('contacts.export'), can('users.list')]).toEqual([true, false, false]);
    useSession.getState().set(ADMIN);
    expect([can('users.list'), can('audit.verify')]).toEqual([true, true]);
    useSession.getState().set({ ...NURSE, actor: null });
    expect([can('messages.list'), can('session.signIn')]).toEqual([false, true]);
  });

  it('words forbidden and sign-in-required in English and Swahili', () => {
    expect(errorWords(new RpcError('forbidden', 'Forbidden'))).toBe('Your role may not do that. Ask an administrator.');
    expect(errorWords(new RpcError('sign-in-required', 'Sign in'))).toMatch(/^No one is signed in/);
    setLanguage('sw');
    expect(errorWords(new RpcError('forbidden', 'Forbidden'))).toBe('Nafasi yako hairuhusiwi kufanya hivyo. Muulize msimamizi.');
  });
});
