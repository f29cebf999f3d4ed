/**
 * The receiving side of one modem: new-message and status-report indications
 * (27.005 §3.4.1: +CMTI, +CMT, +CDSI, +CDS), memory-full indications, and sweeps of the
 * storage, turned into decoded PDUs handed to the sink, which commits them. The rule of
 * docs/ARCHITECTURE.md "Invariants": a message (or a part of one) is deleted from the SIM only
 * after the sink has committed it; when the sink throws it stays on the SIM.
 *
 * Nothing may fill the SIM for good, because a full SIM receives nothing and says so to nobody:
 * - a PDU the codec refuses is committed as an "unreadable" row (the raw hex and the decoder's
 *   reason) and then deleted like any other; only when that commit fails does it stay, counted;
 * - the storage is swept at every (re)start, on every memory-full indication (+CIEV smsfull,
 *   Huawei ^SMMEMFULL, Quectel +QIND "smsfull"; `memoryFull()` for a +CMS ERROR: 322 elsewhere),
 *   after a read that leaves more on the SIM than we keep there on purpose (AT+CPMS? tells), and
 *   on a slow timer (`RECEIVER_TIMERS.storageSweep`) as the last backstop;
 * - while the storage is full, `storageFull` is true (the gateway reports problem `sim-full`).
 *
 * All work runs one job at a time, in arrival order, so a +CMTI that lands during the sweep is
 * handled after it (and finds its slot already empty if the sweep took it).
 */
import { PduError, decodePdu } from '../../../../src-shared/sms/index.ts';
import type { DecodedPdu, DeliverPdu, StatusReportPdu } from '../../../../src-shared/sms/index.ts';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import type { SendOptions } from './at-channel.ts';
import { AtTimeoutError, CmeError, CmsError, PortClosedError } from './at-errors.ts';
import type { StoredSms } from './modem-driver.ts';
import { intParam, splitParams } from './replies.ts';
import { classifyStored, inReadStorage, parseCpmsTest, separateReportStorage } from './stored-reports.ts';
import type { UnsolicitedEvent } from './unsolicited.ts';

/** Where a PDU came from, as the modem printed it: what a sink keeps of an unreadable one, and fingerprints. */
export interface RawPdu {
  /** The hex as printed (SMSC field first when the modem gave one). */
  hex: string;
  /** <length> of the indication or listing (TPDU octets), or null when there was none. */
  length: number | null;
  /** The storage index, or null for a direct +CMT / +CDS. */
  index: number | null;
  /** The storage it was read from ("SM" ...), or null when not known or not stored. */
  storage: string | null;
  /** The code that carried it: the sweep's +CMGL, +CMGR after +CMTI/+CDSI, or a direct +CMT/+CDS. */
  via: '+CMGL' | '+CMGR' | '+CMT' | '+CDS';
}

/** Why the codec refused a PDU (PduError): the field and the character offset into the hex. */
export interface UnreadableReason {
  field: string;
  offset: number;
  message: string;
}

/**
 * Where decoded PDUs go. Each call commits before it returns, or throws (then nothing is
 * deleted). `raw` lets the sink recognise a PDU it committed before (a re-read after a crash).
 */
export interface IncomingSmsSink {
  deliver(gatewayId: string, pdu: DeliverPdu, raw?: RawPdu): unknown;
  statusReport(gatewayId: string, report: StatusReportPdu, raw?: RawPdu): unknown;
  /**
   * Keeps a PDU the codec refused (commits before it returns), so it can leave the SIM.
   * Without it, such PDUs stay on the SIM and are only counted (`undecodableCount`).
   */
  unreadable?(gatewayId: string, raw: RawPdu, reason: UnreadableReason): unknown;
  /** How many unreadable PDUs of this gateway the sink keeps (the gateway card's count). */
  unreadableCount?(gatewayId: string): number;
}

