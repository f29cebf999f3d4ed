/**
 * Opt-out, honoured everywhere (issue 12): a reply that is an opt-out word (whole message,
 * src-shared/replies/consent-words.ts) marks its number opted out, with the time, the word and the
 * message; the dispatcher then suppresses every automated or group message to it
 * (dispatcher/suppression.ts). The confirmation ("You will get no more messages…") is sent once,
 * when the state changes, in the patient's language (the built-in template opt-out-confirmation,
 * which a clinic may reword). An opt-in word undoes it the same way. Staff and other systems set
 * it by hand with who and why. Every change is kept in consent_log.
 *
 * Never acts on a sender that is not a phone number (an operator's or M-PESA's alphanumeric
 * sender, a short code): nothing can be sent back to it, and its "STOP" is not a patient's.
 */
import { ValidationError } from '../../../src-shared/errors.ts';
import type { IncomingEvent, Protocol } from '../../../src-shared/model.ts';
import { checkSmsAddress } from '../../../src-shared/protocols/sms.ts';
import { consentWordOf } from '../../../src-shared/replies/consent-words.ts';
import { variantFor } from '../../../src-shared/templates/merge-fields.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { MessagingService } from '../messaging.ts';
import type { ConsentRecord, ConsentSource } from '../store/repositories/consent-repository.ts';
import type { Store } from '../store/store.ts';

/** A number's consent changed (committed). */
export interface ConsentChange {
  consent: ConsentRecord;
  contactId: number | null;
}

const CONFIRMATION: Record<'opt-out' | 'opt-in', string> = { 'opt-out': 'opt-out-confirmation', 'opt-in': 'opt-in-confirmation' };

/** E.164: a number a reply can go back to (short codes and alphanumeric senders are not). */
export const E164 = /^\+[1-9]\d{6,14}$/;

export class ConsentService {
  private readonly changes = new TypedEmitter<{ changed: ConsentChange }>();
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(
    private readonly store: Store,
    private readonly messaging: Pick<MessagingService, 'send'>,
    options: { clock?: Clock; logger?: Logger } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * A received message: an opt-out or opt-in word changes its number's consent and is answered
   * once. @returns whether the message was such a word (nothing else should act on it).
   */
  handleIncoming(event: Pick<IncomingEvent, 'messageId' | 'from' | 'protocol' | 'text'>): boolean {
    if (event.protocol !== 'sms' || !E164.test(event.from)) return false;
    const word = consentWordOf(event.text, { optOut: this.store.settings.get('optOutWords'), optIn: this.store.settings.get('optInWords') });
    if (!word) return false;
    const optedOut = word.kind === 'opt-out';
    const changed = this.change({ address: event.from, protocol: 'sms', optedOut, source: 'reply', word: word.word, messageId: event.messageId, changedBy: null, reason: null });
    // Said once: a second STOP from a number already opted out gets no second answer.
    if (changed) this.confirm(event.from, word.kind);
    return true;
  }

  /**
   * Staff (or another system) record a patient's wish by hand, with who and why.
   * @throws ValidationError at `phone` (not a phone number) or `reason` (empty).
   * @returns the number's consent now.
   */
  setByHand(input: { phone: string; optedOut: boolean; by: string; reason: string; source: Exclude<ConsentSource, 'reply'> }): ConsentRecord {
    const phone = checkSmsAddress(input.phone, { defaultCountry: this.store.settings.get('defaultCountry'), maxSmsParts: this.store.settings.get('maxSmsParts') });
    const issues = [];
    if (!phone.ok) issues.push({ where: 'phone', rule: phone.issue.rule, message: phone.issue.message });
    else if (phone.kind !== 'e164') issues.push({ where: 'phone', rule: 'phone.short-code', message: `${input.phone} is a short code, not a patient's phone.` });
    if (input.reason.trim() === '') issues.push({ where: 'reason', rule: 'reason.empty', message: 'Say why (for example: "asked at the desk on 3 Dec").' });
    if (issues.length > 0 || !phone.ok) throw new ValidationError(issues);
    this.change({ address: phone.address, protocol: 'sms', optedOut: input.optedOut, source: input.source, word: null, messageId: null, changedBy: input.by, reason: input.reason.trim() });
    return this.store.consent.get(phone.address, 'sms')!;
  }

  /** Committed changes. @returns unsubscribe */
  onChanged(listener: Listener<ConsentChange>): () => void {
    return this.changes.on('changed', listener);
  }

  /** @returns whether the state changed (the same state again is logged, not announced). */
  private change(input: Omit<ConsentRecord, 'changedAt'>): boolean {
    const at = isoAt(this.clock);
    const result = this.store.transaction(() => {
      const before = this.store.consent.get(input.address, input.protocol);
      const record: ConsentRecord = { ...input, changedAt: at };
      const changed = (before?.optedOut ?? false) !== input.optedOut;
      // A repeat is kept in the log (who asked again, and when); the state keeps its first time and cause.
      if (changed) this.store.consent.set(record);
      else this.store.consent.log(record);
      return { changed, record, contactId: this.store.contacts.findAddress(input.address, input.protocol)?.contactId ?? null };
    });
    if (result.changed) {
      this.logger.info(input.optedOut ? 'A number opted out' : 'A number opted back in', { source: input.source, contactId: result.contactId });
      this.changes.emit('changed', { consent: this.store.consent.get(input.address, input.protocol)!, contactId: result.contactId });
    }
    return result.changed;
  }

  /** The confirmation, in the contact's language (else the clinic's), through the normal send path. */
  private confirm(address: string, kind: 'opt-out' | 'opt-in'): void {
    const template = this.store.templates.get(CONFIRMATION[kind]);
    const owner = this.store.contacts.findAddress(address, 'sms' satisfies Protocol);
    const person = owner?.contactId == null ? undefined : this.store.contacts.messaging(owner.contactId);
    const variant = template && variantFor({ ...template, discreetVariants: {} }, person, this.store.settings.patientLanguage());
    if (!variant) {
      this.logger.warn('No opt-out confirmation was sent: its template has no text', { template: CONFIRMATION[kind] });
      return;
    }
    try {
      this.messaging.send({ content: variant.text, recipients: [{ address, protocol: 'sms', ...(owner?.contactId == null ? {} : { contactId: owner.contactId }) }] }, { purpose: 'consent' });
    } catch (error) {
      // The opt-out itself is saved; only its confirmation could not be queued (no gateway, a full disk).
      this.logger.error('The opt-out confirmation could not be queued', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
