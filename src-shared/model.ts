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
/**
 * `scheduled`: waits for its time (migration 007), then becomes `outbox`.
 * `suppressed`: not sent because the number opted out (migration 009 consent); final.
 */
export type RecipientStatus = 'scheduled' | 'outbox' | 'sending' | 'sent' | 'delivered' | 'failed' | 'received' | 'cancelled' | 'suppressed';
export const RECIPIENT_STATUSES = ['scheduled', 'outbox', 'sending', 'sent', 'delivered', 'failed', 'received', 'cancelled', 'suppressed'] as const satisfies readonly RecipientStatus[];
export const FINAL_STATUSES: readonly RecipientStatus[] = ['sent', 'delivered', 'failed', 'received', 'cancelled', 'suppressed'];

/** Flags shown next to a recipient's status. */
/** 'missed-call': an incoming call on a modem, logged in the caller's conversation (not an SMS). */
export type RecipientFlag = 'possible-duplicate' | 'incomplete' | 'missed-call';

/** What to do at start-up with a recipient left in `sending` by a crash (docs/ARCHITECTURE.md "Invariants"). */
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
  /** A nurse confirmed this personal message to a number that opted out (electron/backend/dispatcher/suppression.ts). */
  optOutConfirmed?: boolean;
}

/** What a caller hands to MessagingService.send. */
export interface MessageDraft {
  content: string;
  subject?: string;
  sender?: string;
  inReplyTo?: number;
  recipients: Array<{ address: string; protocol: Protocol; contactId?: number }>;
  options?: SendOptions;
  /** Send at this instant (ISO 8601) rather than at once: the recipients wait as `scheduled`. */
  sendAt?: string;
  /** Not sent after this instant: a reminder's appointment start. */
  expiresAt?: string;
  /** Sent by the app itself or for another system: the clinic's send window holds it. */
  automated?: boolean;
  /**
   * A nurse knows the one recipient opted out and sends this personal message anyway; without it
   * such a send is refused (rule recipient.opted-out). Ignored for automated or group sends, which
   * never reach an opted-out number.
   */
  sendToOptedOut?: boolean;
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
export const GATEWAY_STATES = ['stopped', 'starting', 'running', 'paused', 'disconnected', 'error'] as const satisfies readonly GatewayState[];

export type GatewayKind = 'modem' | 'email';

/**
 * Why a modem gateway is not sending (or what it is doing about it), as a code the renderer
 * words in the nurse's language (renderer/i18n). One row each; the modem gateway decides which.
 */
export const MODEM_PROBLEM_CODES = [
  'not-answering',
  'recovery-probing',
  'recovery-reinit',
  'recovery-reopen',
  'cannot-open',
  'permission-denied',
  'port-busy',
  'unplugged',
  'waiting-for-modem',
  'sim-pin',
  'sim-pin-rejected',
  'sim-puk',
  'no-sim',
  'sim-unusable',
  'no-network',
  'network-denied',
  'no-service-centre',
  'start-failed',
  'other-modem',
  /** A send met an error that needs a person (SIM memory, subscription): values.error is its code, e.g. cms-330. */
  'send-stopped',
  'disabled',
  /** The SIM's message storage is full: no SMS can arrive until Ujumbe makes room (it sweeps by itself). */
  'sim-full',
] as const;
export type ModemProblemCode = (typeof MODEM_PROBLEM_CODES)[number];

/** The e-mail gateway's problems: the failure codes of its SMTP table (email-failures.ts). */
export const EMAIL_PROBLEM_CODES = ['auth', 'tls', 'dns', 'refused', 'timeout', 'connection', 'config', 'from-refused', 'unknown', 'disabled'] as const;
export type EmailProblemCode = (typeof EMAIL_PROBLEM_CODES)[number];

export interface GatewayProblem<C extends string = ModemProblemCode | EmailProblemCode> {
  code: C;
  /** Values the words need (a port name, a count); never a patient's number or text. */
  values?: Record<string, string | number>;
}

/** A network registration (27.007 §7.2 <stat>) as the panel words it. */
export const REGISTRATION_CODES = ['home', 'roaming', 'sms-only', 'searching', 'denied', 'not-registered', 'emergency-only', 'unknown'] as const;
export type RegistrationCode = (typeof REGISTRATION_CODES)[number];

/** The SIM as the modem reports it (27.007 §8.3 +CPIN). */
export const SIM_STATE_CODES = ['ready', 'pin-required', 'puk-required', 'phone-locked', 'pin2-required', 'not-inserted', 'failure', 'unknown'] as const;
export type SimStateCode = (typeof SIM_STATE_CODES)[number];

export interface ModemDetail {
  /** The serial port in use (it changes when the modem is re-plugged elsewhere). */
  port: string;
  profile: string | null;
  manufacturer: string | null;
  model: string | null;
  revision: string | null;
  imei: string | null;
  operator: string | null;
  signalDbm: number | null;
  signalBars: number | null;
  registration: RegistrationCode | null;
  sim: SimStateCode | null;
  smsMode: 'pdu' | 'text' | null;
  /** Whether the SIM has a service centre number; null before init. */
  serviceCentre: boolean | null;
  /**
   * Received messages the codec could not read that are still on the SIM (normally 0: they are
   * kept in the database instead, see `unreadableStored`; only a failed database write leaves one).
   */
  undecodableOnSim: number;
  /**
   * Received messages the codec could not read, taken off the SIM and kept in the database for a
   * technician (raw PDU and the decoder's reason). Absent where the host does not know it.
   */
  unreadableStored?: number;
}

export interface EmailDetail {
  /** host:port */
  server: string;
  security: 'tls' | 'starttls' | 'none';
  /** The code of the last failure (email-failures.ts), or null. */
  lastFailure: string | null;
}

interface GatewayStatusBase {
  id: string;
  state: GatewayState;
}

export interface ModemGatewayStatus extends GatewayStatusBase {
  protocol: 'sms';
  kind: 'modem';
  problem: GatewayProblem<ModemProblemCode> | null;
  detail: ModemDetail;
}

export interface EmailGatewayStatus extends GatewayStatusBase {
  protocol: 'email';
  kind: 'email';
  problem: GatewayProblem<EmailProblemCode> | null;
  detail: EmailDetail;
}

/** A running gateway's status: codes and data, worded by the renderer. */
export type GatewayStatus = ModemGatewayStatus | EmailGatewayStatus;

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