/** The storage operations of ModemDriver the receiver uses. */
export interface SmsStorage {
  listMessages(): Promise<StoredSms[]>;
  readMessage(index: number): Promise<StoredSms | null>;
  deleteMessage(index: number): Promise<void>;
  acknowledgeDelivery(): Promise<boolean>;
  /**
   * A raw command (ModemDriver.command), for AT+CPMS? (how full the storage is) and AT+CIND=?
   * (which +CIEV indicator is smsfull). Without it the receiver sweeps without asking.
   */
  command?(command: string, options?: SendOptions): Promise<string[]>;
  /** False once the port is closed (ModemDriver.isOpen): the slow sweep timer then stops. */
  readonly isOpen?: boolean;
  /** ModemDriver.smsMode: a modem in text mode is not swept (its listing is another shape, 27.005 §3.4.2). */
  readonly smsMode?: 'pdu' | 'text' | null;
}

/**
 * The receiver's timers (docs/ARCHITECTURE.md "Habits": every wait has a named timeout).
 * `storageSweep`: the backstop sweep while running. A full SIM announces nothing (no +CMTI, and
 * +CIEV only where +CMER enabled it), and a modem that reset itself silently forgets AT+CNMI, so
 * without it a full SIM would only be drained at the next start. 5 minutes: one AT+CMGL=4 (and
 * two AT+CPMS?) is nothing next to that, and a message is late by at most that much.
 */
export const RECEIVER_TIMERS = {
  storageSweep: 5 * 60_000,
} as const satisfies Record<string, number>;

export interface SmsReceiverOptions {
  gatewayId: string;
  sink: IncomingSmsSink;
  log?: Logger;
  /** Called when what the status shows changes: counts, or the storage being full. */
  onChange?: () => void;
  timers?: Timers;
  /** Overrides of RECEIVER_TIMERS. */
  timeouts?: Partial<Record<keyof typeof RECEIVER_TIMERS, number>>;
}

/**
 * Memory-full indications, one row each (docs/ARCHITECTURE.md "Habits": quirks are table rows).
 * A profile that lists the same code as noise drops it in the driver before it gets here.
 */
export const MEMORY_FULL_INDICATIONS: readonly { code: string; form: string; note: string }[] = [
  { code: '+CIEV', form: '+CIEV: <ind>,<value>', note: '27.007 §8.10 (+CMER <ind>): <ind> is the 1-based position of "smsfull" in AT+CIND=? (§8.9): 1 full, 0 room again' },
  { code: '+CIEV', form: '+CIEV: "smsfull",<value>', note: 'firmware that names the indicator instead of numbering it' },
  { code: '^SMMEMFULL', form: '^SMMEMFULL: <mem>', note: 'HUAWEI MU709 / ME909s AT Command Interface Specification, ^SMMEMFULL: SMS memory full' },
  { code: '+QIND', form: '+QIND: "smsfull",<storage>', note: 'Quectel EC2x AT Commands Manual, AT+QINDCFG="smsfull": SMS storage full' },
];

/** The unsolicited codes this component handles: new messages, reports, memory full. */
export const RECEIVING_CODES: ReadonlySet<string> = new Set(['+CMTI', '+CMT', '+CDSI', '+CDS', ...MEMORY_FULL_INDICATIONS.map((row) => row.code)]);

/** The smsfull indicator has no name in a +CIEV line: its number, to be looked up in AT+CIND=?. */
export type MemoryIndication = { kind: 'full' } | { kind: 'room' } | { kind: 'indicator'; index: number; value: number };

/**
 * What a memory-full code says, or null when the line is about something else (a +CIEV
 * signal change, +QIND: "SMS DONE").
 */
export function readMemoryIndication(code: string, line: string): MemoryIndication | null {
  const params = splitParams(line.slice(line.indexOf(':') + 1).trim());
  switch (code) {
    case '^SMMEMFULL':
      return { kind: 'full' };
    case '+QIND':
      return params[0]?.toLowerCase() === 'smsfull' ? { kind: 'full' } : null;
    case '+CIEV': {
      const first = params[0] ?? '';
      const value = intParam(params, 1);
      if (/^\d+$/.test(first)) return value === null ? null : { kind: 'indicator', index: Number(first), value };
      if (first.toLowerCase() !== 'smsfull') return null;
      return value === 0 ? { kind: 'room' } : { kind: 'full' };
    }
    default:
      return null;
  }
}

