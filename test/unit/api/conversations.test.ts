/** conversations.* over the in-memory transport, with received and sent messages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

describe('conversations.* through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
    await h.modem.stop(); // keep sent messages in the outbox: these tests look at threads only
  });
  afterEach(() => h.close());

  const receive = (from: string, text: string) => {
    h.clock.advance(1_000);
    return h.backend.messaging.receive({ from, text, gatewayId: 'modem-1' });
  };
  const send = (address: string, text: string) => {
    h.clock.advance(1_000);
    return h.client.call('messages.send', { to: [{ kind: 'address', address, protocol: 'sms' }], text });
  };

  it('lists the most recent conversation first, with unread count, contact name and last message', async () => {
    await h.client.call('contacts.create', { name: 'Amina Wanjiku', addresses: [{ address: '0712345678', protocol: 'sms' }] });
    receive('+254712345678', 'Habari daktari');
    receive('+254712345678', 'Nitakuja kesho');
    await send('0733 000 111', 'Kumbusho: kliniki Jumatatu');
    receive('SAFARICOM', 'Salio lako ni KSh 50');

    const page = await h.client.call('conversations.list', {});
    expect(page.nextBefore).toBeNull();
    expect(page.items.map((c) => [c.address, c.contactName, c.unreadCount, c.lastMessagePreview])).toEqual([
      ['SAFARICOM', null, 1, 'Salio lako ni KSh 50'],
      ['+254733000111', null, 0, 'Kumbusho: kliniki Jumatatu'],
      ['+254712345678', 'Amina Wanjiku', 2, 'Nitakuja kesho'],
    ]);
    expect(page.items[2]).toEqual({
      id: expect.any(Number),
      address: '+254712345678',
      protocol: 'sms',
      contactId: expect.any(Number),
      contactName: 'Amina Wanjiku',
      lastMessageAt: expect.any(String),
      lastMessagePreview: 'Nitakuja kesho',
      unreadCount: 2,
      lastDirection: 'in',
    });
  });

  it('pages by the last conversation of the previous page, and searches by name or number as typed', async () => {
    await h.client.call('contacts.create', { name: 'Baraka Otieno', addresses: [{ address: '0722111222', protocol: 'sms' }] });
    for (let i = 0; i < 5; i++) receive(`+25471234500${i}`, `m${i}`);
    receive('+254722111222', 'from Baraka');
    const first = await h.client.call('conversations.list', { limit: 4 });
    const second = await h.client.call('conversations.list', { limit: 4, before: first.nextBefore! });
    expect([...first.items, ...second.items].map((c) => c.lastMessagePreview)).toEqual(['from Baraka', 'm4', 'm3', 'm2', 'm1', 'm0']);
    expect(second.nextBefore).toBeNull();

    const byName = await h.client.call('conversations.list', { search: 'otieno' });
    expect(byName.items.map((c) => c.address)).toEqual(['+254722111222']);
    const byNumber = await h.client.call('conversations.list', { search: '0712 345 003' });
    expect(byNumber.items.map((c) => c.address)).toEqual(['+254712345003']);
  });

  it('shows a thread oldest first, paged backwards, with this conversation’s recipient row', async () => {
    const broadcast = await h.client.call('messages.send', {
      to: [
        { kind: 'address', address: '+254712345678', protocol: 'sms' },
        { kind: 'address', address: '+254700000001', protocol: 'sms' },
      ],
      text: 'To both',
    });
    const reply = receive('+254712345678', 'Asante');
    await send('+254712345678', 'Karibu');
    const conversationId = reply.conversationId;

    const whole = await h.client.call('conversations.thread', { id: conversationId });
    expect(whole.conversation).toMatchObject({ id: conversationId, address: '+254712345678', unreadCount: 1 });
    expect(whole.messages.map((m) => [m.direction, m.content, m.recipient.address, m.recipient.status])).toEqual([
      ['out', 'To both', '+254712345678', 'outbox'],
      ['in', 'Asante', '+254712345678', 'received'],
      ['out', 'Karibu', '+254712345678', 'outbox'],
    ]);
    // The broadcast's row in this thread is this person's, not the other recipient's.
    expect(whole.messages[0]!.recipient.id).toBe(broadcast.recipients[0]!.id);
    expect(whole.nextBefore).toBeNull();

    const newest = await h.client.call('conversations.thread', { id: conversationId, limit: 2 });
    expect(newest.messages.map((m) => m.content)).toEqual(['Asante', 'Karibu']);
    const older = await h.client.call('conversations.thread', { id: conversationId, limit: 2, before: newest.nextBefore! });
    expect(older).toMatchObject({ messages: [expect.objectContaining({ content: 'To both' })], nextBefore: null });
  });

  it('marks a conversation read, and answers not-found for an unknown one', async () => {
    const { conversationId } = receive('+254712345678', 'Habari');
    expect(await h.client.call('conversations.markRead', { id: conversationId })).toEqual({ unreadCount: 0 });
    const list = await h.client.call('conversations.list', {});
    expect(list.items[0]).toMatchObject({ id: conversationId, unreadCount: 0 });
    expect(await failureOf(h.client.call('conversations.markRead', { id: 999 }))).toMatchObject({ code: 'not-found' });
    expect(await failureOf(h.client.call('conversations.thread', { id: 999 }))).toMatchObject({ code: 'not-found' });
  });

  it('links a conversation to a contact created after the first message, and unlinks it when the number is removed', async () => {
    const { conversationId } = receive('+254712345678', 'Habari');
    const contact = await h.client.call('contacts.create', { name: 'Zawadi', addresses: [{ address: '0712 345 678', protocol: 'sms' }] });
    expect((await h.client.call('conversations.thread', { id: conversationId })).conversation).toMatchObject({ contactId: contact.id, contactName: 'Zawadi' });
    await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Zawadi', addresses: [{ address: 'z@example.org', protocol: 'email' }] } });
    expect((await h.client.call('conversations.thread', { id: conversationId })).conversation).toMatchObject({ contactId: null, contactName: null });
  });
});
