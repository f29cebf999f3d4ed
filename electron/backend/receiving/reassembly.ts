/**
 * Incoming SMS to messages: a single SMS is stored at once; the parts of a concatenated one
 * (23.040 §9.2.3.24.1, 8-bit references; §9.2.3.24.8, 16-bit) are committed to sms_parts as
 * they come, in any order, and become one message when the last one arrives — or, after the
 * `multipartTimeoutMinutes` setting, one message flagged `incomplete` with what did come.
 *
 * Every method commits before it returns, so the caller (the SIM side) may delete the PDU from
 * the SIM as soon as it returns, and must not when it throws.
 *
 * Given the raw PDU, each delivery's fingerprint (pdu-fingerprint.ts: sender, SC time stamp, hash
 * of the TPDU) is written in the same transaction as its message or part. A PDU whose fingerprint
 * is there was committed before — a re-read after a crash between the commit and the SIM delete,
 * or the SC sending it again — and changes nothing (`already-stored`): no second message, and no
 * phantom "incomplete" message made of the last part of a long one that was already completed.
 */
import type { DeliverPdu } from '../../../src-shared/sms/index.ts';
import type { RawPdu } from '../gateways/modem/sms-receiver.ts';
import { type Clock, isoAt, systemClock } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { IncomingMessage, ReceivedReceipt } from '../messaging.ts';
import type { Store } from '../store/store.ts';
import type { PartGroupKey, PartRepository, StoredPart } from '../store/repositories/part-repository.ts';
import { fingerprintOf } from './pdu-fingerprint.ts';
import { replaceLoneSurrogates } from '../../../src-shared/protocols/incoming.ts';

/** Stands for a part that never came, inside an incomplete message's text. */
export const MISSING_PART_MARKER = '[…]';

export interface ReassemblyOptions {
  store: Store;
  /** MessagingService.receive: the storage end of an incoming message. */
  receive: (incoming: IncomingMessage) => ReceivedReceipt;
  clock?: Clock;
  logger?: Logger;
}

export type AcceptOutcome =
  | { kind: 'message'; messageId: number }
  | { kind: 'part-stored'; have: number; total: number }
  | { kind: 'duplicate-part' }
  /** The same PDU was committed before (its fingerprint is stored): nothing changed. */
  | { kind: 'already-stored' };

/** The SC time stamp as the database's UTC ISO string; null when it is not a real date. */
function scTime(timestamp: string): string | null {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export class Reassembly {
  private readonly store: Store;
  private readonly parts: PartRepository;
  private readonly receive: ReassemblyOptions['receive'];
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(options: ReassemblyOptions) {
    this.store = options.store;
    this.parts = options.store.parts;
    this.receive = options.receive;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Commits one received SMS-DELIVER: a message, or a part waiting for its siblings. With `raw`
   * (the PDU as the modem printed it) a PDU committed before is recognised and changes nothing.
   * @throws the SQLite error when it cannot be committed (keep the PDU on the SIM).
   */
  accept(gatewayId: string, pdu: DeliverPdu, raw?: Pick<RawPdu, 'hex' | 'length'>): AcceptOutcome {
    const sentAt = scTime(pdu.timestamp);
    const concat = pdu.concat;
    // One transaction: the fingerprint, the part, and when it is the last one (or a single SMS)
    // the message and the parts' removal. receive() nests as a savepoint, so its event fires just
    // before this commits.
    return this.store.transaction((): AcceptOutcome => {
      if (raw !== undefined && !this.store.receivedPdus.insert(fingerprintOf(gatewayId, pdu, raw), isoAt(this.clock))) {
        this.logger.info('SMS already stored; only its SIM copy goes', { gateway: gatewayId, ...(concat ? { part: concat.part, total: concat.total } : {}) });
        return { kind: 'already-stored' };
      }
      if (concat === null || concat.total === 1) {
        const receipt = this.receive({ from: pdu.sender, text: pdu.text, gatewayId, ...(sentAt === null ? {} : { networkAt: sentAt }) });
        return { kind: 'message', messageId: receipt.messageId };
      }
      const key: PartGroupKey = { sender: pdu.sender, ref: concat.ref, refBits: concat.refBits, total: concat.total };
      const inserted = this.parts.insert({ ...key, gateway: gatewayId, part: concat.part, text: replaceLoneSurrogates(pdu.text), sentAt, firstSeenAt: isoAt(this.clock) });
      if (!inserted) {
        this.logger.info('Duplicate SMS part dropped', { gateway: gatewayId, part: concat.part, total: concat.total });
        return { kind: 'duplicate-part' };
      }
      const group = this.parts.group(key);
      if (group.length < concat.total) return { kind: 'part-stored', have: group.length, total: concat.total };
      const messageId = this.complete(key, group, false);
      return { kind: 'message', messageId };
    });
  }

  /**
   * Stores every group that has waited longer than the `multipartTimeoutMinutes` setting as one
   * message flagged `incomplete`.
   * @returns the ids of the messages stored.
   * @throws the SQLite error (groups already stored stay stored).
   */
  flushExpired(): number[] {
    const timeoutMs = this.store.settings.get('multipartTimeoutMinutes') * 60_000;
    const cutoff = isoAt(this.clock, -timeoutMs);
    const stored: number[] = [];
    for (const key of this.parts.waitingSince(cutoff)) {
      const messageId = this.store.transaction(() => {
        const group = this.parts.group(key);
        return group.length === 0 ? null : this.complete(key, group, true);
      });
      if (messageId !== null) {
        this.logger.warn('Parts of a long SMS never came; stored what arrived as incomplete', { messageId });
        stored.push(messageId);
      }
    }
    return stored;
  }

  /** Joins the parts, stores the message and forgets the parts. Inside a transaction. */
  private complete(key: PartGroupKey, group: StoredPart[], incomplete: boolean): number {
    const byNumber = new Map(group.map((p) => [p.part, p]));
    let text = '';
    for (let n = 1; n <= key.total; n++) text += byNumber.get(n)?.text ?? MISSING_PART_MARKER;
    const times = group.map((p) => p.sentAt).filter((t): t is string => t !== null).sort();
    const first = group[0];
    const receipt = this.receive({
      from: key.sender,
      text,
      gatewayId: first?.gateway ?? 'unknown',
      ...(times[0] === undefined ? {} : { networkAt: times[0] }),
      ...(incomplete ? { flags: ['incomplete' as const] } : {}),
    });
    this.parts.deleteGroup(key);
    return receipt.messageId;
  }
}
