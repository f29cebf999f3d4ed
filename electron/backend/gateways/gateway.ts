/**
 * A Gateway is the backend's connection to the outside world (the reference's Gateway).
 * Gateways never change a message's status: they send, and either return what they did or
 * throw a GatewaySendError that says what kind of failure it was. The OutboxDispatcher alone
 * decides what the status becomes (reference, "The Lifecycle of a Message" 3.1.3).
 */
import type { GatewayStatus, Protocol, SendOptions } from '../../../src-shared/model.ts';

/** One recipient of one message, as the dispatcher hands it to a gateway. */
export interface OutgoingItem {
  recipientId: number;
  messageId: number;
  /** Normalised address: E.164 or a short code for SMS, a mailbox for e-mail. */
  address: string;
  protocol: Protocol;
  content: string;
  subject: string | null;
  options: SendOptions;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface SendResult {
  /** Gateway references, e.g. the +CMGS message reference of every part, in order. */
  references: string[];
  /** The sender address the gateway used (its SIM number or mailbox), where known. */
  origin?: string | null;
}

/**
 * How the dispatcher must treat a failed send.
 * - permanent: the message can never go this way (bad number, barred): fail it.
 * - transient: try again later (network busy, no signal): back to the outbox with backoff.
 * - gateway: this gateway cannot send anything now (SIM PIN, SIM failure, unplugged): stop
 *   using it, alert the user, and give the message back to the outbox for another gateway.
 * - maybe-sent: the bytes went out but no answer came (a timeout after the PDU was written):
 *   the message may have reached the phone; the crash-recovery policy applies.
 */
export type SendFailureKind = 'permanent' | 'transient' | 'gateway' | 'maybe-sent';

export class GatewaySendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    /** A stable code for the database and the UI, e.g. "cms-500", "timeout", "disconnected". */
    readonly code: string,
    /** Plain words for a nurse. */
    readonly reason: string,
    /** References of the parts that did go out before the failure (multipart SMS). */
    readonly partialReferences: string[] = [],
  ) {
    super(reason);
    this.name = 'GatewaySendError';
  }
}

export type GatewayListener = (status: GatewayStatus) => void;

export interface Gateway {
  readonly id: string;
  readonly protocol: Protocol;
  /** Current state and plain-words problem, for the gateway panel and the dispatcher. */
  status(): GatewayStatus;
  /** True when send() may be called now. */
  canSend(): boolean;
  start(): Promise<void>;
  /** Stop taking work; resolves when the port or connection is closed. */
  stop(): Promise<void>;
  /**
   * Send one recipient's message. At most one call is in flight per gateway (the dispatcher
   * guarantees it).
   * @throws GatewaySendError for every failure that the dispatcher must classify.
   */
  send(item: OutgoingItem): Promise<SendResult>;
  /** Called on every state change; returns an unsubscribe function. */
  onStatus(listener: GatewayListener): () => void;
}
