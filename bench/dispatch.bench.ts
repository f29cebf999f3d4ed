/**
 * The sending path end to end: the real backend (createBackend: SQLite in a temp data
 * folder, MessagingService, OutboxDispatcher, ModemGateway) against the modem simulator over a
 * real pty and the real `serialport` package.
 *
 * - Dispatch latency: `messaging.send` returning -> `AT+CMGS=` arriving at the simulator, one
 *   message at a time (each waits for `sent` before the next), 0 ms network delay.
 * - SMS per minute at 0 ms and 3000 ms network delay per part, next to the simulator's own
 *   maximum: a bare client (raw-modem-client.ts) sending the same PDUs as fast as it can.
 * - Enqueueing one message to 10,000 recipients (no modem started), and the part of that spent
 *   in validateDraft alone.
 *
 * The simulator runs in this process, so it shares the event loop (and the 2 cores) with the
 * backend: its own work is inside every figure here, the raw client's included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createBackend } from '../electron/backend/create-backend.ts';
import type { Backend } from '../electron/backend/create-backend.ts';
import type { StatusEvent } from '../electron/backend/events.ts';
import { DEFAULT_SETTINGS } from '../electron/backend/store/repositories/settings-repository.ts';
import type { MessageDraft } from '../src-shared/model.ts';
import { validateDraft } from '../src-shared/protocols/index.ts';
import type { ProtocolSettings } from '../src-shared/protocols/index.ts';
import { encodeSubmit } from '../src-shared/sms/index.ts';
import { ModemSimulator } from '../electron/modem-sim/index.ts';
import { RawModemClient } from './raw-modem-client.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';
import { scoped, type Defer, now, msBetween } from './scoped.ts';

/** One part in GSM-7 (53 characters). */
const TEXT = 'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi.';

const LATENCY = { messages: 200, warmup: 20 } as const;
/**
 * At 0 ms the pace is set by scheduling (socat, the pty, both ends on 2 shared cores): one raw
 * run can be twice as fast as the next. So those runs are repeated, Ujumbe and the raw client
 * alternating, and medians compared. At 3000 ms the network delay sets the pace: one round.
 */
const RATES: ReadonlyArray<{ networkDelayMs: number; messages: number; warmup: number; rounds: number }> = [
  { networkDelayMs: 0, messages: 300, warmup: 20, rounds: 5 },
  // ~60 s per side: the network delay alone sets the pace, so a few messages give a stable figure.
  { networkDelayMs: 3_000, messages: 20, warmup: 0, rounds: 1 },
];
const BULK = { recipients: 10_000, runs: 3, validationRuns: 5 } as const;

/** A distinct, valid Kenyan mobile number for each index: +25471xxxxxxx. */
function address(index: number): string {
  return `+25471${String(index).padStart(7, '0')}`;
}

function draftTo(to: string): MessageDraft {
  return { content: TEXT, recipients: [{ address: to, protocol: 'sms' }] };
}

function tempDataDir(defer: Defer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startSimulator(networkDelayMs: number, defer: Defer): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ profile: 'generic', networkDelayMs });
  defer(() => sim.stop());
  return sim;
}

/** Where the backend keeps its database: a file in a temp data folder (as shipped), or RAM. */
type Database = 'file' | 'memory';

/**
 * A backend with the simulator as its one modem, started. `memory` (':memory:', so no fsync
 * at each commit) is only a diagnostic: it shows what the durable commits cost.
 */
async function startBackend(sim: ModemSimulator, defer: Defer, database: Database = 'file'): Promise<Backend> {
  const modems = [{ path: sim.path, profile: 'auto' as const }];
  const backend = database === 'file'
    ? createBackend({ dataDir: tempDataDir(defer), modems, reconnectDelayMs: 0 })
    : createBackend({ databasePath: ':memory:', modems, reconnectDelayMs: 0 });
  defer(() => backend.stop());
  await backend.start();
  const status = backend.gateways()[0]?.status();
  if (status?.state !== 'running') {
    throw new Error(`The modem gateway did not start: ${status?.state ?? 'missing'} (${status?.problem ?? 'no problem reported'})`);
  }
  return backend;
}