/** The 1-based position of "smsfull" in an AT+CIND=? answer (27.007 §8.9), or null. */
export function smsFullIndicator(lines: readonly string[]): number | null {
  const line = lines.find((l) => l.startsWith('+CIND:'));
  if (line === undefined) return null;
  const names = [...line.matchAll(/\(\s*"([^"]+)"/g)].map((m) => (m[1] ?? '').toLowerCase());
  const at = names.indexOf('smsfull');
  return at < 0 ? null : at + 1;
}

/** One storage as AT+CPMS? reports it (27.005 §3.2.2). */
export interface StorageUse {
  name: string;
  used: number;
  total: number;
}

/**
 * `+CPMS: "SM",3,10,"SM",3,10,"SM",3,10` -> mem1 (read, list, delete) and mem3 (where received
 * messages are stored; mem1 when the answer has fewer), or null when it cannot be read.
 */
export function parseCpmsRead(lines: readonly string[]): { read: StorageUse; receive: StorageUse } | null {
  const line = lines.find((l) => l.startsWith('+CPMS:'));
  if (line === undefined) return null;
  const params = splitParams(line.slice('+CPMS:'.length).trim());
  const uses: StorageUse[] = [];
  for (let i = 0; i + 2 < params.length; i += 3) {
    const used = intParam(params, i + 1);
    const total = intParam(params, i + 2);
    if (used === null || total === null) return null;
    uses.push({ name: params[i] ?? '', used, total });
  }
  const read = uses[0];
  if (read === undefined) return null;
  return { read, receive: uses[2] ?? read };
}

/**
 * Decodes a PDU as a modem printed it. 27.005 §3.1 says <pdu> starts with the SMSC field and
 * <length> counts the TPDU only, so hex longer than <length> octets has an SMSC field and hex of
 * exactly <length> octets has none (some modems print +CDS that way). When the length is
 * missing or wrong, the other reading is tried before giving up.
 * @throws PduError when neither reading decodes.
 */
export function decodeModemPdu(hex: string, length: number | null): DecodedPdu {
  const bare = length !== null && hex.length / 2 === length;
  try {
    return decodePdu(hex, { hasSmsc: !bare });
  } catch (first) {
    try {
      return decodePdu(hex, { hasSmsc: bare });
    } catch {
      throw first;
    }
  }
}

/** The sink could not commit a PDU; it must stay on the SIM. */
export class CommitError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'CommitError';
  }
}

/** `+CMTI: "SM",3` -> 3 (the last parameter is the index). */
function indexOf(line: string): number | null {
  const params = splitParams(line.slice(line.indexOf(':') + 1).trim());
  return intParam(params, params.length - 1);
}

/** `+CMTI: "SM",3` -> "SM" (the memory, when the code names one). */
function memoryOf(line: string): string | null {
  const params = splitParams(line.slice(line.indexOf(':') + 1).trim());
  return params.length >= 2 && params[0] !== '' ? (params[0] ?? null) : null;
}

/**
 * Passes of one sweep job; when the network still fills freed slots after these, another sweep
 * is queued behind the indications that came meanwhile, rather than holding them back.
 */
const MAX_SWEEP_PASSES = 5;

