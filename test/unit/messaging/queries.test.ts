import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusConflictError } from '../../../electron/backend/dispatcher.ts';
import { RETRY_REASON } from '../../../electron/backend/messaging.ts';
import { type Backbone, logOf, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { fail, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

describe('MessagingService queries, retry and cancel', () => {
  let b: Backbone;
  let gateway: ScriptedGateway;
  beforeEach(() => {
    gateway = new ScriptedGateway({ id: 'modem-1' });
    b = makeBackbone({ gateways: [gateway] });
  });
  afterEach(() => b.close());

  it('lists messages newest first, a page at a time, with status counts', () => {
    const ids = [1, 2, 3, 4, 5].map((n) => b.messaging.send({ content: `m${n}`, recipients: [sms('0712345678'), sms('0733000111')] }).messageId);
    const first = b.messaging.listMessages({ limit: 2 });
    expect(first.messages.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.messages[0]).toMatchObject({ recipientCount: 2, statusCounts: { outbox: 2 } });
    const second = b.messaging.listMessages({ limit: 2, before: first.nextBefore ?? undefined });
    expect(second.messages.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    const last = b.messaging.listMessages({ limit: 2, before: second.nextBefore ?? undefined });
    expect(last).toEqual({ messages: [expect.objectContaining({ id: ids[0] })], nextBefore: null });
  });

  it('filters the list by a recipient status', () => {
    const keep = b.messaging.send({ content: 'keep', recipients: [sms('0712345678')] });
    const drop = b.messaging.send({ content: 'drop', recipients: [sms('0712345678')] });
    b.messaging.cancel(drop.recipients[0]!.id);
    expect(b.messaging.listMessages({ limit: 10, status: 'cancelled' }).messages.map((m) => m.id)).toEqual([drop.messageId]);
    expect(b.messaging.listMessages({ limit: 10, status: 'outbox' }).messages.map((m) => m.id)).toEqual([keep.messageId]);
  });

  it('returns undefined for a message that does not exist', () => {
    expect(b.messaging.getMessage(404)).toBeUndefined();
  });

  it('cancels an outbox recipient, logged, and then refuses to cancel it again', () => {
    const { recipients } = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] });
    const id = recipients[0]!.id;
    const event = b.messaging.cancel(id);
    expect(event).toMatchObject({ recipientId: id, from: 'outbox', to: 'cancelled', reason: 'Cancelled by the user' });
    expect(() => b.messaging.cancel(id)).toThrow(StatusConflictError);
    expect(logOf(b.store, id)).toEqual(['∅ → outbox: queued', 'outbox → cancelled: Cancelled by the user']);
  });

  it('retries a failed recipient with fresh attempts, and it is sent', async () => {
    gateway.then(fail('permanent', 'cms-21', 'The network refused the message.'));
    b.dispatcher.start();
    const { recipients } = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] });
    const id = recipients[0]!.id;
    await nextStatus(b.dispatcher, { recipientId: id, to: 'failed' });
    expect(() => b.messaging.cancel(id)).toThrow(StatusConflictError);

    const sent = nextStatus(b.messaging, { recipientId: id, to: 'sent' });
    expect(b.messaging.retry(id)).toMatchObject({ from: 'failed', to: 'outbox', reason: RETRY_REASON });
    await sent;
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(logOf(b.store, id)).toEqual([
      '∅ → outbox: queued',
      'outbox → sending: Sending via modem-1',
      'sending → failed: The network refused the message.',
      `failed → outbox: ${RETRY_REASON}`,
      'outbox → sending: Sending via modem-1',
      'sending → sent: Sent',
    ]);
  });

  it('refuses to retry a recipient that has not failed', () => {
    const { recipients } = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] });
    expect(() => b.messaging.retry(recipients[0]!.id)).toThrow(expect.objectContaining({ code: 'status-conflict' }));
    expect(() => b.messaging.retry(999)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