/** Records when each recipient became `sent`; a failure or a retry fails the waits. */
class SentTracker {
  readonly sentAt = new Map<number, bigint>();
  #failure: Error | null = null;
  #waiting: { pending: Set<number>; resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(backend: Backend, defer: Defer) {
    defer(backend.dispatcher.onStatus((event) => this.#onStatus(event)));
  }

  /** Resolves once every id is `sent`; rejects on a failure, a retry, or the deadline. */
  waitSent(ids: readonly number[], deadlineMs: number): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const pending = new Set(ids.filter((id) => !this.sentAt.has(id)));
    if (pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = null;
        reject(new Error(`${pending.size} of ${ids.length} messages not sent within ${deadlineMs} ms`));
      }, deadlineMs);
      this.#waiting = {
        pending,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  #onStatus(event: StatusEvent): void {
    const waiting = this.#waiting;
    if (event.to === 'sent') {
      this.sentAt.set(event.recipientId, now());
      if (waiting === null) return;
      waiting.pending.delete(event.recipientId);
      if (waiting.pending.size === 0) {
        this.#waiting = null;
        waiting.resolve();
      }
    } else if (event.to === 'failed' || (event.from === 'sending' && event.to === 'outbox')) {
      // A benchmark of the happy path: a failure or retry makes every figure meaningless.
      this.#failure ??= new Error(`Recipient ${event.recipientId} went ${event.from ?? '-'} -> ${event.to}: ${event.reason}`);
      if (waiting !== null) {
        this.#waiting = null;
        waiting.reject(this.#failure);
      }
    }
  }
}

// ---- dispatch latency ------------------------------------------------------------------------

interface LatencyResult {
  /** messaging.send itself (validate + one transaction). */
  enqueueMs: number[];
  /** messaging.send returned -> AT+CMGS= received by the simulator. */
  toCmgsMs: number[];
  /** messaging.send returned -> `sent` status event. */
  toSentMs: number[];
}

function measureLatency(): Promise<LatencyResult> {
  return scoped(async (defer) => {
    const sim = await startSimulator(0, defer);
    const backend = await startBackend(sim, defer);
    const tracker = new SentTracker(backend, defer);
    // The simulator emits 'command' synchronously as it frames each line off the pty.
    const probe: { cmgsAt: bigint | null } = { cmgsAt: null };
    const onCommand = (line: string): void => {
      if (probe.cmgsAt === null && line.startsWith('AT+CMGS=')) probe.cmgsAt = now();
    };
    sim.on('command', onCommand);
    defer(() => sim.off('command', onCommand));

    const result: LatencyResult = { enqueueMs: [], toCmgsMs: [], toSentMs: [] };
    for (let i = 0; i < LATENCY.warmup + LATENCY.messages; i++) {
      probe.cmgsAt = null;
      const before = now();
      const receipt = backend.messaging.send(draftTo(address(i)));
      const enqueued = now();
      const id = receipt.recipients[0]!.id;
      await tracker.waitSent([id], 10_000);
      const cmgsAt = probe.cmgsAt;
      if (cmgsAt === null) throw new Error(`Message ${i} was sent but the simulator saw no AT+CMGS=`);
      if (i >= LATENCY.warmup) {
        result.enqueueMs.push(msBetween(before, enqueued));
        result.toCmgsMs.push(msBetween(enqueued, cmgsAt));
        result.toSentMs.push(msBetween(enqueued, tracker.sentAt.get(id)!));
      }
      // Let the dispatcher finish the previous send's bookkeeping: each message starts idle.
      await nextTurn();
    }
    return result;
  });
}

// ---- SMS per minute ---------------------------------------------------------------------------

interface RateResult {
  messages: number;
  seconds: number;
  perMinute: number;
}

interface UjumbeRateResult extends RateResult {
  /** The back-to-back enqueue loop; nothing is dispatched until it ends (one synchronous loop). */
  enqueueSeconds: number;
  /** SMS/min from the end of the enqueue loop to the last `sent`: the dispatch phase alone. */
  dispatchPerMinute: number;
}

const rate = (messages: number, seconds: number): RateResult => ({ messages, seconds, perMinute: (messages / seconds) * 60 });

