/**
 * Plug-in: how soon a modem that appears is usable, and what modem detection costs a
 * modem that is sending. The real backend (createBackend: SQLite in a temp data folder, modem
 * detection with `patterns: ['<tmp>/tty*']` and `list: null`, GatewayManager, ModemGateway)
 * against the modem simulator over real ptys (socat) and the real `serialport` package.
 *
 * 1. Plug-in latency (suite `plug-in-latency`): from the moment the port's link exists (the symlink's own mtime, which
 *    socat sets when it creates it) until the gateway for that modem says canSend(). Two kinds of
 *    event: the first plug of a new modem (a simulator with an IMEI never seen; the gateway is
 *    removed again afterwards, so each is "a new modem"), and a saved modem re-plugged under
 *    another name (one simulator, `replug({ link })` onto a new ttyUSB<n>). Both with the
 *    default folder watch + 2 s poll, and with `watch: false` (poll only). The gateway's status
 *    events and the manager's 'added' event are followed: nothing is polled. Two small extra
 *    cases with the watch on: a new modem that answers AT only 1 s / 2 s after its port appears
 *    (the simulator hung until then), and a new modem plugged together with a sibling tty that
 *    never answers (a dead pty).
 * 2. Detection beside a sending modem (suite `plug-in-sending`): one pinned modem sends N one-part messages (first
 *    enqueue -> last `sent`) with detection off (`detection: false`) and on, while in the search
 *    folder dead ptys (socat pairs nobody answers on) and a second simulator keep appearing and
 *    vanishing. The churn runs in both cases, so the ratio is detection's own cost. The second
 *    modem is offered, not adopted (autoAdoptModems off), so it never takes a message.
 *
 * `npm run bench -- plug-in` runs both (about 2 minutes).
 * The probe passed to detection is the default one (probePort with the default options), wrapped
 * only to time it. Everything runs in this process: the simulators share the event loop (and the
 * 2 cores) with the backend.
 */
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Backend, createBackend } from '../electron/backend/create-backend.ts';
import type { Gateway } from '../electron/backend/gateways/gateway.ts';
import type { PortProber } from '../electron/backend/gateways/modem/discovery/port-probe.ts';
import { probePort } from '../electron/backend/gateways/modem/discovery/port-probe.ts';
import { ModemGateway } from '../electron/backend/gateways/modem/modem-gateway.ts';
import { ModemSimulator } from '../electron/modem-sim/index.ts';
import { openPtyPair, type PtyPair } from '../electron/modem-sim/pty-pair.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';
import { scoped, type Defer, now, msBetween } from './scoped.ts';

/** The goal: a modem plugged in is usable within this. */
const GOAL_MS = 3_000;
/** Detection's default poll period (modem-detection.ts); poll-only runs spread their plugs over it. */
const POLL_MS = 2_000;
/** With the watch on: events, and the pause after each (the removal's own scan is over by then). */
const WATCH_EVENTS = 20;
const WATCH_GAP_MS = 200;
/**
 * Poll only: every event costs about one poll period whatever is done, so fewer of them. The
 * wait depends only on where the plug falls in the poll period; the pause before each plug is
 * spread evenly over one period (in a shuffled order) so the events sample it evenly.
 */
const POLL_EVENTS = 8;
const EVENT_DEADLINE_MS = 15_000;
/** A new modem plugged together with a sibling tty that never answers. */
const SILENT_SIBLING_EVENTS = 3;
/** A modem that answers AT only this long after its port appears: one event each. */
const BOOT_DELAYS_MS = [1_000, 2_000] as const;

/** One part in GSM-7. */
const TEXT = 'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi.';
const RATES: ReadonlyArray<{ networkDelayMs: number; messages: number; rounds: number }> = [
  // Scheduling and fsync set the pace at 0 ms and move it a lot between runs: 4 rounds, off / on
  // in alternating order, medians compared.
  { networkDelayMs: 0, messages: 400, rounds: 4 },
  // The network sets the pace: ~8 s per run.
  { networkDelayMs: 200, messages: 40, rounds: 1 },
];
const RATE_WARMUP = 5;
/** The churn: a new dead pty this often, this many alive at a time (so each lives about 4 s). */
const DEAD_EVERY_MS = 800;
const DEAD_ALIVE = 5;
/**
 * The second modem's plug / unplug times. Plugged long enough, usually, for a scan held up by a
 * dead pty (two 1.5 s AT probes) to get to it; not always (the suite counts those).
 */
