/**
 * The SIM and network of a modem that answered, read-only: AT+CPIN?, AT+CREG?, AT+CSQ (the
 * queries of modem-probe.ts, without identity, which the port probe already read). Nothing is
 * set, no PIN is ever sent. Each query has a short named timeout and the whole read a deadline,
 * after which the port is closed and what was read so far is kept.
 */
import type { RegistrationCode, SimStateCode } from '../../../src-shared/model.ts';
import type { Timers } from '../clock.ts';
import { systemTimers, withDeadline } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { lookingDriver } from '../gateways/modem/discovery/port-probe.ts';
import type { ModemDriver, OpenPort } from '../gateways/modem/modem-driver.ts';
import { registrationCode, type SignalQuality } from '../gateways/modem/signal.ts';
import type { AtTimeouts } from '../gateways/modem/timeouts.ts';

export interface ModemState {
  /** Null when the modem did not say (a query failed or the deadline came first). */
  sim: SimStateCode | null;
  registration: RegistrationCode | null;
  signal: SignalQuality | null;
}

export interface ModemStateOptions {
  openPort?: OpenPort;
  baudRate?: number;
  timers?: Timers;
  log?: Logger;
  deadlineMs?: number;
  timeouts?: Partial<AtTimeouts>;
}

/** Short: the modem answered AT a moment ago. +CPIN? may take a second on a SIM that is still starting. */
export const STATE_TIMEOUTS: Partial<AtTimeouts> = { probe: 1_500, default: 2_000, sim: 4_000 };
/** AT + CPIN? + CREG? + CSQ at their timeouts stay under this. */
export const STATE_DEADLINE_MS = 10_000;

/** Never throws: a port that will not open or a query that fails leaves its field null. */
export async function readModemState(path: string, options: ModemStateOptions = {}): Promise<ModemState> {
  const timers = options.timers ?? systemTimers;
  const driver = lookingDriver(path, options, STATE_TIMEOUTS);
  const state: ModemState = { sim: null, registration: null, signal: null };
  try {
    await withDeadline(timers, options.deadlineMs ?? STATE_DEADLINE_MS, read(driver, state), () => undefined);
  } finally {
    await driver.close().catch(() => undefined);
  }
  return { ...state };
}

async function read(driver: ModemDriver, state: ModemState): Promise<void> {
  try {
    await driver.open();
  } catch {
    return;
  }
  // The first AT after opening may meet noise left on the line (as in port-probe.ts).
  if (!(await driver.probe()) && !(await driver.probe())) return;
  state.sim = await settle(driver.simState());
  // A SIM that is locked or missing never registers: its network state says nothing.
  if (state.sim !== 'ready') return;
  const registration = await settle(driver.registration());
  state.registration = registration ? registrationCode(registration.stat) : null;
  state.signal = await settle(driver.signal());
}

async function settle<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}
