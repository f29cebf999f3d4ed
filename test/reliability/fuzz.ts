/**
 * The bounded fuzz of `npm run test:reliability` (issue 10, "Tests and figures"): fast-check
 * inputs over the PDU decoders (DELIVER, STATUS-REPORT, SUBMIT entry points and decodePdu,
 * src-shared/sms/pdu/) and over the AT line path (LineSplitter + AtChannel fed random byte chunks
 * through the scripted Duplex of test/support/fake-port.ts, with a fake clock for every timeout).
 *
 * Asserted: 0 untyped errors. A decoder may only throw PduError (its documented contract,
 * src-shared/sms/pdu/decode.ts); a channel command may only fail with the channel's own errors
 * (at-errors.ts), and must be settled once every timeout has run out (no command waits for
 * ever). Measured, not asserted by fast-check (timing is noise to a shrinker): the slowest single
 * input; the goal is none over 50 ms, checked by the caller. Wall time on a shared 2-core machine
 * includes GC pauses and other processes, so the five slowest inputs of each target are timed
 * again (best of five): a figure that is still high is the input's own cost, not the machine's.
 */
import fc from 'fast-check';
import { AtChannel } from '../../electron/backend/gateways/modem/at-channel.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from '../../electron/backend/gateways/modem/at-errors.ts';
import { DEFAULT_AT_TIMEOUTS } from '../../electron/backend/gateways/modem/timeouts.ts';
import { buildDeliverPdus, buildStatusReportPdu } from '../../electron/modem-sim/sms-pdus.ts';
import { bytesToHex, decodeDeliverPdu, decodePdu, decodeStatusReportPdu, decodeSubmitPdu, encodeSubmit, PduError } from '../../src-shared/sms/pdu/index.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakePort, tick } from '../support/fake-port.ts';

export interface FuzzTarget {
  name: string;
  runs: number;
  /** Inputs that ended in the typed error (PduError / a channel error): expected, counted. */
  typedErrors: number;
  /** Inputs that decoded (or sessions whose commands all succeeded). */
  clean: number;
  /** The slowest input as first met (wall time, cold calls and GC pauses included). */
  slowestMs: number;
  /** A short description of that input (hex prefix, or the session script's size). */
  slowestInput: string;
  /** The five slowest inputs timed again, best of five each: the highest of those. */
  retimedMs: number;
  retimedInput: string;
  /** The first untyped error, with the fast-check counterexample; null when none. */
  failure: string | null;
}

export interface FuzzResult {
  seed: number;
  targets: FuzzTarget[];
  wallMs: number;
}

const hrMs = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/** The slowest inputs seen, kept to be timed again after the run. */
class Slowest<I> {
  readonly top: Array<{ ms: number; input: I }> = [];

  offer(ms: number, input: I): void {
    if (this.top.length === 5 && ms <= this.top[4]!.ms) return;
    this.top.push({ ms, input });
    this.top.sort((a, b) => b.ms - a.ms);
    this.top.length = Math.min(this.top.length, 5);
  }

  /** Times each kept input five more times; fills `retimedMs` / `retimedInput` with the worst best. */
  async retime(result: FuzzTarget, run: (input: I) => unknown, describe: (input: I) => string): Promise<void> {
    for (const { input } of this.top) {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const start = process.hrtime.bigint();
        try {
          await run(input);
        } catch {
          // Already judged in the property; only the time matters here.
        }
        best = Math.min(best, hrMs(start));
      }
      if (best > result.retimedMs) {
        result.retimedMs = best;
        result.retimedInput = describe(input);
      }
    }
  }
}

function target(name: string, runs: number): FuzzTarget {
  return { name, runs, typedErrors: 0, clean: 0, slowestMs: 0, slowestInput: '', retimedMs: 0, retimedInput: '', failure: null };
}

// --- PDU decoders ---------------------------------------------------------------------------------

