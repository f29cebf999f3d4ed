/**
 * THE table of +CMS and +CME error codes: what each means, how the dispatcher must treat a send
 * that failed with it, and what to tell the nurse (docs/ARCHITECTURE.md "Habits": quirks are table rows: quirks are rows with a source).
 *
 * kind (see SendFailureKind in ../gateway.ts):
 * - permanent: this message can never go (bad number, bad PDU, barred destination).
 * - transient: try again later (network busy, no signal for now).
 * - gateway:   nothing can go through this modem until someone acts (PIN, SIM, memory full,
 *              service centre missing): stop using it and alert.
 *
 * Sources:
 * - 3GPP TS 27.005 §3.2.5: +CMS ERROR values. 0...127 are the RP-cause values of TS 24.011
 *   Annex E-2 (mobile originating transfer), 128...255 the TP-FCS values of TS 23.040 §9.2.3.22,
 *   300...340 ME/TA errors, 500 unknown, 512... manufacturer specific.
 * - 3GPP TS 27.007 §9.2.1 (general) and §9.2.2 (GPRS): +CME ERROR values.
 */

export type AtErrorFamily = 'cms' | 'cme';
export type AtErrorKind = 'permanent' | 'transient' | 'gateway';

export interface AtErrorRow {
  family: AtErrorFamily;
  /** One code, or an inclusive range for the catch-all rows. */
  code: number | readonly [number, number];
  /** The spec's own words. */
  meaning: string;
  kind: AtErrorKind;
  /** Plain words for a nurse. */
  reason: string;
  /** Spec clause or vendor manual. */
  source: string;
}

const NETWORK_BUSY = 'The mobile network is busy or having problems.';
const BAD_MESSAGE = 'The modem could not build this message. Please tell your technical support.';
const NUMBER_PROBLEM = 'The network refused this phone number. Please check the number.';
const MODEM_BUSY = 'The modem was busy.';
const NO_NETWORK = 'No network signal.';