/** What one modem connection (one driver) has told us; forgotten when the storage object changes. */
interface StorageFacts {
  storage: SmsStorage;
  /** The read storage's name from AT+CPMS?, once asked. */
  name: string | null;
  /** AT+CPMS? is refused: occupancy unknown, sweep without asking. */
  noCpms: boolean;
  /** The smsfull indicator's number (AT+CIND=?): undefined until asked, null when it has none. */
  smsFullIndicator: number | null | undefined;
  /** Where status reports are kept apart from messages ("SR", from AT+CPMS=?): undefined until asked, null when nowhere (or it will not be read). */
  reportStorage: string | null | undefined;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class SmsReceiver {
  private readonly gatewayId: string;
  private readonly sink: IncomingSmsSink;
  private readonly log: Logger;
  private readonly onChange: () => void;
  private readonly timers: Timers;
  private readonly sweepEveryMs: number;
  private readonly undecodable = new Set<number>();
  /** Indexes left on the storage on purpose (stored SUBMITs, commits refused, unreadable and not kept). */
  private readonly kept = new Set<number>();
  private queue: Promise<void> = Promise.resolve();
  private facts: StorageFacts | null = null;
  private full = false;
  private unreadableKept: number | null = null;
  private sweepTimer: TimerHandle | null = null;
  /** A sweep queued and not started yet. */
  private pendingSweep: { storage: SmsStorage; done: Promise<void> } | null = null;
  /** Status reports committed during the current sweep, and how many of them matched no message (logged by count). */
  private reportCounts = { reports: 0, unmatched: 0 };

  constructor(options: SmsReceiverOptions) {
    this.gatewayId = options.gatewayId;
    this.sink = options.sink;
    this.log = options.log ?? silentLogger;
    this.onChange = options.onChange ?? (() => undefined);
    this.timers = options.timers ?? systemTimers;
    this.sweepEveryMs = options.timeouts?.storageSweep ?? RECEIVER_TIMERS.storageSweep;
  }

  /** Messages the codec could not read that are still on the SIM (the sink could not keep them). */
  get undecodableCount(): number {
    return this.undecodable.size;
  }

  /** Unreadable PDUs the sink keeps for this gateway (moved off the SIM). */
  get unreadableStored(): number {
    if (this.unreadableKept === null) this.unreadableKept = this.countUnreadable();
    return this.unreadableKept;
  }

  /** Counts the kept unreadable PDUs again (after rows were removed elsewhere, e.g. by a technician). */
  refreshUnreadable(): void {
    const before = this.unreadableKept;
    this.unreadableKept = this.countUnreadable();
    if (this.unreadableKept !== before) this.onChange();
  }

  /** The message storage is full (an indication said so, or AT+CPMS? after a sweep): nothing more can arrive. */
  get storageFull(): boolean {
    return this.full;
  }

  /** Handles one of RECEIVING_CODES; others are ignored. Never throws; errors are logged. */
  handle(event: UnsolicitedEvent, storage: SmsStorage): Promise<void> {
    if (!RECEIVING_CODES.has(event.code)) return Promise.resolve();
    if (event.code === '+CIEV' || event.code === '^SMMEMFULL' || event.code === '+QIND') return this.handleMemoryIndication(event, storage);
    return this.enqueue(`${event.code} handling`, () => this.handleNow(event, storage));
  }

  /**
   * The storage is full (an indication, or a +CMS ERROR: 322 "memory full" met elsewhere, 27.005
   * §3.2.5): say so, and sweep it now. Never throws.
   */
  memoryFull(storage: SmsStorage, source: string): Promise<void> {
    this.noteFull(source);
    return this.sweep(storage);
  }

  /**
   * Reads everything in storage (AT+CMGL=4) and handles each message as if it had just come:
   * what arrived while the app was off, while the SIM was full, or unannounced. Again while a pass
   * took something and AT+CPMS? shows more than we keep (the network delivers what it held as
   * slots free). Arms the slow sweep timer. Never throws.
   */
  sweep(storage: SmsStorage): Promise<void> {
    // One waiting sweep is enough: a burst of indications (^SMMEMFULL for each refused message)
    // joins the sweep not yet started rather than queueing more.
    if (this.pendingSweep?.storage === storage) return this.pendingSweep.done;
    const pending = {
      storage,
      done: this.enqueue('storage sweep', () => {
        if (this.pendingSweep === pending) this.pendingSweep = null;
        return this.sweepAndArm(storage);
      }),
    };
    this.pendingSweep = pending;
    return pending.done;
  }

  private async sweepAndArm(storage: SmsStorage): Promise<void> {
    try {
      await this.sweepNow(storage);
    } finally {
      this.armSweepTimer(storage);
    }
  }

  private noteFull(source: string): void {
    this.log.info('Memory-full indication: sweeping the SIM storage', { gateway: this.gatewayId, source });
    this.setFull(true);
  }

  private enqueue(what: string, job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job).catch((err: unknown) => {
      this.log.warn(`SMS receiving: ${what} failed`, { gateway: this.gatewayId, error: errorText(err) });
    });
    this.queue = run;
    return run;
  }

