/**
 * The one place a running modem gateway is built from a saved row: every host, the CLI and the
 * demo modem get the same receiving, missed-call and PIN wiring (docs/ARCHITECTURE.md "Saved
 * gateways"). What differs per machine or test (how ports open, timers, timeouts) comes in as
 * the shared wiring.
 */
import type { Timers } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import type { GatewayConfigRecord } from '../../store/repositories/gateway-config-repository.ts';
import type { OpenPort } from './modem-driver.ts';
import { type MissedCall, ModemGateway } from './modem-gateway.ts';
import { PROFILE_IDS, type ProfileId } from './profiles.ts';
import type { IncomingSmsSink } from './sms-receiver.ts';
import type { AtTimeouts } from './timeouts.ts';

/** What every modem gateway of one backend shares. */
export interface ModemWiring {
  incoming: IncomingSmsSink;
  onMissedCall: (call: MissedCall) => void;
  rejectCalls: () => boolean;
  log: Logger;
  timers: Timers;
  openPort?: OpenPort;
  reconnectDelayMs?: number;
}

/** Per-run extras a caller may give one modem (`--modem PATH` in tests: short timeouts). */
export interface ModemRunOptions {
  baudRate?: number;
  timeouts?: Partial<AtTimeouts>;
}

function profileOf(record: GatewayConfigRecord): ProfileId | 'auto' {
  return (PROFILE_IDS as readonly string[]).includes(record.profile ?? '') ? (record.profile as ProfileId) : 'auto';
}

/**
 * A ModemGateway for a saved modem row (not started).
 * @param pin the SIM PIN, already unsealed, or null.
 * @throws Error when the row has no port to open (a modem row is saved with the port it was found on).
 */
export function buildModemGateway(record: GatewayConfigRecord, pin: string | null, wiring: ModemWiring, run: ModemRunOptions = {}): ModemGateway {
  if (record.lastPath === null) throw new Error(`The saved modem ${record.id} has no port.`);
  const baudRate = run.baudRate ?? (typeof record.config.baudRate === 'number' ? record.config.baudRate : undefined);
  return new ModemGateway({
    id: record.id,
    path: record.lastPath,
    profile: profileOf(record),
    pin,
    imei: record.imei,
    ...(baudRate === undefined ? {} : { baudRate }),
    ...(run.timeouts === undefined ? {} : { timeouts: run.timeouts }),
    ...(wiring.openPort === undefined ? {} : { openPort: wiring.openPort }),
    ...(wiring.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: wiring.reconnectDelayMs }),
    incoming: wiring.incoming,
    rejectCalls: wiring.rejectCalls,
    onMissedCall: wiring.onMissedCall,
    log: wiring.log,
    timers: wiring.timers,
  });
}
