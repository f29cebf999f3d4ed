/**
 * Backend records -> contract DTOs, field by field: what crosses the boundary is exactly the
 * contract's shape (no internal columns such as a recipient's conversation or pin leak out).
 */
import type { ContactDto, ConversationSummary, RecipientDetail, SendReceipt } from '../../../src-shared/contract/dto.ts';
import type { Contact, MessageRecipient } from '../../../src-shared/model.ts';
import type { SendReceipt as ServiceReceipt } from '../messaging.ts';
import type { TemplatedReceipt } from '../templated-send.ts';
import type { ConversationListItem } from '../store/repositories/conversation-repository.ts';
import type { Backend } from '../create-backend.ts';
import { type ReportWait, reportOverdue } from '../receiving/report-wait.ts';

export type RecipientDto = Omit<RecipientDetail, 'log' | 'contactName'>;

/** `wait`: what decides "no delivery report yet" (report-wait.ts): the message's option, the setting, the backend's now. */
export function toRecipientDto(r: MessageRecipient, wait: ReportWait): RecipientDto {
  return {
    id: r.id,
    messageId: r.messageId,
    address: r.address,
    protocol: r.protocol,
    contactId: r.contactId,
    status: r.status,
    gateway: r.gateway,
    gatewayRefs: [...r.gatewayRefs],
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastErrorCode: r.lastErrorCode,
    lastError: r.lastError,
    flags: [...r.flags],
    updated: r.updated,
    reportOverdue: reportOverdue(r, wait),
  };
}

/** The report-wait facts for rows of a message that did (or did not) ask for a delivery report. */
export function reportWaitFor(backend: Pick<Backend, 'store' | 'clock'>, reportRequested: boolean): ReportWait {
  return { reportRequested, waitMinutes: backend.store.settings.get('deliveryReportWaitMinutes'), now: backend.clock.now() };
}

export function toSendReceipt(receipt: ServiceReceipt, skipped: NonNullable<SendReceipt['skipped']> = []): SendReceipt {
  return {
    messageId: receipt.messageId,
    recipients: receipt.recipients.map((r) => ({ id: r.id, address: r.address, status: r.status })),
    sms: receipt.sms && { encoding: receipt.sms.encoding, segments: receipt.sms.segments },
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

/** A template send: the first message's id on top (as a text send has), then every message. */
export function toTemplatedSendReceipt(receipt: TemplatedReceipt, skipped: NonNullable<SendReceipt['skipped']> = []): SendReceipt {
  return {
    messageId: receipt.messages[0]!.receipt.messageId,
    recipients: receipt.recipients.map((r) => ({ id: r.id, address: r.address, status: r.status })),
    sms: receipt.sms && { encoding: receipt.sms.encoding, segments: receipt.sms.segments },
    ...(skipped.length > 0 ? { skipped } : {}),
    messages: receipt.messages.map((m) => ({
      messageId: m.receipt.messageId,
      text: m.text,
      language: m.language,
      discreet: m.discreet,
      recipientIds: m.receipt.recipients.map((r) => r.id),
      sms: m.receipt.sms && { encoding: m.receipt.sms.encoding, segments: m.receipt.sms.segments },
    })),
  };
}

export function toContactDto(
  contact: Contact,
  groupIds: readonly number[],
  messaging: { language: string | null; discreet: boolean } = { language: null, discreet: false },
  optedOut: readonly string[] = [],
): ContactDto {
  return {
    ...(optedOut.length > 0 ? { optedOut: [...optedOut] } : {}),
    id: contact.id,
    name: contact.name,
    notes: contact.notes,
    addresses: contact.addresses.map((a) => ({ id: a.id, address: a.address, protocol: a.protocol, contactId: a.contactId, preferred: a.preferred })),
    groupIds: [...groupIds],
    language: messaging.language,
    discreet: messaging.discreet,
  };
}

/**
 * A list entry. The reply goes where the thread last went or came from: the head conversation's
 * address, since the head holds the entry's newest message (conversation-repository.ts). A
 * patient who wrote from their second number is answered on it (a new user's trial replied to
 * the preferred number while the patient wrote from the other); the thread offers the others.
 */
export function toConversationSummary(c: ConversationListItem): ConversationSummary {
  return {
    id: c.id,
    address: c.address,
    protocol: c.protocol,
    contactId: c.contactId,
    contactName: c.contactName,
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
    unreadCount: c.unreadCount,
    lastDirection: c.lastDirection,
    conversationIds: [...c.conversationIds],
    contactAddresses: c.contactAddresses.map((a) => ({ address: a.address, protocol: a.protocol, preferred: a.preferred })),
    replyTo: { address: c.address, protocol: c.protocol },
  };
}
