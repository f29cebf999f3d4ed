// The SIM's PIN state machine, as seen through AT+CPIN (3GPP TS 27.007 §8.3):
// READY, or SIM PIN until the right PIN is given; three wrong PINs block the SIM (SIM PUK)
// until the PUK and a new PIN are given (3GPP TS 31.101 / 51.011: PIN retry counter of 3).

export type SimLockState = 'READY' | 'SIM PIN' | 'SIM PUK';

export type PinAttempt = 'unlocked' | 'wrong' | 'not-needed';

const PIN_ATTEMPTS = 3;

export class SimCard {
  #state: SimLockState;
  #pin: string | null;
  #puk: string;
  #pinAttemptsLeft = PIN_ATTEMPTS;

  constructor(pin: string | null, puk: string) {
    this.#pin = pin;
    this.#puk = puk;
    this.#state = pin === null ? 'READY' : 'SIM PIN';
  }

  get state(): SimLockState {
    return this.#state;
  }

  get ready(): boolean {
    return this.#state === 'READY';
  }

  /** A power cycle: a SIM with PIN protection asks for it again (unless it is blocked). */
  powerCycle(): void {
    if (this.#pin !== null && this.#state === 'READY') this.#state = 'SIM PIN';
  }

  /** Blocked behind the PUK, as after three wrong PINs elsewhere. */
  block(): void {
    this.#state = 'SIM PUK';
    this.#pinAttemptsLeft = 0;
  }

  /** AT+CPIN=<pin> in state SIM PIN. */
  enterPin(pin: string): PinAttempt {
    if (this.#state !== 'SIM PIN') return 'not-needed';
    if (pin === this.#pin) {
      this.#state = 'READY';
      this.#pinAttemptsLeft = PIN_ATTEMPTS;
      return 'unlocked';
    }
    this.#pinAttemptsLeft -= 1;
    if (this.#pinAttemptsLeft === 0) this.#state = 'SIM PUK';
    return 'wrong';
  }

  /** AT+CPIN=<puk>,<newpin> in state SIM PUK: unblocks and sets a new PIN. */
  enterPuk(puk: string, newPin: string): PinAttempt {
    if (this.#state !== 'SIM PUK') return 'not-needed';
    if (puk !== this.#puk) return 'wrong';
    this.#pin = newPin;
    this.#state = 'READY';
    this.#pinAttemptsLeft = PIN_ATTEMPTS;
    return 'unlocked';
  }
}
