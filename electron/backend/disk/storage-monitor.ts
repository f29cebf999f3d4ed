/**
 * What the backend knows about the data folder's disk (issue 10 item 5; docs/ARCHITECTURE.md
 * "Field survival": full disk): `ok`, `low-space` (free space under the `lowSpaceMb` setting,
 * looked at with statfs on a slow timer) or `disk-full` (a write failed because the disk is full).
 *
 * `disk-full` is a fact about writes, not a guess from statfs: the Store tells this monitor how
 * every top-level transaction went (store.ts WriteObserver), so the state is set when a write
 * fails and cleared as soon as a write succeeds again. The `recovered` event is what the
 * dispatcher and receiving listen to, so work held back by the full disk resumes at once
 * (create-backend.ts). Never throws from its observer methods: they run inside the store.
 */
import { LOW_SPACE_MB, type StorageState, type StorageStatusDto } from '../../../src-shared/contract/storage.ts';
import { type Clock, type TimerHandle, type Timers, isoAt, systemClock, systemTimers } from '../clock.ts';
import { type Listener, TypedEmitter } from '../events.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { DiskFullError } from '../store/disk-full.ts';
import type { WriteObserver } from '../store/store.ts';
import type { FreeSpaceProbe } from './free-space.ts';

/**
 * The monitor's timer (docs/ARCHITECTURE.md "Habits": every wait is named). `freeSpaceCheck`:
 * statfs is cheap, but free space changes slowly and a warning a minute late costs nothing.
 */
export const STORAGE_TIMERS = {
  freeSpaceCheck: 60_000,
} as const satisfies Record<string, number>;

const MIB = 1024 * 1024;

/** The state from what is known (pure): a failed write wins, then the free space against the threshold. */
export function storageState(facts: { diskFull: boolean; freeBytes: number | null; lowSpaceBytes: number }): StorageState {
  if (facts.diskFull) return 'disk-full';
  if (facts.freeBytes !== null && facts.freeBytes < facts.lowSpaceBytes) return 'low-space';
  return 'ok';
}

export interface StorageMonitorOptions {
  /** The data folder (statfs looks at its disk); null for an in-memory database (free space unknown). */
  dataDir: string | null;
  /** The threshold in MiB, read at each look (setting `lowSpaceMb`). */
  lowSpaceMb: () => number;
  /** Default statfs; null = never look (free space unknown). */
  freeSpace: FreeSpaceProbe | null;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** Overrides of STORAGE_TIMERS. */
  timeouts?: Partial<Record<keyof typeof STORAGE_TIMERS, number>>;
}

interface StorageEvents {
  /** The state changed, or a look at the free space while it is not `ok`. */
  change: StorageStatusDto;
  /** A write succeeded after writes had failed for a full disk. */
  recovered: StorageStatusDto;
}

export class StorageMonitor implements WriteObserver {
  readonly dataDir: string | null;
  private readonly options: StorageMonitorOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly logger: Logger;
  private readonly checkEveryMs: number;
  private readonly events: TypedEmitter<StorageEvents>;
  private diskFull = false;
  private freeBytes: number | null = null;
  private checkedAt: string | null = null;
  private announced: StorageState = 'ok';
  private timer: TimerHandle | null = null;
  private running = false;
  private checking: Promise<StorageStatusDto> | null = null;

  constructor(options: StorageMonitorOptions) {
    this.options = options;
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.logger = options.logger ?? silentLogger;
    this.checkEveryMs = options.timeouts?.freeSpaceCheck ?? STORAGE_TIMERS.freeSpaceCheck;
    this.events = new TypedEmitter((error, event) =>
      this.logger.error('A storage listener threw', { event: String(event), error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** The state now. */
  status(): StorageStatusDto {
    const lowSpaceBytes = this.lowSpaceBytes();
    return { state: storageState({ diskFull: this.diskFull, freeBytes: this.freeBytes, lowSpaceBytes }), freeBytes: this.freeBytes, lowSpaceBytes, checkedAt: this.checkedAt };
  }

  /** @returns unsubscribe. */
  onChange(listener: Listener<StorageStatusDto>): () => void {
    return this.events.on('change', listener);
  }

  /** Writes succeed again after a full disk. @returns unsubscribe. */
  onRecovered(listener: Listener<StorageStatusDto>): () => void {
    return this.events.on('recovered', listener);
  }

  /** Looks at the free space now, then on the slow timer. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.check();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Looks at the free space now (statfs), announces a changed state, and re-arms the slow timer
   * while running. Never rejects: a failed look keeps the last figure.
   */
  check(): Promise<StorageStatusDto> {
    // One look at a time: a burst of failed writes asks once.
    this.checking ??= this.look().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** The `lowSpaceMb` setting changed: the state may have. */
  thresholdChanged(): void {
    this.announce(false);
  }

  // ---- WriteObserver (called by the Store, inside its transaction wrapper) -------------------

  spaceLow(): boolean {
    return this.freeBytes !== null && this.freeBytes < this.lowSpaceBytes();
  }

  writeFailed(_error: DiskFullError): void {
    if (this.diskFull) return;
    this.diskFull = true;
    this.logger.warn('The disk of the data folder is full: writes fail until there is room', { dataDir: this.dataDir });
    this.announce(false);
    void this.check();
  }

  writeSucceeded(): void {
    if (!this.diskFull) return;
    this.diskFull = false;
    this.logger.info('Writes succeed again: the disk of the data folder has room', { dataDir: this.dataDir });
    this.announce(false);
    this.events.emit('recovered', this.status());
    void this.check();
  }

  // ---- internals ---------------------------------------------------------------------------

  private lowSpaceBytes(): number {
    let mb: number = LOW_SPACE_MB.default;
    try {
      mb = this.options.lowSpaceMb();
    } catch {
      // The database is closing: the default stands in.
    }
    return mb * MIB;
  }

  private async look(): Promise<StorageStatusDto> {
    const probe = this.options.freeSpace;
    if (probe !== null && this.dataDir !== null) {
      try {
        this.freeBytes = await probe(this.dataDir);
        this.checkedAt = isoAt(this.clock);
      } catch (error) {
        this.logger.warn('Could not look at the free space of the data folder', { error: error instanceof Error ? error.message : String(error) });
      }
    }
    // A look while the disk is not fine is worth telling (the figure in the banner moves).
    this.announce(this.status().state !== 'ok');
    this.arm();
    return this.status();
  }

  private arm(): void {
    if (!this.running || this.options.freeSpace === null || this.dataDir === null) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const timer = this.timers.setTimeout(() => {
      if (this.timer === timer) this.timer = null;
      void this.check();
    }, this.checkEveryMs);
    // A backstop must not keep a Node process alive after the backend stopped.
    (timer as { unref?: () => void } | null)?.unref?.();
    this.timer = timer;
  }

  /** Emits `change` when the state moved (or `always`), logging a move into or out of low space. */
  private announce(always: boolean): void {
    const status = this.status();
    const moved = status.state !== this.announced;
    if (moved && status.state === 'low-space') this.logger.warn('The disk of the data folder is low on space', { freeMiB: Math.floor((status.freeBytes ?? 0) / MIB) });
    this.announced = status.state;
    if (moved || always) this.events.emit('change', status);
  }
}
