/** Timing helpers shared by the bench suites: warm up, then time a fixed number of iterations. */

export interface Timing {
  iterations: number;
  seconds: number;
  opsPerSecond: number;
}

export interface TimingOptions {
  /** Iterations run before timing, to let the JIT settle and to size the timed run. */
  warmupIterations?: number;
  /** How long the timed run should take, roughly: it sets the fixed iteration count. */
  targetSeconds?: number;
}

// Results are folded in here so the engine cannot drop the work as dead code.
let sink = 0;

function consume(value: unknown): void {
  if (typeof value === 'string') sink += value.length;
  else if (Array.isArray(value)) sink += value.length;
  else if (value !== null && value !== undefined) sink += 1;
}

function timeIterations(fn: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) consume(fn());
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Runs `fn` for the warm-up, derives a fixed iteration count from its speed (at least 200), then
 * times exactly that many iterations with process.hrtime.bigint().
 */
export function timeOperation(fn: () => unknown, options: TimingOptions = {}): Timing {
  const warmupIterations = options.warmupIterations ?? 2_000;
  const targetSeconds = options.targetSeconds ?? 0.4;
  const warmupSeconds = timeIterations(fn, warmupIterations);
  const estimate = warmupIterations / Math.max(warmupSeconds, 1e-9);
  const iterations = Math.max(200, Math.round(estimate * targetSeconds));
  const seconds = timeIterations(fn, iterations);
  return { iterations, seconds, opsPerSecond: iterations / seconds };
}

/** Keeps the sink observable; call once at the end of a run. */
export function sinkValue(): number {
  return sink;
}

/** Prints rows as an aligned text table. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function formatOps(ops: number): string {
  return Math.round(ops).toLocaleString('en-US');
}
