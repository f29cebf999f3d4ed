/**
 * What a person (or another system) can do with a send that waits for its time (issue 11
 * "Scheduled sends"): change its time or its text, send it now, cancel it — one recipient, or
 * every recipient of the message that still waits, in one transaction. Statuses change only
 * through the dispatcher (changeStatuses), each with its reason in the attempt log.
 */
import { NotFoundError, UjumbeError, ValidationError } from '../../src-shared/errors.ts';
import { validateDraft } from '../../src-shared/protocols/index.ts';
import { type Clock, isoAt, systemClock } from './clock.ts';
import { clinicTimeZone } from './clinic-time-zone.ts';
import { clinicStamp } from '../../src-shared/schedule/clinic-time.ts';
import type { StatusChangeRequest } from './dispatcher/status-change.ts';
import type { StatusEvent } from './events.ts';
import { type DispatcherPort, sendTiming } from './messaging.ts';
import type { RecipientRecord } from './store/repositories/recipient-repository.ts';
import type { Store } from './store/store.ts';

export const SEND_NOW_REASON = 'Sent now at the user’s request';
export const CANCEL_SCHEDULED_REASON = 'Cancelled by the user before its time';

/** Which recipients of a message an action is for: all that still wait, or these. */
export interface ScheduledTarget {
  messageId: number;
  recipientIds?: readonly number[];
}

export class ScheduledSends {
  private readonly clock: Clock;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: Pick<DispatcherPort, 'changeStatuses'>,
    clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
  }

  /**
   * A new time for the waiting recipients. A time already past sends them now.
   * @throws NotFoundError, ValidationError (the time), UjumbeError `nothing-scheduled`
   */
  reschedule(target: ScheduledTarget, sendAt: string): StatusEvent[] {
    const message = this.message(target.messageId);
    const timing = sendTiming({ sendAt, ...(message.expiresAt === null ? {} : { expiresAt: message.expiresAt }) }, this.clock.now());
    const waiting = this.waiting(target);
    if (!timing.scheduled) return this.sendNow(target);
    const when = clinicStamp(timing.sendAt!, this.timeZone());
    const events = this.dispatcher.changeStatuses(
      waiting.map((r): StatusChangeRequest => ({ recipientId: r.id, from: 'scheduled', to: 'scheduled', reason: `Time changed by the user to ${when}`, set: { nextAttemptAt: timing.sendAt } })),
    );
    // The message's own time follows when the whole send moved.
    if (target.recipientIds === undefined) this.store.messages.setSendAt(message.id, timing.sendAt);
    return events;
  }

  /** The waiting recipients go to the outbox now (the send window does not hold them: a person asked). */
  sendNow(target: ScheduledTarget): StatusEvent[] {
    this.message(target.messageId);
    const now = isoAt(this.clock);
    return this.dispatcher.changeStatuses(
      this.waiting(target).map((r): StatusChangeRequest => ({ recipientId: r.id, from: 'scheduled', to: 'outbox', reason: SEND_NOW_REASON, set: { nextAttemptAt: now } })),
    );
  }

  cancel(target: ScheduledTarget): StatusEvent[] {
    this.message(target.messageId);
    return this.dispatcher.changeStatuses(
      this.waiting(target).map((r): StatusChangeRequest => ({ recipientId: r.id, from: 'scheduled', to: 'cancelled', reason: CANCEL_SCHEDULED_REASON, set: { nextAttemptAt: null } })),
    );
  }

  /**
   * New text for a message none of whose recipients has gone yet (each is scheduled or
   * cancelled), checked as a new draft would be (SMS length, parts).
   * @throws ValidationError, UjumbeError `status-conflict` when some recipient is already on its way
   */
  editText(messageId: number, text: string): void {
    const message = this.message(messageId);
    const recipients = this.store.recipients.listForMessage(messageId);
    const gone = recipients.filter((r) => r.status !== 'scheduled' && r.status !== 'cancelled');
    if (gone.length > 0) {
      throw new UjumbeError('status-conflict', 'Some of this message has already gone: its text can no longer change. Cancel what waits and write a new one.', {
        messageId,
        recipientIds: gone.map((r) => r.id),
      });
    }
    const settings = { defaultCountry: this.store.settings.get('defaultCountry'), maxSmsParts: this.store.settings.get('maxSmsParts') };
    validateDraft({ content: text, ...(message.subject === null ? {} : { subject: message.subject }), recipients: recipients.map((r) => ({ address: r.address, protocol: r.protocol })) }, settings);
    this.store.transaction(() => this.store.messages.setContent(messageId, text));
  }

  private message(messageId: number) {
    const message = this.store.messages.get(messageId);
    if (!message) throw new NotFoundError('message', messageId, 'This message no longer exists.');
    return message;
  }

  /** @throws ValidationError naming a recipient that is not of this message; UjumbeError `nothing-scheduled` */
  private waiting(target: ScheduledTarget): RecipientRecord[] {
    const all = this.store.recipients.listForMessage(target.messageId);
    let chosen = all;
    if (target.recipientIds !== undefined) {
      const unknown = target.recipientIds.filter((id) => !all.some((r) => r.id === id));
      if (unknown.length > 0) throw new ValidationError(unknown.map((id) => ({ where: `recipientIds.${id}`, rule: 'recipient.unknown', message: `Recipient ${id} is not one of this message's.` })));
      chosen = all.filter((r) => target.recipientIds!.includes(r.id));
    }
    const waiting = chosen.filter((r) => r.status === 'scheduled');
    if (waiting.length === 0) throw new UjumbeError('nothing-scheduled', 'Nothing of this message waits for its time any more.', { messageId: target.messageId });
    return waiting;
  }

  private timeZone(): string {
    return clinicTimeZone(this.store.settings.get('timeZone'));
  }
}
