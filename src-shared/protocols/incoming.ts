/**
 * What a hostile or broken sender can put in a received message, made safe to store. A DELIVER
 * PDU is whatever the network (or a fuzzer with a SIM box) handed the modem: UCS-2 user data may
 * hold half of a surrogate pair (a lone surrogate, which is no character at all), and an
 * alphanumeric sender may hold GSM-7 CR, LF or form feed (TS 23.038 §6.2.1: 0x0A, 0x0D, and
 * 0x1B 0x0A) or markup such as `<b>`.
 *
 * The rule (docs/SECURITY.md): normalise what is stored, and render everything as text. So here:
 * - received text: every lone surrogate becomes U+FFFD REPLACEMENT CHARACTER; nothing else is
 *   changed (line breaks are legitimate in a message, markup is just characters);
 * - the sender's address: control characters (C0 U+0000–U+001F, DEL, C1 U+0080–U+009F) and the
 *   bidirectional controls that reorder what a nurse reads (U+061C, U+200E, U+200F,
 *   U+202A–U+202E, U+2066–U+2069) are removed, lone surrogates likewise; no address needs one.
 *   Markup stays: it is rendered as text, and "<b>" is what the network really said.
 * One pure function, called once where a received message is stored (MessagingService.receive).
 */

/** Lone surrogates: with the `u` flag a paired surrogate is one code point, so only halves match. */
const LONE_SURROGATE = /\p{Cs}/gu;
// Exactly the characters this module exists to remove.
// eslint-disable-next-line no-control-regex
const ADDRESS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

export const REPLACEMENT_CHARACTER = '\ufffd';

/** True when `text` is well-formed UTF-16 (no lone surrogate), i.e. can be encoded as UTF-8 and UCS-2 losslessly. */
export function isWellFormedText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(text);
}

/** The UTF-16 index of the first lone surrogate in `text`, or -1. */
export function firstLoneSurrogate(text: string): number {
  LONE_SURROGATE.lastIndex = 0;
  const match = LONE_SURROGATE.exec(text);
  return match === null ? -1 : match.index;
}

/** `text` with every lone surrogate replaced by U+FFFD (what String.prototype.toWellFormed does). */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, REPLACEMENT_CHARACTER);
}

/** A received sender address with control, bidirectional-control and lone surrogate characters removed. */
export function cleanSenderAddress(from: string): string {
  return from.replace(ADDRESS_UNSAFE, '');
}

/** The fields of a received message that came from outside. */
export interface IncomingFields {
  from: string;
  text: string;
}

/**
 * A received message as it may be stored: the text well-formed (lone surrogates -> U+FFFD), the
 * sender without control characters. Every other field is passed through unchanged.
 */
export function normaliseIncoming<T extends IncomingFields>(incoming: T): T {
  return { ...incoming, from: cleanSenderAddress(incoming.from), text: replaceLoneSurrogates(incoming.text) };
}