const SIM2_PLUGGED_MS = 3_500;
const SIM2_UNPLUGGED_MS = 400;
const SENDER_IMEI = '356938035643809';
const SIM2_IMEI = '356938035649990';

function tempDir(prefix: string, defer: Defer): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A distinct 15-digit IMEI per new modem. */
const imeiFor = (n: number): string => `35693803${String(n).padStart(7, '0')}`;

/** The hrtime at which the symlink at `path` was created (its lstat mtime, wall clock -> hrtime). */
function linkCreatedAt(path: string): bigint {
  const hr = now();
  const wall = Date.now();
  const mtimeMs = lstatSync(path).mtimeMs;
  return hr - BigInt(Math.round((wall - mtimeMs) * 1e6));
}

// ---- part 1: plug-in latency -----------------------------------------------------------------

/** Milliseconds from the link's creation. */
interface PlugEvent {
  /** ModemSimulator.start() / replug() resolved. */
  resolved: number;
  /** Detection first listed the port (its 'pending' announcement before the probe). */
  listed: number;
  /** The last probe of the port (the one that found the modem) began and ended. */
  probeStart: number;
  probeEnd: number;
  probes: number;
  /** The gateway began opening the port (built and started, or moved with attach()). */
  starting: number;
  /** canSend(). */
  ready: number;
}

interface Pending {
  path: string;
  listedAt: bigint | null;
  probeStartAt: bigint | null;
  probeEndAt: bigint | null;
  probes: number;
  startingAt: bigint | null;
  readyAt: bigint | null;
  gatewayId: string | null;
  resolve: () => void;
}

/** Follows one port at a time through detection, the manager and its gateway. */
class PlugRecorder {
  private current: Pending | null = null;
  private readonly followed = new Set<string>();
  private readonly unsubscribe: Array<() => void> = [];

  /** The default probe, timed. */
  readonly probe: PortProber = async (path) => {
    const pending = this.current?.path === path ? this.current : null;
    if (pending) {
      pending.probeStartAt = now();
      pending.probes += 1;
    }
    const result = await probePort(path);
    if (pending) pending.probeEndAt = now();
    return result;
  };

  attach(backend: Backend): void {
    const detection = backend.detection!;
    const onChange = (report: { ports: ReadonlyArray<{ path: string }> }): void => {
      const pending = this.current;
      if (pending && pending.listedAt === null && report.ports.some((p) => p.path === pending.path)) pending.listedAt = now();
    };
    detection.on('change', onChange);
    this.unsubscribe.push(() => detection.off('change', onChange));
    const onAdded = (gateway: Gateway): void => this.follow(gateway);
    backend.manager.on('added', onAdded);
    this.unsubscribe.push(() => backend.manager.off('added', onAdded));
    for (const gateway of backend.gateways()) this.follow(gateway);
  }

