/**
 * The one place a recipient's status changes (docs/ARCHITECTURE.md "Invariants"): the row and its
 * status_log entry are written together. The dispatcher wraps this in a transaction and emits
 * the event after commit; MessagingService's retry and cancel go through the dispatcher too.
 */
import { UjumbeError } from '../../../src-shared/errors.ts';
import type { RecipientFlag, RecipientStatus } from '../../../src-shared/model.ts';
import type { StatusEvent } from '../events.ts';
import type { RecipientRecord, RecipientState } from '../store/repositories/recipient-repository.ts';
import type { Store } from '../store/store.ts';

export interface StatusChangeRequest {
  recipientId: number;
  /** The status(es) the row must be in now; anything else is a conflict and nothing changes. */
  from: RecipientStatus | readonly RecipientStatus[];
  to: RecipientStatus;
  /** Plain words for the attempt log, shown to the user. */
  reason: string;
  /** Other columns written with the change (status and `updated` are set here). */
  set?: Partial<Omit<RecipientState, 'status' | 'updated' | 'flags'>>;
  /** Flags added to the row's own (each kept once). */
  addFlags?: readonly RecipientFlag[];
}

export class RecipientNotFoundError extends UjumbeError {
  constructor(readonly recipientId: number) {
    super('not-found', `There is no message recipient ${recipientId}.`, { recipientId });
  }
}

/** The row is not in a status the change may start from (e.g. cancel after it was sent). */
export class StatusConflictError extends UjumbeError {
  constructor(
    readonly recipientId: number,
    readonly actual: RecipientStatus,
    readonly expected: readonly RecipientStatus[],
    readonly requested: RecipientStatus,
  ) {
    super(
      'status-conflict',
      `This message is now "${actual}", so it cannot be made "${requested}" (only from ${expected.map((s) => `"${s}"`).join(' or ')}).`,
      { recipientId, actual, expected: [...expected], requested },
    );
  }
}

/**
 * Applies one change. Call it inside a Store transaction.
 * @returns the event to emit once the transaction commits.
 * @throws RecipientNotFoundError, StatusConflictError (nothing written).
 */
export function applyStatusChange(store: Store, request: StatusChangeRequest, at: string): { event: StatusEvent; recipient: RecipientRecord } {
  const current = store.recipients.get(request.recipientId);
  if (!current) throw new RecipientNotFoundError(request.recipientId);
  const allowed: readonly RecipientStatus[] = typeof request.from === 'string' ? [request.from] : request.from;
  if (!allowed.includes(current.status)) throw new StatusConflictError(current.id, current.status, allowed, request.to);

  const flags = [...current.flags];
  for (const flag of request.addFlags ?? []) if (!flags.includes(flag)) flags.push(flag);
  const next: RecipientRecord = { ...current, ...request.set, status: request.to, flags, updated: at };
  store.recipients.writeState(current.id, next);
  // A failure keeps its code in the log (reports count failures by it); the row's own code is
  // cleared by the next retry.
  const code = request.set?.lastErrorCode ?? (request.to === 'failed' ? next.lastErrorCode : null);
  store.statusLog.append({ recipientId: current.id, from: current.status, to: request.to, reason: request.reason, gateway: next.gateway, at, code });
  return {
    recipient: next,
    event: {
      recipientId: current.id,
      messageId: current.messageId,
      from: current.status,
      to: request.to,
      reason: request.reason,
      gateway: next.gateway,
      at,
      flags,
    },
  };
}
