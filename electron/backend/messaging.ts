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
import type { StatusChangeRequest } from './dispatcher/status-change.ts';
import { type IncomingEvent, type Listener, type StatusEvent, TypedEmitter } from './events.ts';
import { type Logger, silentLogger } from './logger.ts';
import type { MessagePageQuery, MessageRecord, MessageSummary } from './store/repositories/message-repository.ts';
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
  /** When the network says it arrived (ISO); default now. */
  receivedAt?: string;
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
  send(draft: MessageDraft): SendReceipt {
    const validated = validateDraft(draft, this.protocolSettings());
    const missing = [...new Set(validated.recipients.map((r) => r.protocol))].filter((p) => !this.hasGatewayFor(p));
    if (missing.length > 0) throw new NoGatewayError(missing);
    const options = { ...validated.options, statusReport: validated.options.statusReport ?? this.store.settings.get('statusReports') };
    const at = isoAt(this.clock);

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
          status: 'outbox',
          gateway: null,
          nextAttemptAt: at,
          flags: [],
          updated: at,
        });
        // Creation, not a change: the row is born `outbox` and its log starts here.
        this.store.statusLog.append({ recipientId: id, from: null, to: 'outbox', reason: 'queued', gateway: null, at });
        recipients.push({ id, address: r.address, status: 'outbox' });
      }
      if (onlyConversation !== null) this.store.messages.setConversation(messageId, onlyConversation);
      return { messageId, recipients, sms: validated.sms };
    });

    this.logger.info('Message queued', { messageId: receipt.messageId, recipients: receipt.recipients.length });
    this.dispatcher.notify();
    return receipt;
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
    const at = isoAt(this.clock);
    const receivedAt = incoming.receivedAt ?? at;
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
   * @throws RecipientNotFoundError; StatusConflictError unless it is `outbox`.
   */
  cancel(recipientId: number): StatusEvent {
    return this.dispatcher.changeStatus({ recipientId, from: 'outbox', to: 'cancelled', reason: CANCEL_REASON, set: { nextAttemptAt: null } });
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
