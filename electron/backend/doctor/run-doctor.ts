/**
 * The field check (`gateways.doctor`, `ujumbe doctor`): why a modem plugged into this computer
 * would not work, as findings with codes the callers word (findings.ts).
 *
 * - Ports are listed exactly as detection lists them (port-search.ts).
 * - A port one of our gateways holds is never opened: the caller says what the gateway knows,
 *   and its SIM, registration and signal give the same findings as a probed modem's.
 * - A port another Ujumbe process holds (appPids, or its /proc cmdline) is in use by Ujumbe, not
 *   held by a program to close.
 * - Linux: each device's owner, group and mode, whether this user may read and write it, and
 *   whether the user is in its group (or was added since logging in); whether ModemManager runs
 *   and which program has each port open (/proc). macOS and Windows: the program check is said
 *   to be unavailable, not guessed.
 * - Every other port is looked at with detection's gentle probe (port-probe.ts), all at once,
 *   each within the probe's deadline; a modem that answers has its SIM and network read, read-only.
 */
import { realpath } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { isAbsolute } from 'node:path';
import type { DoctorFindingDto, DoctorReportDto } from '../../../src-shared/contract/dto.ts';
import type { RegistrationCode, SimStateCode } from '../../../src-shared/model.ts';
import type { Timers } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';
import { preferredPort } from '../gateways/modem/discovery/modem-detection.ts';
import { probePort, type PortProbeResult } from '../gateways/modem/discovery/port-probe.ts';
import { defaultModemSearch, listCandidates, listSystemPorts, modemSearchFromEnv, type PortCandidate, type SystemPortLister } from '../gateways/modem/discovery/port-search.ts';
import type { OpenPort } from '../gateways/modem/modem-driver.ts';
import { type DoctorUser, type GroupEntry, groupMembership, groupName, readGroupFile, serialGroup } from './etc-group.ts';
import { readPasswdNames } from './etc-passwd.ts';
import { finding } from './findings.ts';
import { readModemState } from './modem-state.ts';
import { canReadWrite, modeText, statDevice } from './permissions.ts';
import { findProgram, isPtySlave, type PortHolder, scanOpenDevices } from './proc-scan.ts';
import { installedUdevRule, UDEV_RULE_DIRS, UDEV_RULE_TARGET } from './udev-rule.ts';

/** A port one of our gateways has open, with what the gateway knows of its modem. */
export interface HeldPortState {
  path: string;
  gatewayId: string;
  imei?: string | null;
  model: string | null;
  sim: SimStateCode | null;
  registration: RegistrationCode | null;
  /** 0...5, when the gateway has read the signal. */
  signalBars?: number | null;
  signalDbm?: number | null;
}

/** The system edges, each replaceable so tests build a fake tree in a temp folder. */
export interface DoctorSystem {
  platform: string;
  /** Default /proc. */
  procRoot: string;
  /** Default /etc/group. */
  groupFile: string;
  /** Default /etc/passwd. */
  passwdFile: string;
  /** Where udev reads rules (udev-rule.ts UDEV_RULE_DIRS). */
  udevRuleDirs: readonly string[];
  /** Who runs the check; null where there are no uids (Windows). */
  user: DoctorUser | null;
  /** May this process read and write the device? Default access(2) with R_OK | W_OK. */
  access: (path: string) => Promise<boolean>;
  /** This process: never reported as holding a port. */
  pid: number;
}

export interface DoctorOptions {
  /** Detection's search patterns. Default: UJUMBE_MODEM_SEARCH, else this computer's default. */
  patterns?: readonly string[];
  /** The system's port list; null = patterns only. Default serialport's list. */
  list?: SystemPortLister | null;
  /** Ports our running gateways hold: never opened. */
  held?: readonly HeldPortState[];
  /**
   * Processes that are Ujumbe (a running `ujumbe serve` whose ports are not all known): a port
   * they hold is reported as in use by Ujumbe (`by: 'ujumbe'`), not as held by another program.
   * A holder whose command line is Ujumbe's (proc-scan.ts isUjumbeCommand) counts the same.
   */
  appPids?: readonly number[];
  /** false: open no port at all (a running host holds the modems). Default true. */
  probe?: boolean;
  openPort?: OpenPort;
  /** Per-port deadline of the probe (port-probe.ts default 8 s). */
  probeDeadlineMs?: number;
  /** Per-modem deadline of the SIM and network read (modem-state.ts default 10 s). */
  stateDeadlineMs?: number;
  /** Where this install keeps the udev rule file, for the words of `udev-rule-missing`. */
  udevRuleSource?: string | null;
  system?: Partial<DoctorSystem>;
  timers?: Timers;
  log?: Logger;
}