/** Ujumbe: N one-part messages enqueued back to back; first enqueue -> last `sent`. */
function ujumbeRate(networkDelayMs: number, messages: number, warmup: number, database: Database): Promise<UjumbeRateResult> {
  return scoped(async (defer) => {
    const sim = await startSimulator(networkDelayMs, defer);
    const backend = await startBackend(sim, defer, database);
    const tracker = new SentTracker(backend, defer);
    for (let i = 0; i < warmup; i++) {
      await tracker.waitSent([backend.messaging.send(draftTo(address(i))).recipients[0]!.id], 10_000 + networkDelayMs);
    }
    await nextTurn();

    const ids: number[] = [];
    const start = now();
    for (let i = warmup; i < warmup + messages; i++) ids.push(backend.messaging.send(draftTo(address(i))).recipients[0]!.id);
    const enqueued = now();
    await tracker.waitSent(ids, messages * (networkDelayMs + 5_000));
    const last = ids.reduce((latest, id) => {
      const at = tracker.sentAt.get(id)!;
      return at > latest ? at : latest;
    }, start);

    // The simulator must have seen exactly the PDUs the raw client sends.
    const lastPdu = sim.received.at(-1)?.pdu;
    const expected = expectedPart(warmup + messages - 1).pdu.toUpperCase();
    if (sim.received.length !== warmup + messages || lastPdu !== expected) {
      throw new Error(`The simulator received ${sim.received.length} PDUs, the last ${lastPdu ?? 'none'}; expected ${expected}`);
    }
    return {
      ...rate(messages, msBetween(start, last) / 1e3),
      enqueueSeconds: msBetween(start, enqueued) / 1e3,
      dispatchPerMinute: rate(messages, msBetween(enqueued, last) / 1e3).perMinute,
    };
  });
}

/** The part Ujumbe's gateway encodes for address(i) (encode-item.ts, default settings). */
function expectedPart(index: number): { pdu: string; tpduLength: number } {
  const parts = encodeSubmit({ to: address(index), text: TEXT, statusReport: DEFAULT_SETTINGS.statusReports, flash: false });
  if (parts.length !== 1) throw new Error(`The bench text must be one part, not ${parts.length}`);
  return parts[0]!;
}

/** The simulator's maximum: the bare AT+CMGS exchange, same PDUs, one after another. */
function simulatorRate(networkDelayMs: number, messages: number, warmup: number): Promise<RateResult> {
  return scoped(async (defer) => {
    const sim = await startSimulator(networkDelayMs, defer);
    const client = await RawModemClient.open(sim.path);
    defer(() => client.close());
    // The state Ujumbe's init leaves the modem in (echo off, PDU mode); not timed.
    await client.command('ATE0');
    await client.command('AT+CMGF=0');
    const parts = Array.from({ length: warmup + messages }, (_, i) => expectedPart(i));
    for (const part of parts.slice(0, warmup)) await client.submit(part.pdu, part.tpduLength);

    const start = now();
    for (const part of parts.slice(warmup)) await client.submit(part.pdu, part.tpduLength);
    const end = now();
    if (sim.received.length !== warmup + messages) throw new Error(`The simulator accepted ${sim.received.length} of ${warmup + messages} PDUs`);
    return rate(messages, msBetween(start, end) / 1e3);
  });
}

// ---- enqueue to 10,000 recipients ------------------------------------------------------------

interface BulkResult {
  sendMs: number[];
  validateMs: number[];
}

async function measureBulkEnqueue(): Promise<BulkResult> {
  const draft: MessageDraft = {
    content: TEXT,
    recipients: Array.from({ length: BULK.recipients }, (_, i) => ({ address: address(i), protocol: 'sms' as const })),
  };
  const sendMs: number[] = [];
  let settings: ProtocolSettings | null = null;
  for (let run = 0; run < BULK.runs; run++) {
    await scoped(async (defer) => {
      const dataDir = tempDataDir(defer);
      // A modem is configured (so the route check passes) but never started: no port is opened.
      const backend = createBackend({ dataDir, modems: [{ path: join(dataDir, 'ttyNONE'), profile: 'generic' }] });
      defer(() => backend.stop());
      settings ??= { defaultCountry: backend.store.settings.get('defaultCountry'), maxSmsParts: backend.store.settings.get('maxSmsParts') };
      const start = now();
      const receipt = backend.messaging.send(draft);
      sendMs.push(msBetween(start, now()));
      if (receipt.recipients.length !== BULK.recipients) throw new Error(`Saved ${receipt.recipients.length} recipients, not ${BULK.recipients}`);
    });
  }

  const validateMs: number[] = [];
  const protocolSettings = settings ?? { defaultCountry: DEFAULT_SETTINGS.defaultCountry, maxSmsParts: DEFAULT_SETTINGS.maxSmsParts };
  for (let run = 0; run < BULK.validationRuns; run++) {
    const start = now();
    const validated = validateDraft(draft, protocolSettings);
    validateMs.push(msBetween(start, now()));
    if (validated.recipients.length !== BULK.recipients) throw new Error(`validateDraft kept ${validated.recipients.length} recipients`);
  }
  return { sendMs, validateMs };
}

