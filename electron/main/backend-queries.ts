/**
 * What the desktop shell itself asks the backend (tray count, notification name), asked through
 * the contract like any client: same validation, and no reach into the backend's internals.
 * Pass the in-process client (`createInProcessClient(rpcServer)`).
 */
import type { RpcCaller } from '../../src-shared/rpc/client.ts';

/** Conversations counted for the tray: the most recent ones (the contract's page maximum). */
const UNREAD_SCAN_LIMIT = 500;

/** Unread messages across the most recent conversations; 0 when the backend cannot say. */
export async function countUnread(client: RpcCaller): Promise<number> {
  const page = await client.call('conversations.list', { limit: UNREAD_SCAN_LIMIT }).catch(() => null);
  if (!page) return 0;
  return page.items.reduce((sum, c) => sum + (Number.isSafeInteger(c.unreadCount) && c.unreadCount > 0 ? c.unreadCount : 0), 0);
}

/** The contact name of a conversation, or null (unknown sender, or the backend cannot say). */
export async function conversationContactName(client: RpcCaller, conversationId: number): Promise<string | null> {
  const thread = await client.call('conversations.thread', { id: conversationId, limit: 1 }).catch(() => null);
  const name = thread?.conversation.contactName;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}
