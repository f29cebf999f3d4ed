/**
 * Port watching: notices serial ports that appear and vanish, and finds a modem that came back
 * on another path (USB re-enumeration: ttyUSB0 -> ttyUSB2) by its IMEI.
 *
 * - Polls an injectable port lister every `intervalMs` (default 3 s). Production lists with
 *   serialport's `SerialPort.list()` (udevadm on Linux; it never lists ptys, so tests inject a
 *   lister that returns the simulator's links). Watching /dev (inotify, or WM_DEVICECHANGE on
 *   Windows) would react faster but is platform-specific; a poll every few seconds is enough for
 *   a modem that takes longer than that to boot.
 * - A new path is probed READ-ONLY (probeModem: one `AT` at the configured baud rate, then
 *   queries such as AT+CGSN; nothing is written to the modem's settings, and no baud-rate
 *   hunting), never a path a gateway is using. A `disconnected` ModemGateway with that IMEI is
 *   moved there (attach) and starts over; the dispatcher hears its status change.
 * - A modem nobody configured is only reported (`appeared()` and the `modem-appeared` event, for
 *   the panel: "A modem appeared on /dev/ttyUSB3"): using a modem is a person's decision (it
 *   could be a data dongle, or another clinic system's modem).
 * - A path that vanishes while a gateway uses it counts as an unplug (serialport may not have
 *   noticed: a 0-byte read loop).
 */
import { EventEmitter } from 'node:events';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import type { ModemProbeResult } from './modem-probe.ts';

/** The paths of the serial ports there are now. */
export type PortLister = () => Promise<readonly string[]>;
/** Read-only identity of whatever is on a path (probeModem in production). */
export type PortProber = (path: string) => Promise<Pick<ModemProbeResult, 'path' | 'answers' | 'identity'>>;

/** What the watcher needs of a modem gateway (ModemGateway has it). */
export interface WatchedModem {
  readonly id: string;
  readonly path: string;
  readonly imei: string | null;
  status(): { state: string };
  attach(path: string): Promise<boolean>;
  portVanished(): void;
}

/** A modem that answered on a new path and is not one of ours. */
export interface AppearedModem {
  path: string;
  imei: string | null;
  manufacturer: string | null;
  model: string | null;
  /** For the panel. */
  words: string;
}

export interface PortWatcherEvents {
  'modem-appeared': [AppearedModem];
  /** A gateway was moved to a new path. */
  'modem-reattached': [{ gatewayId: string; from: string; to: string }];
}

export interface PortWatcherOptions {
  list: PortLister;
  probe: PortProber;
  /** The gateways to look after (read each poll, so gateways added later count). */
  modems: () => readonly WatchedModem[];
  intervalMs?: number;
  timers?: Timers;
  log?: Logger;
}

/** The pure part: which paths are new and which are gone since the last list. */
export function diffPorts(before: ReadonlySet<string>, now: readonly string[]): { added: string[]; removed: string[] } {
  const current = new Set(now);
  return {
    added: [...current].filter((path) => !before.has(path)).sort(),
    removed: [...before].filter((path) => !current.has(path)).sort(),
  };
}

export class PortWatcher extends EventEmitter<PortWatcherEvents> {
  private readonly options: PortWatcherOptions;
  private readonly timers: Timers;
  private readonly log: Logger;
  private known = new Set<string>();
  private readonly appearedByPath = new Map<string, AppearedModem>();
  private timer: TimerHandle | null = null;
  private running = false;
  private polling: Promise<void> | null = null;
  private listFailing = false;

  constructor(options: PortWatcherOptions) {
    super();
    this.options = options;
    this.timers = options.timers ?? systemTimers;
    this.log = options.log ?? silentLogger;
  }

  /** Takes the current list as the starting point, without probing it, and polls from then on. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.known = new Set(await this.options.list());
    } catch (err) {
      this.log.warn('cannot list serial ports', { error: err instanceof Error ? err.message : String(err) });
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.polling?.catch(() => undefined);
  }

  /** Modems that appeared and are not configured (for the panel). */
  appeared(): AppearedModem[] {
    return [...this.appearedByPath.values()];
  }

  /** One look at the port list now (the timer calls it; tests may too). */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.poll().finally(() => this.schedule());
    }, this.options.intervalMs ?? 3_000);
  }

  private async pollOnce(): Promise<void> {
    let paths: readonly string[];
    try {
      paths = await this.options.list();
      this.listFailing = false;
    } catch (err) {
      // Said once, not every few seconds (e.g. no udevadm on Linux).
      if (!this.listFailing) this.log.warn('cannot list serial ports', { error: err instanceof Error ? err.message : String(err) });
      this.listFailing = true;
      return;
    }
    const { added, removed } = diffPorts(this.known, paths);
    this.known = new Set(paths);
    for (const path of removed) {
      this.appearedByPath.delete(path);
      for (const modem of this.options.modems()) if (modem.path === path) modem.portVanished();
    }
    for (const path of added) {
      if (!this.running) return;
      await this.examine(path);
    }
  }

  private async examine(path: string): Promise<void> {
    const modems = this.options.modems();
    // Never probe a port a gateway has open (or is opening): it would fight over the line.
    if (modems.some((m) => m.path === path && m.status().state !== 'disconnected')) return;
    const result = await this.options.probe(path);
    if (!result.answers) return;
    const imei = result.identity?.imei ?? null;
    const owner = imei === null ? undefined : modems.find((m) => m.imei === imei);
    if (owner) {
      if (owner.path === path) return; // back on its own path: its reconnect timer finds it
      const from = owner.path;
      if (await owner.attach(path)) this.emit('modem-reattached', { gatewayId: owner.id, from, to: path });
      return;
    }
    const appeared: AppearedModem = {
      path,
      imei,
      manufacturer: result.identity?.manufacturer ?? null,
      model: result.identity?.model ?? null,
      words: `A modem appeared on ${path}. It is not used until it is added in the settings.`,
    };
    this.appearedByPath.set(path, appeared);
    this.log.info('a modem that is not configured appeared', { path });
    this.emit('modem-appeared', appeared);
  }
}

/** The production lister: serialport's SerialPort.list() (never lists ptys). */
export async function listSerialPorts(): Promise<readonly string[]> {
  const { SerialPort } = await import('serialport');
  return (await SerialPort.list()).map((port) => port.path);
}
