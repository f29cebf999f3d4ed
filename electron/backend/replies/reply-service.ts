/**
 * What a received message does (issue 12 "Replies that act"), in this order, each after the
 * message is stored:
 * 1. an opt-out or opt-in word changes the number's consent (consent-service.ts);
 * 2. from a patient with an appointment still to come, a confirm word ("1", "NDIO") confirms the
 *    next one and a reschedule word ("2", "HAPANA") marks it reschedule-requested and puts it on
 *    the "Needs attention" list; each is answered by a short template in the patient's language;
 * 3. a keyword rule for its first word ("HOURS") answers with the rule's template and may add
 *    the sender to a group (store/repositories/keyword-repository.ts), counting how often it fired;
 * 4. anything else from a phone number lands on "Needs attention" until a nurse marks it done.
 * Never answers, or lists, a sender that is not a phone number (operator and M-PESA messages),
 * never answers a message that reads like a machine's automatic answer (src-shared/replies/
 * keywords.ts), and answers one number at most `autoRepliesPerDay` times a clinic day, so two
 * machines never talk to each other for ever.
 */
import { appointmentReplyOf } from '../../../src-shared/replies/appointment-words.ts';
import { firstWord, looksAutomatic } from '../../../src-shared/replies/keywords.ts';
import { fromWallTime, toWallTime } from '../../../src-shared/schedule/clinic-time.ts';
import { fillTemplate, variantFor } from '../../../src-shared/templates/merge-fields.ts';
import type { IncomingEvent } from '../../../src-shared/model.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { clinicTimeZone } from '../clinic-time-zone.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { MessagingService } from '../messaging.ts';
import type { AppointmentService } from '../reminders/appointment-service.ts';
import type { KeywordRuleRecord } from '../store/repositories/keyword-repository.ts';
import type { Store } from '../store/store.ts';
import { type ConsentService, E164 } from './consent-service.ts';


const ANSWER = { confirm: 'appointment-confirmed', reschedule: 'appointment-reschedule' } as const;

export type ReplyOutcome = 'consent' | 'confirmed' | 'reschedule-requested' | 'keyword' | 'needs-attention' | 'ignored';

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
    const machine = looksAutomatic(event.text);
    if (next && kind === 'confirm') {
      if (next.status !== 'confirmed') this.appointments.setStatus(next.id, 'confirmed', 'reply');
      if (!machine) this.answer(event.from, ANSWER.confirm, next.contactId, { startMs: Date.parse(next.start), service: next.service });
      return 'confirmed';
    }
    if (next && kind === 'reschedule') {
      this.appointments.setStatus(next.id, 'reschedule-requested', 'reply');
      this.listForAttention(event.messageId, 'reschedule-requested', next.id);
      if (!machine) this.answer(event.from, ANSWER.reschedule, next.contactId, { startMs: Date.parse(next.start), service: next.service });
      return 'reschedule-requested';
    }
    const word = firstWord(event.text);
    const rule = word === null ? undefined : this.store.keywords.byKeyword(word);
    if (rule?.enabled && !machine) {
      this.applyKeyword(rule, event.from, contactId);
      return 'keyword';
    }
    this.listForAttention(event.messageId, 'not-understood', null);
    return 'needs-attention';
  }

  /** The rule's answer and group, and one more firing counted. */
  private applyKeyword(rule: KeywordRuleRecord, address: string, knownContactId: number | null): void {
    const at = isoAt(this.clock);
    const contactId = this.store.transaction(() => {
      this.store.keywords.fired(rule.id, at);
      if (rule.groupId === null || !this.store.groups.get(rule.groupId)) return knownContactId;
      // Joining a group needs a contact: an unknown number becomes one, named by its number until a nurse names it.
      const id = knownContactId ?? this.store.contacts.create(address);
      if (knownContactId === null) this.store.contacts.ensureAddress(address, 'sms', id);
      this.store.groups.addMember(id, rule.groupId);
      return id;
    });
    if (rule.templateId !== null) this.answer(address, rule.templateId, contactId, {});
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

  /** A short template answer in the person's language, within the day's limit of automatic answers. */
  private answer(address: string, templateId: string, contactId: number | null, appointment: { startMs?: number; service?: string | null }): void {
    const timeZone = clinicTimeZone(this.store.settings.get('timeZone'));
    const today = toWallTime(this.clock.now(), timeZone);
    const dayStart = new Date(fromWallTime({ year: today.year, month: today.month, day: today.day, hour: 0, minute: 0 }, timeZone)).toISOString();
    if (this.store.recipients.countAutoReplies(address, dayStart) >= this.store.settings.get('autoRepliesPerDay')) {
      this.logger.info('No automatic answer: the number had its share today', { template: templateId });
      return;
    }
    const template = this.store.templates.get(templateId);
    const person = contactId === null ? undefined : this.store.contacts.messaging(contactId);
    const variant = template && variantFor(template, person, this.store.settings.patientLanguage());
    const contact = contactId === null ? undefined : this.store.contacts.get(contactId);
    const filled = variant && fillTemplate(variant.text, { name: contact?.name ?? null, phone: address, startMs: appointment.startMs ?? null, service: appointment.service ?? null, clinic: this.store.settings.get('clinicName') }, variant.language, timeZone);
    if (!filled?.ok) {
      this.logger.warn('No automatic answer: its template cannot be filled', { template: templateId });
      return;
    }
    try {
      this.messaging.send({ content: filled.text, recipients: [{ address, protocol: 'sms', ...(contactId === null ? {} : { contactId }) }] }, { purpose: 'auto-reply' });
    } catch (error) {
      this.logger.error('An automatic answer could not be queued', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