  private armSweepTimer(storage: SmsStorage): void {
    if (this.sweepTimer !== null) this.timers.clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    if (this.sweepEveryMs <= 0) return;
    const timer = this.timers.setTimeout(() => {
      if (this.sweepTimer === timer) this.sweepTimer = null;
      // The gateway closed this port (stopped, unplugged): the next start sweeps and re-arms.
      if (storage.isOpen === false) return;
      void this.sweep(storage);
    }, this.sweepEveryMs);
    // A backstop must not keep a Node process alive after the backend stopped.
    (timer as { unref?: () => void } | null)?.unref?.();
    this.sweepTimer = timer;
  }

  private handleMemoryIndication(event: UnsolicitedEvent, storage: SmsStorage): Promise<void> {
    const indication = readMemoryIndication(event.code, event.lines[0] ?? '');
    if (indication === null) return Promise.resolve();
    if (indication.kind === 'full') return this.memoryFull(storage, event.code);
    if (indication.kind === 'room') return this.enqueue('storage check', () => this.checkOccupancy(storage));
    const known = this.factsFor(storage).smsFullIndicator;
    // Most +CIEV are signal or service changes: decide without a job once the number is known.
    if (known === null || (known !== undefined && known !== indication.index)) return Promise.resolve();
    if (known === indication.index) return indication.value > 0 ? this.memoryFull(storage, '+CIEV') : this.enqueue('storage check', () => this.checkOccupancy(storage));
    return this.enqueue('+CIEV handling', async () => {
      if ((await this.lookUpSmsFullIndicator(storage)) !== indication.index) return;
      if (indication.value === 0) return this.checkOccupancy(storage);
      this.noteFull('+CIEV');
      return this.sweepAndArm(storage);
    });
  }

  private async handleNow(event: UnsolicitedEvent, storage: SmsStorage): Promise<void> {
    const [header = '', pdu] = event.lines;
    switch (event.code) {
      case '+CMTI':
      case '+CDSI': {
        const index = indexOf(header);
        if (index === null) {
          this.log.warn('Indication without a storage index', { gateway: this.gatewayId, code: event.code });
          return;
        }
        const mem = memoryOf(header);
        if (event.code === '+CDSI' && mem !== null && (await this.isApart(storage, mem))) {
          await this.takeFromReportStorage(storage, mem, index);
          return;
        }
        const sms = await storage.readMessage(index);
        if (sms === null) return; // already taken (by the sweep) or deleted
        await this.takeStored(sms, storage, '+CMGR', memoryOf(header) ?? this.factsFor(storage).name);
        await this.afterRead(storage);
        return;
      }
      case '+CMT':
      case '+CDS': {
        // +CMT: [<alpha>],<length>  /  +CDS: <length>: the length is the last parameter.
        const raw: RawPdu = { hex: (pdu ?? '').trim(), length: indexOf(header), index: null, storage: null, via: event.code };
        const decoded = this.decode(raw);
        if (decoded instanceof PduError) {
          // Kept in the database, then acknowledged like any other; when it cannot be kept it is
          // not acknowledged, so a network that waits for AT+CNMA tries again.
          if (!this.keepUnreadable(raw, decoded)) return;
        } else if (decoded.type === 'submit') {
          this.log.warn('Unexpected SMS-SUBMIT in an indication', { gateway: this.gatewayId, code: event.code });
          return;
        } else {
          this.commit(decoded, raw);
        }
        // Only after the commit: an unacknowledged +CMT is sent again by the network. With +CSMS
        // service 1 a +CDS wants AT+CNMA too (27.005 §3.4.4); the driver sends it only then.
        await storage.acknowledgeDelivery();
        return;
      }
    }
  }

  /**
   * After a message was read and taken: if the storage holds more than what we leave there on
   * purpose, something arrived unannounced (a modem that forgot AT+CNMI, a network that delivered
   * what it held for a full SIM): sweep. Without AT+CPMS? we cannot tell, so we sweep anyway.
   */
  private async afterRead(storage: SmsStorage): Promise<void> {
    const use = await this.occupancy(storage);
    if (use !== null) {
      this.setFull(use.receive.used >= use.receive.total);
      if (use.read.used <= this.kept.size) return;
      this.log.info('More on the SIM than was announced; sweeping it', { gateway: this.gatewayId, used: use.read.used, kept: this.kept.size });
    }
    await this.sweepNow(storage);
  }

