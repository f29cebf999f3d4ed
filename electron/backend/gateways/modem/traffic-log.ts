/**
 * The technician's AT traffic log of one modem: a bounded ring buffer of the last lines written
 * to and read from the port (AtChannel's `traffic` event). Held in memory only, never written to
 * disk. The PIN is taken out as a line comes in, so it is never held at all; everything else is
 * masked when the log is read (traffic-mask.ts).
 */
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import { maskSecrets, maskTraffic } from './traffic-mask.ts';
import type { TrafficDirection, TrafficEntry } from './traffic-mask.ts';

export const DEFAULT_TRAFFIC_LINES = 500;

export class TrafficLog {
  private readonly buffer: Array<TrafficEntry | undefined>;
  private next = 0;
  private size = 0;

  constructor(
    readonly capacity: number = DEFAULT_TRAFFIC_LINES,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.buffer = new Array<TrafficEntry | undefined>(capacity);
  }

  record(direction: TrafficDirection, line: string): void {
    this.buffer[this.next] = { at: new Date(this.clock.now()).toISOString(), direction, line: maskSecrets(line) };
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first, unmasked (the PIN excepted). */
  raw(): TrafficEntry[] {
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const out: TrafficEntry[] = [];
    for (let i = 0; i < this.size; i++) {
      const entry = this.buffer[(start + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Oldest first; numbers and texts masked unless `reveal`. */
  entries(reveal = false): TrafficEntry[] {
    return maskTraffic(this.raw(), reveal);
  }

  clear(): void {
    this.buffer.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
