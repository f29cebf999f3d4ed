/**
 * Opt-out and opt-in words (issue 12 "Opt-out, honoured everywhere"): a reply that is one of
 * them, whole message only, changes whether the clinic may send that number automated or bulk
 * messages. "STOP" opts out; "STOP 12345" (a reply to something else, or a code) does not.
 * Matching ignores case, accents, punctuation and spacing ("stop!", "Arrêter", " S T O P" is
 * not "STOP": letters stay together). The lists are settings (optOutWords, optInWords); these
 * are their defaults, in English, Swahili, French, Portuguese and Spanish.
 */

export const DEFAULT_OPT_OUT_WORDS: readonly string[] = ['STOP', 'STOP ALL', 'STOPALL', 'UNSUBSCRIBE', 'SIMAMA', 'ACHA', 'ARRÊTER', 'ARRET', 'PARE', 'PARAR'];

export const DEFAULT_OPT_IN_WORDS: readonly string[] = ['START', 'UNSTOP', 'ANZA', 'REPRENDRE', 'COMEÇAR'];

/** A reply as it is compared: no accents, upper case, punctuation gone, single spaces. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type ConsentWord = { kind: 'opt-out' | 'opt-in'; word: string };

/** Whether the whole reply is an opt-out or opt-in word; opt-out wins when a clinic listed a word in both. */
export function consentWordOf(text: string, words: { optOut: readonly string[]; optIn: readonly string[] }): ConsentWord | null {
  const reply = normaliseReply(text);
  if (reply === '') return null;
  const match = (list: readonly string[]) => list.find((w) => normaliseReply(w) === reply);
  const out = match(words.optOut);
  if (out !== undefined) return { kind: 'opt-out', word: out };
  const into = match(words.optIn);
  return into === undefined ? null : { kind: 'opt-in', word: into };
}
