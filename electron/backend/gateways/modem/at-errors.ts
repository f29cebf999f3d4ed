/**
 * Errors of the AT channel. Each carries the command and the lines seen, so a log line or a bug
 * report says what the modem was asked and what it said (python-gsmmodem exceptions.py keeps
 * the same two facts). They extend UjumbeError so they cross boundaries as data (STYLE.md §3).
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

/** `+CME ERROR: <err>` (3GPP TS 27.007 §9.2). `code` is null for unmapped verbose text. */
export class CmeError extends UjumbeError {
  readonly meaning: string;

  constructor(
    readonly command: string,
    readonly errorCode: number | null,
    readonly text: string,
    readonly linesSeen: string[] = [],
  ) {
    const meaning = errorCode === null ? text : describeAtError('cme', errorCode).meaning;
    super(`cme-${errorCode ?? 'text'}`, `${command} failed: +CME ERROR: ${errorCode ?? text} (${meaning})`, {
      command,
      errorCode,
      text,
    });
    this.meaning = meaning;
  }
}

/** `+CMS ERROR: <err>` (3GPP TS 27.005 §3.2.5). `code` is null for unmapped verbose text. */
export class CmsError extends UjumbeError {
  readonly meaning: string;

  constructor(
    readonly command: string,
    readonly errorCode: number | null,
    readonly text: string,
    readonly linesSeen: string[] = [],
  ) {
    const meaning = errorCode === null ? text : describeAtError('cms', errorCode).meaning;
    super(`cms-${errorCode ?? 'text'}`, `${command} failed: +CMS ERROR: ${errorCode ?? text} (${meaning})`, {
      command,
      errorCode,
      text,
    });
    this.meaning = meaning;
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
