/**
 * The receiving side of one modem: new-message and status-report indications
 * (27.005 §3.4.1: +CMTI, +CMT, +CDSI, +CDS) and the storage sweep at every (re)start, turned into
 * decoded PDUs handed to the sink, which commits them. The rule of docs/ARCHITECTURE.md "Invariants": a message (or a
 * part of one) is deleted from the SIM only after the sink has committed it; when the sink
 * throws, or the PDU cannot be decoded, it stays on the SIM.
 *
 * All work runs one job at a time, in arrival order, so a +CMTI that lands during the sweep is
 * handled after it (and finds its slot already empty if the sweep took it).
 */
import { PduError, decodePdu } from '../../../../src-shared/sms/index.ts';
import type { DecodedPdu, DeliverPdu, StatusReportPdu } from '../../../../src-shared/sms/index.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import type { StoredSms } from './modem-driver.ts';
import { intParam, splitParams } from './replies.ts';
import type { UnsolicitedEvent } from './unsolicited.ts';

/** Where decoded PDUs go. Each call commits before it returns, or throws (then nothing is deleted). */
export interface IncomingSmsSink {
  deliver(gatewayId: string, pdu: DeliverPdu): unknown;
  statusReport(gatewayId: string, report: StatusReportPdu): unknown;
}

/** The storage operations of ModemDriver the receiver uses. */
export interface SmsStorage {
  listMessages(): Promise<StoredSms[]>;
  readMessage(index: number): Promise<StoredSms | null>;
  deleteMessage(index: number): Promise<void>;
  acknowledgeDelivery(): Promise<boolean>;
}

export interface SmsReceiverOptions {
  gatewayId: string;
  sink: IncomingSmsSink;
  log?: Logger;
  /** Called when the count of undecodable messages kept on the SIM changes. */
  onChange?: () => void;
}

/** The unsolicited codes this component handles. */
export const RECEIVING_CODES: ReadonlySet<string> = new Set(['+CMTI', '+CMT', '+CDSI', '+CDS']);

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

export class SmsReceiver {
  private readonly gatewayId: string;
  private readonly sink: IncomingSmsSink;
  private readonly log: Logger;
  private readonly onChange: () => void;
  private readonly undecodable = new Set<number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(options: SmsReceiverOptions) {
    this.gatewayId = options.gatewayId;
    this.sink = options.sink;
    this.log = options.log ?? silentLogger;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** Messages the codec could not read, left on the SIM for a technician. */
  get undecodableCount(): number {
    return this.undecodable.size;
  }

  /** Handles one of RECEIVING_CODES; others are ignored. Never throws; errors are logged. */
  handle(event: UnsolicitedEvent, storage: SmsStorage): Promise<void> {
    if (!RECEIVING_CODES.has(event.code)) return Promise.resolve();
    return this.enqueue(`${event.code} handling`, () => this.handleNow(event, storage));
  }

  /**
   * Reads everything in storage (AT+CMGL=4) and handles each message as if it had just come:
   * what arrived while the app was off, or while the SIM was full. Never throws.
   */
  sweep(storage: SmsStorage): Promise<void> {
    return this.enqueue('storage sweep', async () => {
      const stored = await storage.listMessages();
      const before = this.undecodable.size;
      this.undecodable.clear();
      let handled = 0;
      for (const sms of stored) {
        // Stored SUBMITs (2 unsent, 3 sent) are somebody's drafts, not ours to take.
        if (sms.stat === 2 || sms.stat === 3) continue;
        try {
          if (await this.takeStored(sms, storage)) handled += 1;
        } catch (err) {
          // The database refused this one: it stays on the SIM, the next sweep tries again.
          // Modem errors (a timeout, an unplug) end the sweep instead.
          if (!(err instanceof CommitError)) throw err;
          this.log.error('Could not store a received SMS; it stays on the SIM', { gateway: this.gatewayId, index: sms.index, error: err.message });
        }
      }
      if (stored.length > 0) this.log.info('SIM storage swept', { gateway: this.gatewayId, found: stored.length, handled, undecodable: this.undecodable.size });
      if (this.undecodable.size !== before) this.onChange();
    });
  }

  private enqueue(what: string, job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job).catch((err: unknown) => {
      this.log.warn(`SMS receiving: ${what} failed`, { gateway: this.gatewayId, error: err instanceof Error ? err.message : String(err) });
    });
    this.queue = run;
    return run;
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
        const sms = await storage.readMessage(index);
        if (sms === null) return; // already taken (by the sweep) or deleted
        await this.takeStored(sms, storage);
        return;
      }
      case '+CMT':
      case '+CDS': {
        // +CMT: [<alpha>],<length>  /  +CDS: <length>: the length is the last parameter.
        const decoded = this.decode(pdu ?? '', indexOf(header), null);
        if (decoded === null) return;
        if (decoded.type === 'submit') {
          this.log.warn('Unexpected SMS-SUBMIT in an indication', { gateway: this.gatewayId, code: event.code });
          return;
        }
        this.commit(decoded);
        // Only after the commit: an unacknowledged +CMT is sent again by the network.
        if (event.code === '+CMT') await storage.acknowledgeDelivery();
        return;
      }
    }
  }

  /** Decode, commit, then delete. @returns whether it was committed and deleted. */
  private async takeStored(sms: StoredSms, storage: SmsStorage): Promise<boolean> {
    const decoded = this.decode(sms.pdu, sms.length, sms.index);
    if (decoded === null) {
      if (!this.undecodable.has(sms.index)) {
        this.undecodable.add(sms.index);
        this.onChange();
      }
      return false;
    }
    if (decoded.type === 'submit') return false;
    this.commit(decoded);
    await storage.deleteMessage(sms.index);
    if (this.undecodable.delete(sms.index)) this.onChange();
    return true;
  }

  /** @throws CommitError wrapping whatever the sink threw (nothing deleted then). */
  private commit(decoded: DeliverPdu | StatusReportPdu): void {
    try {
      if (decoded.type === 'deliver') this.sink.deliver(this.gatewayId, decoded);
      else this.sink.statusReport(this.gatewayId, decoded);
    } catch (err) {
      throw new CommitError(err);
    }
  }

  /** @returns the PDU, or null when it cannot be decoded (logged without content). */
  private decode(hex: string, length: number | null, index: number | null): DecodedPdu | null {
    try {
      return decodeModemPdu(hex.trim(), length);
    } catch (err) {
      if (!(err instanceof PduError)) throw err;
      // Where it broke, never what it says: no content at info level.
      this.log.warn('Undecodable SMS', { gateway: this.gatewayId, index, keptOnSim: index !== null, field: err.field, offset: err.offset });
      return null;
    }
  }
}
