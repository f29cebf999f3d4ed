/**
 * Deleting history (issue 13 "Retention"): messages.delete, conversations.delete,
 * contacts.erase and retention.preview. The work is retention/deletion-service.ts's (one
 * transaction each, refused with `conflict` while anything in it waits to go); these map its
 * outcome to the contract, ids and counts only.
 */
import type { Handlers } from '../../../src-shared/contract/commands.ts';
import type { DeletionResultDto } from '../../../src-shared/contract/deletion-commands.ts';
import type { Deletion } from '../retention/deletion-service.ts';
import type { HandlerContext } from './context.ts';

type DeletionCommand = 'messages.delete' | 'conversations.delete' | 'contacts.erase' | 'retention.preview';

const toResult = (d: Deletion): DeletionResultDto => ({ messages: d.messageIds.length, recipients: d.recipients, conversationIds: [...d.conversationIds] });

/** @throws NotFoundError, ConflictError (details DeletionConflictDetails) from the three deletions. */
export function deletionHandlers({ backend }: HandlerContext): Pick<Handlers, DeletionCommand> {
  return {
    'messages.delete': ({ id }) => ({ id, ...toResult(backend.deletion.deleteMessage(id)) }),
    'conversations.delete': ({ id }) => ({ id, ...toResult(backend.deletion.deleteConversation(id)) }),
    'contacts.erase': ({ id }) => ({ id, ...toResult(backend.deletion.eraseContact(id)) }),
    'retention.preview': ({ months }) => backend.retention.preview(months),
  };
}
