/**
 * Bytes from the serial port -> lines (docs/ARCHITECTURE.md "Habits": a driver in three layers, layer 1).
 *
 * An AT modem frames its replies as `\r\n<text>\r\n` (V.250 §5.7.1), but in the field we also see
 * lone `\r` or `\n` (gammu's at.c accepts "OK\n" for the same reason), NUL bytes from some USB
 * bridges, and one reply with no line ending at all: the `> ` prompt of AT+CMGS (27.005 §3.5.1),
 * which waits for the PDU on the same line. This Transform emits every non-empty line as a
 * string, and the prompt as the line `> ` the moment it is the whole of the buffer.
 *
 * It never throws: invalid UTF-8 becomes U+FFFD, and a runaway line with no terminator is
 * emitted in pieces of at most `maxLineLength` characters, so a babbling modem cannot grow the
 * buffer without bound.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** The AT+CMGS prompt as the splitter emits it. */
export const PROMPT_LINE = '> ';

export interface LineSplitterOptions {
  /** Longest line kept whole. A PDU line is at most 2 * (12 + 164) = 352 hex digits; 4 KiB is roomy. */
  maxLineLength?: number;
}

export class LineSplitter extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxLineLength: number;
  private buffer = '';

  constructor(options: LineSplitterOptions = {}) {
    super({ readableObjectMode: true, writableObjectMode: false });
    this.maxLineLength = Math.max(2, options.maxLineLength ?? 4096);
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.consume(text);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.consume(this.decoder.end());
    this.emitLine(this.buffer);
    this.buffer = '';
    callback();
  }

  private consume(text: string): void {
    for (const char of text) {
      if (char === '\r' || char === '\n') {
        this.emitLine(this.buffer);
        this.buffer = '';
        continue;
      }
      // NUL and other C0 padding seen from USB-serial bridges carry nothing; tab is kept.
      if (char < ' ' && char !== '\t') continue;
      this.buffer += char;
      if (this.buffer === PROMPT_LINE) {
        // The prompt never gets a line ending; the modem waits for us (27.005 §3.5.1).
        this.push(PROMPT_LINE);
        this.buffer = '';
      } else if (this.buffer.length >= this.maxLineLength) {
        this.emitLine(this.buffer);
        this.buffer = '';
      }
    }
  }

  private emitLine(line: string): void {
    // Empty lines are the framing between replies, not content; trailing blanks are noise.
    const trimmed = line.trimEnd();
    if (trimmed.length > 0) this.push(trimmed);
  }
}
