/**
 * The field check's finding codes (`gateways.doctor`, `ujumbe doctor`): one code per thing that
 * can be wrong (or right) on the computer a modem is plugged into, with its usual severity and
 * the values it carries. The one list: the backend builds findings from it
 * (electron/backend/doctor/findings.ts), `ujumbe doctor` words every code
 * (electron/cli/doctor-words.ts) and so does the panel (renderer/i18n/codes.ts), each table a
 * `Record<DoctorFindingCode, …>`, so a code added here without words is a type error.
 *
 * Values are strings or numbers; a value that is not known is left out (never sent as '').
 */

/** How much a finding matters: `problem` stops the modem working, `warning` may. */
export type DoctorSeverity = 'ok' | 'warning' | 'problem';

/** Every code, its usual severity and the names of the values it carries. */
export const DOCTOR_FINDING_CODES = {
  /** A modem answered on a port no gateway holds. values: path, model, manufacturer (each left out when unknown) */
  'ok-modem': { severity: 'ok', values: ['path', 'model', 'manufacturer'] },
  /**
   * A port Ujumbe has open: not opened by the check. One of our gateways: path, gatewayId, model
   * (each when known). Another Ujumbe process (a `ujumbe serve`, the desktop app; seen in /proc):
   * path, by 'ujumbe', pid (its own Gateways panel checks that modem). values: path, gatewayId, model, by, pid
   */
  'ok-port-in-use': { severity: 'ok', values: ['path', 'gatewayId', 'model', 'by', 'pid'] },
  /** Another port of a modem found on `primary` (a Huawei stick shows three). values: path, primary */
  'second-port': { severity: 'ok', values: ['path', 'primary'] },
  /** The current user may not read and write the device. reason: not-in-group | relogin-needed | mode | unknown */
  'port-permission': { severity: 'problem', values: ['path', 'group', 'owner', 'mode', 'reason'] },
  /** Linux: the user is not in the group that owns the serial ports (dialout; uucp on Arch). values: group */
  'not-in-group': { severity: 'problem', values: ['group'] },
  /** Linux: the user was added to the group, but this login session does not have it yet. values: group */
  'relogin-needed': { severity: 'problem', values: ['group'] },
  /** Linux: ModemManager runs (it may grab a modem before Ujumbe does); 'ok' when the udev rule keeps it away. values: pid */
  'modemmanager-running': { severity: 'warning', values: ['pid'] },
  /** Linux, with ModemManager running: Ujumbe's udev rule is not installed. values: rule (where the file is here, left out if unknown), target (the folder it goes in) */
  'udev-rule-missing': { severity: 'warning', values: ['rule', 'target'] },
  /** Another program has the port open. values: path, program, pid */
  'port-held': { severity: 'problem', values: ['path', 'program', 'pid'] },
  /** The port would not open because something holds it, and which program could not be seen. values: path */
  'port-busy': { severity: 'problem', values: ['path'] },
  /** No port to look at. values: patterns (the search patterns, comma-separated) */
  'no-candidates': { severity: 'problem', values: ['patterns'] },
  /** The system's port list could not be read (patterns still searched). values: error */
  'list-failed': { severity: 'warning', values: ['error'] },
  /** Nothing answered AT. 'ok' for a built-in serial port (listed by the system, no USB ids). values: path */
  'no-answer': { severity: 'warning', values: ['path'] },
  /** Something answers, but not to AT (a device that is not a modem, or the wrong speed). values: path */
  'garbage': { severity: 'warning', values: ['path'] },
  /** The port could not be opened for another reason. values: path, error */
  'open-failed': { severity: 'warning', values: ['path', 'error'] },
  /** The port went away while it was looked at (unplugged). values: path */
  'vanished': { severity: 'warning', values: ['path'] },
  /** The SIM asks for its PIN (the panel asks for it). values: path */
  'sim-pin': { severity: 'warning', values: ['path'] },
  /** The SIM is blocked behind its PUK. values: path */
  'sim-puk': { severity: 'problem', values: ['path'] },
  /** No SIM card in the modem. values: path */
  'no-sim': { severity: 'problem', values: ['path'] },
  /** The SIM cannot be used for another reason. state: phone-locked | pin2-required | failure. values: path, state */
  'sim-problem': { severity: 'problem', values: ['path', 'state'] },
  /** Not registered on a network. registration: a RegistrationCode (searching, denied ...). values: path, registration */
  'no-network': { severity: 'problem', values: ['path', 'registration'] },
  /** One bar or none. values: path, bars (0...5), dBm */
  'weak-signal': { severity: 'warning', values: ['path', 'bars', 'dBm'] },
  /** A check that cannot be made on this system (macOS, Windows). check: programs | permissions; platform: process.platform */
  'check-unavailable': { severity: 'ok', values: ['check', 'platform'] },
  /** A running Ujumbe holds the modems: ports were not opened (added by the CLI). values: pid, url, running, gateways (counts) */
  'host-running': { severity: 'ok', values: ['pid', 'url', 'running', 'gateways'] },
  /** The database passed the start-up check (PRAGMA quick_check; added by the CLI). values: path */
  'database-ok': { severity: 'ok', values: ['path'] },
  /**
   * The database is damaged (electron/backend/store/database-check.ts; added by the CLI). reason:
   * not-a-database | cut-short | empty-with-wal | corrupt; said: what the check said. values: path, reason, said
   */
  'database-damaged': { severity: 'problem', values: ['path', 'reason', 'said'] },
} as const satisfies Record<string, { severity: DoctorSeverity; values: readonly string[] }>;

export type DoctorFindingCode = keyof typeof DOCTOR_FINDING_CODES;

/** Every code, in the table's order (for loops; the table is the source). */
export const DOCTOR_FINDING_CODE_LIST = Object.keys(DOCTOR_FINDING_CODES) as readonly DoctorFindingCode[];

/** The names of the values a code carries: `DoctorValueName<'port-held'>` is 'path' | 'program' | 'pid'. */
export type DoctorValueName<C extends DoctorFindingCode> = (typeof DOCTOR_FINDING_CODES)[C]['values'][number];

/** The values a finding of code C carries: no other; one that is not known is left out. */
export type DoctorFindingValues<C extends DoctorFindingCode> = Partial<Record<DoctorValueName<C>, string | number>>;

/** True for a code this build knows: a newer backend may send one it does not. */
export function isDoctorFindingCode(code: string): code is DoctorFindingCode {
  return Object.prototype.hasOwnProperty.call(DOCTOR_FINDING_CODES, code);
}
