/**
 * Errors of the modem driver: SMS and SIM facts rather than AT strings. Each extends
 * UjumbeError so it crosses boundaries as data (docs/ARCHITECTURE.md "Habits": errors as data).
 */
import { UjumbeError } from '../../../../src-shared/errors.ts';
import { PortClosedError } from './at-errors.ts';
import type { SimState } from './signal.ts';

/** The SIM keeps the modem from working until a person acts. */
export class SimError extends UjumbeError {
  constructor(
    code: string,
    message: string,
    readonly simState: SimState,
  ) {
    super(code, message, { simState });
  }
}

/** The SIM asks for its PIN and none is configured. */
export class SimPinRequiredError extends SimError {
  constructor() {
    super('sim-pin-required', 'The SIM card needs its PIN', 'pin-required');
  }
}

/**
 * The configured PIN was refused. Never retried automatically: three wrong PINs lock the SIM
 * behind its PUK (3GPP TS 31.102 / 51.011), which a clinic rarely has at hand.
 */
export class SimPinRejectedError extends SimError {
  constructor() {
    super('sim-pin-rejected', 'The SIM card refused the configured PIN', 'pin-required');
  }
}

/** The SIM is blocked and asks for its PUK. */
export class SimPukRequiredError extends SimError {
  constructor() {
    super('sim-puk-required', 'The SIM card is locked and needs its PUK code', 'puk-required');
  }
}

/** No SIM in the modem (+CPIN / +CME ERROR: 10). */
export class SimNotInsertedError extends SimError {
  constructor() {
    super('sim-not-inserted', 'There is no SIM card in the modem', 'not-inserted');
  }
}

/** Any other SIM state that blocks us: failure, wrong SIM, phone or network lock, PIN2. */
export class SimUnusableError extends SimError {
  constructor(simState: SimState, detail: string) {
    super('sim-unusable', `The SIM card cannot be used: ${detail}`, simState);
  }
}

/** The modem refused AT+CMGF=0: PDU mode is unavailable, and sendPdus cannot work. */
export class PduModeUnavailableError extends UjumbeError {
  constructor() {
    super('pdu-mode-unavailable', 'The modem does not support SMS PDU mode');
  }
}

/** The serial port could not be opened (wrong path, no permission, device gone). */
export class PortOpenError extends UjumbeError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('port-open-failed', `Cannot open ${path}: ${reason}`, { path });
  }
}

/** The driver was asked to do something before open()/init() or after close(). */
export class ModemNotReadyError extends UjumbeError {
  constructor(what: string) {
    super('modem-not-ready', `The modem is not ready: ${what}`);
  }
}

/** A part handed to sendPdus is not a hex PDU with a sane TPDU length. */
export class InvalidPduError extends UjumbeError {
  constructor(part: number, why: string) {
    super('invalid-pdu', `Part ${part + 1}: ${why}`, { part });
  }
}

/**
 * The port closed (unplugged, hung up, or closed by us for a reopen or a stop) after the body and
 * Ctrl-Z of AT+CMGS were handed to it and before the modem's `+CMGS:` answer. The modem may have
 * sent the SMS: the same "maybe sent" as a timeout after the body (AtTimeoutError phase
 * `after-body`), never a plain closed port, whose failed send would be repeated unflagged.
 * Still a PortClosedError, so everything that reacts to a closed port reacts to it.
 */
export class PortClosedAfterSubmitError extends PortClosedError {
  readonly afterSubmit = true;

  constructor(closed: PortClosedError) {
    super(closed.disconnected, closed.command);
    this.message = `${closed.message} after the message was handed over; it may have been sent`;
    this.details.afterSubmit = true;
  }
}

/**
 * A send of one or more parts failed. `references` are the +CMGS references of the parts that
 * went out before the failure, in order; `failure` is the AT-level error of the failed part
 * (AtTimeoutError, CmsError, CmeError, AtError, PortClosedError, or PortClosedAfterSubmitError
 * when the port closed after that part's Ctrl-Z).
 */
export class SendPartsError extends UjumbeError {
  constructor(
    readonly failure: Error,
    readonly references: string[],
    readonly failedPart: number,
    readonly totalParts: number,
  ) {
    super('send-parts-failed', `Part ${failedPart + 1} of ${totalParts} failed: ${failure.message}`, {
      failedPart,
      totalParts,
      sentParts: references.length,
    });
  }
}