  /** AT+CPMS? after "room again": clears `storageFull` when it is so (or when it cannot be asked). */
  private async checkOccupancy(storage: SmsStorage): Promise<void> {
    const use = await this.occupancy(storage);
    this.setFull(use !== null && use.receive.used >= use.receive.total);
  }

  private async sweepNow(storage: SmsStorage): Promise<void> {
    if (storage.smsMode === 'text') return;
    const facts = this.factsFor(storage);
    const before = facts.name === null && !facts.noCpms ? await this.occupancy(storage) : null;
    const undecodableBefore = this.undecodable.size;
    this.reportCounts = { reports: 0, unmatched: 0 };
    let found = 0;
    let handled = 0;
    let more = false;
    for (let pass = 1; pass <= MAX_SWEEP_PASSES; pass++) {
      const outcome = await this.sweepPass(storage, facts.name ?? before?.read.name ?? null);
      found += outcome.found;
      handled += outcome.handled;
      const after = await this.occupancy(storage);
      if (after === null) {
        // Not known: room was made if anything was taken; an indication's "full" stays otherwise.
        if (outcome.handled > 0) this.setFull(false);
        break;
      }
      this.setFull(after.receive.used >= after.receive.total);
      more = outcome.handled > 0 && after.read.used > this.kept.size;
      if (!more) break;
    }
    // Each pass took something, so this ends when the network runs out of what it held.
    if (more) void this.sweep(storage);
    await this.sweepReportStorage(storage);
    // Counts only: a report's number is patient data (docs/ARCHITECTURE.md "Invariants").
    const { reports, unmatched } = this.reportCounts;
    if (found > 0 || reports > 0) this.log.info('SIM storage swept', { gateway: this.gatewayId, found, handled, undecodable: this.undecodable.size, full: this.full, statusReports: reports, unmatchedReports: unmatched });
    if (this.undecodable.size !== undecodableBefore) this.onChange();
  }

  private async sweepPass(storage: SmsStorage, storageName: string | null): Promise<{ found: number; handled: number }> {
    const stored = await storage.listMessages();
    this.undecodable.clear();
    this.kept.clear();
    let handled = 0;
    for (const sms of stored) {
      // Stored SUBMITs (2 unsent, 3 sent) are somebody's drafts, not ours to take.
      if (classifyStored(sms) === 'outgoing') {
        this.kept.add(sms.index);
        continue;
      }
      try {
        if (await this.takeStored(sms, storage, '+CMGL', storageName)) handled += 1;
      } catch (err) {
        // The database refused this one: it stays on the SIM, the next sweep tries again.
        // Modem errors (a timeout, an unplug) end the sweep instead.
        if (!(err instanceof CommitError)) throw err;
        this.kept.add(sms.index);
        this.log.error('Could not store a received SMS; it stays on the SIM', { gateway: this.gatewayId, index: sms.index, error: err.message });
      }
    }
    return { found: stored.length, handled };
  }

  /**
   * Decode, commit (an unreadable PDU as such), then delete. `track`: the entry is in the read
   * storage, whose indexes `kept` and `undecodable` hold (not in the report storage, "SR").
   * @returns whether it was committed and deleted.
   * @throws CommitError (nothing deleted), or the modem's error from the delete.
   */
  private async takeStored(sms: StoredSms, storage: SmsStorage, via: '+CMGL' | '+CMGR', storageName: string | null, track = true): Promise<boolean> {
    if (!track) return this.takeUntracked(sms, storage, via, storageName);
    const raw: RawPdu = { hex: sms.pdu.trim(), length: sms.length, index: sms.index, storage: storageName, via };
    const decoded = this.decode(raw);
    if (decoded instanceof PduError) {
      if (!this.keepUnreadable(raw, decoded)) {
        this.kept.add(sms.index);
        if (!this.undecodable.has(sms.index)) {
          this.undecodable.add(sms.index);
          this.onChange();
        }
        return false;
      }
    } else if (decoded.type === 'submit') {
      this.kept.add(sms.index);
      return false;
    } else {
      try {
        this.commit(decoded, raw);
      } catch (err) {
        this.kept.add(sms.index);
        throw err;
      }
    }
    await storage.deleteMessage(sms.index);
    this.kept.delete(sms.index);
    if (this.undecodable.delete(sms.index)) this.onChange();
    return true;
  }

