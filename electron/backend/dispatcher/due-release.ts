/**
 * What happens to a scheduled recipient when its time comes (migration 007): a pure decision,
 * turned into the status change the dispatcher writes (dispatcher.ts releaseDue).
 * - expired (its message's `expiresAt` has passed: a reminder after its appointment) -> failed;
 * - automated and outside the clinic's send window -> stays scheduled until the next opening,
 *   unless that opening is after the expiry (then failed: it would come too late);
 * - otherwise -> outbox, and the claim takes it at once.
 */
import { clinicStamp } from '../../../src-shared/schedule/clinic-time.ts';
import { inSendWindow, nextOpening, type SendWindow } from '../../../src-shared/schedule/send-window.ts';

export interface DueMessage {
  sendAt: string | null;
  expiresAt: string | null;
  automated: boolean;
}

export type ReleaseDecision =
  | { to: 'outbox'; reason: string }
  | { to: 'failed'; code: 'expired'; reason: string }
  | { to: 'scheduled'; nextAttemptAt: string; reason: string };

export function expiredReason(expiresAt: string, timeZone: string): string {
  return `Not sent: it was to go before ${clinicStamp(expiresAt, timeZone)}, and that time has passed. Send it again by hand if it is still needed.`;
}

export function releaseDecision(message: DueMessage, nowMs: number, window: SendWindow, timeZone: string): ReleaseDecision {
  const expiresMs = message.expiresAt === null ? null : Date.parse(message.expiresAt);
  if (expiresMs !== null && expiresMs <= nowMs) return { to: 'failed', code: 'expired', reason: expiredReason(message.expiresAt!, timeZone) };
  if (message.automated && !inSendWindow(nowMs, window, timeZone)) {
    const opening = nextOpening(nowMs, window, timeZone);
    if (expiresMs !== null && opening >= expiresMs) {
      return {
        to: 'failed',
        code: 'expired',
        reason: `Not sent: the clinic's send hours open at ${clinicStamp(opening, timeZone)}, after its time (${clinicStamp(expiresMs, timeZone)}).`,
      };
    }
    return { to: 'scheduled', nextAttemptAt: new Date(opening).toISOString(), reason: `Outside the clinic's send hours: waits until ${clinicStamp(opening, timeZone)}` };
  }
  return { to: 'outbox', reason: message.sendAt === null ? 'Due' : `Due (scheduled for ${clinicStamp(message.sendAt, timeZone)})` };
}
