/**
 * The AT channel (docs/ARCHITECTURE.md "Habits": a driver in three layers, layer 2): one command in flight on one serial port, every line
 * classified in this order —
 *   1. the rest of a multi-line unsolicited code being collected (`+CMT:` is followed by its PDU):
 *      only a line of hex octets, and only within the `urcSecondLine` timeout. Anything else (a
 *      final result, the prompt, another URC, any other line) ends the broken code, which is
 *      logged and dropped, and is then classified as itself below, so a lost PDU line can never
 *      swallow a reply or the prompt;
 *   2. the `> ` prompt, if the command in flight waits for one;
 *   3. an unsolicited code (unsolicited.ts), emitted as an event even mid-response — NEVER
 *      added to the response (the python-gsmmodem pitfall);
 *   4. the echo of the command in flight (ignored: echo may still be on before ATE0);
 *   5. a final result code (final-results.ts): resolves or rejects the command;
 *   6. otherwise an information line of the command in flight — which completes it if the
 *      reply may end there (final-results.ts INFORMATION_LINE_ENDINGS, Wavecom's +CPIN:).
 * After such a reply the next command waits up to the `lateFinal` timeout for a trailing OK,
 * which is absorbed: an OK must never be read as the answer of a command sent after it.
 * Every wait has a named timeout (timeouts.ts), and its error is created when the caller asks,
 * so the stack trace points at the caller (zigbee-herdsman's waitress does the same).
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { LineSplitter, PROMPT_LINE } from './line-splitter.ts';
import { UNSOLICITED_CODES, matchUnsolicited, unsolicitedCodeName } from './unsolicited.ts';
import type { UnsolicitedCode, UnsolicitedEvent } from './unsolicited.ts';
import { endsOnInformationLine, parseFinalResult } from './final-results.ts';
import type { FinalResult } from './final-results.ts';
import { atErrorCodeFromText } from './at-error-table.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from './at-errors.ts';
import type { AtTimeoutPhase } from './at-errors.ts';
import { resolveTimeouts } from './timeouts.ts';
import type { AtTimeoutName, AtTimeouts } from './timeouts.ts';
import { redactCommand } from './redact.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';

const CTRL_Z = '\x1a'; // ends the PDU after the prompt (27.005 §3.5.1)
const ESC = '\x1b'; // cancels the send at the prompt (27.005 §3.5.1)

/** A serial port as the channel needs it: serialport's SerialPort, or any Duplex in tests. */
export type AtPort = Duplex & {
  close?: (callback?: (err?: Error | null) => void) => void;
  isOpen?: boolean;
  /**
   * Whether the device this port has open is still the one at its path. serialport can miss an
   * unplug (a hung-up tty reads 0 bytes, which @serialport/bindings-cpp retries for ever, so no
   * `close` comes); the driver asks this on a timer (ModemDriver, `portCheckMs`). Absent: unknown.
   */
  stillThere?: () => boolean;
};

/** A timeout given by name (looked up in the channel's table) or in milliseconds. */
export type TimeoutSpec = AtTimeoutName | number;

export interface SendOptions {
  /** Budget for the final result; default: the `default` timeout. */
  timeout?: TimeoutSpec;
}

export interface PromptSendOptions {
  /** From the command to the `> ` prompt; default: the `prompt` timeout. */
  promptTimeout?: TimeoutSpec;
  /** From Ctrl-Z to the final result; default: the `cmgsResult` timeout. */
  resultTimeout?: TimeoutSpec;
  /**
   * Called once, when the body and Ctrl-Z are handed to the port: from then on the modem may
   * send the message whatever happens to the port, so a failure after it is "maybe sent"
   * (ModemDriver.sendPdus). Not called when the prompt never came.
   */
  onSubmit?: () => void;
}

export interface AtChannelOptions {
  timeouts?: Partial<AtTimeouts>;
  /** The unsolicited table; default: every known code, standard and vendor. */
  unsolicited?: readonly UnsolicitedCode[];
  log?: Logger;
  /** Injectable timers (docs/ARCHITECTURE.md "Habits": injectable edges); the system's by default. */
  timers?: Timers;
  maxLineLength?: number;
}

export interface AtChannelEvents {
  /** An unsolicited result code with all its lines. */
  unsolicited: [UnsolicitedEvent];
  /** A line nobody was waiting for (e.g. a late OK after a timeout). */
  stray: [string];
  /** The port closed; `disconnected` is true when it went away under us (unplugged). */
  close: [{ disconnected: boolean }];
  /** Every line written or read, unmasked, for the technician's traffic log (traffic-log.ts). */
  traffic: [{ direction: 'out' | 'in' | 'urc'; line: string }];
}