/** Specific rows first; the range rows at the end catch what they leave. */
export const AT_ERROR_TABLE: readonly AtErrorRow[] = [
  // ---- +CMS: RP-cause, TS 24.011 Annex E-2 (mobile originating SM transfer) ----
  { family: 'cms', code: 1, meaning: 'Unassigned (unallocated) number', kind: 'permanent', reason: 'This phone number does not exist. Please check the number.', source: 'TS 24.011 E-2 cause 1' },
  { family: 'cms', code: 8, meaning: 'Operator determined barring', kind: 'gateway', reason: 'The network does not allow this SIM card to send SMS. Check its airtime and its SMS subscription.', source: 'TS 24.011 E-2 cause 8: the operator forbids MO SMS for this subscriber' },
  { family: 'cms', code: 10, meaning: 'Call barred', kind: 'permanent', reason: 'Messages to this number are barred.', source: 'TS 24.011 E-2 cause 10: barring applies to the called destination' },
  { family: 'cms', code: 17, meaning: 'Network failure', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 17' },
  { family: 'cms', code: 21, meaning: 'Short message transfer rejected', kind: 'permanent', reason: 'The network refused this message.', source: 'TS 24.011 E-2 cause 21' },
  { family: 'cms', code: 22, meaning: 'Memory capacity exceeded / congestion', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-1/E-2 cause 22' },
  { family: 'cms', code: 27, meaning: 'Destination out of order', kind: 'transient', reason: 'The receiving phone cannot be reached now.', source: 'TS 24.011 E-2 cause 27' },
  { family: 'cms', code: 28, meaning: 'Unidentified subscriber', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 28: the network (VLR) does not know our SIM yet; clears on re-registration' },
  { family: 'cms', code: 29, meaning: 'Facility rejected', kind: 'permanent', reason: 'The network refused this message.', source: 'TS 24.011 E-2 cause 29' },
  { family: 'cms', code: 30, meaning: 'Unknown subscriber', kind: 'permanent', reason: NUMBER_PROBLEM, source: 'TS 24.011 E-2 cause 30' },
  { family: 'cms', code: 38, meaning: 'Network out of order', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 38' },
  { family: 'cms', code: 41, meaning: 'Temporary failure', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 41' },
  { family: 'cms', code: 42, meaning: 'Congestion', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 42' },
  { family: 'cms', code: 47, meaning: 'Resources unavailable, unspecified', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 47' },
  { family: 'cms', code: 50, meaning: 'Requested facility not subscribed', kind: 'gateway', reason: 'This SIM card is not allowed to send SMS. Check its subscription with the network.', source: 'TS 24.011 E-2 cause 50' },
  { family: 'cms', code: 69, meaning: 'Requested facility not implemented', kind: 'gateway', reason: 'The network does not offer SMS to this SIM card.', source: 'TS 24.011 E-2 cause 69' },
  { family: 'cms', code: 81, meaning: 'Invalid short message transfer reference value', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 81' },
  { family: 'cms', code: 95, meaning: 'Semantically incorrect message', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 24.011 E-2 cause 95' },
  { family: 'cms', code: 96, meaning: 'Invalid mandatory information', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 24.011 E-2 cause 96' },
  { family: 'cms', code: 97, meaning: 'Message type non-existent or not implemented', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 24.011 E-2 cause 97' },
  { family: 'cms', code: 98, meaning: 'Message not compatible with short message protocol state', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 98' },
  { family: 'cms', code: 99, meaning: 'Information element non-existent or not implemented', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 24.011 E-2 cause 99' },
  { family: 'cms', code: 111, meaning: 'Protocol error, unspecified', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 111' },
  { family: 'cms', code: 127, meaning: 'Interworking, unspecified', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2 cause 127' },
  // ---- +CMS: TP-FCS, TS 23.040 §9.2.3.22 ----
  { family: 'cms', code: 128, meaning: 'Telematic interworking not supported', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0x80' },
  { family: 'cms', code: 129, meaning: 'Short message Type 0 not supported', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0x81' },
  { family: 'cms', code: 130, meaning: 'Cannot replace short message', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0x82' },
  { family: 'cms', code: 143, meaning: 'Unspecified TP-PID error', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0x8F' },
  { family: 'cms', code: 144, meaning: 'Data coding scheme (alphabet) not supported', kind: 'permanent', reason: 'The network cannot carry this message\'s characters.', source: 'TS 23.040 §9.2.3.22 0x90' },
  { family: 'cms', code: 145, meaning: 'Message class not supported', kind: 'permanent', reason: 'The network does not accept this kind of message (flash SMS?).', source: 'TS 23.040 §9.2.3.22 0x91' },
  { family: 'cms', code: 159, meaning: 'Unspecified TP-DCS error', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0x9F' },
  { family: 'cms', code: 176, meaning: 'TPDU not supported', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0xB0' },
  { family: 'cms', code: 192, meaning: 'SC busy', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 23.040 §9.2.3.22 0xC0' },
  { family: 'cms', code: 193, meaning: 'No SC subscription', kind: 'gateway', reason: 'The message centre does not serve this SIM card. Check the SIM\'s subscription.', source: 'TS 23.040 §9.2.3.22 0xC1' },
  { family: 'cms', code: 194, meaning: 'SC system failure', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 23.040 §9.2.3.22 0xC2' },
  { family: 'cms', code: 195, meaning: 'Invalid SME address', kind: 'permanent', reason: NUMBER_PROBLEM, source: 'TS 23.040 §9.2.3.22 0xC3' },
  { family: 'cms', code: 196, meaning: 'Destination SME barred', kind: 'permanent', reason: 'Messages to this number are barred.', source: 'TS 23.040 §9.2.3.22 0xC4' },
  // A duplicate means the service centre already holds this message: an earlier attempt got there.
  { family: 'cms', code: 197, meaning: 'SM Rejected-Duplicate SM', kind: 'permanent', reason: 'The message centre already has this message from an earlier try.', source: 'TS 23.040 §9.2.3.22 0xC5' },
  { family: 'cms', code: 198, meaning: 'TP-VPF not supported', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0xC6' },
  { family: 'cms', code: 199, meaning: 'TP-VP not supported', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 23.040 §9.2.3.22 0xC7' },
  { family: 'cms', code: 208, meaning: '(U)SIM SMS storage full', kind: 'gateway', reason: 'The SIM card\'s message memory is full.', source: 'TS 23.040 §9.2.3.22 0xD0' },
  { family: 'cms', code: 210, meaning: 'Error in MS', kind: 'transient', reason: MODEM_BUSY, source: 'TS 23.040 §9.2.3.22 0xD2' },
  { family: 'cms', code: 212, meaning: '(U)SIM Application Toolkit busy', kind: 'transient', reason: MODEM_BUSY, source: 'TS 23.040 §9.2.3.22 0xD4' },
  // ---- +CMS: ME/TA errors, TS 27.005 §3.2.5 ----
  { family: 'cms', code: 300, meaning: 'ME failure', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 301, meaning: 'SMS service of ME reserved', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5' },
  // Seen from SIM800/Huawei while the SMS subsystem is still starting after power-up or PIN.
  { family: 'cms', code: 302, meaning: 'Operation not allowed', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 303, meaning: 'Operation not supported', kind: 'gateway', reason: 'This modem cannot send SMS this way. Please tell your technical support.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 304, meaning: 'Invalid PDU mode parameter', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 305, meaning: 'Invalid text mode parameter', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 310, meaning: '(U)SIM not inserted', kind: 'gateway', reason: 'There is no SIM card in the modem.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 311, meaning: '(U)SIM PIN required', kind: 'gateway', reason: 'The SIM card needs its PIN.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 312, meaning: 'PH-(U)SIM PIN required', kind: 'gateway', reason: 'The modem is locked to another SIM card.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 313, meaning: '(U)SIM failure', kind: 'gateway', reason: 'The SIM card is not working. Check that it is pushed in properly.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 314, meaning: '(U)SIM busy', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5: SIM still initialising' },
  { family: 'cms', code: 315, meaning: '(U)SIM wrong', kind: 'gateway', reason: 'The modem does not accept this SIM card.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 316, meaning: '(U)SIM PUK required', kind: 'gateway', reason: 'The SIM card is locked and needs its PUK code from the network.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 317, meaning: '(U)SIM PIN2 required', kind: 'gateway', reason: 'The SIM card needs its PIN2.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 318, meaning: '(U)SIM PUK2 required', kind: 'gateway', reason: 'The SIM card needs its PUK2 code.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 320, meaning: 'Memory failure', kind: 'gateway', reason: 'The SIM card\'s message memory is not working.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 321, meaning: 'Invalid memory index', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 322, meaning: 'Memory full', kind: 'gateway', reason: 'The SIM card\'s message memory is full.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 330, meaning: 'SMSC address unknown', kind: 'gateway', reason: 'The message centre number is missing on the SIM card. Please tell your technical support.', source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 331, meaning: 'No network service', kind: 'transient', reason: NO_NETWORK, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 332, meaning: 'Network timeout', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 27.005 §3.2.5' },
  { family: 'cms', code: 340, meaning: 'No +CNMA acknowledgement expected', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5' },
  // The commonest answer of cheap dongles to any network-side failure, including no credit.
  { family: 'cms', code: 500, meaning: 'Unknown error', kind: 'transient', reason: 'The modem could not send the message.', source: 'TS 27.005 §3.2.5' },
  // ---- +CMS catch-all ranges ----
  { family: 'cms', code: [0, 127], meaning: 'Network error (RP cause)', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 24.011 E-2: any other value shall be treated as cause 41 "Temporary failure"' },
  { family: 'cms', code: [128, 255], meaning: 'Message centre error (TP-FCS)', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 23.040 §9.2.3.22: other values, e.g. 255 unspecified' },
  { family: 'cms', code: [256, 511], meaning: 'Reserved', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.005 §3.2.5: 256...511 reserved' },
  { family: 'cms', code: [512, 65535], meaning: 'Manufacturer specific error', kind: 'transient', reason: 'The modem could not send the message.', source: 'TS 27.005 §3.2.5: 512... manufacturer specific (Wavecom 512-515: network/lower layer failures)' },

  // ---- +CME: TS 27.007 §9.2.1 ----
  { family: 'cme', code: 0, meaning: 'Phone failure', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 1, meaning: 'No connection to phone', kind: 'gateway', reason: 'The modem is not answering properly. Unplug it and plug it in again.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 2, meaning: 'Phone-adaptor link reserved', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2.1' },
  // Like CMS 302: answered while the modem is still starting.
  { family: 'cme', code: 3, meaning: 'Operation not allowed', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 4, meaning: 'Operation not supported', kind: 'gateway', reason: 'This modem cannot do what was asked. Please tell your technical support.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 5, meaning: 'PH-SIM PIN required', kind: 'gateway', reason: 'The modem is locked to another SIM card.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 6, meaning: 'PH-FSIM PIN required', kind: 'gateway', reason: 'The modem is locked to another SIM card.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 7, meaning: 'PH-FSIM PUK required', kind: 'gateway', reason: 'The modem is locked to another SIM card.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 10, meaning: 'SIM not inserted', kind: 'gateway', reason: 'There is no SIM card in the modem.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 11, meaning: 'SIM PIN required', kind: 'gateway', reason: 'The SIM card needs its PIN.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 12, meaning: 'SIM PUK required', kind: 'gateway', reason: 'The SIM card is locked and needs its PUK code from the network.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 13, meaning: 'SIM failure', kind: 'gateway', reason: 'The SIM card is not working. Check that it is pushed in properly.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 14, meaning: 'SIM busy', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2.1: SIM still initialising' },
  { family: 'cme', code: 15, meaning: 'SIM wrong', kind: 'gateway', reason: 'The modem does not accept this SIM card.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 16, meaning: 'Incorrect password', kind: 'gateway', reason: 'The SIM PIN is wrong. Check the PIN in the gateway settings.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 17, meaning: 'SIM PIN2 required', kind: 'gateway', reason: 'The SIM card needs its PIN2.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 18, meaning: 'SIM PUK2 required', kind: 'gateway', reason: 'The SIM card needs its PUK2 code.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 20, meaning: 'Memory full', kind: 'gateway', reason: 'The SIM card\'s memory is full.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 21, meaning: 'Invalid index', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 22, meaning: 'Not found', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 23, meaning: 'Memory failure', kind: 'gateway', reason: 'The SIM card\'s memory is not working.', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 24, meaning: 'Text string too long', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 25, meaning: 'Invalid characters in text string', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 26, meaning: 'Dial string too long', kind: 'permanent', reason: NUMBER_PROBLEM, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 27, meaning: 'Invalid characters in dial string', kind: 'permanent', reason: NUMBER_PROBLEM, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 30, meaning: 'No network service', kind: 'transient', reason: NO_NETWORK, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 31, meaning: 'Network timeout', kind: 'transient', reason: NETWORK_BUSY, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 32, meaning: 'Network not allowed - emergency calls only', kind: 'gateway', reason: 'The network does not accept this SIM card (emergency calls only).', source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: [40, 48], meaning: 'Personalisation PIN/PUK required', kind: 'gateway', reason: 'The modem is locked to another network.', source: 'TS 27.007 §9.2.1: 40-47 network/subset/provider/corporate personalisation, 48 hidden key' },
  { family: 'cme', code: 50, meaning: 'Incorrect parameters', kind: 'permanent', reason: BAD_MESSAGE, source: 'TS 27.007 §9.2.1' },
  { family: 'cme', code: 100, meaning: 'Unknown', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2.1' },
  // ---- +CME catch-all ----
  { family: 'cme', code: [0, 65535], meaning: 'Equipment error', kind: 'transient', reason: MODEM_BUSY, source: 'TS 27.007 §9.2: other values (GPRS §9.2.2, manufacturer specific)' },
];

export interface AtErrorDescription {
  family: AtErrorFamily;
  code: number;
  meaning: string;
  kind: AtErrorKind;
  reason: string;
  source: string;
}

function covers(row: AtErrorRow, code: number): boolean {
  return typeof row.code === 'number' ? row.code === code : code >= row.code[0] && code <= row.code[1];
}

/** The row for a code: the specific one, else its range, else a generic transient row. */
export function describeAtError(family: AtErrorFamily, code: number): AtErrorDescription {
  const row = AT_ERROR_TABLE.find((r) => r.family === family && covers(r, code));
  if (!row) {
    return { family, code, meaning: 'Unknown error', kind: 'transient', reason: MODEM_BUSY, source: 'not in the table' };
  }
  return { family, code, meaning: row.meaning, kind: row.kind, reason: row.reason, source: row.source };
}

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The number of a verbose error (`+CMEE=2`: `+CME ERROR: SIM PIN required`), or null.
 * Matches the spec's words loosely: case, punctuation and `(U)` do not matter.
 */
export function atErrorCodeFromText(family: AtErrorFamily, text: string): number | null {
  const wanted = normalise(text).replace(/\bu\s+/g, '');
  for (const row of AT_ERROR_TABLE) {
    if (row.family !== family || typeof row.code !== 'number') continue;
    if (normalise(row.meaning).replace(/\bu\s+/g, '') === wanted) return row.code;
  }
  return null;
}
