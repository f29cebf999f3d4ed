/**
 * Signal and network registration, in numbers for the log and words for the nurse.
 * Sources: 3GPP TS 27.007 §8.5 (+CSQ), §7.2 (+CREG), §7.3 (+COPS), §8.3 (+CPIN).
 */
import type { RegistrationCode } from '../../../../src-shared/model.ts';
import { intParam, replyParams } from './replies.ts';

export interface SignalQuality {
  /** The raw +CSQ <rssi> (0...31, 99 unknown). */
  csq: number;
  /** Received signal strength in dBm, or null when unknown. */
  dBm: number | null;
  /** 0...5 bars, as a phone shows them. */
  bars: number;
}

/** 27.007 §8.5: 0 = -113 dBm or less, 1 = -111, 2...30 = -109...-53 in 2 dB steps, 31 = -51 or more, 99 = unknown. */
export function csqToDbm(rssi: number): number | null {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) return null;
  return -113 + 2 * rssi;
}

/**
 * Bars as phones draw them: none below -109 dBm (rssi < 2, nothing usable), then one bar per
 * 10 dB or so. SMS still goes through at one bar; at zero it rarely does.
 */
export function csqToBars(rssi: number): number {
  if (!Number.isInteger(rssi) || rssi < 2 || rssi > 31) return 0;
  if (rssi < 10) return 1;
  if (rssi < 15) return 2;
  if (rssi < 20) return 3;
  if (rssi < 25) return 4;
  return 5;
}

export function signalFromCsq(rssi: number): SignalQuality {
  return { csq: rssi, dBm: csqToDbm(rssi), bars: csqToBars(rssi) };
}

/** `+CSQ: <rssi>,<ber>` (or Huawei's `^RSSI:<rssi>`) -> rssi, or null. */
export function parseCsq(line: string): number | null {
  return intParam(replyParams(line, '+CSQ') ?? replyParams(line, '^RSSI'), 0);
}

/** 27.007 §7.2 <stat>. */
export type RegistrationStat = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

const REGISTRATION_WORDS: Record<number, string> = {
  0: 'not registered (not searching)',
  1: 'registered (home network)',
  2: 'searching for a network',
  3: 'registration denied',
  4: 'unknown',
  5: 'registered (roaming)',
  6: 'registered for SMS only (home network)',
  7: 'registered for SMS only (roaming)',
  8: 'emergency calls only',
  9: 'registered (home network, CSFB not preferred)',
  10: 'registered (roaming, CSFB not preferred)',
};

/** 27.007 §7.2 <stat> -> the code the panel words (src-shared/model.ts RegistrationCode). */
export function registrationCode(stat: number | null): RegistrationCode {
  switch (stat) {
    case 1: case 9: return 'home';
    case 5: case 10: return 'roaming';
    case 6: case 7: return 'sms-only';
    case 2: return 'searching';
    case 3: return 'denied';
    case 0: return 'not-registered';
    case 8: return 'emergency-only';
    default: return 'unknown';
  }
}

export function registrationWords(stat: number | null): string {
  return stat === null ? 'unknown' : (REGISTRATION_WORDS[stat] ?? 'unknown');
}

/** Registered on some network, home or roaming: SMS can go out. */
export function isRegistered(stat: number | null): boolean {
  return stat === 1 || stat === 5 || stat === 6 || stat === 7 || stat === 9 || stat === 10;
}

export interface Registration {
  stat: number | null;
  words: string;
  registered: boolean;
  /** Location area and cell, when the modem reports them (+CREG=2). */
  lac: string | null;
  cellId: string | null;
}

/**
 * A +CREG line. `solicited`: the answer to AT+CREG? (`+CREG: <n>,<stat>[,<lac>,<ci>]`);
 * otherwise the URC (`+CREG: <stat>[,<lac>,<ci>]`). Which one it is cannot be told from the
 * field count alone (n=2 URCs have 3 fields), so the caller says.
 */
export function parseCreg(line: string, solicited: boolean): Registration | null {
  const params = replyParams(line, '+CREG');
  if (!params) return null;
  const offset = solicited ? 1 : 0;
  const stat = intParam(params, offset);
  return {
    stat,
    words: registrationWords(stat),
    registered: isRegistered(stat),
    lac: params[offset + 1] || null,
    cellId: params[offset + 2] || null,
  };
}

/** `+COPS: <mode>[,<format>,<oper>[,<AcT>]]` -> the operator's name, or null when not registered. */
export function parseCops(line: string): string | null {
  const params = replyParams(line, '+COPS');
  const name = params?.[2];
  return name && name.length > 0 ? name : null;
}

/** 27.007 §8.3 <code> of +CPIN, the states we act on. */
export type SimState = 'ready' | 'pin-required' | 'puk-required' | 'phone-locked' | 'pin2-required' | 'not-inserted' | 'failure' | 'unknown';

/** `+CPIN: READY` -> 'ready' ... */
export function parseCpin(line: string): SimState | null {
  const params = replyParams(line, '+CPIN');
  if (!params) return null;
  const code = (params[0] ?? '').toUpperCase();
  if (code === 'READY') return 'ready';
  if (code === 'SIM PIN') return 'pin-required';
  if (code === 'SIM PUK') return 'puk-required';
  if (code === 'SIM PIN2') return 'pin2-required';
  if (code === 'SIM PUK2') return 'pin2-required';
  if (code.startsWith('PH-')) return 'phone-locked';
  // SIM800: `+CPIN: NOT READY` / `NOT INSERTED` when the SIM is pulled.
  if (code === 'NOT INSERTED' || code === 'NOT READY') return 'not-inserted';
  return 'unknown';
}

/** Plain words for the SIM state, for the gateway panel. */
export function simStateWords(state: SimState): string {
  switch (state) {
    case 'ready': return 'ready';
    case 'pin-required': return 'needs its PIN';
    case 'puk-required': return 'locked (needs the PUK code)';
    case 'pin2-required': return 'needs PIN2';
    case 'phone-locked': return 'modem locked to another SIM';
    case 'not-inserted': return 'not inserted';
    case 'failure': return 'not working';
    case 'unknown': return 'unknown';
  }
}
