/**
 * What the desktop shell itself asks the backend (tray count, notification name), asked through
 * the contract like any client: same validation, and no reach into the backend's internals.
 */
import type { ConversationSummary, Page } from '../../src-shared/contract/dto.ts';
import type { RpcServer } from '../../src-shared/rpc/server.ts';

/** Conversations counted for the tray: the most recent ones (the contract's page maximum). */
const UNREAD_SCAN_LIMIT = 500;

/** Unread messages across the most recent conversations; 0 when the backend cannot say. */
export async function countUnread(rpc: Pick<RpcServer, 'invoke'>): Promise<number> {
  const outcome = await rpc.invoke('conversations.list', { limit: UNREAD_SCAN_LIMIT });
  if (!outcome.ok) return 0;
  const page = outcome.result as Partial<Page<ConversationSummary>> | null;
  if (!page || !Array.isArray(page.items)) return 0;
  return page.items.reduce((sum, c) => sum + (Number.isSafeInteger(c.unreadCount) && c.unreadCount > 0 ? c.unreadCount : 0), 0);
}

/** The contact name of a conversation, or null (unknown sender, or the backend cannot say). */
export async function conversationContactName(rpc: Pick<RpcServer, 'invoke'>, conversationId: number): Promise<string | null> {
  const outcome = await rpc.invoke('conversations.thread', { id: conversationId, limit: 1 });
  if (!outcome.ok) return null;
  const thread = outcome.result as { conversation?: Partial<ConversationSummary> } | null;
  const name = thread?.conversation?.contactName;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}
