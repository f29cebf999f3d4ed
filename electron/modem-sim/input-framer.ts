// Splits what the app types into command lines and, after the AT+CMGS prompt, the message body.
// Command lines end with S3 = CR (V.250 §6.2.1). After the `> ` prompt the body runs to
// Ctrl-Z (0x1A, send) or ESC (0x1B, cancel) (27.005 §3.5.1).
// Text is kept as latin1 so every byte maps to one character.

export type InputEvent =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'body'; readonly text: string }
  | { readonly kind: 'cancel'; readonly text: string };

const CR = '\r';
const CTRL_Z = '\x1a';
const ESC = '\x1b';
/** V.250 §5.2.4 lets a modem bound a command line; real ones take a few hundred characters. */
const MAX_COMMAND_LINE = 4096;

export class InputFramer {
  #buffer = '';
  /** True between the prompt and Ctrl-Z / ESC. */
  expectingBody = false;

  push(chunk: string): void {
    this.#buffer += chunk;
    if (!this.expectingBody && this.#buffer.length > MAX_COMMAND_LINE && !this.#buffer.includes(CR)) {
      // A modem drops an overlong line rather than grow without bound.
      this.#buffer = '';
    }
  }

  /** The next complete event in the current mode, or null until more input arrives. */
  next(): InputEvent | null {
    if (this.expectingBody) {
      const end = firstOf(this.#buffer, CTRL_Z, ESC);
      if (end < 0) return null;
      const text = this.#buffer.slice(0, end);
      const terminator = this.#buffer.charAt(end);
      this.#buffer = this.#buffer.slice(end + 1);
      this.expectingBody = false;
      return terminator === CTRL_Z ? { kind: 'body', text } : { kind: 'cancel', text };
    }
    const end = this.#buffer.indexOf(CR);
    if (end < 0) return null;
    const text = this.#buffer.slice(0, end);
    this.#buffer = this.#buffer.slice(end + 1);
    return { kind: 'line', text };
  }

  /** Forget everything typed so far (power cycle, recovery from a hang). */
  clear(): void {
    this.#buffer = '';
    this.expectingBody = false;
  }
}

/** Index of the first of two characters, or -1. */
function firstOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  if (i < 0) return j;
  if (j < 0) return i;
  return Math.min(i, j);
}
