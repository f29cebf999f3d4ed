/**
 * MessagingService: the starting point for all messaging (the reference's MessagingService).
 * send: validate -> route check -> save every recipient as `outbox` in ONE transaction ->
 * notify the dispatcher. receive: the storage end of an incoming message.
 */
import { UjumbeError, ValidationError, type ValidationIssue } from '../../src-shared/errors.ts';
import type { MessageDraft, Protocol, RecipientFlag, RecipientStatus } from '../../src-shared/model.ts';
import { normaliseSmsSender, validateDraft, type ProtocolSettings, type ValidatedDraft } from '../../src-shared/protocols/index.ts';
import { normaliseIncoming } from '../../src-shared/protocols/incoming.ts';
import { type Clock, isoAt, systemClock } from './clock.ts';
import { clinicTimeZone } from './clinic-time-zone.ts';
import { clinicStamp } from '../../src-shared/schedule/clinic-time.ts';
import type { StatusChangeRequest } from './dispatcher/status-change.ts';
import { type IncomingEvent, type Listener, type StatusEvent, TypedEmitter } from './events.ts';
import { type Logger, silentLogger } from './logger.ts';
import { optOutWords } from './dispatcher/suppression.ts';
import type { MessagePageQuery, MessagePurpose, MessageRecord, MessageSummary } from './store/repositories/message-repository.ts';
import type { RecipientRecord } from './store/repositories/recipient-repository.ts';
import type { StatusLogEntry } from './store/repositories/status-log-repository.ts';
import type { Store } from './store/store.ts';

/** Some recipients' protocols have no gateway configured. Nothing was saved. */
export class NoGatewayError extends UjumbeError {
  constructor(readonly protocols: Protocol[]) {
    super(
      'no-gateway',
      `No gateway is set up to send ${protocols.map(protocolName).join(' or ')}. Add one under Gateways first.`,
      { protocols },
    );
  }
}

function protocolName(p: Protocol): string {
  return p === 'sms' ? 'SMS' : 'e-mail';
}

/** What the service needs from the dispatcher: the one status funnel, and a wake-up. */
export interface DispatcherPort {
  /** @throws RecipientNotFoundError, StatusConflictError */
  changeStatus(request: StatusChangeRequest): StatusEvent;
  /** Several changes in one transaction. @throws RecipientNotFoundError, StatusConflictError */
  changeStatuses(requests: readonly StatusChangeRequest[]): StatusEvent[];
  onStatus(listener: Listener<StatusEvent>): () => void;
  /** Called after an enqueue commits. */
  notify(): void;
}

export interface MessagingServiceOptions {
  store: Store;
  dispatcher: DispatcherPort;
  /** True if a gateway carrying `protocol` is configured (running or not). */
  hasGatewayFor: (protocol: Protocol) => boolean;
  clock?: Clock;
  logger?: Logger;
}

export interface SendReceipt {
  messageId: number;
  recipients: Array<{ id: number; address: string; status: RecipientStatus }>;
  /** How the content travels as SMS, when any recipient is SMS. */
  sms: ValidatedDraft['sms'];
}

export interface IncomingMessage {
  /** The sender as the network gave it ("+254712345678", "0712345678", "SAFARICOM"). */
  from: string;
  text: string;
  gatewayId: string;
  protocol?: Protocol;
  /** When the network says it was sent (the SMSC timestamp, ISO): kept beside the arrival time, never used to sort (a network's clock can be hours off). */
  networkAt?: string;
  /** When it reached the desk, if not now: history brought in from elsewhere (benches, an old system's messages). The modem path never sets it. */
  arrivedAt?: string;
  /** e.g. 'incomplete' when parts of a concatenated SMS never came. */
  flags?: RecipientFlag[];
}

export interface ReceivedReceipt {
  messageId: number;
  recipientId: number;
  conversationId: number;
  from: string;
}

export interface RecipientDetail extends RecipientRecord {
  log: StatusLogEntry[];
}

export interface MessageDetail extends MessageRecord {
  recipients: RecipientDetail[];
}

/** How far ahead a send may be scheduled: a year past that is a typing mistake, not a plan. */
export const MAX_SCHEDULE_AHEAD_MS = 400 * 86_400_000;

interface SendTiming {
  scheduled: boolean;
  sendAt: string | null;
  expiresAt: string | null;
}

/**
 * A draft's sendAt and expiresAt, checked against now: a time already past sends at once; an
 * expiry already past, an expiry before the send time or a time more than MAX_SCHEDULE_AHEAD_MS
 * ahead is an error naming the field (nothing saved).
 */
