/**
 * The seeded fault loop of `npm run test:reliability` (issue 10, "Tests and figures"; the
 * invariants of docs/ARCHITECTURE.md: nothing is lost, an SMS leaves the SIM only once it is
 * committed, a possible duplicate is flagged).
 *
 * A backend runs in a child process (fault-child.ts) on a data folder and the project's modem
 * simulator (electron/modem-sim, a real pty through socat). This process owns the simulator, so
 * what the "network" accepted and delivered survives every kill. While the child sends `sends`
 * SMS and the simulator delivers `receives` (single and multipart, some out of order, in
 * bursts), faults come at random moments, one at a time: SIGKILL of the child and a restart, an
 * unplug and replug, a hang and its end, an unplug right after a body's Ctrl-Z (the network took
 * it, or not). Then a final undisturbed drain, and the database is compared with the simulator.
 * Every random choice comes from one seed, printed, so a failure can be replayed (the timing of
 * the child's own work still varies from run to run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import { ModemSimulator } from '../../electron/modem-sim/index.ts';
import { buildDeliverPdus } from '../../electron/modem-sim/sms-pdus.ts';
import { decodeDeliverPdu, PduError } from '../../src-shared/sms/pdu/index.ts';
import { mulberry32 } from '../support/seeded-random.ts';

const CHILD = fileURLToPath(new URL('./fault-child.ts', import.meta.url));

export interface FaultLoopOptions {
  sends: number;
  receives: number;
  seed: number;
  /** How long sending and receiving are spread over (faults come during it). */
  durationMs: number;
  /** The longest the final undisturbed drain may take. */
  drainMs: number;
  /** Pause between two faults: uniformly in [min, max]. */
  faultGapMs: readonly [number, number];
  log: (line: string) => void;
  /** A file for the fault timeline and the child's log lines (run.ts --trace), or null. */
  trace?: string | null;
}

export type FaultKind = 'sigkill' | 'unplug' | 'hang' | 'unplug-after-submit';

export interface FaultLoopResult {
  seed: number;
  wallMs: number;
  drainMs: number;
  faults: Record<FaultKind, number>;
  /** unplug-after-submit faults that fired (a body came while armed), and of those, how many the network took. */
  unplugAfterSubmitFired: number;
  childExitsUnasked: string[];
  /** Sends the child refused (validation): would be a bug in the loop. */
  refused: string[];
  outgoing: {
    accepted: number;
    sent: number;
    failedWithReason: number;
    failedButReachedNetwork: number;
    lost: string[];
    duplicatedUnflagged: string[];
    duplicatedFlagged: number;
    stuck: string[];
    /** Status changes the attempt log does not explain (status_log). */
    logBreaks: string[];
    submitsAtNetwork: number;
  };
  incoming: {
    delivered: number;
    multipart: number;
    stored: number;
    lost: string[];
    duplicated: string[];
    onSimAtEnd: number;
    incompleteFlagged: string[];
    pendingParts: number;
  };
}

interface Outgoing {
  tag: string;
  to: string;
  text: string;
}

interface Incoming {
  tag: string;
  from: string;
  text: string;
  multipart: boolean;
}

const WORDS = ['kliniki', 'kesho', 'miadi', 'dawa', 'saa', 'tatu', 'asubuhi', 'tafadhali', 'leta', 'kadi', 'yako', 'asante', 'karibu', 'mtoto', 'chanjo', 'daktari'];

