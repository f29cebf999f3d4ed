/** messages.*: send (with contacts and groups resolved; a text or a template), the message list, one message, retry, cancel. */
import { cancelAllWaiting, retryAllFailed } from '../message-actions.ts';
import type { MessageDetail, MessageSummary } from '../../../src-shared/contract/dto.ts';
import { NotFoundError } from '../../../src-shared/errors.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';
import { sendTemplated } from '../templated-send.ts';
import { reportWaitFor, toRecipientDto, toSendReceipt, toTemplatedSendReceipt } from './dto-mapping.ts';
import { resolveRecipients } from './resolve-recipients.ts';

/**
 * @throws ValidationError from send: an unknown contact or group, or one nobody can be reached
 *   in (resolveRecipients); bad numbers or content (MessagingService, unchanged); an unknown
 *   template or a merge field empty for a recipient (sendTemplated).
 * @throws NoGatewayError from send (MessagingService, unchanged).
 * @throws NotFoundError from get.
 * @throws RecipientNotFoundError (code not-found), StatusConflictError from retry and cancel.
 */
export function messageHandlers({ backend }: HandlerContext): AreaHandlers<'messages'> {
  const { store, messaging, scheduled } = backend;
  return {
    'messages.send'(params) {
      const { recipients, skipped } = resolveRecipients(store, params.to);
      const common = {
        subject: params.subject,
        inReplyTo: params.inReplyTo,
        options: { statusReport: params.statusReport, flash: params.flash },
        ...(params.sendAt === undefined ? {} : { sendAt: params.sendAt }),
        ...(params.expiresAt === undefined ? {} : { expiresAt: params.expiresAt }),
        ...(params.automated === undefined ? {} : { automated: params.automated }),
        ...(params.sendToOptedOut === undefined ? {} : { sendToOptedOut: params.sendToOptedOut }),
      };
      if (params.template !== undefined) {
        // A typed number is named by itself (as validateDraft names it); a contact or group by its place in `to`.
        const named = recipients.map(({ input, ...r }) => ({ ...r, where: params.to[input]!.kind === 'address' ? r.address : `to.${input}` }));
        const receipt = sendTemplated(store, messaging, {
          ...common,
          template: params.template,
          recipients: named,
          ...(params.variables === undefined ? {} : { variables: params.variables }),
          ...(params.appointmentStart === undefined ? {} : { appointmentStart: params.appointmentStart }),
        });
        return toTemplatedSendReceipt(receipt, skipped);
      }
      // The schema lets exactly one of text and template through (schemas.ts oneContent).
      const receipt = messaging.send({ ...common, content: params.text ?? '', recipients });
      return toSendReceipt(receipt, skipped);
    },

    'messages.list'(params) {
      const page = messaging.listMessages({ limit: params.limit, before: params.before, status: params.status, search: params.search, direction: params.direction });
      const items = page.messages.map(
        (m): MessageSummary => ({
          id: m.id,
          direction: m.direction,
          content: m.content,
          subject: m.subject,
          created: m.created,
          recipientCount: m.recipientCount,
          statusCounts: { ...m.statusCounts },
          sendAt: m.sendAt,
          expiresAt: m.expiresAt,
          // Who wrote a received message (E.164, or the name an operator sends under).
          ...(m.direction === 'in' ? { sender: m.sender } : {}),
        }),
      );
      return { items, nextBefore: page.nextBefore };
    },

    'messages.search'({ q, limit, before }) {
      const found = backend.store.messageSearch.search(q, { limit, ...(before === undefined ? {} : { before }) });
      return { items: found.hits, nextBefore: found.nextBefore };
    },

    'messages.get'({ id }): MessageDetail {
      const message = messaging.getMessage(id);
      if (!message) throw new NotFoundError('message', id, 'This message no longer exists.');
      const wait = reportWaitFor(backend, message.options.statusReport === true);
      return {
        id: message.id,
        direction: message.direction,
        content: message.content,
        subject: message.subject,
        sender: message.sender,
        inReplyTo: message.inReplyTo,
        created: message.created,
        sendAt: message.sendAt,
        expiresAt: message.expiresAt,
        recipients: message.recipients.map((r) => ({
          ...toRecipientDto(r, wait),
          contactName: store.contacts.ownerName(r.address, r.protocol),
          log: r.log.map((e) => ({ from: e.from, to: e.to, reason: e.reason, at: e.at, gateway: e.gateway })),
        })),
      };
    },

    'messages.retry': ({ recipientId }) => messaging.retry(recipientId),
    'messages.cancel': ({ recipientId }) => messaging.cancel(recipientId),
    'messages.retryFailed': ({ messageId }) => retryAllFailed(backend.store, backend.dispatcher, backend.clock, messageId),
    'messages.cancelWaiting': ({ messageId }) => cancelAllWaiting(backend.store, backend.dispatcher, messageId),
    'messages.reschedule': ({ messageId, recipientIds, sendAt }) => scheduled.reschedule({ messageId, ...(recipientIds ? { recipientIds } : {}) }, sendAt),
    'messages.sendNow': ({ messageId, recipientIds }) => scheduled.sendNow({ messageId, ...(recipientIds ? { recipientIds } : {}) }),
    'messages.cancelScheduled': ({ messageId, recipientIds }) => scheduled.cancel({ messageId, ...(recipientIds ? { recipientIds } : {}) }),
    'messages.editScheduled'({ messageId, text }) {
      scheduled.editText(messageId, text);
      return { messageId };
    },
  };
}
