// "Add to contacts" on the thread of an unknown number (issue 12 "The inbox"): a name, then
// contacts.create with this number; the thread is read again and shows the name. Not offered
// for a contact's thread or an operator's name.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../src-shared/contract/dto.ts';
import { createBackend, renderApp, resetAll } from './harness.tsx';

afterEach(resetAll);

const unknown: ConversationSummary = { id: 6, address: '+254733000000', protocol: 'sms', contactId: null, contactName: null, lastMessageAt: '2025-11-20T09:00:00.000Z', lastMessagePreview: 'Hello', unreadCount: 0 };

function setup(first: ConversationSummary) {
  let conversation = first;
  const backend = createBackend({
    'conversations.list': () => ({ items: [conversation], nextBefore: null }),
    'conversations.thread': () => ({ conversation, messages: [], nextBefore: null }),
    'contacts.create': (p) => {
      conversation = { ...conversation, contactId: 9, contactName: p.name };
      return { id: 9, name: p.name, notes: '', addresses: [{ id: 1, address: first.address, protocol: 'sms', contactId: 9, preferred: true }], groupIds: [], language: null, discreet: false };
    },
  });
  return { backend, user: userEvent.setup() };
}

describe('Add to contacts', () => {
  it('names an unknown number and the thread then shows the name', async () => {
    const { backend, user } = setup(unknown);
    renderApp(backend, '#/conversations/6');
    await user.click(await screen.findByRole('button', { name: 'Add +254733000000 to contacts' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    expect(screen.getByText("Write the person's name.")).toBeTruthy();
    expect(backend.callsOf('contacts.create')).toEqual([]);
    await user.type(screen.getByRole('textbox', { name: 'Name for +254733000000' }), 'Zawadi Achieng');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(backend.callsOf('contacts.create')).toMatchObject([{ name: 'Zawadi Achieng', addresses: [{ address: '+254733000000', protocol: 'sms' }] }]));
    await screen.findByRole('heading', { name: 'Zawadi Achieng' });
    expect(screen.queryByRole('button', { name: /to contacts/ })).toBeNull();
  });

  it('is not offered for an operator’s name', async () => {
    const { backend } = setup({ ...unknown, address: 'SAFARICOM' });
    renderApp(backend, '#/conversations/6');
    await screen.findByRole('heading', { name: 'SAFARICOM' });
    expect(screen.queryByRole('button', { name: /to contacts/ })).toBeNull();
  });
});