type Phase = 'queued' | 'response' | 'prompt' | 'after-body';

/** What ended a multi-line URC before its PDU line came (logged, see endBrokenUnsolicited). */
type BrokenUrcEnd = 'final-result' | 'prompt' | 'unsolicited' | 'other-line' | 'timeout' | 'port-closed';

/** A PDU line as 27.005 §3.1 prints <pdu>: hex, two digits per octet. */
function isHexOctets(line: string): boolean {
  return /^(?:[0-9A-Fa-f]{2})+$/.test(line.trim());
}

interface Wait {
  name: AtTimeoutName | 'custom';
  ms: number;
  /** Created when the caller asked, for its stack trace. */
  error: AtTimeoutError;
}

interface Job {
  command: string;
  body: string | null;
  onSubmit: (() => void) | null;
  phase: Phase;
  lines: string[];
  /** The wait of each phase that can time out. */
  waits: Partial<Record<AtTimeoutPhase, Wait>>;
  timer: TimerHandle | null;
  resolve: (lines: string[]) => void;
  reject: (error: Error) => void;
}

export class AtChannel extends EventEmitter<AtChannelEvents> {
  private readonly splitter: LineSplitter;
  private readonly timeouts: AtTimeouts;
  private readonly table: readonly UnsolicitedCode[];
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  /** A multi-line unsolicited code whose further lines are awaited, with its `urcSecondLine` timer. */
  private collecting: { row: UnsolicitedCode; lines: string[]; timer: TimerHandle } | null = null;
  /** Set after a reply that ended on its information line, while a trailing OK may still come. */
  private lingering: { command: string; timer: TimerHandle } | null = null;
  private closed = false;
  private closing = false;

  constructor(
    private readonly port: AtPort,
    options: AtChannelOptions = {},
  ) {
    super();
    this.timeouts = resolveTimeouts(options.timeouts);
    this.table = options.unsolicited ?? UNSOLICITED_CODES;
    this.log = options.log ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.splitter = new LineSplitter({ maxLineLength: options.maxLineLength });
    this.splitter.on('data', (line: string) => this.onLine(line));
    port.on('data', (chunk: Buffer | string) => this.splitter.write(chunk));
    // serialport reports an unplug as `close` with err.disconnected and no `error` (docs/ARCHITECTURE.md "Invariants").
    port.on('close', () => this.onPortClosed());
    port.on('error', (err: Error) => this.log.warn('modem port error', { error: err.message }));
  }

