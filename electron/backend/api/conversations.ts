/**
 * conversations.*: the conversation list, one thread, mark read. An entry is one contact with all
 * of their numbers (issue 12), named by a conversation id: its head's in the list, any of its
 * conversations' ids for thread and markRead (conversation-repository.ts), so callers that knew
 * one conversation id (the HTTP API, `message.incoming`, message search hits) keep working.
 */
import type { ThreadMessage } from '../../../src-shared/contract/dto.ts';
import { NotFoundError } from '../../../src-shared/errors.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { reportWaitFor, toConversationSummary, toRecipientDto } from './dto-mapping.ts';
import { searchTerms } from './search-terms.ts';

/** @throws NotFoundError from thread and markRead, for an unknown conversation. */
export function conversationHandlers({ backend }: HandlerContext): AreaHandlers<'conversations'> {
  const { store } = backend;
  const entryOf = (id: number) => {
    const item = store.conversations.getListItem(id);
    if (!item) throw new NotFoundError('conversation', id, 'This conversation no longer exists.');
    return item;
  };

  return {
    'conversations.list'(params) {
      const page = store.conversations.listPage({ limit: params.limit, before: params.before, ...searchTerms(params.search), replies: params.replies === true });
      return { items: page.items.map(toConversationSummary), nextBefore: page.nextBefore };
    },

    'conversations.thread'(params) {
      const entry = entryOf(params.id);
      const rows = store.conversations.threadPage(entry.conversationIds, params.before, params.limit);
      const oldest = rows.at(-1);
      const messages = rows.reverse().map(
        (row): ThreadMessage => ({
          id: row.messageId,
          direction: row.direction,
          content: row.content,
          subject: row.subject,
          created: row.created,
          recipient: toRecipientDto(row.recipient, reportWaitFor(backend, row.statusReport)),
        }),
      );
      // A page may hold more rows than `limit` (a message's rows in two of the contact's conversations are never split).
      return { conversation: toConversationSummary(entry), messages, nextBefore: rows.length >= params.limit && oldest ? oldest.messageId : null };
    },

    'conversations.markRead'({ id }) {
      entryOf(id);
      store.conversations.markRead(id);
      return { unreadCount: 0 as const };
    },
  };
}
