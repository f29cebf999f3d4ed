/**
 * Whether a recipient is not sent because its number opted out (issue 12 "Opt-out, honoured
 * everywhere"): the dispatcher asks at every claim, so a STOP that arrives after a reminder was
 * booked still stops it. Sent anyway: the one confirmation of the opt-out itself (purpose
 * 'consent'), and a personal reply a nurse confirmed knowing the number opted out
 * (options.optOutConfirmed, only ever set on a one-recipient send by hand: messaging.ts).
 */
import { clinicStamp } from '../../../src-shared/schedule/clinic-time.ts';
import type { ConsentRecord } from '../store/repositories/consent-repository.ts';
import type { MessageRecord } from '../store/repositories/message-repository.ts';

/** @returns the reason in words when the recipient must not be sent, else null. */
export function suppressionReason(consent: ConsentRecord | undefined, message: Pick<MessageRecord, 'purpose' | 'automated' | 'options'>, timeZone: string): string | null {
  if (!consent?.optedOut) return null;
  if (message.purpose === 'consent') return null;
  if (!message.automated && message.options.optOutConfirmed === true) return null;
  return `Not sent: ${optOutWords(consent, timeZone)}, so it gets no automated or group messages`;
}

/** How the opt-out came about, in words: "this number replied STOP on 2025-03-03 14:02". */
export function optOutWords(consent: ConsentRecord, timeZone: string): string {
  const when = clinicStamp(consent.changedAt, timeZone);
  if (consent.source === 'reply') return `this number replied ${consent.word ?? 'STOP'} on ${when}`;
  const by = consent.changedBy ? ` by ${consent.changedBy}` : '';
  const why = consent.reason ? ` (${consent.reason})` : '';
  return `this number was marked as opted out${by} on ${when}${why}`;
}
