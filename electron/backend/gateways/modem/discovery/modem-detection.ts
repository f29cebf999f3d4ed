/**
 * Modem detection: finds the modems plugged into this computer, by itself, and keeps a list of
 * what it tried for the panel (docs/ARCHITECTURE.md "Finding modems").
 *
 * - Candidates are the system's port list plus the search patterns (port-search.ts), one entry
 *   per device. A port a gateway holds is never opened here.
 * - A new port is looked at gently (port-probe.ts). A port that did not answer is looked at again
 *   a few times (a modem that was just plugged in may need seconds before it answers AT), then
 *   left until it reappears or someone asks for a scan ("Look for modems again").
 * - Ports that answer with one IMEI are one modem (a Huawei stick shows three ttys, two answer
 *   AT): the one that lists PDU mode and +CNMI is used, the others are its second ports.
 * - What to do with a modem is not decided here: `decide` (the gateway manager) adopts it, moves
 *   a saved gateway to it, offers it, or leaves it alone.
 * - Event-driven where the system allows: the folders the patterns name (/dev, /dev/serial/by-id,
 *   a simulator's folder) are watched, and a change is looked at after a short debounce; a cheap
 *   poll of the patterns (and, less often, of the system list) is the backstop.
 */
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch as fsWatch } from 'node:fs';
import type { DiscoveryDto, PortFindingDto, PortOutcome } from '../../../../../src-shared/contract/dto.ts';
import type { Clock, TimerHandle, Timers } from '../../../clock.ts';
import { isoAt, systemClock, systemTimers } from '../../../clock.ts';
import type { Logger } from '../../../logger.ts';
import { silentLogger } from '../../../logger.ts';
import type { ModemIdentity } from '../modem-driver.ts';
import type { PortProber, PortProbeResult } from './port-probe.ts';
import { type ListedPort, type PortCandidate, type SystemPortLister, listCandidates, watchFolders } from './port-search.ts';

/** A port one of our gateways has open (or is opening): detection keeps its hands off. */
export interface HeldPort {
  path: string;
  gatewayId: string;
  imei: string | null;
  /** What the gateway knows its modem is, for the list of what was tried. */
  manufacturer?: string | null;
  model?: string | null;
}

/** A modem that answered on a port no gateway holds. */
export interface FoundModem {
  /** The port to use: the one that takes SMS commands. */
  path: string;
  imei: string | null;
  identity: ModemIdentity;
  /** Its other ports that answered AT (kept unused). */
  otherPaths: string[];
}

export type Decision = { outcome: Extract<PortOutcome, 'in-use' | 'offered' | 'ignored' | 'disabled'>; gatewayId: string | null };

/** fs.watch-shaped, injectable. */
export type FolderWatcher = (folder: string, onChange: () => void) => { close(): void } | null;

export interface ModemDetectionOptions {
  /** The search patterns in force (read at every scan, so a changed setting applies). */
  patterns: () => readonly string[];
  /** Whether the patterns come from UJUMBE_MODEM_SEARCH (for the panel). */
  patternsFromEnvironment?: boolean;
  /** The system's port list; null = patterns only. */
  list: SystemPortLister | null;
  probe: PortProber;
  held: () => readonly HeldPort[];
  decide: (found: FoundModem) => Promise<Decision>;
  /** A port vanished from the system (a gateway using it may not have noticed: see ModemGateway.portVanished). */
  onVanished?: (path: string) => void;
  /** Default: fs.watch. false: poll only. */
  watch?: FolderWatcher | false;
  /** The backstop poll of the patterns. Default 2 s. */
  pollMs?: number;
  /**
   * The system list is asked at most this often. Default: 10 s on Linux (each list starts
   * udevadm, 60-70 ms; the patterns, watched, find a new port between), else at every poll.
   */
  listEveryMs?: number;
  /** After a folder changes, wait this long for the rest of the burst (udev adds by-id links after the tty). Default 150 ms. */
  debounceMs?: number;
  /** Looks again at a port that did not answer after these waits. Default 1, 3, 10 s. */
  retryDelaysMs?: readonly number[];
  clock?: Clock;
  timers?: Timers;
  log?: Logger;
}

export interface ModemDetectionEvents {
  change: [DiscoveryDto];
}

