// Deleting history by hand (issue 13 "Retention"): messages.delete, conversations.delete and
// contacts.erase over the contract, against a real SQLite store. Each removes every row that
// carries the message's text or the patient's number for it, leaves the others untouched, is
// refused whole while anything in it still waits to go, and keeps the search index sound.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { hold, ScriptedGateway } from '../../support/scripted-gateway.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

const to = (...numbers: string[]) => numbers.map((address) => ({ kind: 'address' as const, address, protocol: 'sms' as const }));

/** Rows of one table, counted straight from the database. */
function count(table: string, where = '1 = 1', ...args: unknown[]): number {
  return (h.backend.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
}
const found = async (words: string) => (await h.client.call('messages.search', { q: words })).items.map((m) => m.messageId);
const ftsIntact = () => h.backend.store.db.prepare("INSERT INTO message_text (message_text) VALUES ('integrity-check')").run();
const receive = (from: string, text: string) => {
  h.clock.advance(1_000);
  return h.backend.messaging.receive({ from, text, gatewayId: 'modem-1' });
};

describe('messages.delete', () => {
  it('removes a sent message to many people everywhere: recipients, attempt log, delivery reports, search, threads', async () => {
    h = await makeApiHarness();
    const keep = await h.client.call('messages.send', { to: to('+254712345001'), text: 'Kliniki iko wazi kesho' });
    const sent = await h.client.call('messages.send', { to: to('+254712345001', '+254712345002', '+254712345003'), text: 'Chanjo ya polio Jumamosi' });
    await flush();
    const rows = sent.recipients.map((r) => r.id);
    for (const id of rows) expect(h.backend.store.recipients.get(id)!.status).toBe('sent');
    h.backend.store.deliveryParts.record(rows[0]!, '7', 'delivered', 0, h.clock.iso());
    expect(await found('polio')).toEqual([sent.messageId]);
    const conversations = await h.client.call('conversations.list', {});
    const only = conversations.items.find((c) => c.address === '+254712345002')!;

    const result = await h.client.call('messages.delete', { id: sent.messageId });
    expect(result).toMatchObject({ id: sent.messageId, messages: 1, recipients: 3 });
    expect(result.conversationIds).toHaveLength(3);
    expect(count('messages', 'id = ?', sent.messageId)).toBe(0);
    expect(count('message_recipients', 'message_id = ?', sent.messageId)).toBe(0);
    expect(count('status_log', `recipient_id IN (${rows.join(',')})`)).toBe(0);
    expect(count('delivery_parts', `recipient_id IN (${rows.join(',')})`)).toBe(0);
    expect(await found('polio')).toEqual([]);
    expect(() => ftsIntact()).not.toThrow();
    // The two threads that had only this message are gone; the first keeps its other message.
    expect(h.backend.store.conversations.get(only.id)).toBeUndefined();
    const after = await h.client.call('conversations.list', {});
    expect(after.items.map((c) => [c.address, c.lastMessagePreview])).toEqual([['+254712345001', 'Kliniki iko wazi kesho']]);
    expect((await h.client.call('messages.get', { id: keep.messageId })).content).toBe('Kliniki iko wazi kesho');
    expect(h.heard.filter((e) => e.event === 'messages.deleted').map((e) => e.payload)).toEqual([
      { messageIds: [sent.messageId], conversationIds: expect.any(Array), contactId: null, truncated: false },
    ]);
    expect((await failureOf(h.client.call('messages.delete', { id: sent.messageId }))).code).toBe('not-found');
  });

  it('a deleted reply leaves the unread count, the last message and "Needs attention" right', async () => {
    h = await makeApiHarness();
    const first = receive('+254712345009', 'Nina swali kuhusu dawa');
    const second = receive('+254712345009', 'Habari ya daktari?');
    h.backend.store.attention.add(second.messageId, 'not-understood', null, h.clock.iso());
    expect(h.backend.store.conversations.get(first.conversationId)!.unreadCount).toBe(2);

    await h.client.call('messages.delete', { id: second.messageId });
    const conversation = h.backend.store.conversations.get(first.conversationId)!;
    expect(conversation.unreadCount).toBe(1);
    expect(conversation.lastMessageAt).toBe(h.backend.store.messages.get(first.messageId)!.created);
    // Both replies were listed (reply-service.ts); the deleted one is off the list.
    expect(count('attention', 'message_id = ?', second.messageId)).toBe(0);
    expect(count('attention', 'message_id = ?', first.messageId)).toBe(1);
    expect(h.heard.filter((e) => e.event === 'attention.changed').at(-1)?.payload).toEqual({ open: 1 });
    const list = await h.client.call('conversations.list', {});
    expect(list.items[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: 'Nina swali kuhusu dawa' });
  });

  it('is refused while a recipient waits or is being sent, and nothing changes', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold()] });
    h = await makeApiHarness({ gateways: [gateway] });
    const later = await h.client.call('messages.send', { to: to('+254712345001', '+254712345002'), text: 'Kesho saa nne', sendAt: h.clock.iso(86_400_000) });
    const waiting = await failureOf(h.client.call('messages.delete', { id: later.messageId }));
    expect(waiting).toMatchObject({ code: 'conflict', details: { reason: 'still-waiting', waiting: 2 } });
    expect(count('message_recipients', 'message_id = ?', later.messageId)).toBe(2);

    const now = await h.client.call('messages.send', { to: to('+254712345003'), text: 'Sasa hivi' });
    await gateway.whenCalled(1);
    const sending = await failureOf(h.client.call('messages.delete', { id: now.messageId }));
    expect(sending).toMatchObject({ code: 'conflict', details: { reason: 'still-sending', waiting: 1 } });
    expect(await found('sasa')).toEqual([now.messageId]);
    expect(h.heard.some((e) => e.event === 'messages.deleted')).toBe(false);
    gateway.held[0]!.succeed(['1']);
    await flush();
    expect((await h.client.call('messages.delete', { id: now.messageId })).messages).toBe(1);
  });

  it('an appointment keeps its reminder steps when a reminder that went is deleted', async () => {
    h = await makeApiHarness();
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: '2025-03-05T07:00:00.000Z' });
    const reminder = a.reminders.find((r) => r.messageId !== null)!;
    // Waiting: refused. Once cancelled, it can go, and the appointment stays whole.
    expect((await failureOf(h.client.call('messages.delete', { id: reminder.messageId! }))).code).toBe('conflict');
    await h.client.call('messages.cancelWaiting', { messageId: reminder.messageId! });
    await h.client.call('messages.delete', { id: reminder.messageId! });
    const again = await h.client.call('appointments.get', { id: a.id });
    expect(again.reminders).toHaveLength(a.reminders.length);
    expect(again.reminders.find((r) => r.step === reminder.step)).toMatchObject({ messageId: null, text: null });
  });
});

