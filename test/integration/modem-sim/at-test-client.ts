// The app's side of the wire for these tests: a real `serialport` SerialPort on the simulator's
// path, reading raw text (the `> ` prompt has no line end, so a line parser would not do).
import { SerialPort } from 'serialport';

/** Lines of a response (empty lines dropped), e.g. ['+CSQ: 20,99', 'OK']. */
export type ResponseLines = string[];

const WAIT_MS = 10_000;
const PROBE_EVERY_MS = 100;
const FINAL_RESULT = /\r\n(OK|ERROR|\+CM[ES] ERROR: [^\r]*)\r\n|\r\n> $/;

export interface PortClosed {
  readonly disconnected: boolean;
}

export class AtTestClient {
  /** Everything received since the port opened. */
  received = '';
  /** How much of `received` earlier waits have consumed. */
  #consumed = 0;
  #waiters: (() => void)[] = [];
  readonly closed: Promise<PortClosed>;

  private constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      for (const wake of this.#waiters.splice(0)) wake();
    });
    // A write to a hung-up pty fails with EIO. serialport then closes the port twice: the
    // Writable's own destroy emits 'error' and a bare 'close' first, its disconnect handling a
    // 'close' with `disconnected: true` after. Whichever 'close' comes first, an EIO before it
    // means the device went away.
    let ioError = false;
    port.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EIO' || error.message.includes('EIO')) ioError = true;
    });
    this.closed = new Promise((resolve) => {
      port.once('close', (error: (Error & { disconnected?: boolean }) | null) => {
        resolve({ disconnected: error?.disconnected === true || ioError });
      });
    });
  }

  static async open(path: string): Promise<AtTestClient> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new AtTestClient(port);
  }

  /** Forget everything received so far. */
  clear(): void {
    this.received = '';
    this.#consumed = 0;
  }

  write(text: string): void {
    this.port.write(text, 'latin1');
  }

  /** The unconsumed text up to the end of the first match of `pattern`, which it consumes. */
  async until(pattern: RegExp, what = String(pattern)): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const rest = this.received.slice(this.#consumed);
      const match = pattern.exec(rest);
      if (match !== null) {
        const end = match.index + match[0].length;
        this.#consumed += end;
        return rest.slice(0, end);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Waited ${WAIT_MS} ms for ${what}; unconsumed: ${JSON.stringify(rest)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Text up to and including the next final result code or `> ` prompt, split into lines. */
  async response(): Promise<ResponseLines> {
    const text = await this.until(FINAL_RESULT, 'a final result code');
    return text.split(/\r\n|\r/).filter((line) => line !== '');
  }

  /** Sends `line` + CR and returns the response lines (echo included, if echo is on). */
  async command(line: string): Promise<ResponseLines> {
    this.write(`${line}\r`);
    return this.response();
  }

  /** Sends a PDU after a `> ` prompt, ended with Ctrl-Z, and returns the response lines. */
  async sendPdu(length: number, pdu: string): Promise<ResponseLines> {
    const prompt = await this.command(`AT+CMGS=${length}`);
    if (prompt.at(-1) !== '> ') throw new Error(`No prompt: ${JSON.stringify(prompt)}`);
    this.write(`${pdu}\x1a`);
    return this.response();
  }

  /**
   * Resolves once the port has closed after an unplug, writing `AT` now and then as a driver's
   * health check would. serialport 13 may never notice a hang-up by reading alone: a read that
   * lands after the kernel's tty_vhangup returns 0 bytes, and @serialport/bindings-cpp
   * unix-read.js retries 0-byte reads forever (serialport/bindings-cpp#162, real USB unplugs
   * too). A write to a hung-up tty fails with EIO, which closes the port as disconnected.
   */
  async disconnection(): Promise<PortClosed> {
    const probe = setInterval(() => {
      if (this.port.isOpen) this.port.write('AT\r');
    }, PROBE_EVERY_MS);
    try {
      return await this.closed;
    } finally {
      clearInterval(probe);
    }
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