export function sendTiming(draft: Pick<MessageDraft, 'sendAt' | 'expiresAt'>, nowMs: number): SendTiming {
  const issues: ValidationIssue[] = [];
  const read = (value: string | undefined, where: 'sendAt' | 'expiresAt'): number | null => {
    if (value === undefined) return null;
    const ms = Date.parse(value);
    if (!Number.isFinite(ms)) issues.push({ where, rule: 'time.invalid', message: `"${value}" is not a date and time.` });
    return Number.isFinite(ms) ? ms : null;
  };
  const sendMs = read(draft.sendAt, 'sendAt');
  const expiresMs = read(draft.expiresAt, 'expiresAt');
  if (sendMs !== null && sendMs - nowMs > MAX_SCHEDULE_AHEAD_MS) issues.push({ where: 'sendAt', rule: 'time.too-far', message: 'This is more than a year ahead: check the year.' });
  if (expiresMs !== null && expiresMs <= nowMs) issues.push({ where: 'expiresAt', rule: 'time.past', message: 'This time has already passed: the message would never be sent.' });
  if (expiresMs !== null && sendMs !== null && expiresMs <= sendMs) issues.push({ where: 'expiresAt', rule: 'time.before-send', message: 'The message would expire before it is sent.' });
  if (issues.length > 0) throw new ValidationError(issues);
  const scheduled = sendMs !== null && sendMs > nowMs;
  return {
    scheduled,
    sendAt: sendMs === null ? null : new Date(sendMs).toISOString(),
    expiresAt: expiresMs === null ? null : new Date(expiresMs).toISOString(),
  };
}

/** The first line of a scheduled recipient's log: when it will go, in clinic time. */
export function scheduledReason(sendAt: string | number, timeZone: string): string {
  return `Scheduled for ${clinicStamp(sendAt, timeZone)}`;
}

/**
 * One automated SMS whose parts were checked by the caller: the address is E.164 from
 * checkSmsAddress, the content passed checkSmsContent (reminders/reminder-texts.ts), the
 * contact and conversation exist.
 */
export interface CheckedSms {
  content: string;
  address: string;
  contactId: number;
  conversationId: number;
  /** ISO, in the future. */
  sendAt: string;
  expiresAt: string | null;
}

const CHECKED_OPTIONS_REPORT = Object.freeze({ statusReport: true, flash: false });
const CHECKED_OPTIONS_NO_REPORT = Object.freeze({ statusReport: false, flash: false });

export const RETRY_REASON = 'Sent again at the user’s request';
export const CANCEL_REASON = 'Cancelled by the user';

export class MessagingService {
  private readonly store: Store;
  private readonly dispatcher: DispatcherPort;
  private readonly hasGatewayFor: (protocol: Protocol) => boolean;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly events: TypedEmitter<{ incoming: IncomingEvent }>;

  constructor(options: MessagingServiceOptions) {
    this.store = options.store;
    this.dispatcher = options.dispatcher;
    this.hasGatewayFor = options.hasGatewayFor;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.events = new TypedEmitter((error) =>
      this.logger.error('An incoming-message listener threw', { error: error instanceof Error ? error.message : String(error) }),
    );
  }

  /**
   * Validates the draft, checks a gateway exists for each protocol, and saves the message with
   * every recipient in `outbox`, in one transaction; then wakes the dispatcher.
   * @throws ValidationError naming every bad recipient and rule (also an unknown contactId or
   *   inReplyTo); nothing saved.
   * @throws NoGatewayError listing the protocols without a gateway; nothing saved.
   */
  send(draft: MessageDraft, internal: { purpose?: MessagePurpose } = {}): SendReceipt {
    const validated = validateDraft(draft, this.protocolSettings());
    const timing = sendTiming(draft, this.clock.now());
    const personal = draft.automated !== true && validated.recipients.length === 1;
    if (personal && internal.purpose === undefined && draft.sendToOptedOut !== true) this.refuseOptedOut(validated.recipients[0]!);
    // A send for later (a reminder booked before the modem is plugged in) may wait for a gateway;
    // one for now is refused at once, so the nurse knows it cannot go.
    const missing = timing.scheduled ? [] : [...new Set(validated.recipients.map((r) => r.protocol))].filter((p) => !this.hasGatewayFor(p));
    if (missing.length > 0) throw new NoGatewayError(missing);
    const options = {
      ...validated.options,
      statusReport: validated.options.statusReport ?? this.store.settings.get('statusReports'),
      // Recorded only on a personal send a nurse confirmed: an automated or group one never reaches an opted-out number.
      ...(personal && draft.sendToOptedOut === true ? { optOutConfirmed: true } : {}),
    };
    const at = isoAt(this.clock);
    const status: RecipientStatus = timing.scheduled ? 'scheduled' : 'outbox';
    const queuedReason = timing.scheduled ? scheduledReason(timing.sendAt!, clinicTimeZone(this.store.settings.get('timeZone'))) : 'queued';

    const receipt = this.store.transaction((): SendReceipt => {
      this.checkReferences(validated);
      const single = validated.recipients.length === 1;
      const messageId = this.store.messages.insert({
        content: validated.content,
        subject: validated.subject,
        sender: validated.sender,
        inReplyTo: validated.inReplyTo,
        direction: 'out',
        conversationId: null,
        options,
        created: at,
        sendAt: timing.sendAt,
        expiresAt: timing.expiresAt,
        automated: draft.automated === true,
        purpose: internal.purpose ?? null,
      });
      const recipients: SendReceipt['recipients'] = [];
      let onlyConversation: number | null = null;
      for (const r of validated.recipients) {
        const address = this.store.contacts.ensureAddress(r.address, r.protocol, r.contactId);
        const contactId = r.contactId ?? address.contactId;
        const conversationId = this.store.conversations.touch(r.address, r.protocol, contactId, at, 0);
        if (single) onlyConversation = conversationId;
        const id = this.store.recipients.insert({
          messageId,
          address: r.address,
          protocol: r.protocol,
          contactId,
          conversationId,
          status,
          gateway: null,
          nextAttemptAt: timing.scheduled ? timing.sendAt : at,
          flags: [],
          updated: at,
        });
        // Creation, not a change: the row is born `outbox` (or `scheduled`) and its log starts here.
        this.store.statusLog.append({ recipientId: id, from: null, to: status, reason: queuedReason, gateway: null, at });
        recipients.push({ id, address: r.address, status });
      }
      if (onlyConversation !== null) this.store.messages.setConversation(messageId, onlyConversation);
      return { messageId, recipients, sms: validated.sms };
    });

    this.logger.info(timing.scheduled ? 'Message scheduled' : 'Message queued', { messageId: receipt.messageId, recipients: receipt.recipients.length });
    this.dispatcher.notify();
    return receipt;
  }