describe('conversations.delete and contacts.erase', () => {
  async function amina() {
    const contact = await h.client.call('contacts.create', {
      name: 'Amina Wanjiku',
      addresses: [
        { address: '0712345678', protocol: 'sms' },
        { address: '0722000111', protocol: 'sms' },
      ],
    });
    const a = receive('+254712345678', 'Habari kutoka namba ya kwanza');
    const b = receive('+254722000111', 'Na hii ni namba ya pili');
    const broadcast = await h.client.call('messages.send', { to: to('+254712345678', '+254733444555'), text: 'Tangazo kwa wote' });
    const other = receive('+254799888777', 'Mimi ni mgonjwa mwingine');
    await flush();
    return { contact, a, b, broadcast, other };
  }

  it('deleting a merged thread deletes all of the contact’s conversations; a broadcast keeps the others’ rows', async () => {
    h = await makeApiHarness();
    const { contact, a, b, broadcast, other } = await amina();
    const result = await h.client.call('conversations.delete', { id: b.conversationId });
    expect(result).toMatchObject({ id: b.conversationId, messages: 2, recipients: 3 });
    expect(h.backend.store.conversations.get(a.conversationId)).toBeUndefined();
    expect(h.backend.store.conversations.get(b.conversationId)).toBeUndefined();
    expect(await found('kwanza')).toEqual([]);
    // The broadcast stays for the other patient; only Amina's row went.
    expect(count('message_recipients', 'message_id = ?', broadcast.messageId)).toBe(1);
    expect(await found('tangazo')).toEqual([broadcast.messageId]);
    expect(await found('mgonjwa')).toEqual([other.messageId]);
    // The contact stays (with its numbers): only the history went.
    expect((await h.client.call('contacts.get', { id: contact.id })).addresses).toHaveLength(2);
    expect(() => ftsIntact()).not.toThrow();
  });

  it('erasing a contact removes the contact, its numbers, appointments and every message, and nothing else', async () => {
    h = await makeApiHarness();
    const { contact, broadcast, other } = await amina();
    const group = await h.client.call('groups.create', { name: 'ANC' });
    await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Amina Wanjiku', addresses: [{ address: '0712345678', protocol: 'sms' }, { address: '0722000111', protocol: 'sms' }], groupIds: [group.id] } });
    // A visit that is over: nothing of it waits.
    const visit = await h.client.call('appointments.book', { patient: { name: 'Amina Wanjiku', phone: '0712345678' }, start: '2025-03-03T08:30:00.000Z' });
    await h.client.call('appointments.update', { id: visit.id, status: 'attended' });

    const result = await h.client.call('contacts.erase', { id: contact.id });
    expect(result).toMatchObject({ id: contact.id, messages: 2 });
    expect((await failureOf(h.client.call('contacts.get', { id: contact.id }))).code).toBe('not-found');
    expect(count('addresses', "address IN ('+254712345678', '+254722000111')")).toBe(0);
    expect(count('conversations', "address IN ('+254712345678', '+254722000111')")).toBe(0);
    expect(count('message_recipients', "address IN ('+254712345678', '+254722000111')")).toBe(0);
    expect(count('appointments', 'contact_id = ?', contact.id)).toBe(0);
    expect(count('contact_groups', 'contact_id = ?', contact.id)).toBe(0);
    expect(await found('namba')).toEqual([]);
    expect(await found('tangazo')).toEqual([broadcast.messageId]);
    expect(await found('mgonjwa')).toEqual([other.messageId]);
    expect((await h.client.call('groups.list', {})).map((g) => g.name)).toEqual(['ANC']);
    expect(h.heard.filter((e) => e.event === 'messages.deleted').at(-1)?.payload).toMatchObject({ contactId: contact.id });
    expect(() => ftsIntact()).not.toThrow();
  });

  it('erasing is refused while a reminder of theirs waits, and nothing changes', async () => {
    h = await makeApiHarness();
    const a = await h.client.call('appointments.book', { patient: { name: 'Baraka Otieno', phone: '0712345679' }, start: '2025-03-07T07:00:00.000Z' });
    const before = { messages: count('messages'), contacts: count('contacts'), conversations: count('conversations') };
    const refused = await failureOf(h.client.call('contacts.erase', { id: a.patient.contactId }));
    expect(refused).toMatchObject({ code: 'conflict', details: { reason: 'still-waiting' } });
    expect({ messages: count('messages'), contacts: count('contacts'), conversations: count('conversations') }).toEqual(before);
    expect((await failureOf(h.client.call('conversations.delete', { id: 9_999 }))).code).toBe('not-found');
    expect((await failureOf(h.client.call('contacts.erase', { id: 9_999 }))).code).toBe('not-found');
  });
});
