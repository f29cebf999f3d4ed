/**
 * What a send's result means for the recipient's status: a pure decision, turned into the
 * status change the dispatcher writes. Kinds are those of GatewaySendError (gateway.ts).
 */
import type { CrashRecoveryPolicy, Protocol, RecipientFlag } from '../../../src-shared/model.ts';
import { GatewaySendError, type SendResult } from '../gateways/gateway.ts';
import type { RecipientRecord } from '../store/repositories/recipient-repository.ts';
import type { RetrySettings } from '../store/repositories/settings-repository.ts';
import { retryDelayMs } from './backoff.ts';
import type { StatusChangeRequest } from './status-change.ts';

export const MAYBE_SENT_FAIL_REASON =
  'The modem stopped answering after the message was handed over; it may have been sent. Check with the patient before resending.';
export const MAYBE_SENT_RESEND_REASON =
  'The modem stopped answering after the message was handed over; it will be sent again and may arrive twice.';

/**
 * The words of a failure that used up its attempts: what happened, that it is final, and what to
 * do. The gateways' reasons say only what happened (send-failure.ts, at-error-table.ts,
 * email-failures.ts); what happens next depends on the status, so it is said here and by
 * "Will try again:" for a retry, never by the gateway (issue 10 item 12: a final failure read
 * "The message will be tried again").
 */
export function gaveUpReason(reason: string, attempts: number, protocol: Protocol): string {
  const check = protocol === 'email' ? 'Check the e-mail address and the mail server' : 'Check the number and the modem';
  return `${reason} Tried ${attempts} times; Ujumbe will not try again. ${check}, then send it again.`;
}

export interface OutcomeContext {
  gatewayId: string;
  retry: RetrySettings;
  crashRecovery: CrashRecoveryPolicy;
  nowMs: number;
  random: () => number;
}

export interface FailureOutcome {
  change: StatusChangeRequest;
  /** The gateway cannot send anything now: do not use it until its status changes. */
  benchGateway: boolean;
}

export function successChange(row: RecipientRecord, result: SendResult): StatusChangeRequest {
  const parts = result.references.length;
  return {
    recipientId: row.id,
    from: 'sending',
    to: 'sent',
    reason: parts > 1 ? `Sent in ${parts} parts` : 'Sent',
    set: { gatewayRefs: [...result.references], nextAttemptAt: null, lastErrorCode: null, lastError: null },
  };
}

/** Any failure that is not a GatewaySendError is a bug somewhere: retry it like a transient one. */
function asGatewaySendError(error: unknown): GatewaySendError {
  if (error instanceof GatewaySendError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewaySendError('transient', 'internal', `Unexpected error while sending: ${detail}`);
}

export function failureOutcome(row: RecipientRecord, thrown: unknown, ctx: OutcomeContext): FailureOutcome {
  const error = asGatewaySendError(thrown);
  const base = { recipientId: row.id, from: 'sending' as const };
  const errorColumns = { lastErrorCode: error.code, lastError: error.reason };
  // Parts that went out before the failure will go out again with the retry.
  const partialFlags: RecipientFlag[] = error.partialReferences.length > 0 ? ['possible-duplicate'] : [];
  const at = (delayMs: number) => new Date(ctx.nowMs + delayMs).toISOString();

  const retryLater = (reason: string, flags: RecipientFlag[]): FailureOutcome => {
    if (row.attempts >= ctx.retry.maxAttempts) {
      const final = gaveUpReason(error.reason, row.attempts, row.protocol);
      return {
        benchGateway: false,
        change: {
          ...base,
          to: 'failed',
          reason: final,
          set: { ...errorColumns, lastError: final, nextAttemptAt: null, gatewayRefs: error.partialReferences },
          addFlags: flags,
        },
      };
    }
    const delay = retryDelayMs(row.attempts, ctx.retry, ctx.random);
    return {
      benchGateway: false,
      change: { ...base, to: 'outbox', reason, set: { ...errorColumns, nextAttemptAt: at(delay) }, addFlags: flags },
    };
  };

  switch (error.kind) {
    case 'permanent':
      return {
        benchGateway: false,
        change: { ...base, to: 'failed', reason: error.reason, set: { ...errorColumns, nextAttemptAt: null, gatewayRefs: error.partialReferences }, addFlags: partialFlags },
      };
    case 'transient':
      return retryLater(`Will try again: ${error.reason}`, partialFlags);
    case 'gateway':
      // Not the message's fault: the attempt is given back, and another gateway (or this one,
      // once it recovers) takes the message at once.
      return {
        benchGateway: true,
        change: {
          ...base,
          to: 'outbox',
          reason: `${ctx.gatewayId} cannot send now (${error.reason}); handed back to the outbox`,
          set: { ...errorColumns, attempts: Math.max(0, row.attempts - 1), nextAttemptAt: at(0) },
          addFlags: partialFlags,
        },
      };
    case 'maybe-sent':
      if (ctx.crashRecovery === 'fail-and-ask') {
        return {
          benchGateway: false,
          change: { ...base, to: 'failed', reason: MAYBE_SENT_FAIL_REASON, set: { lastErrorCode: 'maybe-sent', lastError: error.reason, nextAttemptAt: null, gatewayRefs: error.partialReferences } },
        };
      }
      return retryLater(MAYBE_SENT_RESEND_REASON, ['possible-duplicate']);
  }
}
