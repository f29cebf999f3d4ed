/**
 * The English words of the field check's findings, for `ujumbe doctor`: one line each, what is
 * found, then (after a dash) the fix in one sentence. The one place the CLI words these codes
 * (the panel has its own, in the renderer's locales).
 */
import { dirname } from 'node:path';
import { type DoctorFindingCode, isDoctorFindingCode } from '../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto, DoctorReportDto } from '../../src-shared/contract/dto.ts';
import { UDEV_RULE_FILE, UDEV_RULE_TARGET } from '../backend/doctor/udev-rule.ts';

interface WordsContext {
  platform: string;
  /** The running Ujumbe this check found for the data folder (host-running), if any. */
  hostPid: number | null;
}

type Values = DoctorFindingDto['values'];
type Words = (values: Values, finding: DoctorFindingDto, context: WordsContext) => string;

const PACKAGING = 'docs/PACKAGING.md';
const UDEV_HINT = `install Ujumbe's udev rule (see ${PACKAGING})`;

/** A value as text; '' when the backend left it out (not known). */
const text = (values: Values, name: string): string => String(values[name] ?? '');

/** "/dev/ttyACM0" -> "ttyACM0"; a by-id name, a COM port or a simulator's link stays whole. */
export function portName(path: string): string {
  return /^\/dev\/[^/]+$/.test(path) ? path.slice('/dev/'.length) : path;
}

const OS_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };
const osName = (platform: string) => OS_NAMES[platform] ?? platform;

const DAMAGE_WORDS: Record<string, string> = {
  'not-a-database': 'the file is not a database',
  'cut-short': 'the file is cut short',
  'empty-with-wal': 'the file is empty, but its log of recent changes (-wal) is not',
  'corrupt': 'parts of it are damaged',
};

const SIM_PROBLEMS: Record<string, string> = {
  'phone-locked': 'the modem is locked to another operator’s SIM',
  'pin2-required': 'the SIM asks for its PIN2',
  'failure': 'the SIM card is not working',
};

function permissionFix(values: Values, platform: string): string {
  const group = text(values, 'group');
  switch (text(values, 'reason')) {
    case 'not-in-group': return `run \`sudo usermod -aG ${group} $USER\` and log in again`;
    case 'relogin-needed': return `you were added to the ${group} group, but it counts only after you log out and in again (or restart the computer)`;
    case 'mode': return `its mode does not let the ${group} group read and write it: run \`sudo chmod 660 ${text(values, 'path')}\` (lasts until it is unplugged)`;
    default: return platform === 'darwin' ? `check who may use it with \`ls -l ${text(values, 'path')}\` (see ${PACKAGING})` : `give your user read and write access to it (see ${PACKAGING})`;
  }
}

function networkWords(registration: string): string {
  switch (registration) {
    case 'searching': return 'not on a network yet (searching) — wait a minute; if it stays so, move the modem near a window and check that the SIM has service';
    case 'denied': return 'the network refused the SIM card — call the operator: the SIM may be barred, unpaid or not activated';
    case 'emergency-only': return 'only emergency calls are possible — check that the SIM card is activated and has service';
    default: return 'not registered on a network — check that the SIM card has service and that the modem is in coverage';
  }
}

function busyFix(platform: string): string {
  if (platform === 'win32') return 'close the modem’s own dashboard (Huawei Mobile Partner, the ZTE or operator app) and any terminal program, then run the check again';
  if (platform === 'darwin') return 'quit the modem’s own app and any terminal program (screen, minicom), then run the check again';
  return `it may be ModemManager, running as another user: stop it with \`sudo systemctl stop ModemManager\` or ${UDEV_HINT}, then run the check again`;
}