function words(random: () => number, minChars: number): string {
  const out: string[] = [];
  let length = 0;
  while (length < minChars) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

/** Every message is unique by its tag and its recipient, so the simulator's records map back to it. */
function plan(options: FaultLoopOptions, random: () => number): { out: Outgoing[]; in: Incoming[] } {
  const out: Outgoing[] = [];
  for (let i = 0; i < options.sends; i++) {
    const long = random() < 0.12;
    const unicode = random() < 0.1;
    const body = words(random, long ? 180 + Math.floor(random() * 200) : 20 + Math.floor(random() * 90));
    out.push({
      tag: `O${i}`,
      // One recipient per message: +254710000000 + i (Safaricom 071x, valid for libphonenumber).
      to: `+2547${String(10_000_000 + i).padStart(8, '0')}`,
      text: `Out ${i}/${options.seed}${unicode ? ' ж' : ''}: ${body}`,
    });
  }
  const incoming: Incoming[] = [];
  for (let j = 0; j < options.receives; j++) {
    const multipart = random() < 0.2;
    const unicode = random() < 0.1;
    const body = words(random, multipart ? 170 + Math.floor(random() * 250) : 10 + Math.floor(random() * 100));
    incoming.push({ tag: `I${j}`, from: `+2547${String(20_000_000 + (j % 50)).padStart(8, '0')}`, text: `In ${j}/${options.seed}${unicode ? ' ж' : ''}: ${body}`, multipart });
  }
  return { out, in: incoming };
}

/** One run of fault-child.ts: its IPC, its start and its exit. */
class ChildRun {
  readonly child: ChildProcess;
  readonly started: Promise<{ recovered: number }>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  ready = false;
  alive = true;
  askedToStop = false;
  /** Sends waiting for their answer: 'accepted', or the refusal's message. */
  readonly #waiting = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  #progress: Array<(p: Progress) => void> = [];
  #stopped: (() => void) | null = null;

  constructor(dataDir: string, modemPath: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, modemPath], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    this.child.stderr!.on('data', (chunk: Buffer) => {
      // The last few KiB are enough to say why a child died.
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    let resolveStarted!: (v: { recovered: number }) => void;
    this.started = new Promise((resolve) => (resolveStarted = resolve));
    this.child.on('message', (raw) => {
      const m = raw as { op: string; tag?: string; recovered?: number; error?: string } & Progress;
      if (m.op === 'started') {
        this.ready = true;
        resolveStarted({ recovered: m.recovered ?? 0 });
      } else if (m.op === 'accepted' || m.op === 'refused') {
        this.#waiting.get(m.tag!)?.resolve(m.op === 'accepted' ? 'accepted' : `refused: ${m.error}`);
        this.#waiting.delete(m.tag!);
      } else if (m.op === 'progress') {
        for (const resolve of this.#progress.splice(0)) resolve(m);
      } else if (m.op === 'stopped') {
        this.#stopped?.();
      }
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.alive = false;
        this.ready = false;
        for (const { reject } of this.#waiting.values()) reject(new Error('the child exited'));
        this.#waiting.clear();
        resolve({ code, signal, stderr });
      }),
    );
  }

  send(item: Outgoing): Promise<string> {
    return new Promise((resolve, reject) => {
      if (!this.alive || !this.child.connected) return reject(new Error('the child is gone'));
      this.#waiting.set(item.tag, { resolve, reject });
      this.child.send({ op: 'send', tag: item.tag, to: item.to, text: item.text }, (error) => {
        if (error) {
          this.#waiting.delete(item.tag);
          reject(error);
        }
      });
    });
  }

  async progress(): Promise<Progress | null> {
    if (!this.ready || !this.child.connected) return null;
    const answer = new Promise<Progress>((resolve) => this.#progress.push(resolve));
    this.child.send({ op: 'progress' });
    return Promise.race([answer, this.exited.then(() => null)]);
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (backend.stop): the drain's end. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.askedToStop = true;
    const stopped = new Promise<void>((resolve) => (this.#stopped = resolve));
    this.child.send({ op: 'stop' });
    // Unref'd: a timer left over from a race must not keep the loop's process alive.
    await Promise.race([stopped.then(() => this.exited), this.exited, sleep(15_000, undefined, { ref: false }).then(() => this.kill())]);
  }
}

interface Progress {
  unfinished: number;
  incoming: number;
  parts: number;
}

const digits = (number: string): string => number.replace(/\D/g, '');

export async function runFaultLoop(options: FaultLoopOptions): Promise<FaultLoopResult> {
  const t0 = Date.now();
  // One generator per stream (plan, sends, receives, faults): the three loops interleave by
  // timing, and a shared generator would make each stream's choices depend on the others'.
  const work = plan(options, mulberry32(options.seed));
  const streams = { send: mulberry32(options.seed + 1), receive: mulberry32(options.seed + 2), fault: mulberry32(options.seed + 3) };
  const between = (random: () => number, min: number, max: number): number => min + random() * (max - min);
  const log = options.log;
  const trace = (event: string, fields: Record<string, unknown> = {}): void => {
    if (options.trace) appendFileSync(options.trace, JSON.stringify({ at: new Date().toISOString(), who: 'loop', event, ...fields }) + '\n');
  };

  // 5 ms per part keeps a send in flight a good part of the time, so faults land mid-send; a
  // 30-slot SIM (the default) fills during a burst while the child is down, so the "network"
  // holding messages until a slot frees is exercised too.
  const sim = await ModemSimulator.start({ profile: 'generic', networkDelayMs: 5 });
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-reliability-'));
  const faults: Record<FaultKind, number> = { sigkill: 0, unplug: 0, hang: 0, 'unplug-after-submit': 0 };
  let unplugAfterSubmitFired = 0;
  const childExitsUnasked: string[] = [];
  const refused: string[] = [];

  let run = new ChildRun(dataDir, sim.path);
  let stopping = false;
  /** Restarts the child when it died by itself (not killed by a fault): recorded, it should not happen. */
  const watchExit = (current: ChildRun): void => {
    void current.exited.then(({ code, signal, stderr }) => {
      if (current.askedToStop || signal === 'SIGKILL' || current !== run) return;
      childExitsUnasked.push(`code ${code} signal ${signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
      if (!stopping) {
        run = new ChildRun(dataDir, sim.path);
        watchExit(run);
      }
    });
  };
  watchExit(run);

  try {
    // --- producers -------------------------------------------------------------------------------
    const unsent = [...work.out];
    const accepted = new Set<string>();
    const answered = (): number => accepted.size + refused.length;
    const sendBatchEvery = options.durationMs / Math.max(1, options.sends / 8);
    const sending = (async () => {
      while (answered() < work.out.length) {
        await sleep(between(streams.send, 0.3, 1.7) * sendBatchEvery);
        const current = run;
        if (!current.ready || unsent.length === 0) continue;
        const batch = unsent.splice(0, Math.max(1, Math.round(between(streams.send, 1, 15))));
        await Promise.all(
          batch.map((item) =>
            current.send(item).then(
              // Refused (validation): not accepted, never sent again; reported, it would be a loop bug.
              (answer) => (answer === 'accepted' ? accepted.add(item.tag) : refused.push(`${item.tag} ${answer}`)),
              // Killed before it answered: maybe saved, maybe not; sent again (the child is idempotent).
              () => unsent.unshift(item),
            ),
          ),
        );
      }
    })();

    const delivered: Incoming[] = [];
    const receiveBurstEvery = options.durationMs / Math.max(1, options.receives / 4);
    let timestampSeconds = 0;
    const receiving = (async () => {
      let next = 0;
      while (next < work.in.length) {
        await sleep(between(streams.receive, 0.3, 1.7) * receiveBurstEvery);
        const burst = Math.max(1, Math.round(between(streams.receive, 1, 7)));
        for (let k = 0; k < burst && next < work.in.length; k++) {
          const message = work.in[next]!;
          next += 1;
          const partsOutOfOrder = message.multipart && streams.receive() < 0.3;
          timestampSeconds += 1;
          const timestamp = new Date(Date.UTC(2025, 2, 3, 8, 0, 0) + timestampSeconds * 1000).toISOString().replace('.000Z', '+00:00');
          const spec = {
            from: message.from,
            text: message.text,
            timestamp,
            ref: next & 0xff,
            ...(streams.receive() < 0.3 ? { refBits: 16 as const, ref: next } : {}),
          };
          const parts = buildDeliverPdus(spec).length;
          // Some long messages arrive last part first, as networks do deliver them.
          sim.deliverSms(partsOutOfOrder && parts > 1 ? { ...spec, order: Array.from({ length: parts }, (_, i) => parts - i) } : spec);
          delivered.push(message);
        }
      }
    })();

    // --- faults --------------------------------------------------------------------------------
    let producing = true;
    void Promise.all([sending, receiving]).then(() => (producing = false));
    const progressTimer = setInterval(() => {
      log(`  … ${((Date.now() - t0) / 1000).toFixed(0)} s: accepted ${accepted.size}/${work.out.length}, delivered ${delivered.length}/${work.in.length}, network took ${sim.received.length} parts, faults ${Object.values(faults).reduce((a, b) => a + b, 0)}`);
    }, 15_000);
    progressTimer.unref();

    while (producing) {
      await sleep(between(streams.fault, options.faultGapMs[0], options.faultGapMs[1]));
      if (!producing) break;
      const pick = streams.fault();
      if (pick < 0.35) {
        faults.sigkill += 1;
        trace('sigkill', { pid: run.child.pid });
        const victim = run;
        await victim.kill();
        await sleep(between(streams.fault, 0, 400));
        run = new ChildRun(dataDir, sim.path);
        watchExit(run);
        trace('restarted', { pid: run.child.pid });
        // Kills also land during start-up: the next fault may come before `started`.
      } else if (pick < 0.55) {
        faults.unplug += 1;
        trace('unplug');
        await sim.unplug();
        await sleep(between(streams.fault, 100, 3_000));
        await sim.replug();
        trace('replugged');
      } else if (pick < 0.75) {
        faults.hang += 1;
        trace('hang');
        sim.hang();
        // Shorter than a command timeout (5 s) or longer, so both recovery paths run.
        await sleep(between(streams.fault, 500, 9_000));
        sim.hang(false);
        trace('hang over');
      } else {
        faults['unplug-after-submit'] += 1;
        const sent = streams.fault() < 0.6;
        sim.unplugAfterSubmit({ sent });
        trace('unplug-after-submit armed', { sent });
        const fired = await Promise.race([new Promise<boolean>((resolve) => sim.once('unplug', () => resolve(true))), sleep(5_000, undefined, { ref: false }).then(() => false)]);
        if (fired) {
          unplugAfterSubmitFired += 1;
          trace('unplugged after submit');
          await sleep(between(streams.fault, 100, 2_000));
          await sim.replug();
          trace('replugged');
        } else {
          // No body came while armed: disarm (a body a billion bodies from now never comes).
          sim.unplugAfterSubmit({ nth: 1e9 });
        }
      }
    }
    log(`  production done after ${((Date.now() - t0) / 1000).toFixed(1)} s; draining`);

    // --- the final, undisturbed drain -------------------------------------------------------
    sim.unplugAfterSubmit({ nth: 1e9 });
    sim.hang(false);
    if (!sim.plugged) await sim.replug();
    const drainStart = Date.now();
    trace('drain', { plugged: sim.plugged });
    let last: Progress | null = null;
    while (Date.now() - drainStart < options.drainMs) {
      if (!run.alive) {
        run = new ChildRun(dataDir, sim.path);
        watchExit(run);
      }
      last = await run.progress();
      if (last && last.unfinished === 0 && last.incoming >= work.in.length && last.parts === 0 && sim.storage.used === 0) break;
      await sleep(500);
    }
    const drainMs = Date.now() - drainStart;
    clearInterval(progressTimer);
    stopping = true;
    await run.stop();

    return { seed: options.seed, wallMs: Date.now() - t0, drainMs, faults, unplugAfterSubmitFired, childExitsUnasked, refused, ...compare(dataDir, sim, work, accepted) };
  } finally {
    stopping = true;
    if (run.alive) await run.kill();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The database against what the simulator's network accepted (outgoing) and delivered (incoming). */
function compare(dataDir: string, sim: ModemSimulator, work: { out: Outgoing[]; in: Incoming[] }, accepted: ReadonlySet<string>): Pick<FaultLoopResult, 'outgoing' | 'incoming'> {
  const db = new Database(join(dataDir, 'ujumbe.db'), { readonly: true });
  try {
    const rows = db
      .prepare<[], { content: string; address: string; status: string; flags: string; last_error: string | null; direction: string }>(
        'SELECT m.content, r.address, r.status, r.flags, r.last_error, m.direction FROM messages m JOIN message_recipients r ON r.message_id = m.id',
      )
      .all();

    // What reached the network, per recipient (each outgoing message has its own) and part.
    const copies = new Map<string, Map<number, number>>();
    const totals = new Map<string, number>();
    for (const record of sim.received) {
      const to = digits(record.decoded.recipient);
      const part = record.decoded.concat?.part ?? 1;
      totals.set(to, record.decoded.concat?.total ?? 1);
      const perPart = copies.get(to) ?? new Map<number, number>();
      perPart.set(part, (perPart.get(part) ?? 0) + 1);
      copies.set(to, perPart);
    }
    const outRows = new Map<string, (typeof rows)[number][]>();
    for (const row of rows.filter((r) => r.direction === 'out')) outRows.set(digits(row.address), [...(outRows.get(digits(row.address)) ?? []), row]);

    const outgoing: FaultLoopResult['outgoing'] = {
      accepted: 0, sent: 0, failedWithReason: 0, failedButReachedNetwork: 0, lost: [], duplicatedUnflagged: [], duplicatedFlagged: 0, stuck: [], logBreaks: [], submitsAtNetwork: sim.received.length,
    };
    for (const item of work.out) {
      if (!accepted.has(item.tag)) continue;
      outgoing.accepted += 1;
      const key = digits(item.to);
      const found = outRows.get(key) ?? [];
      const perPart = copies.get(key);
      const total = totals.get(key) ?? 0;
      const reached = perPart !== undefined && total > 0 && Array.from({ length: total }, (_, i) => perPart.get(i + 1) ?? 0).every((n) => n >= 1);
      const times = perPart === undefined ? 0 : Math.max(...perPart.values());
      const row = found[0];
      if (found.length !== 1 || row === undefined) {
        outgoing.lost.push(`${item.tag}: ${found.length} rows in the database`);
        continue;
      }
      if (row.status === 'outbox' || row.status === 'sending') {
        outgoing.stuck.push(`${item.tag}: ${row.status}`);
      } else if (row.status === 'failed') {
        if (row.last_error) outgoing.failedWithReason += 1;
        else if (!reached) outgoing.lost.push(`${item.tag}: failed with no reason`);
        if (reached) outgoing.failedButReachedNetwork += 1;
      } else {
        outgoing.sent += 1;
        if (!reached) outgoing.lost.push(`${item.tag}: ${row.status} but the network has ${perPart ? [...perPart.entries()].map(([p, n]) => `part ${p}×${n}`).join(', ') : 'nothing'}`);
      }
      if (times > 1) {
        const flags = JSON.parse(row.flags) as string[];
        if (flags.includes('possible-duplicate')) outgoing.duplicatedFlagged += 1;
        else outgoing.duplicatedUnflagged.push(`${item.tag}: reached the network ${times}×, status ${row.status}, flags ${row.flags}`);
      }
    }

    // Every status change is explained (docs/ARCHITECTURE.md "Invariants": the attempt log): each
    // status_log row starts where the previous one of its recipient ended, and the last one is
    // the recipient's status.
    const chain = new Map<number, string | null>();
    for (const entry of db.prepare<[], { recipient_id: number; from_status: string | null; to_status: string }>('SELECT recipient_id, from_status, to_status FROM status_log ORDER BY id').all()) {
      if (entry.from_status !== (chain.get(entry.recipient_id) ?? null)) outgoing.logBreaks.push(`recipient ${entry.recipient_id}: ${entry.from_status} -> ${entry.to_status} after ${chain.get(entry.recipient_id) ?? 'nothing'}`);
      chain.set(entry.recipient_id, entry.to_status);
    }
    for (const row of db.prepare<[], { id: number; status: string }>("SELECT r.id, r.status FROM message_recipients r JOIN messages m ON m.id = r.message_id WHERE m.direction = 'out'").all()) {
      if (chain.get(row.id) !== row.status) outgoing.logBreaks.push(`recipient ${row.id}: ${row.status}, last logged ${chain.get(row.id) ?? 'nothing'}`);
    }

    // Incoming: by content (every text is unique).
    const inRows = rows.filter((r) => r.direction === 'in');
    const byContent = new Map<string, (typeof rows)[number][]>();
    for (const row of inRows) byContent.set(row.content, [...(byContent.get(row.content) ?? []), row]);
    const onSim: string[] = [];
    for (const [, stored] of sim.storage.entries()) {
      try {
        onSim.push(decodeDeliverPdu(stored.pdu).text);
      } catch (error) {
        if (!(error instanceof PduError)) throw error;
      }
    }
    const pendingParts = db.prepare<[], number>('SELECT count(*) FROM sms_parts').pluck().get() ?? 0;
    const incoming: FaultLoopResult['incoming'] = {
      delivered: work.in.length, multipart: work.in.filter((m) => m.multipart).length, stored: 0, lost: [], duplicated: [], onSimAtEnd: sim.storage.used, incompleteFlagged: [], pendingParts,
    };
    for (const message of work.in) {
      const stored = byContent.get(message.text) ?? [];
      if (stored.length === 1) incoming.stored += 1;
      if (stored.length > 1) incoming.duplicated.push(`${message.tag}: stored ${stored.length}×`);
      if (stored.length === 0) {
        const waiting = onSim.some((part) => part.length > 0 && message.text.includes(part));
        if (!waiting) incoming.lost.push(`${message.tag}${message.multipart ? ' (multipart)' : ''}: not in the database, not on the SIM`);
      }
    }
    // A phantom "incomplete" message made of parts of a message that is also stored whole.
    for (const row of inRows) {
      if ((JSON.parse(row.flags) as string[]).includes('incomplete')) incoming.incompleteFlagged.push(row.content.slice(0, 40));
    }
    return { outgoing, incoming };
  } finally {
    db.close();
  }
}
