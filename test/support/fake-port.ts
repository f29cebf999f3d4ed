/**
 * A scripted serial port for AT channel unit tests and the line-path fuzz of
 * test/reliability/: a Duplex that records what is written and lets the test (or a responder)
 * push the modem's bytes back. Integration tests use the real serialport package over a pty
 * instead (test/integration/modem).
 */
import { Duplex } from 'node:stream';

export class FakePort extends Duplex {
  readonly written: string[] = [];
  /** Called with each write; return the modem's answer (or nothing). */
  responder: ((data: string) => string | undefined) | null = null;
  isOpen = true;

  constructor() {
    super();
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const data = chunk.toString('latin1');
    this.written.push(data);
    const answer = this.responder?.(data);
    if (answer !== undefined) setImmediate(() => this.reply(answer));
    callback();
  }

  /** Bytes from the modem. */
  reply(text: string): void {
    this.push(Buffer.from(text, 'latin1'));
  }

  close(callback?: (err?: Error | null) => void): void {
    this.isOpen = false;
    this.destroy();
    setImmediate(() => callback?.(null));
  }

  /** The cable is pulled: serialport emits `close` without us asking. */
  unplug(): void {
    this.isOpen = false;
    this.destroy();
  }
}

export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