/** One entry per code of the shared list (the type makes a missing one a compile error). */
export const DOCTOR_WORDS: Record<DoctorFindingCode, Words> = {
  'ok-modem': (v) => `${portName(text(v, 'path'))}: a modem answers (${[text(v, 'manufacturer'), text(v, 'model')].filter(Boolean).join(' ') || 'model unknown'}) — ready to use in Ujumbe.`,
  'ok-port-in-use': (v, _f, c) => {
    const port = portName(text(v, 'path'));
    if (text(v, 'by') === 'ujumbe') {
      const pid = text(v, 'pid');
      const who = pid ? `Ujumbe (process ${pid})` : 'Ujumbe';
      // The host this check found for the data folder has its own line (host-running) that sends the user to its panel.
      return pid !== '' && String(c.hostPid) === pid
        ? `${port}: in use by the running ${who} — not opened by this check; its Gateways panel checks that modem.`
        : `${port}: in use by ${who}, not by another program — do not close it: use "Check this computer" in that Ujumbe's Gateways panel (or run \`ujumbe doctor --data-dir\` with its data folder).`;
    }
    const about = [text(v, 'gatewayId') && `gateway ${text(v, 'gatewayId')}`, text(v, 'model')].filter(Boolean).join(', ');
    return about === '' ? `${port}: in use by the running Ujumbe — not opened by this check.` : `${port}: in use by Ujumbe (${about}) — not opened by this check.`;
  },
  'second-port': (v) => `${portName(text(v, 'path'))}: another port of the modem on ${text(v, 'primary')} — nothing to do; Ujumbe uses ${text(v, 'primary')}.`,
  'port-permission': (v, _f, c) => `${portName(text(v, 'path'))}: permission denied${text(v, 'group') ? ` (owner ${text(v, 'owner')}, group ${text(v, 'group')}, mode ${text(v, 'mode')})` : ''} — ${permissionFix(v, c.platform)}.`,
  'not-in-group': (v) => `You are not in the ${text(v, 'group')} group, which may use serial ports — run \`sudo usermod -aG ${text(v, 'group')} $USER\` and log in again.`,
  'relogin-needed': (v) => `You were added to the ${text(v, 'group')} group, but this login does not have it yet — log out and in again (or restart the computer).`,
  'modemmanager-running': (v, f) =>
    f.severity === 'ok'
      ? `ModemManager is running (process ${text(v, 'pid')}) — Ujumbe's udev rule keeps it away from the usual modems; nothing to do.`
      : `ModemManager is running (process ${text(v, 'pid')}) and may take the modem before Ujumbe does — stop it with \`sudo systemctl stop ModemManager\`, or ${UDEV_HINT}.`,
  'udev-rule-missing': (v) =>
    text(v, 'rule') === ''
      ? `Ujumbe's udev rule is not installed — copy ${UDEV_RULE_FILE} from Ujumbe's resources/udev folder to ${text(v, 'target') || UDEV_RULE_TARGET} and run \`sudo udevadm control --reload-rules && sudo udevadm trigger\` (see ${PACKAGING}).`
      : `Ujumbe's udev rule is not installed — install it with \`sudo cp '${text(v, 'rule')}' ${text(v, 'target') || UDEV_RULE_TARGET}/ && sudo udevadm control --reload-rules && sudo udevadm trigger\`, then plug the modem in again.`,
  'port-held': (v) =>
    text(v, 'program') === 'ModemManager'
      ? `port busy: another program (ModemManager, process ${text(v, 'pid')}) holds ${text(v, 'path')} — stop it with \`sudo systemctl stop ModemManager\`, or ${UDEV_HINT}.`
      : `port busy: another program (${text(v, 'program') ? `${text(v, 'program')}, ` : ''}process ${text(v, 'pid')}) holds ${text(v, 'path')} — close that program (or \`kill ${text(v, 'pid')}\`) and run the check again.`,
  'port-busy': (v, _f, c) => `port busy: another program holds ${text(v, 'path')} — ${busyFix(c.platform)}.`,
  'no-candidates': (v, _f, c) =>
    c.platform === 'win32'
      ? `No COM port found — install the modem's USB driver (it comes on the modem itself or from its maker), plug the modem in and wait ten seconds (see ${PACKAGING}).`
      : `No serial port found (looked at ${text(v, 'patterns') || 'the system list'}) — plug the modem in, wait ten seconds and run the check again (see ${PACKAGING}).`,
  'list-failed': (v) => `The system's list of serial ports could not be read (${text(v, 'error')}) — on Linux install udev (it provides udevadm), or name the port with UJUMBE_MODEM_SEARCH.`,
  'no-answer': (v, f) =>
    f.severity === 'ok'
      ? `${portName(text(v, 'path'))}: nothing answered AT (a built-in serial port, not a modem) — nothing to do.`
      : `${portName(text(v, 'path'))}: nothing answered AT — if this is the modem, unplug it, plug it in again and wait ten seconds; a modem's diagnostics port never answers.`,
  'garbage': (v) => `${portName(text(v, 'path'))}: something answers, but not to AT commands — this is not a modem's command port; another port of the device may be.`,
  'open-failed': (v) => `${portName(text(v, 'path'))}: could not be opened (${text(v, 'error') || 'no reason given'}) — unplug the modem, plug it in again and run the check again.`,
  'vanished': (v) => `${portName(text(v, 'path'))}: went away during the check — the modem was unplugged or restarted; plug it in firmly and run the check again.`,
  'sim-pin': (v) => `${portName(text(v, 'path'))}: the SIM card asks for its PIN — enter it in Ujumbe's Gateways panel; Ujumbe never guesses a PIN.`,
  'sim-puk': (v) => `${portName(text(v, 'path'))}: the SIM card is locked and needs its PUK code — unlock it in a phone with the PUK from the operator, then put it back.`,
  'no-sim': (v) => `${portName(text(v, 'path'))}: no SIM card — unplug the modem, put the SIM card in and plug it in again.`,
  'sim-problem': (v) => `${portName(text(v, 'path'))}: ${SIM_PROBLEMS[text(v, 'state')] ?? 'the SIM card cannot be used'} — try the SIM in a phone; if it fails there too, ask the operator for a new one.`,
  'no-network': (v) => `${portName(text(v, 'path'))}: ${networkWords(text(v, 'registration'))}.`,
  'weak-signal': (v) => `${portName(text(v, 'path'))}: weak signal (${text(v, 'bars')} of 5 bars, ${text(v, 'dBm')} dBm) — move the modem, on a USB extension cable, near a window or higher up.`,
  'check-unavailable': (v) =>
    text(v, 'check') === 'permissions'
      ? `Port permissions are not checked on ${osName(text(v, 'platform'))} — it gives a COM port to whichever program opens it first.`
      : `Which program holds a port cannot be checked on ${osName(text(v, 'platform'))} — if a port shows as busy, close the modem's own dashboard app.`,
  'host-running': (v) => {
    const counts = text(v, 'running') !== '' && text(v, 'gateways') !== '' ? `, ${text(v, 'running')} of ${text(v, 'gateways')} gateways running` : '';
    const where = [text(v, 'pid') && `process ${text(v, 'pid')}`, text(v, 'url')].filter(Boolean).join(', ');
    return `Ujumbe is already running (${where}${counts}) and holds its modems, so no port was opened — use "Check this computer" in its Gateways panel for them.`;
  },
  'database-ok': (v) => `The database (${text(v, 'path')}) passed its check — nothing to do.`,
  'database-damaged': (v) =>
    `The database (${text(v, 'path')}) is damaged: ${DAMAGE_WORDS[text(v, 'reason')] ?? 'it did not pass its check'}${text(v, 'said') ? ` (${text(v, 'said')})` : ''} — Ujumbe will not start on it and has not changed it: run \`ujumbe serve --data-dir ${JSON.stringify(dirname(text(v, 'path')))} --start-empty\` (the damaged file is kept aside) or \`ujumbe serve --data-dir ${JSON.stringify(dirname(text(v, 'path')))} --restore FILE\` with a copy you have, or open the desktop app, which offers both.`,
};