function currentUser(): DoctorUser | null {
  if (typeof process.geteuid !== 'function' || typeof process.getegid !== 'function') return null;
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // a uid with no passwd entry (a container): membership by name is then unknown
  }
  return { uid: process.geteuid(), gid: process.getegid(), groups: typeof process.getgroups === 'function' ? process.getgroups() : [], name };
}

function resolveSystem(overrides: Partial<DoctorSystem> = {}): DoctorSystem {
  return {
    platform: overrides.platform ?? process.platform,
    procRoot: overrides.procRoot ?? '/proc',
    groupFile: overrides.groupFile ?? '/etc/group',
    passwdFile: overrides.passwdFile ?? '/etc/passwd',
    udevRuleDirs: overrides.udevRuleDirs ?? UDEV_RULE_DIRS,
    user: overrides.user === undefined ? currentUser() : overrides.user,
    access: overrides.access ?? canReadWrite,
    pid: overrides.pid ?? process.pid,
  };
}

async function deviceOf(path: string): Promise<string> {
  if (!isAbsolute(path)) return path;
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** Findings about one modem's SIM and network, from a probe or from its gateway. */
function stateFindings(path: string, sim: SimStateCode | null, registration: RegistrationCode | null, bars: number | null, dBm: number | null): DoctorFindingDto[] {
  const out: DoctorFindingDto[] = [];
  switch (sim) {
    case 'pin-required': out.push(finding('sim-pin', path, { path })); return out;
    case 'puk-required': out.push(finding('sim-puk', path, { path })); return out;
    case 'not-inserted': out.push(finding('no-sim', path, { path })); return out;
    case 'phone-locked': case 'pin2-required': case 'failure':
      out.push(finding('sim-problem', path, { path, state: sim }));
      return out;
    default: break;
  }
  if (registration !== null && registration !== 'home' && registration !== 'roaming' && registration !== 'sms-only' && registration !== 'unknown') {
    out.push(finding('no-network', path, { path, registration }));
  }
  // 27.007 §8.5: rssi 99 is "not known", which is no reading, not a weak one (dBm is then null).
  if (bars !== null && dBm !== null && bars <= 1) out.push(finding('weak-signal', path, { path, bars, dBm }));
  return out;
}

interface PortNotes {
  candidate: PortCandidate;
  findings: DoctorFindingDto[];
  /** Why it is not probed (held, denied), or null. */
  skip: 'held' | 'app' | 'other-program' | 'permission' | null;
}

/**
 * Runs every check once. Never throws: what cannot be checked is a finding or left out.
 * Bounded in time: the ports are probed at once, each within its deadline, then the modems'
 * SIM and network are read at once, each within its deadline.
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReportDto> {
  const system = resolveSystem(options.system);
  const log = options.log ?? silentLogger;
  const linux = system.platform === 'linux';
  const general: DoctorFindingDto[] = [];
  const patterns = options.patterns ?? modemSearchFromEnv(process.env) ?? defaultModemSearch(system.platform);
  const { candidates, listError } = await listCandidates({ patterns, list: options.list === undefined ? listSystemPorts : options.list });
  if (listError !== null) general.push(finding('list-failed', null, { error: listError }));

  const held = await Promise.all((options.held ?? []).map(async (h) => ({ ...h, device: await deviceOf(h.path) })));
  const heldFor = (c: PortCandidate) => held.find((h) => h.path === c.path || h.device === c.device);
  const notes = new Map<string, PortNotes>();
  for (const candidate of candidates) notes.set(candidate.path, { candidate, findings: [], skip: heldFor(candidate) ? 'held' : null });

  // Our gateways' ports: what the gateway knows, never a probe.
  const heldFindings: DoctorFindingDto[] = [];
  for (const h of held) {
    heldFindings.push(finding('ok-port-in-use', h.path, { path: h.path, gatewayId: h.gatewayId, model: h.model ?? null, by: null, pid: null }));
    heldFindings.push(...stateFindings(h.path, h.sim, h.registration, h.signalBars ?? null, h.signalDbm ?? null));
  }
  if (candidates.length === 0 && held.length === 0) general.push(finding('no-candidates', null, { patterns: patterns.join(', ') }));

  const open = [...notes.values()].filter((n) => n.skip === null);
  if (linux) await checkPrograms(system, open, options, general);
  else general.push(finding('check-unavailable', null, { check: 'programs', platform: system.platform }));
  if (system.platform === 'win32') general.push(finding('check-unavailable', null, { check: 'permissions', platform: system.platform }));
  else await checkPermissions(system, [...notes.values()].filter((n) => n.skip === null), linux, general);

  const modems: PortProbeResult[] = [];
  if (options.probe !== false) {
    const toProbe = [...notes.values()].filter((n) => n.skip === null);
    const results = await Promise.all(
      toProbe.map((n) =>
        probePort(n.candidate.path, {
          log,
          ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
          ...(options.probeDeadlineMs === undefined ? {} : { deadlineMs: options.probeDeadlineMs }),
          ...(options.timers === undefined ? {} : { timers: options.timers }),
        }),
      ),
    );
    for (const result of results) {
      const note = notes.get(result.path)!;
      const path = result.path;
      switch (result.outcome) {
        case 'modem':
          if (result.identity) modems.push(result);
          else note.findings.push(finding('ok-modem', path, { path, model: null, manufacturer: null }));
          break;
        case 'no-answer': {
          const builtIn = note.candidate.source === 'list' && note.candidate.vendorId === null;
          note.findings.push(finding('no-answer', path, { path }, builtIn ? 'ok' : undefined));
          break;
        }
        case 'garbage': note.findings.push(finding('garbage', path, { path })); break;
        case 'permission-denied':
          note.findings.push(finding('port-permission', path, { path, group: null, owner: null, mode: null, reason: 'unknown' }));
          break;
        case 'port-busy': note.findings.push(finding('port-busy', path, { path })); break;
        case 'open-failed': note.findings.push(finding('open-failed', path, { path, error: result.technical ?? null })); break;
        case 'vanished': note.findings.push(finding('vanished', path, { path })); break;
      }
    }
  }
  await settleModems(modems, held, notes, options, log);

  const perPort = [...notes.values()].sort((a, b) => a.candidate.path.localeCompare(b.candidate.path)).flatMap((n) => n.findings);
  return { platform: system.platform, findings: [...general, ...heldFindings, ...perPort] };
}

/** ModemManager, and which program (other than us) has each port open. Linux only. */
async function checkPrograms(system: DoctorSystem, open: PortNotes[], options: DoctorOptions, general: DoctorFindingDto[]): Promise<void> {
  const devices = [...new Set(open.map((n) => n.candidate.device))];
  const scan = await scanOpenDevices(system.procRoot, devices, [system.pid]);
  const appPids = options.appPids ?? [];
  let modemManagerHolds = false;
  for (const note of open) {
    // A pty's maker (socat for the simulator) holds its slave open: that is its other end, not a user of the port.
    const holders: PortHolder[] = (scan.holders.get(note.candidate.device) ?? []).filter((h) => !(h.ptyMaster && isPtySlave(h.device)));
    const path = note.candidate.path;
    if (holders.length === 0) continue;
    // Ujumbe itself (the running host the caller knows, or one seen by its command line) is not
    // a program to close: its own Gateways panel checks that modem.
    const isApp = (h: PortHolder) => appPids.includes(h.pid) || h.ujumbe;
    const app = holders.find(isApp);
    const others = holders.filter((h) => !isApp(h));
    note.skip = others.length === 0 ? 'app' : 'other-program';
    if (app) note.findings.push(finding('ok-port-in-use', path, { path, gatewayId: null, model: null, by: 'ujumbe', pid: app.pid }));
    for (const h of others) {
      if (h.program === 'ModemManager') modemManagerHolds = true;
      note.findings.push(finding('port-held', path, { path, program: h.program || null, pid: h.pid }));
    }
  }
  const modemManager = findProgram(scan.processes, 'ModemManager');
  if (modemManager.length === 0) return;
  const rule = await installedUdevRule(system.udevRuleDirs);
  const pid = modemManager[0]!.pid;
  general.push(finding('modemmanager-running', null, { pid }, rule !== null && !modemManagerHolds ? 'ok' : 'warning'));
  if (rule === null) general.push(finding('udev-rule-missing', null, { rule: options.udevRuleSource ?? null, target: UDEV_RULE_TARGET }));
}

/**
 * May this user read and write each device, and if not, why (group membership on Linux).
 * A group finding is given once per group; with no device to look at, Linux still says whether
 * the user is in the serial-port group, so the modem works when it is plugged in.
 */
async function checkPermissions(system: DoctorSystem, open: PortNotes[], linux: boolean, general: DoctorFindingDto[]): Promise<void> {
  const user = system.user;
  const groups: GroupEntry[] | null = linux ? await readGroupFile(system.groupFile) : null;
  const owners = linux ? await readPasswdNames(system.passwdFile) : new Map<number, string>();
  const told = new Set<number>();
  let looked = 0;
  const tellGroup = (gid: number, severity?: 'warning') => {
    if (!linux || user === null || user.uid === 0 || told.has(gid)) return;
    const membership = groupMembership(user, gid, groups);
    if (membership === 'member') return;
    told.add(gid);
    const group = groupName(gid, groups);
    general.push(finding(membership === 'relogin-needed' ? 'relogin-needed' : 'not-in-group', null, { group }, severity));
  };
  for (const note of open) {
    const device = note.candidate.device;
    if (!isAbsolute(device)) continue;
    const st = await statDevice(device);
    if (st === null) continue; // gone: the probe says so
    looked += 1;
    if (await system.access(device)) continue;
    note.skip = 'permission';
    const membership = linux && user !== null ? groupMembership(user, st.gid, groups) : null;
    const reason = membership === null ? 'unknown' : membership === 'member' ? 'mode' : membership;
    const path = note.candidate.path;
    note.findings.push(
      finding('port-permission', path, {
        path,
        group: linux ? groupName(st.gid, groups) : String(st.gid),
        owner: owners.get(st.uid) ?? String(st.uid),
        mode: modeText(st.mode),
        reason: reason === 'not-member' ? 'not-in-group' : reason,
      }),
    );
    tellGroup(st.gid);
  }
  if (looked === 0) {
    const serial = serialGroup(groups);
    if (serial) tellGroup(serial.gid, 'warning');
  }
}

/**
 * Ports that answered with one IMEI are one modem: its SMS port gets `ok-modem` and a SIM and
 * network read, the others `second-port`. A modem one of our gateways already runs (same IMEI)
 * has only second ports here.
 */
async function settleModems(modems: PortProbeResult[], held: ReadonlyArray<HeldPortState & { device: string }>, notes: Map<string, PortNotes>, options: DoctorOptions, log: Logger): Promise<void> {
  const byModem = new Map<string, PortProbeResult[]>();
  for (const result of modems) {
    const key = result.identity?.imei ?? `path:${result.path}`;
    byModem.set(key, [...(byModem.get(key) ?? []), result]);
  }
  const reads: Array<Promise<void>> = [];
  for (const ports of byModem.values()) {
    const imei = ports[0]!.identity?.imei ?? null;
    const gateway = imei === null ? undefined : held.find((h) => h.imei === imei);
    const chosen = gateway ? null : preferredPort(ports);
    for (const port of ports) {
      if (port === chosen) continue;
      notes.get(port.path)!.findings.push(finding('second-port', port.path, { path: port.path, primary: gateway?.path ?? chosen!.path }));
    }
    if (!chosen) continue;
    const note = notes.get(chosen.path)!;
    const identity = chosen.identity!;
    note.findings.push(finding('ok-modem', chosen.path, { path: chosen.path, model: identity.model ?? null, manufacturer: identity.manufacturer ?? null }));
    reads.push(
      readModemState(chosen.path, {
        log,
        ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
        ...(options.stateDeadlineMs === undefined ? {} : { deadlineMs: options.stateDeadlineMs }),
        ...(options.timers === undefined ? {} : { timers: options.timers }),
      }).then((state) => {
        note.findings.push(...stateFindings(chosen.path, state.sim, state.registration, state.signal?.bars ?? null, state.signal?.dBm ?? null));
      }),
    );
  }
  await Promise.all(reads);
}