  /** The command in flight, or null. */
  get pendingCommand(): string | null {
    return this.current?.command ?? null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Queues a command and resolves with its information lines (echo, URCs and the final result
   * removed).
   * @throws AtTimeoutError no final result in time (phase `response`)
   * @throws CmeError | CmsError | AtError the modem answered with an error
   * @throws PortClosedError the port closed before the answer
   */
  send(command: string, options: SendOptions = {}): Promise<string[]> {
    const response = this.wait(command, options.timeout ?? 'default', 'response');
    return this.enqueue(command, null, null, { response });
  }

  /**
   * A command that answers with the `> ` prompt (AT+CMGS, AT+CMGW): writes the command, waits
   * for the prompt, writes `body` and Ctrl-Z, and waits for the final result.
   * If the prompt does not come, ESC is sent to leave the prompt state (27.005 §3.5.1).
   * @throws AtTimeoutError phase `prompt` (nothing was sent) or `after-body` (the body was written:
   *   the message MAY have gone out)
   * @throws CmeError | CmsError | AtError the modem refused the command or the body
   * @throws PortClosedError the port closed first (after `onSubmit` was called: the message MAY
   *   have gone out)
   */
  sendWithPrompt(command: string, body: string, options: PromptSendOptions = {}): Promise<string[]> {
    const prompt = this.wait(command, options.promptTimeout ?? 'prompt', 'prompt');
    const afterBody = this.wait(command, options.resultTimeout ?? 'cmgsResult', 'after-body');
    return this.enqueue(command, body, options.onSubmit ?? null, { prompt, 'after-body': afterBody });
  }

  /**
   * Writes ESC, which leaves the `> ` prompt if a previous program left the modem waiting in it
   * (27.005 §3.5.1). Harmless otherwise. Does nothing while a command is in flight.
   */
  cancelPrompt(): void {
    if (this.current || this.closed) return;
    this.port.write(ESC);
  }

  /**
   * Rejects everything queued or in flight with PortClosedError and closes the port.
   * Resolves when the port is closed; never throws.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    this.failAll(new PortClosedError(false));
    await new Promise<void>((resolve) => {
      if (typeof this.port.close === 'function' && this.port.isOpen !== false) {
        this.port.close(() => resolve());
      } else {
        this.port.destroy();
        resolve();
      }
    });
    this.markClosed(false);
  }

  private wait(command: string, spec: TimeoutSpec, phase: AtTimeoutPhase): Wait {
    const name = typeof spec === 'number' ? 'custom' : spec;
    const ms = typeof spec === 'number' ? spec : this.timeouts[spec];
    const error = new AtTimeoutError(command, name, ms, phase);
    // Point the stack at whoever called send()/sendWithPrompt(), not at this helper.
    Error.captureStackTrace(error, AtChannel.prototype.wait);
    return { name, ms, error };
  }

  private enqueue(command: string, body: string | null, onSubmit: Job['onSubmit'], waits: Job['waits']): Promise<string[]> {
    if (this.closed || this.closing) return Promise.reject(new PortClosedError(!this.closing, command));
    return new Promise<string[]>((resolve, reject) => {
      this.queue.push({ command, body, onSubmit, phase: 'queued', lines: [], waits, timer: null, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.closed || this.lingering) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    this.enterPhase(job, job.body === null ? 'response' : 'prompt');
    this.log.debug('modem <-', { command: redactCommand(job.command) });
    this.emit('traffic', { direction: 'out', line: job.command });
    this.write(job, `${job.command}\r`);
  }

  private enterPhase(job: Job, phase: 'response' | 'prompt' | 'after-body'): void {
    job.phase = phase;
    if (job.timer !== null) this.timers.clearTimeout(job.timer);
    const wait = job.waits[phase];
    job.timer = wait ? this.timers.setTimeout(() => this.onTimeout(job, wait), wait.ms) : null;
  }

  private write(job: Job, data: string): void {
    this.port.write(data, (err?: Error | null) => {
      if (err && this.current === job) {
        this.log.warn('modem write failed', { command: redactCommand(job.command), error: err.message });
        this.settle(job, () => job.reject(new PortClosedError(!this.closing, job.command)));
      }
    });
  }

  private onTimeout(job: Job, wait: Wait): void {
    if (this.current !== job) return;
    wait.error.linesSeen = [...job.lines];
    if (job.phase === 'prompt') {
      // Leave the prompt state so the next command is not taken for PDU text.
      this.port.write(ESC);
    }
    this.log.warn('modem command timed out', { command: redactCommand(job.command), timeout: wait.name, ms: wait.ms, phase: job.phase });
    this.settle(job, () => job.reject(wait.error));
  }

  private onLine(line: string): void {
    const job = this.current;
    const row = line === PROMPT_LINE ? null : matchUnsolicited(line, job?.command ?? null, this.table);
    if (this.collecting) {
      if (this.continueUnsolicited(line, row)) return;
    }
    this.emit('traffic', { direction: row ? 'urc' : 'in', line });
    if (line === PROMPT_LINE) {
      if (job?.phase === 'prompt' && job.body !== null) {
        this.log.debug('modem <- body', { length: job.body.length });
        this.enterPhase(job, 'after-body');
        this.emit('traffic', { direction: 'out', line: job.body });
        // Handed to the port: from here on the modem may send it, whatever the port does next.
        job.onSubmit?.();
        this.write(job, `${job.body}${CTRL_Z}`);
      } else {
        this.emit('stray', line);
      }
      return;
    }
    if (row) {
      if (row.lines <= 1) this.emitUnsolicited(row, [line]);
      else this.startCollecting(row, line);
      return;
    }
    if (this.lingering && !job && parseFinalResult(line)?.type === 'ok') {
      this.log.debug('modem -> late final result', { command: redactCommand(this.lingering.command) });
      this.endLinger();
      return;
    }
    if (!job || job.phase === 'queued') {
      this.log.debug('modem -> stray', { line });
      this.emit('stray', line);
      return;
    }
    if (this.isEcho(line, job)) return;
    const result = parseFinalResult(line, atErrorCodeFromText);
    if (result) {
      this.finish(job, result, line);
      return;
    }
    job.lines.push(line);
    if (job.phase === 'response' && endsOnInformationLine(job.command, line)) this.finishOnInformationLine(job);
  }

  /** The reply is complete without a final result code: resolve, and hold the queue for a late OK. */
  private finishOnInformationLine(job: Job): void {
    const lines = [...job.lines];
    this.lingering = { command: job.command, timer: this.timers.setTimeout(() => this.endLinger(), this.timeouts.lateFinal) };
    this.settle(job, () => job.resolve(lines));
  }

  /** A late OK came, or the wait for it is over: the next command may go. */
  private endLinger(): void {
    const lingering = this.lingering;
    if (!lingering) return;
    this.timers.clearTimeout(lingering.timer);
    this.lingering = null;
    this.pump();
  }

  /** The header of a multi-line URC came: wait for its PDU line, at most `urcSecondLine`. */
  private startCollecting(row: UnsolicitedCode, header: string): void {
    const timer = this.timers.setTimeout(() => this.endBrokenUnsolicited('timeout'), this.timeouts.urcSecondLine);
    this.collecting = { row, lines: [header], timer };
  }

  /**
   * Adds a line to the URC being collected: true when it was taken. Every multi-line row is a
   * PDU-mode indication (+CMT, +CDS, +CBM; 27.005 §3.4.1), whose further lines are hex octets,
   * so only such a line is taken. A final result, the prompt, another URC or any other line
   * means the PDU line was lost: the broken URC ends and the line is classified as itself
   * (false), so it still ends its command, gets its body written, or is emitted.
   */
  private continueUnsolicited(line: string, row: UnsolicitedCode | null): boolean {
    const collecting = this.collecting;
    if (!collecting) return false;
    const endedBy: BrokenUrcEnd | null =
      parseFinalResult(line) !== null ? 'final-result'
      : line === PROMPT_LINE ? 'prompt'
      : row !== null ? 'unsolicited'
      : !isHexOctets(line) ? 'other-line'
      : null;
    if (endedBy !== null) {
      this.endBrokenUnsolicited(endedBy);
      return false;
    }
    this.emit('traffic', { direction: 'urc', line });
    collecting.lines.push(line);
    if (collecting.lines.length >= collecting.row.lines) {
      this.timers.clearTimeout(collecting.timer);
      this.collecting = null;
      this.emitUnsolicited(collecting.row, collecting.lines);
    }
    return true;
  }

  /**
   * The URC being collected lost its PDU line: it is dropped (a header alone says nothing the
   * receiver can use). Logged with its code and what ended it, never its lines: they hold the
   * sender's number and the message (docs/ARCHITECTURE.md "Invariants").
   */
  private endBrokenUnsolicited(endedBy: BrokenUrcEnd): void {
    const collecting = this.collecting;
    if (!collecting) return;
    this.timers.clearTimeout(collecting.timer);
    this.collecting = null;
    this.log.warn('modem unsolicited code without its PDU line; dropped', { code: unsolicitedCodeName(collecting.row), endedBy });
  }

  private emitUnsolicited(row: UnsolicitedCode, lines: string[]): void {
    const event: UnsolicitedEvent = { code: unsolicitedCodeName(row), topic: row.topic, lines };
    this.log.debug('modem -> unsolicited', { code: event.code });
    this.emit('unsolicited', event);
  }

  private isEcho(line: string, job: Job): boolean {
    const upper = line.trim().toUpperCase();
    if (upper === job.command.toUpperCase()) return true;
    // With echo on, the PDU comes back after the prompt (Ctrl-Z is dropped by the splitter).
    return job.body !== null && job.phase === 'after-body' && line.trim() === job.body;
  }

  private finish(job: Job, result: FinalResult, line: string): void {
    const lines = [...job.lines];
    switch (result.type) {
      case 'ok':
        this.settle(job, () => job.resolve(lines));
        return;
      case 'cme':
        this.settle(job, () => job.reject(new CmeError(job.command, result.code, result.text, lines)));
        return;
      case 'cms':
        this.settle(job, () => job.reject(new CmsError(job.command, result.code, result.text, lines)));
        return;
      case 'error':
      case 'call':
        this.settle(job, () => job.reject(new AtError(job.command, line, lines)));
        return;
    }
  }

  /** Ends the job in flight, reports to its caller, and starts the next one. */
  private settle(job: Job, report: () => void): void {
    if (job.timer !== null) this.timers.clearTimeout(job.timer);
    job.timer = null;
    if (this.current === job) this.current = null;
    report();
    this.pump();
  }

  private failAll(error: PortClosedError): void {
    if (this.lingering) this.timers.clearTimeout(this.lingering.timer);
    this.lingering = null;
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const job of jobs) {
      if (job.timer !== null) this.timers.clearTimeout(job.timer);
      job.reject(new PortClosedError(error.disconnected, job.command));
    }
  }

  private onPortClosed(): void {
    if (this.closed) return;
    // Closed while we did not ask for it: the modem went away (unplugged, USB reset).
    const disconnected = !this.closing;
    this.failAll(new PortClosedError(disconnected));
    this.markClosed(disconnected);
  }

  private markClosed(disconnected: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.endBrokenUnsolicited('port-closed');
    this.splitter.end();
    if (disconnected) this.log.warn('the modem port closed (unplugged?)');
    this.emit('close', { disconnected });
  }
}
