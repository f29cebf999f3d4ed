/**
 * Long work in short slices, so the event loop is never held long: a modem's next line, an IPC
 * call or a timer runs between two slices (docs/ARCHITECTURE.md "Appointments and reminders").
 * A slice ends when it has run `sliceMs` of processor time, measured by a monotonic counter:
 * this is how long the loop was held, not clinic time, so a fake clock neither moves nor stops it.
 */

export interface SliceOptions {
  /** How long one slice may hold the event loop, in ms (at least one step runs in each). */
  sliceMs: number;
  /** Runs a slice (a store transaction: a slice commits whole or not at all). Default: just runs it. */
  wrap?: (run: () => void) => void;
  /** After each slice's wrap returned (committed), with the steps it ran: [from, to). */
  afterSlice?: (from: number, to: number) => void;
  /** Monotonic milliseconds; default performance.now. */
  elapsedMs?: () => number;
  /** Lets the loop run between slices; default one setImmediate turn. */
  pause?: () => Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs step(0) … step(count - 1) in slices; a step that throws ends the work (its slice's wrap sees the error). */
export async function inSlices(count: number, step: (index: number) => void, options: SliceOptions): Promise<void> {
  const elapsed = options.elapsedMs ?? (() => performance.now());
  const wrap = options.wrap ?? ((run: () => void) => run());
  const pause = options.pause ?? nextTurn;
  let next = 0;
  while (next < count) {
    const from = next;
    wrap(() => {
      const ends = elapsed() + options.sliceMs;
      next = from;
      do {
        step(next);
        next += 1;
      } while (next < count && elapsed() < ends);
    });
    options.afterSlice?.(from, next);
    if (next < count) await pause();
  }
}
