// Final result codes and how they are written on the wire.
// Framing is V.250 verbose mode (ITU-T V.250 §5.7.1, ATV1): every information text and
// result code is sent as <CR><LF>text<CR><LF>.

export type FinalResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error' }
  | { readonly kind: 'cme'; readonly code: number }
  | { readonly kind: 'cms'; readonly code: number }
  /** No final result code at all: the reply ends on its information text (Wavecom's +CPIN:). */
  | { readonly kind: 'none' };

export const OK: FinalResult = { kind: 'ok' };
export const ERROR: FinalResult = { kind: 'error' };
export const NO_FINAL_RESULT: FinalResult = { kind: 'none' };
export const cmeError = (code: number): FinalResult => ({ kind: 'cme', code });
export const cmsError = (code: number): FinalResult => ({ kind: 'cms', code });

/** CME error codes the simulator answers with (3GPP TS 27.007 §9.2.1). */
export const CME = {
  operationNotAllowed: 3,
  operationNotSupported: 4,
  simPinRequired: 11,
  simPukRequired: 12,
  incorrectPassword: 16,
  noNetworkService: 30,
  unknown: 100,
} as const;

/** CMS error codes the simulator answers with (3GPP TS 27.005 §3.2.5). */
export const CMS = {
  operationNotAllowed: 302,
  operationNotSupported: 303,
  invalidPduModeParameter: 304,
  invalidTextModeParameter: 305,
  simPinRequired: 311,
  simPukRequired: 316,
  noNetworkService: 331,
  unknownError: 500,
} as const;

// Verbose texts for AT+CMEE=2, 3GPP TS 27.007 §9.2.1 (general errors).
const CME_TEXT: Readonly<Record<number, string>> = {
  0: 'phone failure',
  1: 'no connection to phone',
  2: 'phone-adaptor link reserved',
  3: 'operation not allowed',
  4: 'operation not supported',
  5: 'PH-SIM PIN required',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  15: 'SIM wrong',
  16: 'incorrect password',
  17: 'SIM PIN2 required',
  18: 'SIM PUK2 required',
  20: 'memory full',
  21: 'invalid index',
  22: 'not found',
  23: 'memory failure',
  24: 'text string too long',
  25: 'invalid characters in text string',
  26: 'dial string too long',
  27: 'invalid characters in dial string',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  100: 'unknown',
};

// Verbose texts for +CMS ERROR with AT+CMEE=2. 1..127 are RP causes from the network
// (3GPP TS 24.011 annex E-2, the ones a sending modem meets), 300..500 are 3GPP TS 27.005 §3.2.5.
const CMS_TEXT: Readonly<Record<number, string>> = {
  1: 'Unassigned (unallocated) number',
  8: 'Operator determined barring',
  10: 'Call barred',
  21: 'Short message transfer rejected',
  27: 'Destination out of service',
  28: 'Unidentified subscriber',
  29: 'Facility rejected',
  30: 'Unknown subscriber',
  38: 'Network out of order',
  41: 'Temporary failure',
  42: 'Congestion',
  47: 'Resources unavailable, unspecified',
  50: 'Requested facility not subscribed',
  69: 'Requested facility not implemented',
  95: 'Invalid message, unspecified',
  96: 'Invalid mandatory information',
  111: 'Protocol error, unspecified',
  127: 'Interworking, unspecified',
  300: 'ME failure',
  301: 'SMS service of ME reserved',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  312: 'PH-SIM PIN required',
  313: 'SIM failure',
  314: 'SIM busy',
  315: 'SIM wrong',
  316: 'SIM PUK required',
  317: 'SIM PIN2 required',
  318: 'SIM PUK2 required',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  340: 'no +CNMA acknowledgement expected',
  500: 'unknown error',
};

/** The AT+CMEE setting: 0 plain ERROR, 1 numeric codes, 2 verbose texts (27.007 §9.1). */
export type ErrorReportMode = 0 | 1 | 2;

/**
 * The text of a final result code (without framing); '' for `none`.
 * With +CMEE=0, 27.007 §9.1 says ERROR replaces +CME ERROR. +CMS ERROR is defined by 27.005
 * §3.2.5 independently of +CMEE, and modems keep sending it: only its verbose form follows
 * +CMEE=2.
 */
export function finalResultText(result: FinalResult, mode: ErrorReportMode): string {
  switch (result.kind) {
    case 'ok':
      return 'OK';
    case 'none':
      return '';
    case 'error':
      return 'ERROR';
    case 'cme':
      if (mode === 0) return 'ERROR';
      return `+CME ERROR: ${mode === 2 ? (CME_TEXT[result.code] ?? String(result.code)) : result.code}`;
    case 'cms':
      return `+CMS ERROR: ${mode === 2 ? (CMS_TEXT[result.code] ?? String(result.code)) : result.code}`;
  }
}

/** `<CR><LF>text<CR><LF>`, V.250 §5.7.1. */
export const frame = (text: string): string => `\r\n${text}\r\n`;
