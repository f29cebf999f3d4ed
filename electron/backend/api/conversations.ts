/** conversations.*: the conversation list, one thread, mark read. */
import type { ThreadMessage } from '../../../src-shared/contract/dto.ts';
import { NotFoundError } from '../../../src-shared/errors.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { reportWaitFor, toConversationSummary, toRecipientDto } from './dto-mapping.ts';
import { searchTerms } from './search-terms.ts';

/** @throws NotFoundError from thread and markRead, for an unknown conversation. */
export function conversationHandlers({ backend }: HandlerContext): AreaHandlers<'conversations'> {
  const { store } = backend;
  const summaryOf = (id: number) => {
    const item = store.conversations.getListItem(id);
    if (!item) throw new NotFoundError('conversation', id, 'This conversation no longer exists.');
    return toConversationSummary(item);
  };

  return {
    'conversations.list'(params) {
      const page = store.conversations.listPage({ limit: params.limit, before: params.before, ...searchTerms(params.search), replies: params.replies === true });
      return { items: page.items.map(toConversationSummary), nextBefore: page.nextBefore };
    },

    'conversations.thread'(params) {
      const conversation = summaryOf(params.id);
      const rows = store.conversations.threadPage(params.id, params.before ?? Number.MAX_SAFE_INTEGER, params.limit);
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
      return { conversation, messages, nextBefore: rows.length === params.limit && oldest ? oldest.messageId : null };
    },

    'conversations.markRead'({ id }) {
      summaryOf(id);
      store.conversations.markRead(id);
      return { unreadCount: 0 as const };
    },
  };
}
