/**
 * What a received message does (issue 12 "Replies that act"), in this order, each after the
 * message is stored:
 * 1. an opt-out or opt-in word changes the number's consent (consent-service.ts);
 * 2. from a patient with an appointment still to come, a confirm word ("1", "NDIO") confirms the
 *    next one and a reschedule word ("2", "HAPANA") marks it reschedule-requested and puts it on
 *    the "Needs attention" list; each is answered by a short template in the patient's language;
 * 3. anything else from a phone number lands on "Needs attention" until a nurse marks it done.
 * Never answers, or lists, a sender that is not a phone number (operator and M-PESA messages),
 * and answers one number at most `autoRepliesPerDay` times a clinic day, so two machines never
 * talk to each other for ever.
 */
import { appointmentReplyOf } from '../../../src-shared/replies/appointment-words.ts';
import { fromWallTime, toWallTime } from '../../../src-shared/schedule/clinic-time.ts';
import { fillTemplate, variantFor } from '../../../src-shared/templates/merge-fields.ts';
import type { IncomingEvent } from '../../../src-shared/model.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { MessagingService } from '../messaging.ts';
import type { AppointmentService } from '../reminders/appointment-service.ts';
import type { AppointmentRecord } from '../store/repositories/appointment-repository.ts';
import type { Store } from '../store/store.ts';
import type { ConsentService } from './consent-service.ts';

const E164 = /^\+[1-9]\d{6,14}$/;

const ANSWER = { confirm: 'appointment-confirmed', reschedule: 'appointment-reschedule' } as const;

export type ReplyOutcome = 'consent' | 'confirmed' | 'reschedule-requested' | 'needs-attention' | 'ignored';

export class ReplyService {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly attention = new TypedEmitter<{ changed: { open: number } }>();

  constructor(
    private readonly store: Store,
    private readonly messaging: Pick<MessagingService, 'send'>,
    private readonly consent: Pick<ConsentService, 'handleIncoming'>,
    private readonly appointments: Pick<AppointmentService, 'nextUpcoming' | 'setStatus'>,
    options: { clock?: Clock; logger?: Logger } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  handleIncoming(event: Pick<IncomingEvent, 'messageId' | 'from' | 'protocol' | 'text' | 'flags'>): ReplyOutcome {
    if (this.consent.handleIncoming(event)) return 'consent';
    // A missed call or an SMS from a name or short code is not a reply to act on.
    if (event.protocol !== 'sms' || !E164.test(event.from) || event.flags.includes('missed-call')) return 'ignored';
    const contactId = this.store.contacts.findAddress(event.from, 'sms')?.contactId ?? null;
    const next = contactId === null ? undefined : this.appointments.nextUpcoming(contactId);
    const kind = next ? appointmentReplyOf(event.text, this.store.settings.get('replyWords')) : null;
    if (next && kind === 'confirm') {
      if (next.status !== 'confirmed') this.appointments.setStatus(next.id, 'confirmed', 'reply');
      this.answer(event.from, next, 'confirm');
      return 'confirmed';
    }
    if (next && kind === 'reschedule') {
      this.appointments.setStatus(next.id, 'reschedule-requested', 'reply');
      this.listForAttention(event.messageId, 'reschedule-requested', next.id);
      this.answer(event.from, next, 'reschedule');
      return 'reschedule-requested';
    }
    this.listForAttention(event.messageId, 'not-understood', null);
    return 'needs-attention';
  }

  /** The "Needs attention" list changed (committed). @returns unsubscribe */
  onAttentionChanged(listener: Listener<{ open: number }>): () => void {
    return this.attention.on('changed', listener);
  }

  /** A nurse dealt with it. @returns false when it was not open. */
  markDone(messageId: number, by: string | null): boolean {
    const done = this.store.transaction(() => this.store.attention.done(messageId, isoAt(this.clock), by));
    if (done) this.attention.emit('changed', { open: this.store.attention.countOpen() });
    return done;
  }

  private listForAttention(messageId: number, reason: 'not-understood' | 'reschedule-requested', appointmentId: number | null): void {
    this.store.transaction(() => this.store.attention.add(messageId, reason, appointmentId, isoAt(this.clock)));
    this.attention.emit('changed', { open: this.store.attention.countOpen() });
  }

  /** A short template answer in the patient's language, within the day's limit of automatic answers. */
  private answer(address: string, appointment: AppointmentRecord, kind: keyof typeof ANSWER): void {
    const timeZone = clinicTimeZone(this.store.settings.get('timeZone'));
    const today = toWallTime(this.clock.now(), timeZone);
    const dayStart = new Date(fromWallTime({ year: today.year, month: today.month, day: today.day, hour: 0, minute: 0 }, timeZone)).toISOString();
    if (this.store.recipients.countAutoReplies(address, dayStart) >= this.store.settings.get('autoRepliesPerDay')) {
      this.logger.info('No automatic answer: the number had its share today', { appointment: appointment.id });
      return;
    }
    const template = this.store.templates.get(ANSWER[kind]);
    const person = this.store.contacts.messaging(appointment.contactId);
    const variant = template && variantFor(template, person, this.store.settings.get('language'));
    const contact = this.store.contacts.get(appointment.contactId);
    const filled = variant && fillTemplate(variant.text, { name: contact?.name ?? null, phone: address, startMs: Date.parse(appointment.start), service: appointment.service, clinic: this.store.settings.get('clinicName') }, variant.language, timeZone);
    if (!filled?.ok) {
      this.logger.warn('No automatic answer: its template cannot be filled', { template: ANSWER[kind] });
      return;
    }
    try {
      this.messaging.send({ content: filled.text, recipients: [{ address, protocol: 'sms', contactId: appointment.contactId }] }, { purpose: 'auto-reply' });
    } catch (error) {
      this.logger.error('An automatic answer could not be queued', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
