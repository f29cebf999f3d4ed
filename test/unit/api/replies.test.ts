// Replies that act (issue 12), through the contract on the injected clock: "1" confirms the
// patient's next appointment and "HAPANA" asks for another time, each answered once in their
// language; anything else from a phone lands on "Needs attention" until marked done; operator
// messages and missed calls never do; at most autoRepliesPerDay answers a number a day.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

const AMINA = '+254712345678';
const FRIDAY_10 = '2025-03-07T07:00:00.000Z'; // Friday 7 March, 10:00 Nairobi; the clock is Monday 11:00

async function setup(language = 'en') {
  h = await makeApiHarness();
  await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
  const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: AMINA, language }, start: FRIDAY_10 });
  return a;
}

const reply = (from: string, text: string, flags: Array<'missed-call'> = []) => h.backend.messaging.receive({ from, text, gatewayId: 'modem-1', flags });
const answers = () => h.modem.calls.filter((c) => c.address === AMINA).map((c) => c.content);

describe('replies that act on appointments', () => {
  it('confirms the next appointment on "1" and answers once', async () => {
    const a = await setup();
    reply(AMINA, '1');
    await flush();
    expect((await h.client.call('appointments.get', { id: a.id })).status).toBe('confirmed');
    expect(answers()).toEqual(['Thank you, Amina. Your appointment on Friday 7 March at 10:00 is confirmed.']);
    expect((await h.client.call('attention.list', {})).items).toEqual([]);
  });

  it('marks "HAPANA" as a request for another time, lists it and answers in Swahili', async () => {
    const a = await setup('sw');
    const r = reply(AMINA, 'Hapana');
    await flush();
    expect((await h.client.call('appointments.get', { id: a.id })).status).toBe('reschedule-requested');
    expect(answers()).toEqual(['Asante, Amina. Kliniki itawasiliana nawe kupanga muda mwingine.']);
    expect((await h.client.call('attention.list', {})).items).toMatchObject([{ messageId: r.messageId, reason: 'reschedule-requested', appointmentId: a.id, text: 'Hapana', from: AMINA, contactName: 'Amina Otieno' }]);
  });

  it('puts what no rule understands on "Needs attention" until a nurse marks it done', async () => {
    await setup();
    const r = reply(AMINA, 'Nitachelewa kidogo');
    const stranger = reply('+254799000111', 'Hello?');
    await flush();
    expect(answers()).toEqual([]);
    expect((await h.client.call('attention.list', {})).items.map((i) => [i.messageId, i.reason])).toEqual([[stranger.messageId, 'not-understood'], [r.messageId, 'not-understood']]);
    expect(await h.client.call('attention.done', { messageId: r.messageId })).toEqual({ done: true });
    expect(await h.client.call('attention.done', { messageId: r.messageId })).toEqual({ done: false });
    expect((await h.client.call('attention.list', {})).items.map((i) => i.messageId)).toEqual([stranger.messageId]);
    expect(h.heard.filter((e) => e.event === 'attention.changed').map((e) => e.payload)).toEqual([{ open: 1 }, { open: 2 }, { open: 1 }]);
  });

  it('never acts on an operator’s message or a missed call', async () => {
    await setup();
    reply('SAFARICOM', '1');
    reply('MPESA', 'Confirmed. Ksh100 sent');
    reply(AMINA, 'Missed call', ['missed-call']);
    await flush();
    expect(h.modem.calls).toEqual([]);
    expect((await h.client.call('attention.list', {})).items).toEqual([]);
  });

  it('answers one number at most autoRepliesPerDay times a day', async () => {
    await setup();
    await h.client.call('settings.update', { autoRepliesPerDay: 2 });
    for (let i = 0; i < 4; i++) reply(AMINA, 'YES');
    await flush();
    expect(answers()).toHaveLength(2);
  });

  it('without an appointment to come, "1" is a reply to read, not a confirmation', async () => {
    h = await makeApiHarness();
    const r = reply(AMINA, '1');
    await flush();
    expect(h.modem.calls).toEqual([]);
    expect((await h.client.call('attention.list', {})).items.map((i) => i.messageId)).toEqual([r.messageId]);
  });

  it('lists only threads waiting for the clinic in the Replies view', async () => {
    h = await makeApiHarness();
    const waiting = h.backend.messaging.receive({ from: '+254712345001', text: 'Nitakuja kesho', gatewayId: 'modem-1' });
    const answered = h.backend.messaging.receive({ from: '+254712345002', text: 'Asante', gatewayId: 'modem-1' });
    await h.client.call('conversations.markRead', { id: answered.conversationId });
    await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345002', protocol: 'sms' }], text: 'Karibu' });
    await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345003', protocol: 'sms' }], text: 'Reminder' });
    const all = await h.client.call('conversations.list', {});
    expect(all.items).toHaveLength(3);
    expect(all.items.find((c) => c.id === waiting.conversationId)?.lastDirection).toBe('in');
    const replies = await h.client.call('conversations.list', { replies: true });
    expect(replies.items.map((c) => c.id)).toEqual([waiting.conversationId]);
  });
});
