/** The shell's own questions to the backend go through the contract's in-process client (tray count, notification name). */
import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src-shared/contract/index.ts';
import { createInProcessClient, createRpcServer } from '../../../src-shared/rpc/index.ts';
import { conversationContactName, countUnread } from '../../../electron/main/backend-queries.ts';

const conversation = (id: number, unreadCount: number, contactName: string | null = null) => ({
  id,
  address: `+2547000000${id}`,
  protocol: 'sms',
  contactId: null,
  contactName,
  lastMessageAt: null,
  lastMessagePreview: null,
  unreadCount,
});

describe('countUnread', () => {
  it('adds up the unread counts of the conversations', async () => {
    const list = vi.fn(() => ({ items: [conversation(1, 2), conversation(2, 0), conversation(3, 5)], nextBefore: null }));
    const client = createInProcessClient(createRpcServer({ handlers: { 'conversations.list': list } as unknown as Handlers }));
    await expect(countUnread(client)).resolves.toBe(7);
    expect(list).toHaveBeenCalledWith({ limit: 500 }, expect.anything());
  });

  it('says 0 when the backend fails or answers nonsense', async () => {
    const failing = createInProcessClient(createRpcServer({ handlers: { 'conversations.list': () => { throw new Error('closed'); } } as unknown as Handlers }));
    await expect(countUnread(failing)).resolves.toBe(0);
    const odd = createInProcessClient(createRpcServer({ handlers: { 'conversations.list': () => ({ items: [{ unreadCount: -3 }, { unreadCount: 'x' }] }) } as unknown as Handlers }));
    await expect(countUnread(odd)).resolves.toBe(0);
  });
});

describe('conversationContactName', () => {
  it("returns the conversation's contact name, or null", async () => {
    const thread = vi.fn(({ id }: { id: number }) => ({ conversation: conversation(id, 0, id === 1 ? 'Amina' : null), messages: [], nextBefore: null }));
    const client = createInProcessClient(createRpcServer({ handlers: { 'conversations.thread': thread } as unknown as Handlers }));
    await expect(conversationContactName(client, 1)).resolves.toBe('Amina');
    await expect(conversationContactName(client, 2)).resolves.toBeNull();
    expect(thread).toHaveBeenCalledWith({ id: 1, limit: 1 }, expect.anything());
  });

  it('returns null when the backend fails', async () => {
    const client = createInProcessClient(createRpcServer({ handlers: {} as Handlers }));
    await expect(conversationContactName(client, 1)).resolves.toBeNull();
  });
});
