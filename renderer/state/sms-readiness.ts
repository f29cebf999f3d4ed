/**
 * Whether an SMS can go now, derived from the gateways' states and problem codes (never from
 * their words) and the link to the backend. The header, Compose and the Outbox say the same
 * thing because they all read this.
 *
 * - ready: an enabled modem runs and is not at its daily cap, and the backend is connected;
 * - none: no modem is saved at all (the backend refuses an SMS with `no-gateway`);
 * - disabled: every modem is disabled;
 * - waiting: every enabled modem is unplugged / waiting to be plugged in / its port cannot open
 *   (or disconnected with no other reason: a busy port or a refused permission is said as such);
 * - capped: the modems that run are all at their daily cap;
 * - starting / problem: otherwise, the first enabled modem with a problem (or not running) says why;
 * - offline: the backend link is down, so nothing above can be known;
 * - unknown: the list has not come yet.
 */
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import type { ModemGatewayStatus, ModemProblemCode } from '../../src-shared/model.ts';
import type { ConnectionState } from '../host/connect.ts';
import { useAppState } from './app.ts';
import { useGateways } from './gateways.ts';

export type ModemView = Extract<GatewayView, ModemGatewayStatus>;

export type SmsReadiness =
  | { kind: 'unknown' }
  | { kind: 'offline' }
  | { kind: 'ready'; demo: boolean }
  | { kind: 'none' }
  | { kind: 'disabled'; count: number }
  | { kind: 'waiting' }
  | { kind: 'capped' }
  | { kind: 'starting' }
  | { kind: 'problem'; modem: ModemView };

export type SmsReadinessKind = SmsReadiness['kind'];

/** Problems that mean "the modem is not plugged in (here) yet". */
export const WAITING_FOR_MODEM: ReadonlySet<ModemProblemCode> = new Set(['waiting-for-modem', 'unplugged', 'cannot-open']);

export const isModem = (g: GatewayView): g is ModemView => g.kind === 'modem';

/** Not plugged in: a waiting code, or disconnected with no other reason (a busy port is not "unplugged"). */
function isWaiting(g: ModemView): boolean {
  return g.problem === null ? g.state === 'disconnected' : WAITING_FOR_MODEM.has(g.problem.code);
}

export function smsReadiness(gateways: readonly GatewayView[], loaded: boolean, connection: ConnectionState): SmsReadiness {
  if (connection !== 'connected') return { kind: 'offline' };
  if (!loaded) return { kind: 'unknown' };
  const modems = gateways.filter(isModem);
  if (modems.length === 0) return { kind: 'none' };
  const enabled = modems.filter((g) => g.enabled);
  if (enabled.length === 0) return { kind: 'disabled', count: modems.length };
  const running = enabled.filter((g) => g.state === 'running');
  const sending = running.filter((g) => !g.dailyCapReached);
  if (sending.length > 0) return { kind: 'ready', demo: sending.every((g) => g.demo) };
  if (running.length > 0) return { kind: 'capped' };
  if (enabled.every(isWaiting)) return { kind: 'waiting' };
  const troubled = enabled.find((g) => g.problem !== null && !isWaiting(g)) ?? enabled.find((g) => !isWaiting(g));
  if (troubled && troubled.state === 'starting' && troubled.problem === null) return { kind: 'starting' };
  return { kind: 'problem', modem: troubled ?? (enabled[0] as ModemView) };
}

/** True when SMS wait in the Outbox rather than go: the states the Outbox and Compose mention. */
export const smsWaits = (r: SmsReadiness): boolean => r.kind !== 'ready' && r.kind !== 'unknown' && r.kind !== 'offline';

export function useSmsReadiness(): SmsReadiness {
  const gateways = useGateways((s) => s.gateways);
  const loaded = useGateways((s) => s.loaded);
  const connection = useAppState((s) => s.connection);
  return smsReadiness(gateways, loaded, connection);
}
