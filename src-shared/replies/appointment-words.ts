/**
 * Replies that act on an appointment (issue 12 "Replies that act on appointments"): a whole reply
 * that is a confirm word ("1", "YES", "NDIO", "OUI", "CONFIRM") confirms the patient's next
 * appointment; a reschedule word ("2", "NO", "HAPANA", "NON", "RESCHEDULE") asks for another
 * time. The words are a setting per language (replyWords); any language's word counts for every
 * patient, since a Swahili speaker may well answer "YES". Compared as consent words are
 * (consent-words.ts normaliseReply: case, accents and punctuation ignored).
 */
import { normaliseReply } from './consent-words.ts';

export interface ReplyWords {
  /** Language -> words. */
  confirm: Readonly<Record<string, readonly string[]>>;
  reschedule: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_REPLY_WORDS: ReplyWords = {
  confirm: { en: ['1', 'YES', 'CONFIRM'], sw: ['NDIO', 'NDIYO'], fr: ['OUI', 'CONFIRMER'] },
  reschedule: { en: ['2', 'NO', 'RESCHEDULE'], sw: ['HAPANA'], fr: ['NON'] },
};

export type AppointmentReply = 'confirm' | 'reschedule';

export function appointmentReplyOf(text: string, words: ReplyWords): AppointmentReply | null {
  const reply = normaliseReply(text);
  if (reply === '') return null;
  const has = (byLanguage: ReplyWords['confirm']) => Object.values(byLanguage).some((list) => list.some((w) => normaliseReply(w) === reply));
  // Confirm first: a clinic that lists a word in both meant it as a yes more often than not.
  if (has(words.confirm)) return 'confirm';
  if (has(words.reschedule)) return 'reschedule';
  return null;
}