/** Real PDUs of every shape the decoders read, built by the project's own test builders and encoder. */
function seedPdus(): { deliver: string[]; status: string[]; submit: string[] } {
  const long = 'Kliniki itafunguliwa saa mbili asubuhi kesho; tafadhali leta kadi yako ya kliniki. '.repeat(3);
  const deliver = [
    ...buildDeliverPdus({ from: '+254712345678', text: 'Nitakuja kesho' }),
    ...buildDeliverPdus({ from: 'SAFARICOM', text: 'Salio lako ni KES 25.50' }),
    ...buildDeliverPdus({ from: '0712345678', text: 'Асанте 😀' }),
    ...buildDeliverPdus({ from: '+254712345678', text: long, ref: 0x1234, refBits: 16 }),
    ...buildDeliverPdus({ from: '+254712345678', text: 'x', smsc: null }),
  ].map((p) => p.hex);
  const status = [
    buildStatusReportPdu({ reference: 7, recipient: '+254712345678', status: 0 }),
    buildStatusReportPdu({ reference: 255, recipient: '0712345678', status: 0x46 }),
    buildStatusReportPdu({ reference: 1, recipient: '+254712345678', status: 0x21, smsc: null }),
  ].map((p) => p.hex);
  const submit = [
    ...encodeSubmit({ to: '+254712345678', text: 'Kumbusho: miadi yako ni kesho saa tatu.' }),
    ...encodeSubmit({ to: '+254712345678', text: long, statusReport: true, concatReference: 9 }),
    ...encodeSubmit({ to: '0712345678', text: 'Habari 😀 ж', flash: true }),
  ].map((p) => p.pdu);
  return { deliver, status, submit };
}

function hexToOctets(hex: string): number[] {
  return Array.from({ length: hex.length >> 1 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/**
 * Hex a decoder may meet: arbitrary octets, arbitrary strings (bad hex, odd lengths), and real
 * PDUs with a few octets overwritten, inserted or cut, which reach much deeper into each decoder
 * than random octets do (a length field that lies, a UDH that overruns its user data).
 */
function hexInput(seeds: readonly string[]): fc.Arbitrary<string> {
  const edited = fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 0, maxLength: 4 }),
      // Most inputs keep their length, so the decoders get past the length checks.
      fc.oneof(fc.constant(0), fc.nat({ max: 8 })),
    )
    .map(([seed, edits, cut]) => {
      const octets = hexToOctets(seed);
      for (const [at, value, how] of edits) {
        const i = at % (octets.length + 1);
        if (how === 'set') octets[Math.min(i, octets.length - 1)] = value;
        else if (how === 'insert') octets.splice(i, 0, value);
        else octets.splice(i, 1);
      }
      return bytesToHex(octets.slice(0, Math.max(0, octets.length - cut)));
    });
  return fc.oneof(
    { weight: 5, arbitrary: edited },
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => bytesToHex(b)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-Fa-f]{0,400}$/) },
  );
}

async function fuzzDecoder(name: string, runs: number, seed: number, seeds: readonly string[], decode: (hex: string, hasSmsc: boolean) => unknown): Promise<FuzzTarget> {
  const result = target(name, runs);
  const slowest = new Slowest<[string, boolean]>();
  const describe = ([hex, hasSmsc]: [string, boolean]): string => `${hex.length} chars, hasSmsc ${hasSmsc}: ${hex.slice(0, 40)}${hex.length > 40 ? '…' : ''}`;
  try {
    fc.assert(
      fc.property(hexInput(seeds), fc.boolean(), (hex, hasSmsc) => {
        const start = process.hrtime.bigint();
        try {
          decode(hex, hasSmsc);
          result.clean += 1;
        } catch (error) {
          if (!(error instanceof PduError)) throw error;
          result.typedErrors += 1;
        } finally {
          const ms = hrMs(start);
          slowest.offer(ms, [hex, hasSmsc]);
          if (ms > result.slowestMs) {
            result.slowestMs = ms;
            result.slowestInput = describe([hex, hasSmsc]);
          }
        }
      }),
      { seed, numRuns: runs },
    );
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error);
  }
  await slowest.retime(result, ([hex, hasSmsc]) => decode(hex, hasSmsc), describe);
  return result;
}