  /** @throws CommitError wrapping whatever the sink threw (nothing deleted then). */
  private commit(decoded: DeliverPdu | StatusReportPdu, raw: RawPdu): void {
    try {
      if (decoded.type === 'deliver') {
        this.sink.deliver(this.gatewayId, decoded, raw);
        return;
      }
      const outcome = this.sink.statusReport(this.gatewayId, decoded, raw);
      this.reportCounts.reports += 1;
      if ((outcome as { kind?: unknown } | null | undefined)?.kind === 'unmatched') this.reportCounts.unmatched += 1;
    } catch (err) {
      throw new CommitError(err);
    }
  }

  /**
   * takeStored for an entry of the report storage: the same commit-then-delete, without the read
   * storage's index bookkeeping (its indexes are another storage's).
   */
  private async takeUntracked(sms: StoredSms, storage: SmsStorage, via: '+CMGL' | '+CMGR', storageName: string | null): Promise<boolean> {
    const raw: RawPdu = { hex: sms.pdu.trim(), length: sms.length, index: sms.index, storage: storageName, via };
    const decoded = this.decode(raw);
    if (decoded instanceof PduError) {
      if (!this.keepUnreadable(raw, decoded)) return false;
    } else if (decoded.type === 'submit') {
      return false;
    } else {
      this.commit(decoded, raw);
    }
    await storage.deleteMessage(sms.index);
    return true;
  }

  /**
   * Whether `mem` (named by a +CDSI) is another storage than the one AT+CMGR reads now. Unknown
   * (no AT+CPMS?) counts as the same: without knowing <mem1> we could not switch back to it.
   */
  private async isApart(storage: SmsStorage, mem: string): Promise<boolean> {
    const facts = this.factsFor(storage);
    const name = facts.name ?? (await this.occupancy(storage))?.read.name ?? null;
    return name !== null && name.toUpperCase() !== mem.toUpperCase();
  }

  /** A +CDSI that names the report storage: read, commit and delete it there (stored-reports.ts). */
  private async takeFromReportStorage(storage: SmsStorage, mem: string, index: number): Promise<void> {
    const back = this.factsFor(storage).name;
    if (back === null) return;
    const taken = await inReadStorage(storage, mem, back, async () => {
      const sms = await storage.readMessage(index);
      return sms === null ? false : this.takeStored(sms, storage, '+CMGR', mem, false);
    });
    if (taken === null) this.log.warn('The modem announced a stored status report it will not let us read', { gateway: this.gatewayId, storage: mem, index });
  }

  /**
   * Every entry of the report storage ("SR"), when the modem has one apart from <mem1>: reports
   * that arrived while the app was closed, or whose +CDSI was lost. Committed, then deleted; an
   * unmatched report is deleted too (DeliveryReports logs it without its number).
   */
  private async sweepReportStorage(storage: SmsStorage): Promise<void> {
    const facts = this.factsFor(storage);
    if (facts.reportStorage === undefined) facts.reportStorage = separateReportStorage(await this.cpmsChoices(storage), facts.name);
    const mem = facts.reportStorage;
    const back = facts.name;
    if (mem === null || back === null) return;
    const outcome = await inReadStorage(storage, mem, back, async () => {
      const stored = await storage.listMessages();
      let taken = 0;
      for (const sms of stored) {
        if (classifyStored(sms) === 'outgoing') continue;
        try {
          if (await this.takeStored(sms, storage, '+CMGL', mem, false)) taken += 1;
        } catch (err) {
          if (!(err instanceof CommitError)) throw err;
          this.log.error('Could not apply a stored status report; it stays on the modem', { gateway: this.gatewayId, storage: mem, index: sms.index, error: err.message });
        }
      }
      return { found: stored.length, taken };
    });
    if (outcome === null) {
      // Listed but refused: do not ask again on this connection.
      facts.reportStorage = null;
      return;
    }
    if (outcome.found > 0) this.log.info('Stored status reports swept', { gateway: this.gatewayId, storage: mem, found: outcome.found, taken: outcome.taken });
  }

