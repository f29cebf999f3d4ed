/**
 * Start-up recovery of sends a crash interrupted. A row is `sending` before its bytes go to the
 * modem, so after a crash, power cut or a stop() whose deadline passed, a `sending` row may or
 * may not have reached the patient. The clinic chooses (setting `crashRecovery`):
 * - 'resend-flag-duplicate' (default): back to the outbox, flagged possible-duplicate; a
 *   reminder that arrives twice is better than one that never arrives.
 * - 'fail-and-ask': failed, and the user decides after checking with the patient.
 * Either way the row has a status_log entry saying why, and start() reports the count.
 */
import type { CrashRecoveryPolicy } from '../../../src-shared/model.ts';
import type { RecoverySummary, StatusEvent } from '../events.ts';
import type { Store } from '../store/store.ts';
import { applyStatusChange } from './status-change.ts';

export const INTERRUPTED_RESEND_REASON = 'Ujumbe stopped while this message was being sent; it will be sent again and may arrive twice';
export const INTERRUPTED_FAIL_REASON =
  'Ujumbe stopped while this message was being sent, so it may or may not have gone out. Check with the patient, then choose Retry to send it again.';

export interface RecoveryOptions {
  policy: CrashRecoveryPolicy;
  /** A row that already used all its attempts is failed, not resent: a message that crashes
   * Ujumbe every time must not loop forever. */
  maxAttempts: number;
  /** ISO time of the recovery. */
  at: string;
  /** Rows this process is still sending (a restart after stop()); they are left alone. */
  skip?: ReadonlySet<number>;
}

/**
 * Resolves every `sending` row by the policy, in one transaction.
 * @returns the summary and the status events to emit after the commit.
 */
export function recoverInterruptedSends(store: Store, options: RecoveryOptions): { summary: RecoverySummary; events: StatusEvent[] } {
  return store.transaction(() => {
    const events: StatusEvent[] = [];
    let requeued = 0;
    let failed = 0;
    for (const row of store.recipients.listByStatus('sending')) {
      if (options.skip?.has(row.id)) continue;
      const resend = options.policy === 'resend-flag-duplicate' && row.attempts < options.maxAttempts;
      const { event } = resend
        ? applyStatusChange(
            store,
            {
              recipientId: row.id,
              from: 'sending',
              to: 'outbox',
              reason: INTERRUPTED_RESEND_REASON,
              set: { nextAttemptAt: options.at, lastErrorCode: 'interrupted', lastError: INTERRUPTED_RESEND_REASON },
              addFlags: ['possible-duplicate'],
            },
            options.at,
          )
        : applyStatusChange(
            store,
            {
              recipientId: row.id,
              from: 'sending',
              to: 'failed',
              reason: options.policy === 'fail-and-ask' ? INTERRUPTED_FAIL_REASON : `Gave up after ${row.attempts} attempts: ${INTERRUPTED_FAIL_REASON}`,
              set: { nextAttemptAt: null, lastErrorCode: 'interrupted', lastError: INTERRUPTED_FAIL_REASON },
            },
            options.at,
          );
      if (resend) requeued++;
      else failed++;
      events.push(event);
    }
    return {
      events,
      summary: { policy: options.policy, recovered: events.length, requeued, failed, recipientIds: events.map((e) => e.recipientId) },
    };
  });
}