// ---- figures ------------------------------------------------------------------------------------

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const median = (values: readonly number[]): number => percentile(values, 50);
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const perMinute = (value: number): string => value.toFixed(1);

export const dispatchSuite: BenchSuite = {
  name: 'dispatch',
  async run() {
    const cpu = cpus();
    console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);

    const latency = await measureLatency();
    console.log(`\nDispatch latency, ${LATENCY.messages} messages one at a time (after ${LATENCY.warmup} warm-up), 0 ms network delay:`);
    printTable(
      ['from messaging.send returning', 'p50', 'p95', 'max'],
      [
        ['-> AT+CMGS= at the simulator', ms(percentile(latency.toCmgsMs, 50)), ms(percentile(latency.toCmgsMs, 95)), ms(Math.max(...latency.toCmgsMs))],
        ['-> status `sent`', ms(percentile(latency.toSentMs, 50)), ms(percentile(latency.toSentMs, 95)), ms(Math.max(...latency.toSentMs))],
        ['(messaging.send itself)', ms(percentile(latency.enqueueMs, 50)), ms(percentile(latency.enqueueMs, 95)), ms(Math.max(...latency.enqueueMs))],
      ],
    );

    const rateRows: string[][] = [];
    for (const { networkDelayMs, messages, warmup, rounds } of RATES) {
      const runs = { file: [] as UjumbeRateResult[], memory: [] as UjumbeRateResult[], simulator: [] as RateResult[] };
      for (let round = 0; round < rounds; round++) {
        runs.file.push(await ujumbeRate(networkDelayMs, messages, warmup, 'file'));
        // Diagnostic, 0 ms only: the same run without durable commits shows what they cost.
        if (networkDelayMs === 0) runs.memory.push(await ujumbeRate(networkDelayMs, messages, warmup, 'memory'));
        runs.simulator.push(await simulatorRate(networkDelayMs, messages, warmup));
      }
      const simulatorMedian = median(runs.simulator.map((r) => r.perMinute));
      const share = (value: number): string => `${((value / simulatorMedian) * 100).toFixed(1)}%`;
      const spread = (values: readonly number[]): string =>
        values.length === 1 ? perMinute(values[0]!) : `${perMinute(median(values))} (${perMinute(Math.min(...values))}-${perMinute(Math.max(...values))})`;
      const row = (label: string, ujumbe: readonly UjumbeRateResult[]): string[] => [
        label,
        `${messages} x ${rounds}`,
        spread(ujumbe.map((r) => r.perMinute)),
        spread(runs.simulator.map((r) => r.perMinute)),
        share(median(ujumbe.map((r) => r.perMinute))),
        `${(median(ujumbe.map((r) => r.enqueueSeconds)) * 1e3).toFixed(0)} ms`,
        `${perMinute(median(ujumbe.map((r) => r.dispatchPerMinute)))} (${share(median(ujumbe.map((r) => r.dispatchPerMinute)))})`,
      ];
      rateRows.push(row(`${networkDelayMs} ms`, runs.file));
      if (runs.memory.length > 0) rateRows.push(row(`${networkDelayMs} ms, :memory: db (diagnostic)`, runs.memory));
    }
    console.log('\nSMS per minute, one-part messages enqueued back to back (first enqueue -> last `sent`); median (min-max) of the rounds:');
    printTable(
      ['network delay / part', 'messages', 'Ujumbe SMS/min', 'simulator max SMS/min', 'Ujumbe share', 'enqueue loop', 'after the loop: SMS/min (share)'],
      rateRows,
    );

    const bulk = await measureBulkEnqueue();
    const sendMedian = median(bulk.sendMs);
    const validateMedian = median(bulk.validateMs);
    console.log(`\nOne message to ${BULK.recipients.toLocaleString('en-US')} recipients, no modem started:`);
    printTable(
      ['operation', 'median', 'min', 'max', 'runs'],
      [
        ['messaging.send (validate + save)', ms(sendMedian), ms(Math.min(...bulk.sendMs)), ms(Math.max(...bulk.sendMs)), String(bulk.sendMs.length)],
        [
          `validateDraft alone (${((validateMedian / sendMedian) * 100).toFixed(0)}% of send)`,
          ms(validateMedian),
          ms(Math.min(...bulk.validateMs)),
          ms(Math.max(...bulk.validateMs)),
          String(bulk.validateMs.length),
        ],
      ],
    );
  },
};