  /**
   * Saves checked automated SMS as `scheduled`, each one message with one recipient, inside the
   * caller's transaction (a reminder is saved with its appointment, whole or not at all). The
   * bulk path of send(): a 10,000-row day list schedules 30,000 reminders without checking each
   * number and text a second time. Call scheduledSaved() once the caller has committed.
   * @returns the message ids, in order.
   */
  saveCheckedSms(items: readonly CheckedSms[], context: { at: string; timeZone: string; statusReports: boolean }): number[] {
    const options = context.statusReports ? CHECKED_OPTIONS_REPORT : CHECKED_OPTIONS_NO_REPORT;
    return items.map((item) => {
      const messageId = this.store.messages.insert({
        content: item.content,
        subject: null,
        sender: null,
        inReplyTo: null,
        direction: 'out',
        conversationId: item.conversationId,
        options,
        created: context.at,
        sendAt: item.sendAt,
        expiresAt: item.expiresAt,
        automated: true,
      });
      const recipientId = this.store.recipients.insert({
        messageId,
        address: item.address,
        protocol: 'sms',
        contactId: item.contactId,
        conversationId: item.conversationId,
        status: 'scheduled',
        gateway: null,
        nextAttemptAt: item.sendAt,
        flags: [],
        updated: context.at,
      });
      this.store.statusLog.append({ recipientId, from: null, to: 'scheduled', reason: scheduledReason(item.sendAt, context.timeZone), gateway: null, at: context.at });
      return messageId;
    });
  }

  /** After saveCheckedSms's transaction committed: the dispatcher sets its timer for the earliest. */
  scheduledSaved(count: number): void {
    if (count === 0) return;
    this.logger.info('Messages scheduled', { messages: count });
    this.dispatcher.notify();
  }

  /**
   * Stores an incoming message in its sender's conversation (status `received`, unread + 1) in
   * one transaction, then announces it. Never rejects a message for its sender's format: a
   * sender that is not a phone number ("SAFARICOM") is kept as received.
   * @returns ids of what was stored.
   * @throws the SQLite error if it cannot be stored (the caller must then keep it on the SIM).
   */
  receive(received: IncomingMessage): ReceivedReceipt {
    // Hostile input is normalised once, before anything is stored (src-shared/protocols/incoming.ts).
    const incoming = normaliseIncoming(received);
    const protocol = incoming.protocol ?? 'sms';
    const from = protocol === 'sms' ? normaliseSmsSender(incoming.from, this.protocolSettings()) : incoming.from.trim().toLowerCase();
    // A reply is dated when it reached the desk; the network's timestamp is kept as networkAt.
    const at = isoAt(this.clock);
    const receivedAt = incoming.arrivedAt ?? at;
    const networkAt = incoming.networkAt ?? null;
    const flags = [...new Set(incoming.flags ?? [])];

    const receipt = this.store.transaction((): ReceivedReceipt => {
      const address = this.store.contacts.ensureAddress(from, protocol, null);
      const conversationId = this.store.conversations.touch(from, protocol, address.contactId, receivedAt, 1);
      const messageId = this.store.messages.insert({
        content: incoming.text,
        subject: null,
        sender: from,
        inReplyTo: null,
        direction: 'in',
        conversationId,
        options: {},
        created: receivedAt,
        networkAt,
      });
      const recipientId = this.store.recipients.insert({
        messageId,
        address: from,
        protocol,
        contactId: address.contactId,
        conversationId,
        status: 'received',
        gateway: incoming.gatewayId,
        nextAttemptAt: null,
        flags,
        updated: at,
      });
      this.store.statusLog.append({ recipientId, from: null, to: 'received', reason: 'received', gateway: incoming.gatewayId, at });
      return { messageId, recipientId, conversationId, from };
    });

    this.logger.info('Message received', { messageId: receipt.messageId, gateway: incoming.gatewayId });
    this.events.emit('incoming', {
      ...receipt,
      protocol,
      text: incoming.text,
      gatewayId: incoming.gatewayId,
      receivedAt,
      flags,
    });
    return receipt;
  }

