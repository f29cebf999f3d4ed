/**
 * `npm run test:reliability [-- OPTIONS]`: the seeded fault loop (fault-loop.ts) and the bounded
 * fuzz (fuzz.ts) of issue 10's "Tests and figures". Not part of `npm test`: it takes minutes and
 * its figures are measurements. How to run and read it: test/reliability/README.md.
 *
 *   --short            CI size: 150 sends, 60 receives, 100,000 fuzz inputs (under a minute)
 *   --sends N          outgoing SMS (default 1000)
 *   --receives N       incoming SMS (default 500)
 *   --fuzz N           fuzz inputs in total (default 1,000,000)
 *   --seed N           replay a run (default: RELIABILITY_SEED, else from the clock)
 *   --only loop|fuzz   run one half
 *   --trace FILE       the loop's fault timeline and the child backends' debug log, as JSON lines
 * Exits 1 when a goal is missed (loop: lost 0, duplicated-unflagged 0, stuck 0, incoming lost 0
 * and duplicated 0; fuzz: 0 untyped errors, no input over 50 ms), 2 on a bad option.
 */
import { runFaultLoop, type FaultLoopResult } from './fault-loop.ts';
import { runFuzz, type FuzzResult } from './fuzz.ts';

const SLOWEST_INPUT_GOAL_MS = 50;

