/**
 * Scheduled rows falling due (dispatcher.ts wake): scheduled -> outbox, or failed when expired,
 * or still scheduled until the send window opens (the decision is due-release.ts), for every
 * row due by `now`, in batches of one transaction each; a 500-recipient send falls due in one
 * wake. And the undo of a hold: when the window, the zone or the pause changes, held rows are
 * due again at their own time, so the next wake decides them under the new rules.
 */
import { clinicTimeZone } from '../clinic-time-zone.ts';
import type { StatusEvent } from '../events.ts';
import type { Logger } from '../logger.ts';
import { isDiskFullError } from '../store/disk-full.ts';
import type { Settings } from '../store/repositories/settings-repository.ts';
import type { Store } from '../store/store.ts';
import { type DueMessage, releaseDecision } from './due-release.ts';
import { applyStatusChange, type StatusChangeRequest } from './status-change.ts';

/** Scheduled rows released per transaction, and transactions per wake. */
const RELEASE_BATCH = 250;
const RELEASE_BATCHES_PER_WAKE = 4;

export interface ReleaseDeps {
  store: Store;
  settings: { get<K extends keyof Settings>(key: K): Settings[K] };
  logger: Logger;
  /** Each committed change, after its transaction. */
  emit(event: StatusEvent): void;
  /** A batch failed because the disk is full: the caller retries when it can write again. */
  onDiskFull(): void;
}

/** @returns true when more were due than one wake releases (wake again). */
export function releaseDue(deps: ReleaseDeps, now: string): boolean {
  const { store, settings, logger } = deps;
  const nowMs = Date.parse(now);
  const timeZone = clinicTimeZone(settings.get('timeZone'));
  const window = settings.get('sendWindow');
  const paused = settings.get('automatedPaused');
  for (let batch = 0; batch < RELEASE_BATCHES_PER_WAKE; batch++) {
    let events: StatusEvent[];
    try {
      events = store.transaction(() => {
        const messages = new Map<number, DueMessage>();
        // Paused: automated sends stay scheduled (past their time) until resumed; a nurse's go.
        const due = store.recipients.dueScheduled(now, RELEASE_BATCH, paused ? { automated: false } : {});
        return due.map((row) => {
          let message = messages.get(row.messageId);
          if (!message) {
            const record = store.messages.get(row.messageId);
            message = { sendAt: record?.sendAt ?? null, expiresAt: record?.expiresAt ?? null, automated: record?.automated ?? false };
            messages.set(row.messageId, message);
          }
          const decision = releaseDecision(message, nowMs, window, timeZone);
          const request: StatusChangeRequest =
            decision.to === 'outbox' ? { recipientId: row.id, from: 'scheduled', to: 'outbox', reason: decision.reason, set: { nextAttemptAt: now } }
            : decision.to === 'failed' ? { recipientId: row.id, from: 'scheduled', to: 'failed', reason: decision.reason, set: { nextAttemptAt: null, lastErrorCode: decision.code, lastError: decision.reason } }
            : { recipientId: row.id, from: 'scheduled', to: 'scheduled', reason: decision.reason, set: { nextAttemptAt: decision.nextAttemptAt } };
          return applyStatusChange(store, request, now).event;
        });
      });
    } catch (error) {
      logger.error('Could not release scheduled messages', { error: error instanceof Error ? error.message : String(error) });
      if (isDiskFullError(error)) deps.onDiskFull();
      return false;
    }
    for (const event of events) deps.emit(event);
    if (events.length > 0) logger.info('Scheduled messages fell due', { count: events.length });
    if (events.length < RELEASE_BATCH) return false;
  }
  return true;
}

/**
 * Rows held past their own time (waiting for the old window's opening) are due again at their
 * message's send time; nothing else changes (not a status change: the next wake logs what it
 * decides). @returns how many.
 */
export function rewindHeld(store: Store): number {
  return store.transaction(() => store.recipients.rewindHeldScheduled());
}