  /** A message committed by receive(). @returns unsubscribe. */
  onIncoming(listener: Listener<IncomingEvent>): () => void {
    return this.events.on('incoming', listener);
  }

  /** Every committed status change (from the dispatcher). @returns unsubscribe. */
  onStatus(listener: Listener<StatusEvent>): () => void {
    return this.dispatcher.onStatus(listener);
  }

  /** The message with every recipient and each recipient's status log, or undefined. */
  getMessage(id: number): MessageDetail | undefined {
    const message = this.store.messages.get(id);
    if (!message) return undefined;
    const logs = this.store.statusLog.listForMessage(id);
    const recipients = this.store.recipients.listForMessage(id).map((r) => ({ ...r, log: logs.get(r.id) ?? [] }));
    return { ...message, recipients };
  }

  /** Newest first, paged by id: pass the previous page's `nextBefore` as `before`. */
  listMessages(query: MessagePageQuery): { messages: MessageSummary[]; nextBefore: number | null } {
    return this.store.messages.listPage(query);
  }

  /**
   * Sends a failed recipient again, with a fresh count of attempts.
   * @throws RecipientNotFoundError; StatusConflictError unless it is `failed`.
   */
  retry(recipientId: number): StatusEvent {
    return this.dispatcher.changeStatus({
      recipientId,
      from: 'failed',
      to: 'outbox',
      reason: RETRY_REASON,
      set: { attempts: 0, nextAttemptAt: isoAt(this.clock), lastErrorCode: null, lastError: null },
    });
  }

  /**
   * Withdraws a recipient that has not been handed to a gateway yet.
   * @throws RecipientNotFoundError; StatusConflictError unless it is `outbox` or `scheduled`.
   */
  cancel(recipientId: number): StatusEvent {
    return this.dispatcher.changeStatus({ recipientId, from: ['outbox', 'scheduled'], to: 'cancelled', reason: CANCEL_REASON, set: { nextAttemptAt: null } });
  }

  /**
   * A nurse writing by hand to one number that opted out is asked first (Compose confirms and
   * sends again with sendToOptedOut); an automated or group send is saved and the dispatcher
   * suppresses that recipient instead.
   * @throws ValidationError rule recipient.opted-out at the number as typed.
   */
  private refuseOptedOut(recipient: ValidatedDraft['recipients'][number]): void {
    const consent = this.store.consent.get(recipient.address, recipient.protocol);
    if (!consent?.optedOut) return;
    const words = optOutWords(consent, clinicTimeZone(this.store.settings.get('timeZone')));
    throw new ValidationError([{ where: recipient.input, rule: 'recipient.opted-out', message: `Not sent: ${words}. Send it only if it is a personal reply this patient needs.` }]);
  }

  private protocolSettings(): ProtocolSettings {
    return { defaultCountry: this.store.settings.get('defaultCountry'), maxSmsParts: this.store.settings.get('maxSmsParts') };
  }

  /** Contacts and the replied-to message must exist: a clear error, not a foreign-key failure. */
  private checkReferences(validated: ValidatedDraft): void {
    const issues: ValidationIssue[] = [];
    const checked = new Set<number>();
    for (const r of validated.recipients) {
      if (r.contactId === null || checked.has(r.contactId)) continue;
      checked.add(r.contactId);
      if (!this.store.contacts.exists(r.contactId)) {
        issues.push({ where: r.input, rule: 'contact.unknown', message: 'This contact no longer exists.' });
      }
    }
    if (validated.inReplyTo !== null && !this.store.messages.exists(validated.inReplyTo)) {
      issues.push({ where: 'inReplyTo', rule: 'reply.unknown', message: 'The message this replies to no longer exists.' });
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }
}