interface Finding extends PortFindingDto {
  device: string;
  attempts: number;
  retryAt: number | null;
  /** Offered: the modem waiting for a decision. */
  found: FoundModem | null;
}

const FAILED: ReadonlySet<PortOutcome> = new Set(['no-answer', 'garbage', 'permission-denied', 'port-busy', 'open-failed']);

/** The pure part: among the answering ports of one modem, the one to use. */
export function preferredPort(results: readonly PortProbeResult[]): PortProbeResult {
  const stable = (p: string) => p.includes('/serial/by-id/');
  return [...results].sort(
    (a, b) =>
      Number(b.smsPort === true) - Number(a.smsPort === true) ||
      Number(stable(b.path)) - Number(stable(a.path)) ||
      a.path.localeCompare(b.path),
  )[0]!;
}

export class ModemDetection extends EventEmitter<ModemDetectionEvents> {
  private readonly options: ModemDetectionOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly log: Logger;
  private readonly findings = new Map<string, Finding>();
  private running = false;
  private scanning: Promise<void> | null = null;
  private again: { full: boolean } | null = null;
  private pollTimer: TimerHandle | null = null;
  private debounceTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private watchers = new Map<string, { close(): void }>();
  private listed: readonly ListedPort[] = [];
  private listedAt = Number.NEGATIVE_INFINITY;
  private listError: string | null = null;
  private lastScanAt: string | null = null;

  constructor(options: ModemDetectionOptions) {
    super();
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.log = options.log ?? silentLogger;
  }

  /**
   * Starts looking: one scan of every candidate now (not awaited: a dead port may take seconds,
   * and nothing else waits for it; `scan()` resolves when a scan is over), then watching and polling.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.scan(true);
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of [this.pollTimer, this.debounceTimer, this.retryTimer]) if (timer !== null) this.timers.clearTimeout(timer);
    this.pollTimer = this.debounceTimer = this.retryTimer = null;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    await this.scanning?.catch(() => undefined);
  }

  /**
   * One look at the candidates. `full`: every port no gateway holds is looked at again (the
   * panel's "Look for modems again"); otherwise only new ports and those due a retry.
   * Scans never overlap: a request during one runs once after it.
   */
  scan(full = false): Promise<void> {
    if (this.scanning) {
      this.again = { full: full || (this.again?.full ?? false) };
      return this.scanning.then(() => this.scanning ?? undefined);
    }
    this.scanning = this.scanOnce(full)
      .catch((err: unknown) => this.log.warn('modem detection failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.scanning = null;
        // The last word of a scan says it is over (`scanning: false`).
        this.announce();
        const again = this.again;
        this.again = null;
        if (again && this.running) void this.scan(again.full);
      });
    return this.scanning;
  }

  report(): DiscoveryDto {
    const ports = [...this.findings.values()].map(({ device: _d, attempts: _a, retryAt: _r, found: _f, ...dto }) => ({ ...dto }));
    return {
      scanning: this.scanning !== null,
      lastScanAt: this.lastScanAt,
      search: [...this.options.patterns()],
      searchFromEnvironment: this.options.patternsFromEnvironment ?? false,
      ports,
      offered: [...this.findings.values()]
        .filter((f) => f.outcome === 'offered' && f.found)
        .map((f) => ({ path: f.path, manufacturer: f.manufacturer, model: f.model, imei: f.imei })),
    };
  }

  /** The modem offered on this port, if any. */
  offered(path: string): FoundModem | null {
    const finding = this.findings.get(path);
    return finding?.outcome === 'offered' ? finding.found : null;
  }

  /**
   * Looks at one port again soon, as if it were new (a gateway that held it was disabled or
   * forgotten, so what the list says of it is out of date).
   */
  lookAgain(path: string): void {
    this.findings.delete(path);
    if (this.running) void this.scan(false);
  }

  /** The manager decided about a port outside a scan (adopted, ignored): the list says so at once. */
  settle(path: string, decision: Decision): void {
    const finding = this.findings.get(path);
    if (!finding) return;
    finding.outcome = decision.outcome;
    finding.gatewayId = decision.gatewayId;
    if (decision.outcome !== 'offered') finding.found = null;
    this.announce();
  }

