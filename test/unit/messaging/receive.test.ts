import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../../../electron/backend/events.ts';
import { type Backbone, logOf, makeBackbone } from '../../support/backbone.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

describe('MessagingService.receive', () => {
  let b: Backbone;
  beforeEach(() => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
  });
  afterEach(() => b.close());

  it('joins the conversation of the same number however it is written', () => {
    const sent = b.messaging.send({ content: 'Is tomorrow fine?', recipients: [{ address: '0712 345 678', protocol: 'sms' }] });
    const reply = b.messaging.receive({ from: '+254712345678', text: 'Yes, thank you', gatewayId: 'modem-1' });
    const again = b.messaging.receive({ from: '0712345678', text: 'See you', gatewayId: 'modem-1' });
    expect(reply.conversationId).toBe(b.messaging.getMessage(sent.messageId)?.conversationId);
    expect(again.conversationId).toBe(reply.conversationId);
    expect(b.store.conversations.get(reply.conversationId)).toMatchObject({ address: '+254712345678', unreadCount: 2 });
  });

  it('stores the message as received, with its log row, and announces it after the commit', () => {
    const heard: IncomingEvent[] = [];
    b.messaging.onIncoming((e) => {
      // Committed before listeners run: the row is readable from inside the listener.
      expect(b.messaging.getMessage(e.messageId)).toBeDefined();
      heard.push(e);
    });
    // The network says 3 hours ago (its clock is off): the message is dated when it arrived.
    const networkAt = '2025-03-03T04:59:30.000Z';
    const r = b.messaging.receive({ from: '+254712345678', text: 'Habari', gatewayId: 'modem-1', networkAt, flags: ['incomplete'] });
    const message = b.messaging.getMessage(r.messageId);
    expect(message).toMatchObject({ direction: 'in', content: 'Habari', sender: '+254712345678', created: b.clock.iso(), networkAt });
    expect(message?.recipients).toEqual([
      expect.objectContaining({ status: 'received', gateway: 'modem-1', address: '+254712345678', flags: ['incomplete'] }),
    ]);
    expect(logOf(b.store, r.recipientId)).toEqual(['∅ → received: received']);
    expect(heard).toEqual([
      { ...r, protocol: 'sms', text: 'Habari', gatewayId: 'modem-1', receivedAt: b.clock.iso(), flags: ['incomplete'] },
    ]);
  });

  it('keeps a sender that is not a phone number as received', () => {
    const r = b.messaging.receive({ from: 'SAFARICOM', text: 'Your bundle expires', gatewayId: 'modem-1' });
    expect(r.from).toBe('SAFARICOM');
    expect(b.store.conversations.get(r.conversationId)?.address).toBe('SAFARICOM');
  });

  it('stops announcing to a listener that unsubscribed', () => {
    let count = 0;
    const off = b.messaging.onIncoming(() => count++);
    b.messaging.receive({ from: '+254712345678', text: 'one', gatewayId: 'modem-1' });
    off();
    b.messaging.receive({ from: '+254712345678', text: 'two', gatewayId: 'modem-1' });
    expect(count).toBe(1);
  });
});
