/**
 * The simulator's own ceiling for the dispatch suite: a bare client that drives a modem over a
 * real `serialport` SerialPort with nothing but the AT+CMGS exchange (27.005 §3.5.1):
 * `AT+CMGS=<len>` -> `> ` -> PDU + Ctrl-Z -> `+CMGS: <mr>` / `OK`. No database, no queue, no
 * retries, no timers beyond a safety deadline: as fast as the wire and the simulator allow.
 */
import { SerialPort } from 'serialport';

const CTRL_Z = '\x1a';
const FINAL_RESULT = /\r\n(OK|ERROR|\+CM[ES] ERROR: [^\r]*)\r\n/;
const PROMPT_OR_ERROR = /\r\n(> |(?:ERROR|\+CM[ES] ERROR: [^\r]*)\r\n)/;
const WAIT_MS = 70_000;

export class RawModemClient {
  #buffer = '';
  #wake: (() => void) | null = null;
  readonly #port: SerialPort;

  private constructor(port: SerialPort) {
    this.#port = port;
    port.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString('latin1');
      this.#wake?.();
    });
    port.on('error', () => {});
  }

  static async open(path: string): Promise<RawModemClient> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new RawModemClient(port);
  }

  /** One command line; resolves with the response text up to its final result code. */
  async command(line: string): Promise<string> {
    this.#port.write(`${line}\r`, 'latin1');
    const text = await this.#until(FINAL_RESULT, line);
    if (!/\r\nOK\r\n$/.test(text)) throw new Error(`${line} answered ${JSON.stringify(text)}`);
    return text;
  }

  /**
   * One SMS-SUBMIT part in PDU mode.
   * @returns the message reference from `+CMGS: <mr>`.
   * @throws Error when the modem answers anything but the prompt and OK.
   */
  async submit(pdu: string, tpduLength: number): Promise<number> {
    const command = `AT+CMGS=${tpduLength}`;
    this.#port.write(`${command}\r`, 'latin1');
    const prompt = await this.#until(PROMPT_OR_ERROR, `${command} prompt`);
    if (!prompt.endsWith('> ')) throw new Error(`${command} answered ${JSON.stringify(prompt)}`);
    this.#port.write(`${pdu}${CTRL_Z}`, 'latin1');
    const text = await this.#until(FINAL_RESULT, `${command} result`);
    const reference = /\+CMGS: (\d+)/.exec(text);
    if (!/\r\nOK\r\n$/.test(text) || reference === null) throw new Error(`${command} answered ${JSON.stringify(text)}`);
    return Number(reference[1]);
  }

  async close(): Promise<void> {
    this.#wake = null;
    if (this.#port.isOpen) await new Promise<void>((resolve) => this.#port.close(() => resolve()));
  }

  /** The buffered text through the first match of `pattern`, which it consumes. */
  async #until(pattern: RegExp, what: string): Promise<string> {
    const found = this.#take(pattern);
    if (found !== null) return found;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = null;
        reject(new Error(`No answer to ${what} within ${WAIT_MS} ms; buffered ${JSON.stringify(this.#buffer)}`));
      }, WAIT_MS);
      this.#wake = () => {
        const text = this.#take(pattern);
        if (text === null) return;
        clearTimeout(timer);
        this.#wake = null;
        resolve(text);
      };
    });
  }

  #take(pattern: RegExp): string | null {
    const match = pattern.exec(this.#buffer);
    if (match === null) return null;
    const end = match.index + match[0].length;
    const text = this.#buffer.slice(0, end);
    this.#buffer = this.#buffer.slice(end);
    return text;
  }
}