function parseArgs(argv: readonly string[]): { short: boolean; sends?: number; receives?: number; fuzz?: number; seed?: number; only?: 'loop' | 'fuzz'; trace?: string } {
  const out: ReturnType<typeof parseArgs> = { short: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} needs a whole number`);
      return n;
    };
    if (arg === '--short') out.short = true;
    else if (arg === '--sends') out.sends = value();
    else if (arg === '--receives') out.receives = value();
    else if (arg === '--fuzz') out.fuzz = value();
    else if (arg === '--seed') out.seed = value();
    else if (arg === '--trace') {
      const file = argv[++i];
      if (!file) throw new Error('--trace takes a file');
      out.trace = file;
    }
    else if (arg === '--only') {
      const which = argv[++i];
      if (which !== 'loop' && which !== 'fuzz') throw new Error('--only takes loop or fuzz');
      out.only = which;
    } else throw new Error(`unknown option ${arg}`);
  }
  return out;
}

const log = (line: string): void => console.log(line);
const row = (label: string, value: string | number, goal = ''): string => `  ${label.padEnd(50)} ${String(value).padStart(7)}  ${goal}`;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

function printLoop(r: FaultLoopResult): string[] {
  const missed: string[] = [];
  const goal = (name: string, n: number): string => {
    if (n !== 0) missed.push(name);
    return `goal 0   ${verdict(n === 0)}`;
  };
  log(`\nFault loop (seed ${r.seed}): ${(r.wallMs / 1000).toFixed(1)} s, of which drain ${(r.drainMs / 1000).toFixed(1)} s`);
  log(`  faults: ${r.faults.sigkill} SIGKILL + restart, ${r.faults.unplug} unplug + replug, ${r.faults.hang} hang + recovery, ${r.faults['unplug-after-submit']} unplug after submit armed (${r.unplugAfterSubmitFired} fired)`);
  log(row('outgoing accepted', r.outgoing.accepted));
  log(row('  sent', r.outgoing.sent));
  log(row('  failed, with a reason', r.outgoing.failedWithReason));
  log(row('  (failed, but the network had it)', r.outgoing.failedButReachedNetwork));
  log(row('  SMS-SUBMITs the network accepted', r.outgoing.submitsAtNetwork));
  log(row('outgoing lost', r.outgoing.lost.length, goal('outgoing lost', r.outgoing.lost.length)));
  log(row('outgoing duplicated, unflagged', r.outgoing.duplicatedUnflagged.length, goal('outgoing duplicated-unflagged', r.outgoing.duplicatedUnflagged.length)));
  log(row('outgoing duplicated, flagged possible-duplicate', r.outgoing.duplicatedFlagged, 'any'));
  log(row('outgoing stuck (not final after the drain)', r.outgoing.stuck.length, goal('outgoing stuck', r.outgoing.stuck.length)));
  log(row('status changes the attempt log does not explain', r.outgoing.logBreaks.length, goal('attempt log', r.outgoing.logBreaks.length)));
  log(row('incoming delivered by the network', r.incoming.delivered));
  log(row('  of them multipart', r.incoming.multipart));
  log(row('  stored once', r.incoming.stored));
  log(row('  still on the SIM at the end', r.incoming.onSimAtEnd));
  log(row('  parts waiting in sms_parts at the end', r.incoming.pendingParts));
  log(row('  stored flagged incomplete', r.incoming.incompleteFlagged.length));
  log(row('incoming lost', r.incoming.lost.length, goal('incoming lost', r.incoming.lost.length)));
  log(row('incoming duplicated', r.incoming.duplicated.length, goal('incoming duplicated', r.incoming.duplicated.length)));
  const details: Array<[string, readonly string[]]> = [
    ['outgoing lost', r.outgoing.lost],
    ['outgoing duplicated, unflagged', r.outgoing.duplicatedUnflagged],
    ['outgoing stuck', r.outgoing.stuck],
    ['attempt log breaks', r.outgoing.logBreaks],
    ['incoming lost', r.incoming.lost],
    ['incoming duplicated', r.incoming.duplicated],
    ['incoming flagged incomplete', r.incoming.incompleteFlagged],
    ['child exits nobody asked for', r.childExitsUnasked],
    ['sends the backend refused', r.refused],
  ];
  for (const [name, list] of details) {
    if (list.length === 0) continue;
    log(`  ${name}:`);
    for (const line of list.slice(0, 20)) log(`    ${line}`);
    if (list.length > 20) log(`    … and ${list.length - 20} more`);
  }
  if (r.childExitsUnasked.length > 0) missed.push('child exits');
  if (r.refused.length > 0) missed.push('refused sends');
  return missed;
}

function printFuzz(r: FuzzResult): string[] {
  const missed: string[] = [];
  log(`\nFuzz (fast-check seed ${r.seed}): ${(r.wallMs / 1000).toFixed(1)} s`);
  log(`  ${'target'.padEnd(40)} ${'inputs'.padStart(9)} ${'decoded/ok'.padStart(11)} ${'typed err'.padStart(10)} ${'untyped'.padStart(8)} ${'slowest'.padStart(10)} ${'re-timed'.padStart(10)}`);
  let total = 0;
  let slowest = { ms: 0, where: '' };
  let retimed = { ms: 0, where: '' };
  for (const t of r.targets) {
    total += t.runs;
    if (t.slowestMs > slowest.ms) slowest = { ms: t.slowestMs, where: `${t.name}, ${t.slowestInput}` };
    if (t.retimedMs > retimed.ms) retimed = { ms: t.retimedMs, where: `${t.name}, ${t.retimedInput}` };
    log(`  ${t.name.padEnd(40)} ${String(t.runs).padStart(9)} ${String(t.clean).padStart(11)} ${String(t.typedErrors).padStart(10)} ${String(t.failure ? 1 : 0).padStart(8)} ${`${t.slowestMs.toFixed(2)} ms`.padStart(10)} ${`${t.retimedMs.toFixed(2)} ms`.padStart(10)}`);
    if (t.failure) {
      missed.push(`untyped error in ${t.name}`);
      log(`    ${t.failure.split('\n').slice(0, 12).join('\n    ')}`);
    }
  }
  log(`  total ${total} inputs; slowest as met ${slowest.ms.toFixed(2)} ms (${slowest.where})`);
  // The goal is judged on the re-timed figure: a GC pause or another process on a shared 2-core
  // machine can stretch any one call (fuzz.ts, Slowest).
  log(`  slowest re-timed (best of 5) ${retimed.ms.toFixed(2)} ms (${retimed.where}); goal ≤ ${SLOWEST_INPUT_GOAL_MS} ms ${verdict(retimed.ms <= SLOWEST_INPUT_GOAL_MS)}`);
  if (retimed.ms > SLOWEST_INPUT_GOAL_MS) missed.push('slowest fuzz input');
  return missed;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const envSeed = process.env.RELIABILITY_SEED === undefined ? undefined : Number(process.env.RELIABILITY_SEED);
  const seed = args.seed ?? (Number.isInteger(envSeed) ? envSeed! : Date.now() % 1_000_000_000);
  const sends = args.sends ?? (args.short ? 150 : 1_000);
  const receives = args.receives ?? (args.short ? 60 : 500);
  const fuzzInputs = args.fuzz ?? (args.short ? 100_000 : 1_000_000);
  // Spread the work so that the faults, one every 0.5-3 s, land all over it: about 4 sends and
  // 2 receives per second of production (the short form packs them a little tighter).
  const durationMs = args.short ? 25_000 : Math.max(20_000, sends * 250);
  const started = Date.now();
  // The child backends inherit it (fault-child.ts).
  if (args.trace) process.env.RELIABILITY_TRACE = args.trace;
  log(`npm run test:reliability — seed ${seed} (replay: --seed ${seed}${args.short ? ' --short' : ''}), Node ${process.version}`);
  const missed: string[] = [];
  if (args.only !== 'fuzz') {
    log(`Fault loop: ${sends} sends, ${receives} receives over ~${(durationMs / 1000).toFixed(0)} s, then a drain`);
    const result = await runFaultLoop({
      sends,
      receives,
      seed,
      durationMs,
      drainMs: args.short ? 25_000 : 120_000,
      faultGapMs: args.short ? [400, 2_000] : [500, 3_000],
      log,
      trace: args.trace ?? null,
    });
    missed.push(...printLoop(result));
  }
  if (args.only !== 'loop') {
    log(`\nFuzz: ${fuzzInputs} inputs`);
    missed.push(...printFuzz(await runFuzz(fuzzInputs, seed, log)));
  }
  log(`\n${missed.length === 0 ? 'All goals met' : `Goals missed: ${missed.join(', ')}`} — seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