  /** AT+CPMS=? once per connection: the <mem1> choices, or null when refused. */
  private async cpmsChoices(storage: SmsStorage): Promise<string[] | null> {
    if (!storage.command) return null;
    try {
      return parseCpmsTest(await storage.command('AT+CPMS=?', { timeout: 'sim' }));
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      return null;
    }
  }

  /** Commits an unreadable PDU through the sink. @returns whether it is kept there (so it may leave the SIM). */
  private keepUnreadable(raw: RawPdu, error: PduError): boolean {
    if (!this.sink.unreadable) return false;
    try {
      this.sink.unreadable(this.gatewayId, raw, { field: error.field, offset: error.offset, message: error.message });
    } catch (err) {
      this.log.error('Could not keep an unreadable SMS in the database', { gateway: this.gatewayId, index: raw.index, error: errorText(err) });
      return false;
    }
    this.refreshUnreadable();
    return true;
  }

  private countUnreadable(): number {
    try {
      return this.sink.unreadableCount?.(this.gatewayId) ?? 0;
    } catch (err) {
      this.log.warn('Could not count unreadable SMS', { gateway: this.gatewayId, error: errorText(err) });
      return 0;
    }
  }

  /** @returns the PDU, or the PduError when it cannot be decoded (logged without content). */
  private decode(raw: RawPdu): DecodedPdu | PduError {
    try {
      return decodeModemPdu(raw.hex, raw.length);
    } catch (err) {
      if (!(err instanceof PduError)) throw err;
      // Where it broke, never what it says: no content at info level.
      this.log.warn('Undecodable SMS', { gateway: this.gatewayId, index: raw.index, via: raw.via, field: err.field, offset: err.offset });
      return err;
    }
  }

  private setFull(full: boolean): void {
    if (full === this.full) return;
    this.full = full;
    if (full) this.log.warn('SIM message storage is full: no SMS can arrive until there is room', { gateway: this.gatewayId });
    else this.log.info('SIM message storage has room again', { gateway: this.gatewayId });
    this.onChange();
  }

  private factsFor(storage: SmsStorage): StorageFacts {
    if (this.facts?.storage !== storage) this.facts = { storage, name: null, noCpms: false, smsFullIndicator: undefined, reportStorage: undefined };
    return this.facts;
  }

  /**
   * AT+CPMS? (27.005 §3.2.2), or null when the modem has no such command for us or refuses it.
   * @throws AtTimeoutError | PortClosedError (the job ends; the gateway's own checks deal with it)
   */
  private async occupancy(storage: SmsStorage): Promise<{ read: StorageUse; receive: StorageUse } | null> {
    const facts = this.factsFor(storage);
    if (!storage.command || facts.noCpms) return null;
    let use: { read: StorageUse; receive: StorageUse } | null;
    try {
      use = parseCpmsRead(await storage.command('AT+CPMS?', { timeout: 'sim' }));
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      if (!(err instanceof CmsError || err instanceof CmeError)) this.log.debug('AT+CPMS? failed', { gateway: this.gatewayId, error: errorText(err) });
      use = null;
    }
    if (use === null) {
      facts.noCpms = true;
      return null;
    }
    facts.name = use.read.name;
    return use;
  }

  /** AT+CIND=? once per connection. @returns the smsfull indicator's number, or null. */
  private async lookUpSmsFullIndicator(storage: SmsStorage): Promise<number | null> {
    const facts = this.factsFor(storage);
    if (facts.smsFullIndicator !== undefined) return facts.smsFullIndicator;
    let found: number | null = null;
    if (storage.command) {
      try {
        found = smsFullIndicator(await storage.command('AT+CIND=?'));
      } catch (err) {
        if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
        found = null;
      }
    }
    facts.smsFullIndicator = found;
    return found;
  }
}