// --- the AT line path -----------------------------------------------------------------------------

/**
 * What a modem (or line noise) puts on the wire, in pieces that the chunker below cuts anywhere:
 * final results, the prompt, one- and two-line URCs (a +CMT header with or without its PDU line),
 * vendor noise, echo, information lines, NULs, high bytes and invalid UTF-8.
 */
const WIRE_PIECES = [
  '\r\n', '\r', '\n', 'OK', 'ERROR', '+CMS ERROR: 500', '+CME ERROR: 10', '+CMS ERROR: 331', 'NO CARRIER', 'COMMAND NOT SUPPORT',
  '> ', '\r\n> ', '+CMGS: 12', '+CSQ: 20,99', '+CREG: 1', '+CREG: 0,1', '+CPIN: READY', '+CMTI: "SM",3', '+CDSI: "SM",4',
  '+CMT: ,24', '+CDS: 25', '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37', '0011000B916407281553F8',
  '^RSSI:12', '^BOOT:1,2,3', '+ZPASR: "UMTS"', 'RING', '+CLIP: "+254712345678",145', '+CUSD: 0,"Salio",15', 'AT+CSQ', 'AT+CMGS=23',
  '+CIEV: 8,1', '^SMMEMFULL: "SM"', '\x00', '\x1a', '\x1b', '\xff\xfe', '\xc3', '\xe2\x82', 'ж',
] as const;

const wireChunk = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WIRE_PIECES) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 24 }).map((b) => Buffer.from(b).toString('latin1')) },
);

type Step =
  | { kind: 'bytes'; text: string; split: number }
  | { kind: 'command'; prompt: boolean }
  | { kind: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(wireChunk, { minLength: 1, maxLength: 6 }), fc.nat({ max: 40 })).map(([pieces, split]): Step => ({ kind: 'bytes', text: pieces.join(''), split })) },
  { weight: 2, arbitrary: fc.boolean().map((prompt): Step => ({ kind: 'command', prompt })) },
  { weight: 1, arbitrary: fc.constantFrom(10, 300, 1_000, 5_000, 60_000).map((ms): Step => ({ kind: 'advance', ms })) },
);

interface Session {
  steps: Step[];
  end: 'close' | 'unplug' | 'timeouts';
}

const session: fc.Arbitrary<Session> = fc.record({ steps: fc.array(step, { minLength: 1, maxLength: 12 }), end: fc.constantFrom('close' as const, 'unplug' as const, 'timeouts' as const) });

const isChannelError = (error: unknown): boolean =>
  error instanceof AtTimeoutError || error instanceof CmeError || error instanceof CmsError || error instanceof AtError || error instanceof PortClosedError;

/** The longest any wait of the channel can take: after it, every command must be settled. */
const LONGEST_WAIT_MS = Math.max(...Object.values(DEFAULT_AT_TIMEOUTS)) * 2;

async function runSession(script: Session): Promise<'clean' | 'typed'> {
  const port = new FakePort();
  const clock = new FakeClock();
  const channel = new AtChannel(port, { timers: clock });
  const outcomes: Array<{ settled: boolean; error?: unknown }> = [];
  const watch = (promise: Promise<unknown>): void => {
    const box: { settled: boolean; error?: unknown } = { settled: false };
    outcomes.push(box);
    promise.then(
      () => (box.settled = true),
      (error: unknown) => Object.assign(box, { settled: true, error }),
    );
  };
  for (const s of script.steps) {
    if (s.kind === 'command') {
      watch(s.prompt ? channel.sendWithPrompt('AT+CMGS=23', '0011000B916407281553F80000AA0AE8329BFD4697D9EC37') : channel.send('AT+CSQ'));
    } else if (s.kind === 'advance') {
      clock.advance(s.ms);
    } else {
      // One write cut in two at a random point: a line, a prompt or a UTF-8 sequence split across reads.
      const at = s.split % (s.text.length + 1);
      port.reply(s.text.slice(0, at));
      port.reply(s.text.slice(at));
    }
    await tick();
  }
  if (script.end === 'close') await channel.close();
  else if (script.end === 'unplug') port.unplug();
  else clock.advance(LONGEST_WAIT_MS);
  for (let i = 0; i < 3; i++) await tick();
  // The queue may hold commands behind one that timed out: each timeout starts the next command.
  for (let i = 0; i < outcomes.length + 1 && outcomes.some((o) => !o.settled); i++) {
    clock.advance(LONGEST_WAIT_MS);
    await tick();
  }
  if (!channel.isClosed) await channel.close();
  await tick();
  const unsettled = outcomes.filter((o) => !o.settled).length;
  if (unsettled > 0) throw new Error(`${unsettled} command(s) never settled after every timeout ran out`);
  const untyped = outcomes.find((o) => o.error !== undefined && !isChannelError(o.error));
  if (untyped) throw untyped.error instanceof Error ? untyped.error : new Error(String(untyped.error));
  return outcomes.some((o) => o.error !== undefined) ? 'typed' : 'clean';
}

