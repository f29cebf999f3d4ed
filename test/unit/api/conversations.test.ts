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
    return h.backend.messaging.receive({ from, text, gatewayId: 'modem-1', ...(from.includes('@') ? { protocol: 'email' as const } : {}) });
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
      conversationIds: [page.items[2]!.id],
      contactAddresses: [{ address: '+254712345678', protocol: 'sms', preferred: true }],
      replyTo: { address: '+254712345678', protocol: 'sms' },
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

  describe('one thread per contact, across all of their numbers (issue 12)', () => {
    const amina = () =>
      h.client.call('contacts.create', {
        name: 'Amina Wanjiku',
        addresses: [
          { address: '0712345678', protocol: 'sms' },
          { address: '0755000111', protocol: 'sms', preferred: true },
          { address: 'amina@example.org', protocol: 'email' },
        ],
      });

    it('lists a contact with two numbers and an e-mail address once: newest time and message, unread summed', async () => {
      const contact = await amina();
      const first = receive('+254712345678', 'Habari daktari');
      receive('+254700000009', 'Someone else');
      receive('+254755000111', 'Kutoka namba nyingine');
      const email = receive('amina@example.org', 'Swali kwa barua pepe');
      const second = receive('+254755000111', 'Nitakuja kesho');

      const page = await h.client.call('conversations.list', {});
      expect(page.items.map((c) => [c.contactName ?? c.address, c.unreadCount, c.lastMessagePreview])).toEqual([
        ['Amina Wanjiku', 4, 'Nitakuja kesho'],
        ['+254700000009', 1, 'Someone else'],
      ]);
      const entry = page.items[0]!;
      // Named by its most recent conversation; every one of the contact's conversations is in it.
      expect(entry).toMatchObject({ id: second.conversationId, address: '+254755000111', contactId: contact.id, lastDirection: 'in' });
      expect(entry.conversationIds).toEqual([second.conversationId, email.conversationId, first.conversationId]);
      expect(entry.lastMessageAt).toBe(page.items[0]!.lastMessageAt);
      expect(entry.contactAddresses).toEqual([
        { address: '+254755000111', protocol: 'sms', preferred: true },
        { address: '+254712345678', protocol: 'sms', preferred: false },
        { address: 'amina@example.org', protocol: 'email', preferred: true },
      ]);
      // The preferred number, not the one she last wrote from.
      expect(entry.replyTo).toEqual({ address: '+254755000111', protocol: 'sms' });

      // Replies view and search see the merged entry too, by any of her addresses.
      expect((await h.client.call('conversations.list', { replies: true })).items.map((c) => c.id)).toEqual([entry.id, expect.any(Number)]);
      expect((await h.client.call('conversations.list', { search: '0712 345 678' })).items.map((c) => c.id)).toEqual([entry.id]);
      expect((await h.client.call('conversations.list', { search: 'amina@' })).items.map((c) => c.id)).toEqual([entry.id]);
    });

    it('replies where the patient last wrote from, not to the preferred number', async () => {
      const contact = await h.client.call('contacts.create', { name: 'Baraka', addresses: [{ address: 'b@example.org', protocol: 'email' }] });
      const mail = receive('b@example.org', 'Habari');
      expect((await h.client.call('conversations.thread', { id: mail.conversationId })).conversation.replyTo).toEqual({ address: 'b@example.org', protocol: 'email' });
      // A phone number is added (and preferred): the thread's last message was still an e-mail.
      await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Baraka', addresses: [{ address: 'b@example.org', protocol: 'email' }, { address: '0722111222', protocol: 'sms' }] } });
      expect((await h.client.call('conversations.thread', { id: mail.conversationId })).conversation.replyTo).toEqual({ address: 'b@example.org', protocol: 'email' });
      // Then he writes from the phone: the reply goes there.
      const sms = receive('+254722111222', 'Nitakuja');
      expect((await h.client.call('conversations.thread', { id: sms.conversationId })).conversation.replyTo).toEqual({ address: '+254722111222', protocol: 'sms' });
    });

    it('pages across the merge boundary: each contact once, in order, with nothing skipped', async () => {
      await amina();
      receive('+254712345678', 'a1'); // Amina's older number, oldest of all
      for (let i = 0; i < 3; i++) receive(`+25471000000${i}`, `u${i}`);
      receive('+254755000111', 'a2'); // Amina again: her entry moves up, her older conversation must not show
      for (let i = 3; i < 6; i++) receive(`+25471000000${i}`, `u${i}`);
      const seen: string[] = [];
      let before: number | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await h.client.call('conversations.list', { limit: 2, ...(before !== undefined ? { before } : {}) });
        seen.push(...page.items.map((c) => c.lastMessagePreview ?? ''));
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      expect(seen).toEqual(['u5', 'u4', 'u3', 'a2', 'u2', 'u1', 'u0']);
    });

    it('interleaves the thread of all her conversations by time, each message with its own address, paged backwards', async () => {
      await amina();
      const a = receive('+254712345678', 'Habari');
      await send('+254755000111', 'Karibu kliniki');
      receive('amina@example.org', 'Barua');
      const b = receive('+254755000111', 'Asante');

      // Any of her conversation ids opens the whole thread.
      const whole = await h.client.call('conversations.thread', { id: a.conversationId });
      expect(whole.conversation.id).toBe(b.conversationId);
      expect(whole.messages.map((m) => [m.direction, m.content, m.recipient.address])).toEqual([
        ['in', 'Habari', '+254712345678'],
        ['out', 'Karibu kliniki', '+254755000111'],
        ['in', 'Barua', 'amina@example.org'],
        ['in', 'Asante', '+254755000111'],
      ]);
      const newest = await h.client.call('conversations.thread', { id: a.conversationId, limit: 3 });
      expect(newest.messages.map((m) => m.content)).toEqual(['Karibu kliniki', 'Barua', 'Asante']);
      const older = await h.client.call('conversations.thread', { id: a.conversationId, limit: 3, before: newest.nextBefore! });
      expect(older).toMatchObject({ messages: [expect.objectContaining({ content: 'Habari' })], nextBefore: null });
    });

    it('never splits a message sent to two of her numbers across pages', async () => {
      await amina();
      receive('+254712345678', 'Habari');
      await h.client.call('messages.send', {
        to: [
          { kind: 'address', address: '+254712345678', protocol: 'sms' },
          { kind: 'address', address: '+254755000111', protocol: 'sms' },
        ],
        text: 'Kwa namba zote mbili',
      });
      const entryId = (await h.client.call('conversations.list', {})).items[0]!.id;
      const newest = await h.client.call('conversations.thread', { id: entryId, limit: 1 });
      expect(newest.messages.map((m) => [m.content, m.recipient.address])).toEqual([
        ['Kwa namba zote mbili', '+254712345678'],
        ['Kwa namba zote mbili', '+254755000111'],
      ]);
      const older = await h.client.call('conversations.thread', { id: entryId, limit: 1, before: newest.nextBefore! });
      expect(older.messages.map((m) => m.content)).toEqual(['Habari']);
    });

    it('orders a thread by arrival time, not by id, when history came in from elsewhere', async () => {
      await amina();
      receive('+254712345678', 'Leo');
      h.backend.messaging.receive({ from: '+254755000111', text: 'Jana', gatewayId: 'modem-1', arrivedAt: '2020-01-01T00:00:00.000Z' });
      const { messages } = await h.client.call('conversations.thread', { id: (await h.client.call('conversations.list', {})).items[0]!.id });
      expect(messages.map((m) => m.content)).toEqual(['Jana', 'Leo']);
    });

    it('marks every one of her conversations read', async () => {
      await amina();
      const a = receive('+254712345678', 'Habari');
      receive('amina@example.org', 'Barua');
      await h.client.call('conversations.markRead', { id: a.conversationId });
      const [entry] = (await h.client.call('conversations.list', {})).items;
      expect(entry).toMatchObject({ contactName: 'Amina Wanjiku', unreadCount: 0 });
      expect((await h.client.call('conversations.list', { replies: true })).items.map((c) => c.unreadCount)).toEqual([0]);
    });

    it('splits and joins entries as a contact loses or gains a number', async () => {
      const contact = await amina();
      const a = receive('+254712345678', 'Habari');
      const b = receive('+254755000111', 'Asante');
      expect((await h.client.call('conversations.list', {})).items).toHaveLength(1);
      await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Amina Wanjiku', addresses: [{ address: '0755000111', protocol: 'sms' }] } });
      const split = (await h.client.call('conversations.list', {})).items;
      expect(split.map((c) => [c.id, c.contactName])).toEqual([
        [b.conversationId, 'Amina Wanjiku'],
        [a.conversationId, null],
      ]);
      expect(split[0]!.conversationIds).toEqual([b.conversationId]);
      // "Add to contacts" from the unknown number, then she owns it again (contacts.update).
      await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Amina Wanjiku', addresses: [{ address: '0755000111', protocol: 'sms' }, { address: '0712345678', protocol: 'sms' }] } });
      expect((await h.client.call('conversations.list', {})).items.map((c) => c.conversationIds)).toEqual([[b.conversationId, a.conversationId]]);
      await h.client.call('contacts.delete', { id: contact.id });
      expect((await h.client.call('conversations.list', {})).items).toHaveLength(2);
    });
  });
});
