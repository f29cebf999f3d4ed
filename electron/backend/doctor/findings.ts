/**
 * The field check's findings: one code per thing that can be wrong (or right) on the computer a
 * modem is plugged into, with the values the words need. Codes and values only: the panel
 * (renderer) and `ujumbe doctor` (electron/cli/doctor-words.ts) word them, each with its fix.
 */
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';

type Severity = DoctorFindingDto['severity'];

/** Every code, its usual severity and the values it carries (documentation for the callers' words). */
export const DOCTOR_CODES = {
  /** A modem answered on a port no gateway holds. values: path, model, manufacturer */
  'ok-modem': { severity: 'ok', values: ['path', 'model', 'manufacturer'] },
  /** A port one of our gateways has open: not opened by the check. values: path, gatewayId, model */
  'ok-port-in-use': { severity: 'ok', values: ['path', 'gatewayId', 'model'] },
  /** Another port of a modem found on `primary` (a Huawei stick shows three). values: path, primary */
  'second-port': { severity: 'ok', values: ['path', 'primary'] },
  /** The current user may not read and write the device. reason: not-in-group | relogin-needed | mode | unknown */
  'port-permission': { severity: 'problem', values: ['path', 'group', 'owner', 'mode', 'reason'] },
  /** Linux: the user is not in the group that owns the serial ports (dialout; uucp on Arch). values: group */
  'not-in-group': { severity: 'problem', values: ['group'] },
  /** Linux: the user was added to the group, but this login session does not have it yet. values: group */
  'relogin-needed': { severity: 'problem', values: ['group'] },
  /** Linux: ModemManager runs (it may grab a modem before Ujumbe does). values: pid */
  'modemmanager-running': { severity: 'warning', values: ['pid'] },
  /** Linux, with ModemManager running: Ujumbe's udev rule is not installed. values: rule (where the file is here, '' if unknown), target */
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
  /** One bar or none. values: path, bars, dBm */
  'weak-signal': { severity: 'warning', values: ['path', 'bars', 'dBm'] },
  /** A check that cannot be made on this system (macOS, Windows). check: programs | permissions. values: check, platform */
  'check-unavailable': { severity: 'ok', values: ['check', 'platform'] },
  /** A running Ujumbe holds the modems: ports were not opened (added by the CLI). values: pid, url, running, gateways */
  'host-running': { severity: 'ok', values: ['pid', 'url', 'running', 'gateways'] },
} as const satisfies Record<string, { severity: Severity; values: readonly string[] }>;

export type DoctorCode = keyof typeof DOCTOR_CODES;

export const DOCTOR_CODE_LIST = Object.keys(DOCTOR_CODES) as DoctorCode[];

/** A finding with its code's usual severity unless one is given. */
export function finding(code: DoctorCode, path: string | null, values: Record<string, string | number>, severity?: Severity): DoctorFindingDto {
  return { code, severity: severity ?? DOCTOR_CODES[code].severity, path, values };
}

/**
 * A modem answers (or a gateway runs one) with no problem-severity finding on its port: the
 * clinic can send. A SIM that only needs its PIN counts (the panel asks for it).
 */
export function usableModems(report: DoctorReportDto): string[] {
  const troubled = new Set(report.findings.filter((f) => f.severity === 'problem' && f.path !== null).map((f) => f.path));
  return report.findings
    .filter((f) => (f.code === 'ok-modem' || f.code === 'ok-port-in-use') && f.path !== null && !troubled.has(f.path))
    .map((f) => f.path as string);
}
