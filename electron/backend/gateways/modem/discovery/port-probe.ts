/**
 * A gentle look at one serial port for detection: open, `AT` (twice: the first after opening may
 * meet noise left on the line), then identity (+CGMI, +CGMM, +CGSN, +CIMI). Nothing is set on
 * the device. Only a port that answered identity with an IMEI, which makes it a modem, is asked
 * the two test commands `AT+CMGF=?` and `AT+CNMI=?` (27.005 §3.2.3, §3.4.1: "=?" only reports what
 * the modem supports), to tell a modem's SMS port from its diagnostic port.
 *
 * Every step has a short named timeout and the whole look a deadline, so a port that hangs, a
 * dead pty or a device that sends garbage is skipped within a bounded time, with its reason kept.
 */
import type { Timers } from '../../../clock.ts';
import { systemTimers, withDeadline } from '../../../clock.ts';
import type { Logger } from '../../../logger.ts';
import { silentLogger } from '../../../logger.ts';
import { type ModemIdentity, ModemDriver, type OpenPort } from '../modem-driver.ts';
import { PortOpenError } from '../modem-errors.ts';
import type { AtTimeouts } from '../timeouts.ts';
import { type PortOpenCause, portOpenCause } from './port-open-failures.ts';

export type ProbeOutcome = 'modem' | 'no-answer' | 'garbage' | Exclude<PortOpenCause, 'not-found'> | 'vanished';

export interface PortProbeResult {
  path: string;
  outcome: ProbeOutcome;
  identity: ModemIdentity | null;
  /** Whether the port takes SMS commands (PDU mode and +CNMI listed); null when not asked. */
  smsPort: boolean | null;
  /** The system's or the modem's words, for a technician; never shown as the nurse's words. */
  technical: string | null;
}

export interface PortProbeOptions {
  openPort?: OpenPort;
  baudRate?: number;
  log?: Logger;
  timers?: Timers;
  /** The longest one look may take, whatever the modem does. Default PROBE_DEADLINE_MS. */
  deadlineMs?: number;
  timeouts?: Partial<AtTimeouts>;
}

/** Short: a port that is not a modem must not hold up the others. A modem answers AT in milliseconds. */
export const PROBE_TIMEOUTS: Partial<AtTimeouts> = { probe: 1_500, default: 2_000 };
/** Open + 2 × AT + 4 identity queries + 2 test commands at their timeouts stay under this. */
export const PROBE_DEADLINE_MS = 8_000;

export type PortProber = (path: string) => Promise<PortProbeResult>;

/** A driver for a short read-only look at a port (this probe, the field check's SIM and network read). */
export function lookingDriver(path: string, options: Omit<PortProbeOptions, 'deadlineMs'>, timeouts: Partial<AtTimeouts>): ModemDriver {
  return new ModemDriver({
    path,
    ...(options.baudRate === undefined ? {} : { baudRate: options.baudRate }),
    ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
    log: options.log ?? silentLogger,
    timers: options.timers ?? systemTimers,
    timeouts: { ...timeouts, ...options.timeouts },
  });
}

/** Never throws: every failure is an outcome. */
export async function probePort(path: string, options: PortProbeOptions = {}): Promise<PortProbeResult> {
  const timers = options.timers ?? systemTimers;
  const driver = lookingDriver(path, options, PROBE_TIMEOUTS);
  let heard = 0;
  driver.on('traffic', ({ direction }) => {
    if (direction !== 'out') heard += 1;
  });
  try {
    return await withDeadline(timers, options.deadlineMs ?? PROBE_DEADLINE_MS, look(path, driver, () => heard), () => ({
      path,
      outcome: heard > 0 ? 'garbage' : 'no-answer',
      identity: null,
      smsPort: null,
      technical: 'no complete answer in time',
    }));
  } finally {
    driver.removeAllListeners('traffic');
    await driver.close().catch(() => undefined);
  }
}

async function look(path: string, driver: ModemDriver, heard: () => number): Promise<PortProbeResult> {
  const result: PortProbeResult = { path, outcome: 'no-answer', identity: null, smsPort: null, technical: null };
  try {
    await driver.open();
  } catch (err) {
    const words = err instanceof PortOpenError ? err.reason : err instanceof Error ? err.message : String(err);
    const cause = portOpenCause(words);
    return { ...result, outcome: cause === 'not-found' ? 'vanished' : cause, technical: words };
  }
  if (!(await driver.probe()) && !(await driver.probe())) {
    // Something answered, but never a final result to AT: not a modem (or one that babbles).
    return { ...result, outcome: heard() > 0 ? 'garbage' : 'no-answer', technical: heard() > 0 ? 'answers, but not to AT' : 'nothing answered AT' };
  }
  result.outcome = 'modem';
  try {
    result.identity = await driver.identity();
  } catch (err) {
    result.technical = `identity: ${err instanceof Error ? err.message : String(err)}`;
    return result;
  }
  if (result.identity.imei !== null) result.smsPort = (await supports(driver, 'AT+CMGF=?', /\b0\b/)) && (await supports(driver, 'AT+CNMI=?', /\+CNMI:/));
  return result;
}

/** A test command answered OK, with a line matching `listed`. */
async function supports(driver: ModemDriver, command: string, listed: RegExp): Promise<boolean> {
  try {
    const lines = await driver.command(command);
    return lines.some((line) => listed.test(line));
  } catch {
    return false;
  }
}
