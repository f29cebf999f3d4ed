/**
 * A read-only look at whatever answers on a serial port: does it speak AT, and if so, who is it
 * and how is its SIM and network. Used by `ujumbe modems` (and, later, port detection). It never
 * resets or configures the modem: only queries, so a modem in use elsewhere is not disturbed
 * beyond sharing the port.
 */
import type { Logger } from '../../logger.ts';
import { type ModemIdentity, ModemDriver, type OpenPort } from './modem-driver.ts';
import type { Registration, SignalQuality, SimState } from './signal.ts';
import type { AtTimeouts } from './timeouts.ts';

export interface ModemProbeResult {
  path: string;
  /** False when the port could not be opened or nothing answered `AT`. */
  answers: boolean;
  /** Why not, in words, when `answers` is false. */
  problem: string | null;
  identity: ModemIdentity | null;
  simState: SimState | null;
  operator: string | null;
  signal: SignalQuality | null;
  registration: Registration | null;
}

export interface ProbeOptions {
  baudRate?: number;
  openPort?: OpenPort;
  log?: Logger;
  /** Short by default: a port that is not a modem should not keep the user waiting. */
  timeouts?: Partial<AtTimeouts>;
}

const PROBE_TIMEOUTS: Partial<AtTimeouts> = { probe: 2_000, default: 3_000, sim: 5_000, operator: 10_000 };

/** Never throws: every failure is reported in the result. */
export async function probeModem(path: string, options: ProbeOptions = {}): Promise<ModemProbeResult> {
  const result: ModemProbeResult = { path, answers: false, problem: null, identity: null, simState: null, operator: null, signal: null, registration: null };
  const driver = new ModemDriver({
    path,
    ...(options.baudRate === undefined ? {} : { baudRate: options.baudRate }),
    ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
    ...(options.log === undefined ? {} : { log: options.log }),
    timeouts: { ...PROBE_TIMEOUTS, ...options.timeouts },
  });
  try {
    await driver.open();
  } catch (err) {
    result.problem = `cannot open the port (${err instanceof Error ? err.message : String(err)})`;
    return result;
  }
  try {
    // Two tries: the first AT after opening may be spoiled by noise left on the line.
    if (!(await driver.probe()) && !(await driver.probe())) {
      result.problem = 'nothing answered AT (not a modem, or a modem that hangs)';
      return result;
    }
    result.answers = true;
    result.identity = await settle(driver.identity());
    result.simState = await settle(driver.simState());
    result.registration = await settle(driver.registration());
    result.operator = await settle(driver.operator());
    result.signal = await settle(driver.signal());
    return result;
  } finally {
    await driver.close();
  }
}

/** A query the modem refuses leaves its field null rather than failing the whole probe. */
async function settle<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    return null;
  }
}
