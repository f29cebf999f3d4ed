/**
 * Where modem detection looks: the system's serial port list plus search patterns (the
 * `modemSearch` setting, this computer's default when unset, or UJUMBE_MODEM_SEARCH for one run).
 * serialport's list never shows pseudo-terminals and, on Linux, needs udevadm; the patterns find
 * what it misses (a modem simulator's links, a minimal system) and the stable
 * /dev/serial/by-id names.
 */
import { readdir, realpath } from 'node:fs/promises';
import { delimiter as pathDelimiter, isAbsolute, join, sep } from 'node:path';

/** Where USB GSM modems show up on each system. Windows has only COM ports, which the system list has. */
export const DEFAULT_MODEM_SEARCH: Readonly<Record<string, readonly string[]>> = {
  // udev's stable names first (they survive a re-plug on another ttyUSB number), then the
  // kernel's: ttyUSB (option / qcserial drivers: Huawei, ZTE, Quectel, SIM7600), ttyACM (CDC-ACM).
  linux: ['/dev/serial/by-id/*', '/dev/ttyUSB*', '/dev/ttyACM*'],
  // cu.* rather than tty.* (opening tty.* waits for carrier detect): Huawei's and CDC modems,
  // and CH340 USB-serial adapters on SIM800 boards.
  darwin: ['/dev/cu.usbmodem*', '/dev/cu.HUAWEI*', '/dev/cu.wchusbserial*'],
  win32: [],
};

/** The environment variable that replaces the search patterns for one run. */
export const MODEM_SEARCH_ENV = 'UJUMBE_MODEM_SEARCH';

export function defaultModemSearch(platform: string = process.platform): string[] {
  return [...(DEFAULT_MODEM_SEARCH[platform] ?? [])];
}

/**
 * UJUMBE_MODEM_SEARCH: patterns separated by the system's path delimiter (: on Linux and macOS,
 * ; on Windows). Unset or empty = null (the setting applies).
 */
export function modemSearchFromEnv(env: NodeJS.ProcessEnv, delimiter: string = pathDelimiter): string[] | null {
  const raw = env[MODEM_SEARCH_ENV];
  if (raw === undefined || raw.trim() === '') return null;
  return raw.split(delimiter).map((p) => p.trim()).filter((p) => p !== '');
}

const WILDCARD = /[*?]/;

/** `ttyUSB*` -> /^ttyUSB.*$/ (only * and ?; everything else is literal). */
function segmentPattern(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * The paths a pattern matches now, sorted. Wildcards (* and ?) may stand in any part of the path
 * but never cross a separator; a missing folder matches nothing. Never throws.
 */
export async function expandPattern(pattern: string): Promise<string[]> {
  if (!isAbsolute(pattern)) return [];
  if (!WILDCARD.test(pattern)) return [pattern];
  const parts = pattern.split(sep);
  let bases = [parts[0] === '' ? sep : parts[0]!];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    if (!WILDCARD.test(part)) {
      bases = bases.map((b) => join(b, part));
      continue;
    }
    const match = segmentPattern(part);
    const next: string[] = [];
    for (const base of bases) {
      let names: string[];
      try {
        names = await readdir(base);
      } catch {
        continue;
      }
      for (const name of names) if (match.test(name)) next.push(join(base, name));
    }
    bases = next;
  }
  return bases.sort();
}

/** One entry of the system's port list (serialport's PortInfo, the parts detection uses). */
export interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type SystemPortLister = () => Promise<readonly ListedPort[]>;

/** serialport's SerialPort.list(): udevadm on Linux, IOKit on macOS, SetupAPI on Windows. */
export const listSystemPorts: SystemPortLister = async () => {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
};

export interface PortCandidate {
  /** The name used for the port: a /dev/serial/by-id name where there is one. */
  path: string;
  /** The device behind it (symlinks resolved), so two names for one device count once. */
  device: string;
  source: 'list' | 'search';
  manufacturer: string | null;
  /** USB vendor and product ids (hex), where the system gives them. */
  vendorId: string | null;
  productId: string | null;
}

export interface CandidateList {
  candidates: PortCandidate[];
  /** Why the system's list could not be read (e.g. no udevadm), or null. */
  listError: string | null;
}

async function deviceOf(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

/** by-id names are stable across re-plugs and say what the device is: prefer them. */
function betterName(a: string, b: string): string {
  const stable = (p: string) => p.includes(`${sep}serial${sep}by-id${sep}`);
  if (stable(a) !== stable(b)) return stable(a) ? a : b;
  return a;
}

/**
 * Every port worth a look: the system's USB serial ports and what the patterns match, one entry
 * per device.
 * A pattern match whose device does not exist (a dangling link) is left out. Never throws.
 */
export async function listCandidates(options: { patterns: readonly string[]; list?: SystemPortLister | null }): Promise<CandidateList> {
  const byDevice = new Map<string, PortCandidate>();
  let listError: string | null = null;
  const add = (candidate: PortCandidate) => {
    const existing = byDevice.get(candidate.device);
    if (!existing) {
      byDevice.set(candidate.device, candidate);
      return;
    }
    existing.path = betterName(existing.path, candidate.path);
    existing.manufacturer ??= candidate.manufacturer;
    existing.vendorId ??= candidate.vendorId;
    existing.productId ??= candidate.productId;
    if (candidate.source === 'list') existing.source = 'list';
  };
  if (options.list) {
    try {
      for (const port of await options.list()) {
        // A listed port without USB ids is a built-in UART (ttyS0, COM1): a printer, a scale or
        // nothing. Writing AT into it is not ours to do unless a search pattern names it.
        if (!port.vendorId) continue;
        // Windows COM names have no file behind them: the name is the device. A path that is
        // gone (a list from a moment ago) is left out.
        const device = isAbsolute(port.path) ? await deviceOf(port.path) : port.path;
        if (device === null) continue;
        add({ path: port.path, device, source: 'list', manufacturer: port.manufacturer ?? null, vendorId: port.vendorId ?? null, productId: port.productId ?? null });
      }
    } catch (err) {
      listError = err instanceof Error ? err.message : String(err);
    }
  }
  for (const pattern of options.patterns) {
    for (const path of await expandPattern(pattern)) {
      const device = await deviceOf(path);
      if (device === null) continue;
      add({ path, device, source: 'search', manufacturer: null, vendorId: null, productId: null });
    }
  }
  return { candidates: [...byDevice.values()].sort((a, b) => a.path.localeCompare(b.path)), listError };
}

/** The folders to watch for ports appearing: the fixed part of each pattern (its folder before the first wildcard). */
export function watchFolders(patterns: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const pattern of patterns) {
    if (!isAbsolute(pattern)) continue;
    const parts = pattern.split(sep);
    const fixed: string[] = [];
    for (const part of parts.slice(0, -1)) {
      if (WILDCARD.test(part)) break;
      fixed.push(part);
    }
    folders.add(fixed.join(sep) || sep);
  }
  return [...folders].sort();
}
