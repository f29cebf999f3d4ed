/**
 * Deleting history by hand (issue 13 "Retention"): a message, a thread, a contact with all of
 * theirs. Each deletion is one transaction under secure_delete (store/repositories/
 * deletion-repository.ts says what goes and what stays), refused whole when anything in it still
 * waits to go or is being sent, and announced after its commit.
 *
 * Refused rather than cancelled first: cancelling is the dispatcher's (its one status funnel,
 * docs/ARCHITECTURE.md "Invariants"), and a nurse who deletes a thread may not know that a
 * reminder in it is still to go. The conflict says so; the Outbox's Cancel is one click.
 */
import { EventEmitter } from 'node:events';
import type { DeletionConflictDetails } from '../../../src-shared/contract/deletion-commands.ts';
import { ConflictError, NotFoundError } from '../../../src-shared/errors.ts';
import type { Logger } from '../logger.ts';
import type { DeletedRows, WaitingCount } from '../store/repositories/deletion-repository.ts';
import type { Store } from '../store/store.ts';

/** What one deletion took away, as announced (ids only). */
export interface Deletion extends DeletedRows {
  /** The contact erased, if one was. */
  contactId: number | null;
  /** Why: by a person, or by the retention setting. */
  by: 'hand' | 'retention';
}

type Listener = (deletion: Deletion) => void;

/** The conflict a deletion gets while part of it waits or is being sent. */
export function refusalFor(count: WaitingCount, what: string): ConflictError | null {
  if (count.waiting === 0) return null;
  const details: DeletionConflictDetails = count.sending > 0 ? { reason: 'still-sending', waiting: count.waiting } : { reason: 'still-waiting', waiting: count.waiting };
  const words =
    details.reason === 'still-sending'
      ? `This ${what} is being sent right now. Wait until it has gone, then delete it.`
      : `This ${what} has ${count.waiting === 1 ? 'a message' : `${count.waiting} messages`} still waiting to go. Cancel ${count.waiting === 1 ? 'it' : 'them'} in the Outbox first, then delete.`;
  return new ConflictError(words, { ...details });
}

export class DeletionService {
  private readonly events = new EventEmitter();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /** After each committed deletion (by hand or by retention). @returns unsubscribe */
  onDeleted(listener: Listener): () => void {
    this.events.on('deleted', listener);
    return () => this.events.off('deleted', listener);
  }

  /** A whole message, every recipient of it. @throws NotFoundError, ConflictError (details DeletionConflictDetails) */
  deleteMessage(id: number): Deletion {
    const { store } = this;
    const rows = store.deletion.secure(() =>
      store.transaction(() => {
        if (!store.messages.exists(id)) throw new NotFoundError('message', id, 'This message no longer exists.');
        const refusal = refusalFor(store.deletion.waitingInMessages([id]), 'message');
        if (refusal) throw refusal;
        return store.deletion.deleteMessages([id]);
      }),
    );
    return this.announce({ ...rows, contactId: null, by: 'hand' }, 'message');
  }

  /**
   * A thread as the list shows it: `id` may be any of a contact's conversations, and every
   * conversation of that contact goes (conversation-repository.ts merges them into one thread).
   * @throws NotFoundError, ConflictError
   */
  deleteConversation(id: number): Deletion {
    const { store } = this;
    const rows = store.deletion.secure(() =>
      store.transaction(() => {
        const conversation = store.conversations.get(id);
        if (!conversation) throw new NotFoundError('conversation', id, 'This conversation no longer exists.');
        const conversationIds = conversation.contactId === null ? [id] : unique([id, ...store.deletion.conversationsOfContact(conversation.contactId)]);
        const refusal = refusalFor(store.deletion.waitingInScope({ conversationIds }), 'conversation');
        if (refusal) throw refusal;
        const deleted = store.deletion.deleteScope({ conversationIds });
        return { ...deleted, conversationIds: unique([...conversationIds, ...deleted.conversationIds]) };
      }),
    );
    return this.announce({ ...rows, contactId: null, by: 'hand' }, 'conversation');
  }

  /**
   * The contact and all their history: threads, messages, addresses, group places, appointments
   * (with their log and reminder steps). Opt-outs of their numbers stay (see the repository).
   * @throws NotFoundError, ConflictError
   */
  eraseContact(id: number): Deletion {
    const { store } = this;
    const rows = store.deletion.secure(() =>
      store.transaction(() => {
        if (!store.contacts.get(id)) throw new NotFoundError('contact', id, 'This contact no longer exists.');
        const conversationIds = store.deletion.conversationsOfContact(id);
        const refusal = refusalFor(store.deletion.waitingInScope({ conversationIds }), 'contact');
        if (refusal) throw refusal;
        const deleted = store.deletion.deleteScope({ conversationIds });
        store.deletion.deleteContact(id);
        return { ...deleted, conversationIds: unique([...conversationIds, ...deleted.conversationIds]) };
      }),
    );
    return this.announce({ ...rows, contactId: id, by: 'hand' }, 'contact');
  }

  /** Retention's slices announce here too, so one event path updates the screens. */
  announce(deletion: Deletion, what: string): Deletion {
    // Ids and counts only (docs/ARCHITECTURE.md "Invariants": logs carry no text or numbers).
    this.logger.info('Deleted history', { what, by: deletion.by, messages: deletion.messageIds.length, recipients: deletion.recipients, conversations: deletion.conversationIds.length });
    this.events.emit('deleted', deletion);
    return deletion;
  }
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
