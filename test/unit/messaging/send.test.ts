import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src-shared/errors.ts';
import { NoGatewayError } from '../../../electron/backend/messaging.ts';
import { type Backbone, logOf, makeBackbone } from '../../support/backbone.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

const rowCount = (b: Backbone, table: string) => b.store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();

describe('MessagingService.send', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('saves the message with every recipient in the outbox and a "queued" log row', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const receipt = b.messaging.send({
      content: 'Your clinic visit is tomorrow at 9.',
      recipients: [
        { address: '0712 345 678', protocol: 'sms' },
        { address: '+254 733 000 111', protocol: 'sms' },
      ],
    });
    expect(receipt.recipients).toEqual([
      { id: expect.any(Number), address: '+254712345678', status: 'outbox' },
      { id: expect.any(Number), address: '+254733000111', status: 'outbox' },
    ]);
    expect(receipt.sms).toEqual({ encoding: 'gsm7', segments: 1 });
    const message = b.messaging.getMessage(receipt.messageId);
    expect(message).toMatchObject({ content: 'Your clinic visit is tomorrow at 9.', direction: 'out', created: b.clock.iso() });
    expect(message?.recipients.map((r) => [r.address, r.status, r.attempts, r.nextAttemptAt])).toEqual([
      ['+254712345678', 'outbox', 0, b.clock.iso()],
      ['+254733000111', 'outbox', 0, b.clock.iso()],
    ]);
    for (const r of receipt.recipients) expect(logOf(b.store, r.id)).toEqual(['∅ → outbox: queued']);
  });

  it('saves nothing when one recipient among good ones is bad, and names it', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    let error: unknown;
    try {
      b.messaging.send({
        content: 'Hello',
        recipients: [
          { address: '0712 345 678', protocol: 'sms' },
          { address: 'billybones', protocol: 'sms' },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ where: 'billybones', rule: 'phone.characters' })]);
    for (const table of ['messages', 'message_recipients', 'status_log', 'addresses', 'conversations']) expect(rowCount(b, table)).toBe(0);
  });

  it('rejects an unknown contact as a validation error, saving nothing', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    expect(() => b.messaging.send({ content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms', contactId: 42 }] })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ rule: 'contact.unknown', where: '0712345678' })] }),
    );
    expect(rowCount(b, 'messages')).toBe(0);
  });

  it('throws NoGatewayError listing the protocols with no gateway, saving nothing', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    let error: unknown;
    try {
      b.messaging.send({
        content: 'Results ready',
        subject: 'Results',
        recipients: [
          { address: '0712345678', protocol: 'sms' },
          { address: 'Amina@Example.org', protocol: 'email' },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoGatewayError);
    expect((error as NoGatewayError).toData()).toEqual({
      code: 'no-gateway',
      message: expect.stringContaining('e-mail'),
      details: { protocols: ['email'] },
    });
    expect(rowCount(b, 'messages')).toBe(0);
  });

  it('links the address to its contact and the message to its one conversation', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const amina = b.store.contacts.create('Amina');
    const receipt = b.messaging.send({ content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms', contactId: amina }] });
    const conversation = b.store.conversations.find('+254712345678', 'sms');
    expect(conversation).toMatchObject({ contactId: amina, unreadCount: 0, lastMessageAt: b.clock.iso() });
    expect(b.messaging.getMessage(receipt.messageId)).toMatchObject({ conversationId: conversation?.id });
    expect(b.store.contacts.findAddress('+254712345678', 'sms')?.contactId).toBe(amina);
  });

  it('applies the clinic’s delivery-report setting when the draft does not say', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })], settings: { statusReports: false } });
    const quiet = b.messaging.send({ content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms' }] });
    const asked = b.messaging.send({ content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms' }], options: { statusReport: true } });
    expect(b.messaging.getMessage(quiet.messageId)?.options.statusReport).toBe(false);
    expect(b.messaging.getMessage(asked.messageId)?.options.statusReport).toBe(true);
  });

  it('enqueues one message to 10,000 recipients in one transaction', () => {
    b = makeBackbone({ gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    const numbers = Array.from({ length: 10_000 }, (_, i) => `+2547${String(i).padStart(8, '0')}`);
    const receipt = b.messaging.send({ content: 'Vaccination day on Saturday', recipients: numbers.map((address) => ({ address, protocol: 'sms' })) });
    expect(receipt.recipients).toHaveLength(10_000);
    expect(new Set(receipt.recipients.map((r) => r.address))).toEqual(new Set(numbers));
    expect(b.store.db.prepare(`SELECT COUNT(*) FROM message_recipients WHERE message_id = ? AND status = 'outbox'`).pluck().get(receipt.messageId)).toBe(10_000);
    expect(rowCount(b, 'status_log')).toBe(10_000);
    expect(rowCount(b, 'conversations')).toBe(10_000);
    expect(rowCount(b, 'messages')).toBe(1);
  });

  it('wakes the dispatcher after the commit, not before', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1' });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const receipt = b.messaging.send({ content: 'Hi', recipients: [{ address: '0712345678', protocol: 'sms' }] });
    expect(gateway.calls).toHaveLength(0); // send() returned before any dispatch
    await gateway.whenCalled(1);
    expect(gateway.calls[0]).toMatchObject({ recipientId: receipt.recipients[0]?.id, address: '+254712345678', content: 'Hi', attempt: 1 });
  });
});
