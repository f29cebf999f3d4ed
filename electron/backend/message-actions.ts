/**
 * Actions on one send as a whole (issue 12 "Outbox: Retry all failed and Cancel all waiting for
 * one send"): every failed recipient sent again, or every recipient still waiting (outbox or
 * scheduled) cancelled, in ONE transaction through the dispatcher's status funnel, so each row's
 * log says why. Rows in other states are left as they are; a send with none to act on is an
 * error the UI can word (nothing-to-retry, nothing-waiting).
 */
import { NotFoundError, UjumbeError } from '../../src-shared/errors.ts';
import { type Clock, isoAt } from './clock.ts';
import type { StatusEvent } from './events.ts';
import { CANCEL_REASON, type DispatcherPort, RETRY_REASON } from './messaging.ts';
import type { Store } from './store/store.ts';

export class NothingToDoError extends UjumbeError {
  constructor(code: 'nothing-to-retry' | 'nothing-waiting', messageId: number, message: string) {
    super(code, message, { messageId });
  }
}

function recipientsOf(store: Store, messageId: number) {
  if (!store.messages.exists(messageId)) throw new NotFoundError('message', messageId, 'This message no longer exists.');
  return store.recipients.listForMessage(messageId);
}

/** failed -> outbox for every failed recipient of the message, with a fresh count of attempts. */
export function retryAllFailed(store: Store, dispatcher: Pick<DispatcherPort, 'changeStatuses'>, clock: Clock, messageId: number): StatusEvent[] {
  const failed = recipientsOf(store, messageId).filter((r) => r.status === 'failed');
  if (failed.length === 0) throw new NothingToDoError('nothing-to-retry', messageId, 'No recipient of this message failed.');
  const at = isoAt(clock);
  return dispatcher.changeStatuses(
    failed.map((r) => ({ recipientId: r.id, from: 'failed', to: 'outbox', reason: RETRY_REASON, set: { attempts: 0, nextAttemptAt: at, lastErrorCode: null, lastError: null } })),
  );
}

/** outbox or scheduled -> cancelled for every recipient of the message not handed to a gateway yet. */
export function cancelAllWaiting(store: Store, dispatcher: Pick<DispatcherPort, 'changeStatuses'>, messageId: number): StatusEvent[] {
  const waiting = recipientsOf(store, messageId).filter((r) => r.status === 'outbox' || r.status === 'scheduled');
  if (waiting.length === 0) throw new NothingToDoError('nothing-waiting', messageId, 'Nothing of this message is still waiting to be sent.');
  return dispatcher.changeStatuses(waiting.map((r) => ({ recipientId: r.id, from: ['outbox', 'scheduled'], to: 'cancelled', reason: CANCEL_REASON, set: { nextAttemptAt: null } })));
}