  private async scanOnce(full: boolean): Promise<void> {
    const now = this.clock.now();
    const patterns = this.options.patterns();
    this.watchFolders(patterns);
    const { candidates, listError } = await listCandidates({ patterns, list: this.lister(now, full) });
    if (listError !== null && this.listError === null) this.log.warn('cannot list serial ports', { error: listError });
    this.listError = listError;
    const present = new Set(candidates.map((c) => c.path));
    for (const [path, finding] of this.findings) {
      if (present.has(path)) continue;
      this.findings.delete(path);
      if (finding.outcome === 'in-use' || finding.outcome === 'second-port') this.log.info('a modem port vanished', { path });
      this.options.onVanished?.(path);
    }
    const held = this.options.held();
    const toProbe: PortCandidate[] = [];
    for (const candidate of candidates) {
      const holder = held.find((h) => h.path === candidate.path || h.path === candidate.device);
      const previous = this.findings.get(candidate.path);
      if (holder) {
        this.put(candidate, {
          outcome: 'in-use',
          gatewayId: holder.gatewayId,
          imei: holder.imei ?? previous?.imei ?? null,
          manufacturer: holder.manufacturer ?? previous?.manufacturer ?? null,
          model: holder.model ?? previous?.model ?? null,
        });
        continue;
      }
      const due = previous !== undefined && previous.retryAt !== null && previous.retryAt <= now;
      if (full || previous === undefined || previous.outcome === 'pending' || due) toProbe.push(candidate);
    }
    if (toProbe.length > 0) {
      for (const candidate of toProbe) {
        const previous = this.findings.get(candidate.path);
        if (!previous) this.put(candidate, { outcome: 'pending' });
      }
      this.announce();
      // A port that answered with an IMEI and takes SMS commands is the one to use whatever its
      // siblings say: it is acted on at once, so a silent port beside it (a stick's GPS tty)
      // does not hold the modem up for its full probe. The rest are settled together, against
      // the gateways as they are then (a modem just adopted holds its other ports).
      let settling: Promise<void> = Promise.resolve();
      const settledEarly = new Set<string>();
      const results = await Promise.all(
        toProbe.map(async (candidate) => {
          const result = await this.options.probe(candidate.path);
          if (result.outcome === 'modem' && result.smsPort === true && result.identity?.imei) {
            settledEarly.add(candidate.path);
            settling = settling.then(() => this.settleResults([candidate], [result], this.options.held()));
          }
          return result;
        }),
      );
      await settling;
      if (!this.running && this.lastScanAt !== null) return;
      await this.settleResults(
        toProbe.filter((c) => !settledEarly.has(c.path)),
        results.filter((r) => !settledEarly.has(r.path)),
        this.options.held(),
      );
    }
    this.lastScanAt = isoAt(this.clock);
    this.scheduleRetry();
  }

