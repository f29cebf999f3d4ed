/**
 * Masking of the technician's AT traffic log (pure). Phone numbers and message contents are
 * patient data (docs/ARCHITECTURE.md "Invariants"): masked by default, shown only when a person asks. The
 * masked form keeps the shape of the exchange, so a support person can still read it:
 *   AT+CMGS="+254712345678"  -> AT+CMGS="+2547******78"
 *   0791... (a PDU)          -> <PDU 23 octets>
 *   a text-mode body         -> <text 42 chars>
 *   +CUSD: 0,"Balance...",15 -> +CUSD: 0,"<USSD 31 chars>",15
 * The PIN (and PUK, and the facility passwords of AT+CPWD/AT+CLCK) is masked ALWAYS, revealed
 * or not: it is never needed to read an exchange.
 */

export type TrafficDirection = 'out' | 'in' | 'urc';

export interface TrafficEntry {
  /** ISO time the line was written or read. */
  at: string;
  direction: TrafficDirection;
  line: string;
}

/** Commands whose next written line is a message body (after the `> ` prompt). */
const BODY_COMMAND = /^AT\+CMG[SWC]=/i;
/** Answers and URCs whose next line is a message (a PDU, or the text in text mode). */
const MESSAGE_HEADER = /^\+(CMGR|CMGL|CMT|CDS):/i;
/** Lines whose quoted strings of digits are numbers, however short (text mode, caller id). */
const NUMBER_LINE = /^(AT\+CMG[SW]=|\+CMGR:|\+CMGL:|\+CMT:|\+CDS:|\+CLIP:|\+CCWA:|\+COLP:|\+CSCA:|AT\+CSCA=|ATD)/i;
const HEX_LINE = /^(?:[0-9A-F]{2})+$/i;

/** "254712345678" -> "2547******78": the first four and last two digits kept (fewer for short runs). */
export function maskDigits(digits: string): string {
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const head = digits.length >= 7 ? 4 : 1;
  const tail = digits.length >= 7 ? 2 : 1;
  return digits.slice(0, head) + '*'.repeat(digits.length - head - tail) + digits.slice(-tail);
}

/** The PIN, PUK and facility passwords: masked whatever `reveal` says. */
export function maskSecrets(line: string): string {
  return line
    .replace(/^(AT\+CPIN=).*$/i, '$1"****"')
    .replace(/^(AT\+CPWD=)("?[^",]*"?).*$/i, '$1$2,"****","****"')
    .replace(/^(AT\+CLCK=("?[^",]*"?),\d+),.*$/i, '$1,"****"');
}

/** Numbers in one line: `+` numbers, runs of 7+ digits, and quoted digits in number-bearing lines. */
export function maskNumbers(line: string): string {
  const quoted = NUMBER_LINE.test(line);
  // One pass, so a number masked once is not masked again by another rule.
  return line.replace(/"(\+?)(\d+)"|\+(\d{4,})|\d{7,}/g, (match, qPlus?: string, qDigits?: string, plusDigits?: string) => {
    if (qDigits !== undefined) {
      if (quoted) return `"${qPlus ?? ''}${maskDigits(qDigits)}"`;
      return match.replace(/\+(\d{4,})|\d{7,}/g, (m, d?: string) => (d !== undefined ? `+${maskDigits(d)}` : maskDigits(m)));
    }
    if (plusDigits !== undefined) return `+${maskDigits(plusDigits)}`;
    return maskDigits(match);
  });
}

/** A message body: `<PDU n octets>` for hex, `<text n chars>` otherwise. */
export function maskBody(line: string): string {
  return HEX_LINE.test(line.trim()) ? `<PDU ${line.trim().length / 2} octets>` : `<text ${[...line].length} chars>`;
}

/** USSD: the network's answer (+CUSD) is masked whole; a code sent (AT+CUSD) only for its numbers. */
function maskUssd(line: string): string | null {
  if (/^\+CUSD:/i.test(line)) {
    return line.replace(/"([^"]*)"/, (_m, text: string) => `"<USSD ${[...text].length} chars>"`);
  }
  if (/^AT\+CUSD=/i.test(line)) return maskNumbers(line);
  return null;
}

/**
 * The log as it may be shown: `reveal` false masks numbers and texts; true shows them. Either
 * way the PIN is masked. Line order carries the context (a body follows AT+CMGS and its prompt;
 * a PDU follows +CMGR/+CMGL/+CMT/+CDS), so the whole log is masked at once.
 */
export function maskTraffic(entries: readonly TrafficEntry[], reveal: boolean): TrafficEntry[] {
  let bodyExpected = false; // an out line after AT+CMGS: the body
  let messageExpected = false; // an in/urc line after a message header
  return entries.map((entry) => {
    const line = maskSecrets(entry.line);
    let masked: string;
    if (entry.direction === 'out') {
      masked = bodyExpected ? maskBody(line) : (maskUssd(line) ?? maskNumbers(line));
      bodyExpected = !bodyExpected && BODY_COMMAND.test(line);
    } else if (bodyExpected && /^(OK|ERROR|\+CM[ES] ERROR)/i.test(line)) {
      // AT+CMGS refused before its prompt: no body follows.
      masked = line;
      bodyExpected = false;
    } else if (messageExpected && line !== '> ') {
      masked = maskBody(line);
      messageExpected = false;
    } else {
      // An echoed body, or a PDU nobody announced, is still a PDU.
      masked = HEX_LINE.test(line) && line.length >= 20 ? maskBody(line) : (maskUssd(line) ?? maskNumbers(line));
      messageExpected = MESSAGE_HEADER.test(line);
    }
    return { ...entry, line: reveal ? line : masked };
  });
}