/** A group finding adds nothing when a port-permission line already gives the same fix. */
function covered(f: DoctorFindingDto, report: DoctorReportDto): boolean {
  if (f.code !== 'not-in-group' && f.code !== 'relogin-needed') return false;
  return report.findings.some((p) => p.code === 'port-permission' && p.values.group === f.values.group && p.values.reason === f.code);
}

/** The report as lines of English, one per finding; an unknown code is shown as it is. */
export function describeReport(report: DoctorReportDto): string[] {
  const host = report.findings.find((f) => f.code === 'host-running');
  const context: WordsContext = { platform: report.platform, hostPid: typeof host?.values.pid === 'number' ? host.values.pid : null };
  return report.findings
    .filter((f) => !covered(f, report))
    .map((f) => {
      // The report may come from a newer Ujumbe (`--json` of another build): its code is shown as it is.
      const code: string = f.code;
      return isDoctorFindingCode(code) ? DOCTOR_WORDS[code](f.values, f, context) : `${code}${f.path ? ` (${f.path})` : ''}: ${JSON.stringify(f.values)}`;
    });
}

/** The ports another Ujumbe process holds (ok-port-in-use by 'ujumbe'): their modems are that Ujumbe's to check. */
export function ujumbeHeldPorts(report: DoctorReportDto): string[] {
  return report.findings.filter((f) => f.code === 'ok-port-in-use' && f.values.by === 'ujumbe' && f.path !== null).map((f) => f.path as string);
}

/** The last line when the database is damaged: Ujumbe will not start until a way on is chosen (with this folder named). */
export function damagedSummaryWords(dataDir: string | null): string {
  const folder = dataDir === null ? '' : ` --data-dir ${JSON.stringify(dataDir)}`;
  return `Not ready: the database is damaged. Choose a way on: \`ujumbe serve${folder} --start-empty\` or \`ujumbe serve${folder} --restore FILE\`.`;
}

/**
 * The last line: can the clinic send? `hostRunning`: gateways running in a running Ujumbe, or
 * null when none runs for the data folder; `inUjumbe`: ports another Ujumbe process holds.
 */
export function summaryWords(usable: readonly string[], hostRunning: number | null, inUjumbe: readonly string[] = []): string {
  if (usable.length > 0) return `Ready: Ujumbe can use the modem on ${usable.join(', ')}.`;
  if (hostRunning !== null && hostRunning > 0) return `Ready: the running Ujumbe has ${hostRunning} gateway${hostRunning === 1 ? '' : 's'} working; see its Gateways panel.`;
  if (hostRunning !== null) return 'The running Ujumbe has no gateway working right now: see its Gateways panel.';
  if (inUjumbe.length > 0) return `No modem is free for this check: Ujumbe holds ${inUjumbe.join(', ')}; whether it works there, that Ujumbe's Gateways panel says (or \`ujumbe doctor --data-dir\` with its data folder).`;
  return `No usable modem found: fix what is listed above and run \`ujumbe doctor\` again (see ${PACKAGING}).`;
}