  /** A port due another look gets it when it is due, not at the next poll. */
  private scheduleRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.running) return;
    const due = [...this.findings.values()].map((f) => f.retryAt).filter((at): at is number => at !== null);
    if (due.length === 0) return;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.scan(false);
    }, Math.max(0, Math.min(...due) - this.clock.now()));
  }

  private async settleResults(candidates: readonly PortCandidate[], results: readonly PortProbeResult[], held: readonly HeldPort[]): Promise<void> {
    const byPath = new Map(candidates.map((c) => [c.path, c]));
    const modems = new Map<string, PortProbeResult[]>();
    for (const result of results) {
      const candidate = byPath.get(result.path)!;
      if (result.outcome === 'vanished') {
        this.findings.delete(result.path);
        continue;
      }
      if (result.outcome !== 'modem' || !result.identity) {
        const previous = this.findings.get(result.path);
        const attempts = (previous && FAILED.has(previous.outcome) ? previous.attempts : 0) + 1;
        const delays = this.options.retryDelaysMs ?? [1_000, 3_000, 10_000];
        const delay = delays[attempts - 1];
        // Answered AT but not its identity: not usable as a modem yet (it may still be booting).
        const outcome = result.outcome === 'modem' ? 'no-answer' : result.outcome;
        this.put(candidate, { outcome, technical: result.technical, attempts, retryAt: delay === undefined ? null : this.clock.now() + delay });
        continue;
      }
      const key = result.identity.imei ?? `path:${result.path}`;
      modems.set(key, [...(modems.get(key) ?? []), result]);
    }
    for (const ports of modems.values()) {
      const identity = ports[0]!.identity!;
      const imei = identity.imei;
      const seen = { manufacturer: identity.manufacturer, model: identity.model, imei };
      // One of its ports is already a gateway's: these are its second ports.
      const holder = imei === null ? undefined : held.find((h) => h.imei === imei);
      if (holder) {
        for (const port of ports) this.put(byPath.get(port.path)!, { ...seen, outcome: 'second-port', gatewayId: holder.gatewayId });
        continue;
      }
      const chosen = preferredPort(ports);
      const found: FoundModem = { path: chosen.path, imei, identity, otherPaths: ports.filter((p) => p !== chosen).map((p) => p.path) };
      for (const port of ports) if (port !== chosen) this.put(byPath.get(port.path)!, { ...seen, outcome: 'second-port', gatewayId: null });
      let decision: Decision;
      try {
        decision = await this.options.decide(found);
      } catch (err) {
        this.log.warn('could not use a modem that was found', { path: chosen.path, error: err instanceof Error ? err.message : String(err) });
        decision = { outcome: 'offered', gatewayId: null };
      }
      this.put(byPath.get(chosen.path)!, { ...seen, outcome: decision.outcome, gatewayId: decision.gatewayId, found: decision.outcome === 'offered' ? found : null });
      for (const other of found.otherPaths) {
        const finding = this.findings.get(other);
        if (finding) finding.gatewayId = decision.gatewayId;
      }
    }
  }

  private put(candidate: PortCandidate, fields: Partial<Finding> & { outcome: PortOutcome }): void {
    const previous = this.findings.get(candidate.path);
    this.findings.set(candidate.path, {
      path: candidate.path,
      device: candidate.device,
      manufacturer: fields.manufacturer ?? previous?.manufacturer ?? candidate.manufacturer,
      model: fields.model ?? previous?.model ?? null,
      imei: fields.imei ?? previous?.imei ?? null,
      gatewayId: fields.gatewayId ?? null,
      technical: fields.technical ?? null,
      at: isoAt(this.clock),
      attempts: fields.attempts ?? 0,
      retryAt: fields.retryAt ?? null,
      found: fields.found ?? null,
      outcome: fields.outcome,
    });
  }

  /** The system list when it is due (or a full scan), else what it said last time. */
  private lister(now: number, full: boolean): SystemPortLister | null {
    const list = this.options.list;
    if (!list) return null;
    const every = this.options.listEveryMs ?? (process.platform === 'linux' ? 10_000 : 0);
    if (full || now - this.listedAt >= every) {
      return async () => {
        this.listedAt = now;
        this.listed = await list();
        return this.listed;
      };
    }
    return async () => this.listed;
  }

  private announce(): void {
    this.emit('change', this.report());
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollTimer = this.timers.setTimeout(() => {
      this.pollTimer = null;
      void this.scan(false).finally(() => this.schedulePoll());
    }, this.options.pollMs ?? 2_000);
  }

  private onFolderChange(): void {
    if (!this.running || this.debounceTimer !== null) return;
    this.debounceTimer = this.timers.setTimeout(() => {
      this.debounceTimer = null;
      void this.scan(false);
    }, this.options.debounceMs ?? 150);
  }

  /** Watches the folders the patterns name; a folder that does not exist (yet) is left to the poll. */
  private watchFolders(patterns: readonly string[]): void {
    if (this.options.watch === false || !this.running) return;
    const wanted = new Set(watchFolders(patterns));
    for (const [folder, watcher] of this.watchers) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    const watch = this.options.watch ?? nodeFolderWatcher;
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      const watcher = watch(folder, () => this.onFolderChange());
      if (watcher) this.watchers.set(folder, watcher);
    }
  }
}

/** fs.watch (inotify on Linux, FSEvents on macOS); null where the folder cannot be watched. */
export const nodeFolderWatcher: FolderWatcher = (folder, onChange) => {
  let watcher: FSWatcher;
  try {
    watcher = fsWatch(folder, { persistent: false }, () => onChange());
  } catch {
    return null;
  }
  watcher.on('error', () => watcher.close());
  return watcher;
};