  detach(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Arms for `path`; `plug` makes it appear. Resolves with the event once its gateway can send. */
  async measure(path: string, plug: () => Promise<void>): Promise<PlugEvent & { gatewayId: string }> {
    let resolve!: () => void;
    const ready = new Promise<void>((r) => (resolve = r));
    const pending: Pending = { path, listedAt: null, probeStartAt: null, probeEndAt: null, probes: 0, startingAt: null, readyAt: null, gatewayId: null, resolve };
    this.current = pending;
    let timer: NodeJS.Timeout | undefined;
    try {
      await plug();
      const resolvedAt = now();
      const linkAt = linkCreatedAt(path);
      await Promise.race([
        ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${path}: no gateway could send within ${EVENT_DEADLINE_MS} ms`)), EVENT_DEADLINE_MS);
        }),
      ]);
      const at = (t: bigint | null): number => (t === null ? Number.NaN : msBetween(linkAt, t));
      return {
        resolved: at(resolvedAt),
        listed: at(pending.listedAt),
        probeStart: at(pending.probeStartAt),
        probeEnd: at(pending.probeEndAt),
        probes: pending.probes,
        starting: at(pending.startingAt),
        ready: at(pending.readyAt),
        gatewayId: pending.gatewayId!,
      };
    } finally {
      clearTimeout(timer);
      this.current = null;
    }
  }

  private follow(gateway: Gateway): void {
    if (!(gateway instanceof ModemGateway) || this.followed.has(gateway.id)) return;
    this.followed.add(gateway.id);
    this.unsubscribe.push(gateway.onStatus((status) => {
      const pending = this.current;
      if (!pending || gateway.path !== pending.path) return;
      if (pending.startingAt === null && status.state === 'starting') pending.startingAt = now();
      if (pending.readyAt === null && gateway.canSend()) {
        pending.readyAt = now();
        pending.gatewayId = gateway.id;
        pending.resolve();
      }
    }));
    // A gateway removed and built again under the same id is a new object: follow that one too.
    this.unsubscribe.push(() => this.followed.delete(gateway.id));
  }
}

type Kind = 'new' | 'replug';

/** The pause before each plug: none with the watch; spread over one poll period without it. */
function gaps(watch: boolean, events: number): number[] {
  if (watch) return Array.from({ length: events }, () => WATCH_GAP_MS);
  // Evenly spread, in a fixed shuffled order: a stride coprime with the count visits every slot once.
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = 3;
  while (gcd(stride, events) !== 1) stride += 1;
  return Array.from({ length: events }, (_, i) => (((i * stride) % events) + 0.5) * (POLL_MS / events));
}

async function plugInRun(kind: Kind, watch: boolean): Promise<PlugEvent[]> {
  return scoped(async (defer) => {
    const search = tempDir('ujumbe-bench-plug-', defer);
    const recorder = new PlugRecorder();
    const backend = createBackend({
      dataDir: tempDir('ujumbe-bench-', defer),
      detection: { patterns: [join(search, 'tty*')], list: null, probe: recorder.probe, ...(watch ? {} : { watch: false }) },
    });
    defer(() => backend.stop());
    recorder.attach(backend);
    defer(() => recorder.detach());
    await backend.start();

    const events = watch ? WATCH_EVENTS : POLL_EVENTS;
    const pauses = gaps(watch, events);
    const results: PlugEvent[] = [];
    if (kind === 'new') {
      for (let n = 0; n < events; n++) {
        await sleep(pauses[n]!);
        const path = join(search, `ttyUSB${n}`);
        let sim: ModemSimulator | null = null;
        try {
          const event = await recorder.measure(path, async () => {
            sim = await ModemSimulator.start({ link: path, imei: imeiFor(n) });
          });
          results.push(event);
          // Gone again, row and all: the next modem is a new one too.
          await backend.manager.remove(event.gatewayId);
        } finally {
          await (sim as ModemSimulator | null)?.stop();
        }
      }
    } else {
      // The saved modem: plugged once and adopted (not timed), then re-plugged under new names.
      const sim = await ModemSimulator.start({ link: join(search, 'ttyUSB100') });
      defer(() => sim.stop());
      await recorder.measure(sim.path, async () => undefined);
      for (let n = 0; n < events; n++) {
        await sleep(pauses[n]!);
        const path = join(search, `ttyUSB${101 + n}`);
        results.push(await recorder.measure(path, () => sim.replug({ link: path })));
      }
      const gatewayIds = backend.gateways().map((g) => g.id);
      if (gatewayIds.length !== 1) throw new Error(`A re-plugged modem must stay one gateway, not ${gatewayIds.join(', ')}`);
    }
    return results;
  });
}

/**
 * New modems that answer AT only `bootMs` after their port appears (a real stick's firmware may
 * need seconds after its tty shows up): the simulator is hung (drops input) until then. Watch on.
 */
async function slowBootRun(bootDelaysMs: readonly number[]): Promise<Array<PlugEvent & { bootMs: number }>> {
  return scoped(async (defer) => {
    const search = tempDir('ujumbe-bench-plug-', defer);
    const recorder = new PlugRecorder();
    const backend = createBackend({
      dataDir: tempDir('ujumbe-bench-', defer),
      detection: { patterns: [join(search, 'tty*')], list: null, probe: recorder.probe },
    });
    defer(() => backend.stop());
    recorder.attach(backend);
    defer(() => recorder.detach());
    await backend.start();
    const results: Array<PlugEvent & { bootMs: number }> = [];
    for (const [n, bootMs] of bootDelaysMs.entries()) {
      await sleep(WATCH_GAP_MS);
      const path = join(search, `ttyUSB${n}`);
      let sim: ModemSimulator | null = null;
      let boot: NodeJS.Timeout | undefined;
      try {
        const event = await recorder.measure(path, async () => {
          const started = await ModemSimulator.start({ link: path, imei: imeiFor(1_000 + n) });
          sim = started;
          started.hang(true);
          const sinceLink = msBetween(linkCreatedAt(path), now());
          boot = setTimeout(() => started.hang(false), Math.max(0, bootMs - sinceLink));
        });
        results.push({ ...event, bootMs });
        await backend.manager.remove(event.gatewayId);
      } finally {
        clearTimeout(boot);
        await (sim as ModemSimulator | null)?.stop();
      }
    }
    return results;
  });
}

/**
 * A new modem whose sibling tty never answers (a stick's diagnostic or GPS interface, a dead
 * pty): both appear together, so one scan looks at both. Watch on.
 */
async function silentSiblingRun(events: number): Promise<PlugEvent[]> {
  return scoped(async (defer) => {
    const search = tempDir('ujumbe-bench-plug-', defer);
    const recorder = new PlugRecorder();
    const backend = createBackend({
      dataDir: tempDir('ujumbe-bench-', defer),
      detection: { patterns: [join(search, 'tty*')], list: null, probe: recorder.probe },
    });
    defer(() => backend.stop());
    recorder.attach(backend);
    defer(() => recorder.detach());
    await backend.start();
    const results: PlugEvent[] = [];
    for (let n = 0; n < events; n++) {
      // The last event's scan (a retry of its silent port, say) is over before the next plug.
      const idle = Date.now() + 10_000;
      while (backend.detection!.report().scanning && Date.now() < idle) await sleep(20);
      await sleep(WATCH_GAP_MS);
      const path = join(search, `ttyUSB${2 * n + 1}`);
      let sim: ModemSimulator | null = null;
      let silent: PtyPair | null = null;
      try {
        const event = await recorder.measure(path, async () => {
          silent = await openPtyPair(join(search, `ttyUSB${2 * n}`));
          sim = await ModemSimulator.start({ link: path, imei: imeiFor(2_000 + n) });
        });
        results.push(event);
        await backend.manager.remove(event.gatewayId);
      } finally {
        await (sim as ModemSimulator | null)?.stop();
        await (silent as PtyPair | null)?.close();
      }
    }
    return results;
  });
}

// ---- part 2: detection beside a sending modem ------------------------------------------------

interface ChurnStats {
  deadPtys: number;
  sim2Plugs: number;
  /** Probes detection made, by outcome (detection on only). */
  probes: Map<string, number>;
  /** sim2's plug -> detection offering it, ms (detection on only). */
  offeredMs: number[];
  /**
   * sim2 plugs that were not offered within SIM2_PLUGGED_MS (detection on only). A plug the run's
   * end cut short counts in neither.
   */
  notOffered: number;
}

/** Dead ptys and a second modem appearing and vanishing in `dir` until stop(). */
function startChurn(dir: string, backend: Backend): { stop(): Promise<Omit<ChurnStats, 'probes'>> } {
  let running = true;
  const stopped = new AbortController();
  // Sleeps that end early when the churn stops.
  const pause = (ms: number): Promise<void> => sleep(ms, undefined, { signal: stopped.signal }).catch(() => undefined);
  let failure: unknown = null;
  const stats: Omit<ChurnStats, 'probes'> = { deadPtys: 0, sim2Plugs: 0, offeredMs: [], notOffered: 0 };
  const detecting = backend.detection !== null;
  const dead = (async () => {
    const alive: PtyPair[] = [];
    try {
      for (let k = 0; running; k++) {
        alive.push(await openPtyPair(join(dir, `ttyDEAD${k}`)));
        stats.deadPtys += 1;
        if (alive.length > DEAD_ALIVE) await alive.shift()!.close();
        await pause(DEAD_EVERY_MS);
      }
    } finally {
      await Promise.all(alive.map((pty) => pty.close()));
    }
  })();
  const second = (async () => {
    // Detection offers sim2 (a saved modem exists and autoAdoptModems is off): when, for each plug.
    let pluggedAt: { path: string; at: bigint } | null = null;
    const onChange = (report: { offered: ReadonlyArray<{ path: string }> }): void => {
      if (pluggedAt && report.offered.some((o) => o.path === pluggedAt!.path)) {
        stats.offeredMs.push(msBetween(pluggedAt.at, now()));
        pluggedAt = null;
      }
    };
    backend.detection?.on('change', onChange);
    const sim2 = await ModemSimulator.start({ link: join(dir, 'ttyACM0'), imei: SIM2_IMEI });
    pluggedAt = { path: sim2.path, at: linkCreatedAt(sim2.path) };
    stats.sim2Plugs += 1;
    try {
      for (let k = 1; running; k++) {
        // The same schedule with detection off and on, so the churn costs the same in both.
        await pause(SIM2_PLUGGED_MS);
        if (!running) break;
        const missed = pluggedAt !== null;
        await sim2.unplug();
        if (missed && detecting) stats.notOffered += 1;
        pluggedAt = null;
        await pause(SIM2_UNPLUGGED_MS);
        if (!running) break;
        const link = join(dir, `ttyACM${k}`);
        await sim2.replug({ link });
        pluggedAt = { path: link, at: linkCreatedAt(link) };
        stats.sim2Plugs += 1;
      }
    } finally {
      backend.detection?.off('change', onChange);
      await sim2.stop();
    }
  })();
  const loops = Promise.all([dead, second]).catch((error: unknown) => {
    failure = error;
  });
  let stopping: Promise<Omit<ChurnStats, 'probes'>> | null = null;
  return {
    /** Idempotent; rejects if the churn itself failed. */
    stop() {
      stopping ??= (async () => {
        running = false;
        stopped.abort();
        await loops;
        if (failure !== null) throw failure;
        return stats;
      })();
      return stopping;
    },
  };
}

interface RateRun {
  detection: boolean;
  perMinute: number;
  seconds: number;
  /** This process's event loop busy share, and its CPU time (user + system) per message, over the timed window. */
  eventLoopBusy: number;
  cpuMsPerMessage: number;
  churn: ChurnStats;
}

function sendingRate(networkDelayMs: number, messages: number, detection: boolean): Promise<RateRun> {
  return scoped(async (defer) => {
    const search = tempDir('ujumbe-bench-plug-', defer);
    const sim = await ModemSimulator.start({ link: join(search, 'ttyUSB0'), networkDelayMs, imei: SENDER_IMEI });
    defer(() => sim.stop());
    const probes = new Map<string, number>();
    const probe: PortProber = async (path) => {
      const result = await probePort(path);
      probes.set(result.outcome, (probes.get(result.outcome) ?? 0) + 1);
      return result;
    };
    const backend = createBackend({
      dataDir: tempDir('ujumbe-bench-', defer),
      modems: [{ path: sim.path }],
      reconnectDelayMs: 0,
      detection: detection ? { patterns: [join(search, 'tty*')], list: null, probe } : false,
    });
    defer(() => backend.stop());
    // The second modem is offered, never used: every message goes through the one modem.
    backend.store.settings.set('autoAdoptModems', false);
    await backend.start();
    const sender = backend.gateways()[0]!;
    if (!sender.canSend()) throw new Error(`The sending modem did not start: ${sender.status().state}`);

    const sentAt = new Map<number, bigint>();
    let failure: Error | null = null;
    let waiting: { pending: Set<number>; resolve: () => void } | null = null;
    defer(backend.dispatcher.onStatus((event) => {
      if (event.to === 'sent') {
        sentAt.set(event.recipientId, now());
        waiting?.pending.delete(event.recipientId);
        if (waiting?.pending.size === 0) waiting.resolve();
      } else if (event.to === 'failed' || (event.from === 'sending' && event.to === 'outbox')) {
        failure ??= new Error(`Recipient ${event.recipientId} went ${event.from ?? '-'} -> ${event.to}: ${event.reason}`);
      }
    }));
    const send = (i: number): number =>
      backend.messaging.send({ content: TEXT, recipients: [{ address: `+25471${String(i).padStart(7, '0')}`, protocol: 'sms' }] }).recipients[0]!.id;
    const allSent = async (ids: number[], deadlineMs: number): Promise<void> => {
      const pending = new Set(ids.filter((id) => !sentAt.has(id)));
      if (pending.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const check = setInterval(() => {
          if (failure) waiting?.resolve();
        }, 50);
        try {
          await Promise.race([
            new Promise<void>((resolve) => (waiting = { pending, resolve })),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`${pending.size} of ${ids.length} not sent within ${deadlineMs} ms`)), deadlineMs);
            }),
          ]);
        } finally {
          clearTimeout(timer);
          clearInterval(check);
          waiting = null;
        }
      }
      if (failure) throw failure;
    };

    for (let i = 0; i < RATE_WARMUP; i++) await allSent([send(i)], 10_000 + networkDelayMs);
    const churn = startChurn(search, backend);
    defer(() => churn.stop());
    // Let the churn get going (a few dead ptys and the second modem) before the clock starts.
    await sleep(600);

    const ids: number[] = [];
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const start = now();
    for (let i = RATE_WARMUP; i < RATE_WARMUP + messages; i++) ids.push(send(i));
    await allSent(ids, messages * (networkDelayMs + 100) + 60_000);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const used = process.cpuUsage(cpu);
    const last = ids.reduce((latest, id) => (sentAt.get(id)! > latest ? sentAt.get(id)! : latest), start);
    const churned = await churn.stop();
    if (sim.received.length !== RATE_WARMUP + messages) throw new Error(`The sending modem got ${sim.received.length} PDUs, not ${RATE_WARMUP + messages}`);
    const seconds = msBetween(start, last) / 1e3;
    return {
      detection,
      seconds,
      perMinute: (messages / seconds) * 60,
      eventLoopBusy: busy,
      cpuMsPerMessage: (used.user + used.system) / 1e3 / messages,
      churn: { ...churned, probes },
    };
  });
}

// ---- figures ------------------------------------------------------------------------------------

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (values: readonly number[]): number => percentile(values, 50);
const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${value.toFixed(0)} ms`);

const machine = (): string => {
  const cpu = cpus();
  return `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
};

export const plugInLatencySuite: BenchSuite = {
  name: 'plug-in-latency',
  async run() {
    console.log(machine());
    const runs: Array<{ label: string; watch: boolean; events: PlugEvent[] }> = [];
    for (const watch of [true, false]) {
      for (const kind of ['new', 'replug'] as const) {
        const label = `${kind === 'new' ? 'first plug of a new modem' : 'saved modem re-plugged, new name'}, ${watch ? 'watch + poll' : 'poll only'}`;
        runs.push({ label, watch, events: await plugInRun(kind, watch) });
      }
    }
    console.log(`\nPlug-in: the port's link created -> the gateway can send (canSend()); goal <= ${GOAL_MS} ms:`);
    printTable(
      ['event', 'n', 'p50', 'p95', 'max', `goal <= ${GOAL_MS} ms`],
      runs.map(({ label, events }) => {
        const ready = events.map((e) => e.ready);
        const max = Math.max(...ready);
        return [label, String(events.length), ms(percentile(ready, 50)), ms(percentile(ready, 95)), ms(max), max <= GOAL_MS ? 'met (every event)' : percentile(ready, 95) <= GOAL_MS ? 'met at p95' : 'MISSED'];
      }),
    );
    console.log('\nWhere the time goes (medians in ms; the first two from the link, the rest each from the step before):');
    printTable(
      ['event', 'sim resolved', 'listed (debounce / poll)', '-> probe began', 'probe', '-> gateway starting', 'init -> canSend', 'probes / event'],
      runs.map(({ label, events }) => {
        const step = (f: (e: PlugEvent) => number): string => ms(median(events.map(f)));
        return [
          label,
          step((e) => e.resolved),
          step((e) => e.listed),
          step((e) => e.probeStart - e.listed),
          step((e) => e.probeEnd - e.probeStart),
          step((e) => e.starting - e.probeEnd),
          step((e) => e.ready - e.starting),
          (events.reduce((sum, e) => sum + e.probes, 0) / events.length).toFixed(2),
        ];
      }),
    );
    const slow = await slowBootRun(BOOT_DELAYS_MS);
    console.log('\nA new modem that answers AT only some time after its port appears (the simulator drops input until then), watch + poll:');
    printTable(
      ['answers AT after', 'link -> canSend', 'probes', 'last probe began', 'goal'],
      slow.map((e) => [`${e.bootMs} ms`, ms(e.ready), String(e.probes), ms(e.probeStart), e.ready <= GOAL_MS ? 'met' : 'MISSED']),
    );
    const sibling = await silentSiblingRun(SILENT_SIBLING_EVENTS);
    console.log('\nA new modem plugged together with a sibling tty that never answers AT (one scan looks at both), watch + poll:');
    printTable(
      ['event', 'link -> canSend', 'listed', 'modem probe', 'probe ended -> gateway starting', 'goal'],
      sibling.map((e, i) => [String(i + 1), ms(e.ready), ms(e.listed), ms(e.probeEnd - e.probeStart), ms(e.starting - e.probeEnd), e.ready <= GOAL_MS ? 'met' : 'MISSED']),
    );
    const ready = (watch: boolean): number[] => runs.filter((r) => r.watch === watch).flatMap((r) => r.events.map((e) => e.ready));
    const [watched, polled] = [ready(true), ready(false)];
    console.log(
      `\nWhat the watch buys (both kinds together): median ${ms(median(polled))} poll only -> ${ms(median(watched))} with the watch ` +
        `(${(median(polled) / median(watched)).toFixed(1)}x faster); max ${ms(Math.max(...polled))} -> ${ms(Math.max(...watched))}`,
    );
  },
};

export const plugInSendingSuite: BenchSuite = {
  name: 'plug-in-sending',
  async run() {
    console.log(machine());
    const rows: string[][] = [];
    const costRows: string[][] = [];
    for (const { networkDelayMs, messages, rounds } of RATES) {
      const off: RateRun[] = [];
      const on: RateRun[] = [];
      // Off, on, then on, off: whatever drifts during the suite (disk, other load) hits both sides.
      for (let round = 0; round < rounds; round++) {
        for (const detection of round % 2 === 0 ? [false, true] : [true, false]) {
          (detection ? on : off).push(await sendingRate(networkDelayMs, messages, detection));
        }
      }
      const spread = (values: readonly number[], digits = 1): string =>
        values.length === 1 ? values[0]!.toFixed(digits) : `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
      const offMedian = median(off.map((r) => r.perMinute));
      const onMedian = median(on.map((r) => r.perMinute));
      const probes = new Map<string, number>();
      for (const run of on) for (const [outcome, count] of run.churn.probes) probes.set(outcome, (probes.get(outcome) ?? 0) + count);
      const offered = on.flatMap((r) => r.churn.offeredMs);
      const notOffered = on.reduce((sum, r) => sum + r.churn.notOffered, 0);
      rows.push([
        `${networkDelayMs} ms`,
        `${messages} x ${rounds}`,
        spread(off.map((r) => r.perMinute)),
        spread(on.map((r) => r.perMinute)),
        (onMedian / offMedian).toFixed(3),
        `${on.reduce((sum, r) => sum + r.churn.deadPtys, 0)} / ${on.reduce((sum, r) => sum + r.churn.sim2Plugs, 0)}`,
        [...probes].map(([outcome, count]) => `${count} ${outcome}`).join(', '),
        `${offered.length} of ${on.reduce((sum, r) => sum + r.churn.sim2Plugs, 0)}` +
          (offered.length === 0 ? '' : `: ${ms(median(offered))} / ${ms(Math.max(...offered))}`) +
          (notOffered > 0 ? `; ${notOffered} not within ${SIM2_PLUGGED_MS} ms` : ''),
      ]);
      const pct = (values: readonly number[]): string => spread(values.map((v) => v * 100), 0);
      costRows.push([
        `${networkDelayMs} ms`,
        pct(off.map((r) => r.eventLoopBusy)),
        pct(on.map((r) => r.eventLoopBusy)),
        spread(off.map((r) => r.cpuMsPerMessage), 2),
        spread(on.map((r) => r.cpuMsPerMessage), 2),
      ]);
    }
    console.log('\nOne modem sending, detection off vs on, while dead ptys and a second modem come and go in the search folder');
    console.log('(SMS/min from the first enqueue to the last `sent`; median (min-max) of the rounds; the churn runs in both):');
    printTable(
      ['network delay / part', 'messages', 'detection off SMS/min', 'detection on SMS/min', 'on : off', 'dead ptys / 2nd-modem plugs (on)', 'probes while on', '2nd modem offered (of its plugs): p50 / max after its link'],
      rows,
    );
    console.log('\nThis process over the same windows (it runs the backend and both simulators; socat is outside):');
    printTable(['network delay / part', 'event loop busy % (off)', 'event loop busy % (on)', 'CPU ms / message (off)', 'CPU ms / message (on)'], costRows);
  },
};
