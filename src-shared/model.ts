/**
 * The domain model shared by the backend, both hosts and the renderer.
 * Follows the OpenMRS Messaging Module's split of message / recipient / address
 * (../shared/reference/openmrs-messaging-module.txt, "Data Model").
 */

/** A protocol governs how addresses and content are formatted (the reference's Protocol). */
export type Protocol = 'sms' | 'email';
export const PROTOCOLS = ['sms', 'email'] as const satisfies readonly Protocol[];

/**
 * The lifecycle of one MessageRecipient. Only the OutboxDispatcher changes it, and every
 * change is written to the status log with a reason.
 *
 * outbox -> sending -> sent -> delivered
 *                   \-> failed
 * (transient errors: sending -> outbox with a next attempt time)
 * received: an incoming message's recipient row.
 * cancelled: withdrawn by the user while still in the outbox.
 */
export type RecipientStatus = 'outbox' | 'sending' | 'sent' | 'delivered' | 'failed' | 'received' | 'cancelled';
export const RECIPIENT_STATUSES = ['outbox', 'sending', 'sent', 'delivered', 'failed', 'received', 'cancelled'] as const satisfies readonly RecipientStatus[];
export const FINAL_STATUSES: readonly RecipientStatus[] = ['sent', 'delivered', 'failed', 'received', 'cancelled'];

/** Flags shown next to a recipient's status. */
/** 'missed-call': an incoming call on a modem, logged in the caller's conversation (not an SMS). */
export type RecipientFlag = 'possible-duplicate' | 'incomplete' | 'missed-call';

/** What to do at start-up with a recipient left in `sending` by a crash (DESIGN.md invariants). */
export type CrashRecoveryPolicy = 'resend-flag-duplicate' | 'fail-and-ask';
export const CRASH_RECOVERY_POLICIES = ['resend-flag-duplicate', 'fail-and-ask'] as const satisfies readonly CrashRecoveryPolicy[];

/** How the dispatcher chooses among several gateways of one protocol (docs/ARCHITECTURE.md). */
export type RoutingPolicy = 'round-robin' | 'least-busy' | 'prefix';
export const ROUTING_POLICIES = ['round-robin', 'least-busy', 'prefix'] as const satisfies readonly RoutingPolicy[];

/** Numbers starting with `prefix` (E.164, e.g. '+25471') go through `gatewayId` while it can send. */
export interface PrefixRule {
  prefix: string;
  gatewayId: string;
}

export interface Contact {
  id: number;
  name: string;
  notes: string;
  addresses: Address[];
}

export interface Address {
  id: number;
  address: string;
  protocol: Protocol;
  contactId: number | null;
  preferred: boolean;
}

/** Options of an outgoing message that gateways honour. */
export interface SendOptions {
  /** Ask the network for an SMS delivery report (TP-SRR). */
  statusReport?: boolean;
  /** Class 0 "flash" SMS, shown at once and not stored by the phone. */
  flash?: boolean;
}

/** What a caller hands to MessagingService.send. */
export interface MessageDraft {
  content: string;
  subject?: string;
  sender?: string;
  inReplyTo?: number;
  recipients: Array<{ address: string; protocol: Protocol; contactId?: number }>;
  options?: SendOptions;
}

export interface StatusChange {
  from: RecipientStatus | null;
  to: RecipientStatus;
  reason: string;
  at: string;
}

export interface MessageRecipient {
  id: number;
  messageId: number;
  address: string;
  protocol: Protocol;
  contactId: number | null;
  status: RecipientStatus;
  gateway: string | null;
  /** Gateway references: for SMS, the +CMGS message reference of every part, in order. */
  gatewayRefs: string[];
  attempts: number;
  nextAttemptAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  flags: RecipientFlag[];
  updated: string;
}

export interface Message {
  id: number;
  content: string;
  subject: string | null;
  sender: string | null;
  inReplyTo: number | null;
  created: string;
  options: SendOptions;
  recipients: MessageRecipient[];
}

export type GatewayState = 'stopped' | 'starting' | 'running' | 'paused' | 'disconnected' | 'error';

export interface GatewayStatus {
  id: string;
  protocol: Protocol;
  kind: 'modem' | 'email';
  state: GatewayState;
  /** Plain words for a nurse: why the gateway is not running, or null. */
  problem: string | null;
  detail: Record<string, string | number | boolean | null>;
}

/** One recipient's status changed (committed, with its status_log row). */
export interface StatusEvent {
  recipientId: number;
  messageId: number;
  from: RecipientStatus | null;
  to: RecipientStatus;
  reason: string;
  gateway: string | null;
  at: string;
  flags: RecipientFlag[];
}

/** A message came in and is committed to the database. */
export interface IncomingEvent {
  messageId: number;
  recipientId: number;
  conversationId: number;
  /** The sender, normalised (E.164 where the number could be read, as received otherwise). */
  from: string;
  protocol: Protocol;
  text: string;
  gatewayId: string;
  receivedAt: string;
  flags: RecipientFlag[];
}

/** What start() did with recipients a crash left in `sending`. */
export interface RecoverySummary {
  policy: CrashRecoveryPolicy;
  /** How many rows were found in `sending`. */
  recovered: number;
  /** Of those, back in the outbox (flagged possible-duplicate). */
  requeued: number;
  /** Of those, failed (the policy asks the user, or they ran out of attempts). */
  failed: number;
  recipientIds: number[];
}
