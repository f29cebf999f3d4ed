/**
 * Errors of the AT channel. Each carries the command and the lines seen, so a log line or a bug
 * report says what the modem was asked and what it said (python-gsmmodem exceptions.py keeps
 * the same two facts). They extend UjumbeError so they cross boundaries as data (docs/ARCHITECTURE.md "Habits": errors as data).
 */
import { UjumbeError } from '../../../../src-shared/errors.ts';
import type { AtTimeoutName } from './timeouts.ts';
import { describeAtError } from './at-error-table.ts';

/**
 * Which wait ran out. For AT+CMGS the difference matters: before the PDU was written nothing
 * can have been sent; after it, the message may be on its way (`after-body` = maybe sent).
 */
export type AtTimeoutPhase = 'response' | 'prompt' | 'after-body';

/**
 * No final result within the named timeout. Created when the wait starts, so its stack points
 * at the caller that issued the command, not at a timer callback.
 */
export class AtTimeoutError extends UjumbeError {
  /** Lines received for the command before it timed out; filled in when the timer fires. */
  linesSeen: string[] = [];

  constructor(
    readonly command: string,
    readonly timeoutName: AtTimeoutName | 'custom',
    readonly ms: number,
    readonly phase: AtTimeoutPhase = 'response',
  ) {
    super('at-timeout', `No answer to ${command} within ${ms} ms (${timeoutName}, ${phase})`, {
      command,
      timeoutName,
      ms,
      phase,
    });
  }

  /** True when the timeout came after the PDU was written: the SMS may have gone out. */
  get maybeSent(): boolean {
    return this.phase === 'after-body';
  }
}

/** Plain `ERROR` (or a vendor's spelling of it): the modem refused without saying why. */
export class AtError extends UjumbeError {
  constructor(
    readonly command: string,
    readonly resultLine: string,
    readonly linesSeen: string[],
  ) {
    super('at-error', `${command} failed: ${resultLine}`, { command, resultLine });
  }
}

/**
 * A `+CME ERROR` or `+CMS ERROR` final result: the two families share their shape and differ in
 * their table (at-error-table.ts) and prefix. `errorCode` is null for unmapped verbose text.
 */
abstract class ModemErrorResult extends UjumbeError {
  readonly meaning: string;

  protected constructor(
    family: 'cme' | 'cms',
    readonly command: string,
    readonly errorCode: number | null,
    readonly text: string,
    readonly linesSeen: string[],
  ) {
    const meaning = errorCode === null ? text : describeAtError(family, errorCode).meaning;
    super(`${family}-${errorCode ?? 'text'}`, `${command} failed: +${family.toUpperCase()} ERROR: ${errorCode ?? text} (${meaning})`, {
      command,
      errorCode,
      text,
    });
    this.meaning = meaning;
  }
}

/** `+CME ERROR: <err>` (3GPP TS 27.007 §9.2). */
export class CmeError extends ModemErrorResult {
  constructor(command: string, errorCode: number | null, text: string, linesSeen: string[] = []) {
    super('cme', command, errorCode, text, linesSeen);
  }
}

/** `+CMS ERROR: <err>` (3GPP TS 27.005 §3.2.5). */
export class CmsError extends ModemErrorResult {
  constructor(command: string, errorCode: number | null, text: string, linesSeen: string[] = []) {
    super('cms', command, errorCode, text, linesSeen);
  }
}

/** The port is closed: by us (`close()`), or under us (`disconnected`: unplugged). */
export class PortClosedError extends UjumbeError {
  constructor(
    readonly disconnected: boolean,
    readonly command: string | null = null,
  ) {
    super(
      disconnected ? 'port-disconnected' : 'port-closed',
      disconnected ? 'The modem was disconnected' : 'The modem port is closed',
      { disconnected, command },
    );
  }
}