async function fuzzLinePath(runs: number, seed: number): Promise<FuzzTarget> {
  const result = target('AT line path (LineSplitter + AtChannel)', runs);
  const slowest = new Slowest<Session>();
  const describe = (script: Session): string => `${script.steps.length} steps, ends by ${script.end}`;
  // An exception thrown from a stream or timer callback would not reach the property: catch it here.
  let escaped: unknown = null;
  const onEscape = (error: unknown): void => {
    escaped ??= error;
  };
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  try {
    await fc.assert(
      fc.asyncProperty(session, async (script) => {
        const start = process.hrtime.bigint();
        try {
          const outcome = await runSession(script);
          if (outcome === 'clean') result.clean += 1;
          else result.typedErrors += 1;
        } finally {
          const ms = hrMs(start);
          slowest.offer(ms, script);
          if (ms > result.slowestMs) {
            result.slowestMs = ms;
            result.slowestInput = describe(script);
          }
        }
        if (escaped !== null) throw escaped instanceof Error ? escaped : new Error(String(escaped));
      }),
      { seed, numRuns: runs },
    );
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error);
  } finally {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  }
  await slowest.retime(result, (script) => runSession(script), describe);
  return result;
}

/**
 * Runs `total` inputs split over the five targets (decoders 80 %, line path 20 %: a session is
 * a dozen chunks and costs about as much as fifty decodes).
 */
export async function runFuzz(total: number, seed: number, log: (line: string) => void): Promise<FuzzResult> {
  const started = Date.now();
  const seeds = seedPdus();
  const share = (fraction: number): number => Math.max(1, Math.round(total * fraction));
  const targets: FuzzTarget[] = [];
  const plan: Array<() => FuzzTarget | Promise<FuzzTarget>> = [
    () => fuzzDecoder('decodeDeliverPdu', share(0.25), seed, seeds.deliver, (hex, hasSmsc) => decodeDeliverPdu(hex, { hasSmsc })),
    () => fuzzDecoder('decodeStatusReportPdu', share(0.2), seed + 1, seeds.status, (hex, hasSmsc) => decodeStatusReportPdu(hex, { hasSmsc })),
    () => fuzzDecoder('decodeSubmitPdu', share(0.2), seed + 2, seeds.submit, (hex, hasSmsc) => decodeSubmitPdu(hex, { hasSmsc })),
    () => fuzzDecoder('decodePdu (by MTI)', share(0.15), seed + 3, [...seeds.deliver, ...seeds.status, ...seeds.submit], (hex, hasSmsc) => decodePdu(hex, { hasSmsc })),
    () => fuzzLinePath(share(0.2), seed + 4),
  ];
  for (const run of plan) {
    const t0 = Date.now();
    const result = await run();
    targets.push(result);
    log(`  ${result.name}: ${result.runs} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s${result.failure ? ' — UNTYPED ERROR' : ''}`);
  }
  return { seed, targets, wallMs: Date.now() - started };
}
