/**
 * Keywords (issue 12 "Keywords and auto-replies"): the first word of a reply, compared as the
 * consent words are (normaliseReply), picks a rule. And the guard against answering a machine:
 * a message that reads like an automatic reply itself ("Automatic reply", "out of office", "do
 * not reply", "usijibu") is never answered, so two auto-responders cannot talk for ever.
 */
import { normaliseReply } from './consent-words.ts';

/** The first word of a reply as rules store keywords ("hours?" -> "HOURS"), or null. */
export function firstWord(text: string): string | null {
  const words = normaliseReply(text).split(' ');
  return words[0] ? words[0] : null;
}

/** A keyword as typed by a clinic, as it is stored and compared: one word, upper case, no accents. @returns null if it is not one word. */
export function keywordOf(typed: string): string | null {
  const normal = normaliseReply(typed);
  return normal === '' || normal.includes(' ') ? null : normal;
}

const MACHINE_PATTERNS = [/\bauto(matic)?[ -]?(reply|response|answer)\b/i, /\bout of (the )?office\b/i, /\bdo not reply\b/i, /\bno[- ]?reply\b/i, /\busijibu\b/i, /\bréponse automatique\b/i, /\bne pas répondre\b/i];

/** Whether a message looks like a machine's automatic answer. */
export function looksAutomatic(text: string): boolean {
  return MACHINE_PATTERNS.some((p) => p.test(text));
}
