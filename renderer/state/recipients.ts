/** Applying a status change to the recipient rows the stores hold. */
import type { MessageRecipient, StatusEvent } from '../../src-shared/model.ts';

type RecipientLike = Pick<MessageRecipient, 'id' | 'status' | 'flags' | 'lastError' | 'gateway' | 'updated'>;

export function withStatus<R extends RecipientLike>(r: R, e: StatusEvent): R {
  return {
    ...r,
    status: e.to,
    flags: e.flags,
    gateway: e.gateway ?? r.gateway,
    // The reason of a failure is what the nurse needs; other reasons live in the log.
    lastError: e.to === 'failed' ? e.reason : r.lastError,
    updated: e.at,
  };
}
