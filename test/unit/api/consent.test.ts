// Opt-out, honoured everywhere (issue 12), through the contract on the injected clock: STOP is
// answered once and the number then gets no automated or group message (suppressed, with the
// reason in words), while a nurse's personal reply needs her confirmation; START undoes it;
// an alphanumeric sender's STOP and "STOP 12345" change nothing; staff change it with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { flush, logOf } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

const AMINA = '+254712345678';
const BARAKA = '+254712345679';

async function setup() {
  h = await makeApiHarness();
  await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
  return h;
}

const reply = (from: string, text: string) => h.backend.messaging.receive({ from, text, gatewayId: 'modem-1' });
const sentTo = (address: string) => h.modem.calls.filter((c) => c.address === address).map((c) => c.content);

describe('opt-out', () => {
  it('answers STOP once, then suppresses group and automated sends to that number, saying why', async () => {
    await setup();
    reply(AMINA, 'Stop!');
    await flush();
    expect(sentTo(AMINA)).toEqual(['You will get no more messages from the clinic. Reply START to receive them again.']);
    reply(AMINA, 'STOP');
    await flush();
    expect(sentTo(AMINA)).toHaveLength(1);
    expect(await h.client.call('consent.list', {})).toMatchObject({ items: [{ phone: AMINA, optedOut: true, source: 'reply', word: 'STOP', changedAt: h.clock.iso() }] });
    expect(h.heard.filter((e) => e.event === 'consent.changed')).toHaveLength(1);

    const group = await h.client.call('messages.send', { to: [{ kind: 'address', address: AMINA, protocol: 'sms' }, { kind: 'address', address: BARAKA, protocol: 'sms' }], text: 'Clinic closed on Friday.' });
    await flush();
    expect(sentTo(BARAKA)).toEqual(['Clinic closed on Friday.']);
    expect(sentTo(AMINA)).toHaveLength(1);
    const amina = group.recipients.find((r) => r.address === AMINA)!;
    const row = h.backend.store.recipients.get(amina.id)!;
    expect(row).toMatchObject({ status: 'suppressed', lastErrorCode: 'opted-out' });
    expect(row.lastError).toBe('Not sent: this number replied STOP on 2025-03-03 11:00, so it gets no automated or group messages');
    expect(logOf(h.backend.store, amina.id).at(-1)).toBe(`outbox → suppressed: ${row.lastError}`);
  });

  it('suppresses a reminder booked before the STOP when it falls due', async () => {
    await setup();
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: AMINA }, start: '2025-03-07T07:00:00.000Z' });
    reply(AMINA, 'simama');
    await flush();
    h.clock.advance(Date.parse('2025-03-06T06:00:00Z') - h.clock.now());
    await flush();
    expect(sentTo(AMINA)).toEqual(['You will get no more messages from the clinic. Reply START to receive them again.']);
    expect(h.backend.store.recipients.listForMessage(a.reminders[0]!.messageId!)[0]).toMatchObject({ status: 'suppressed' });
  });

  it('asks before a personal message to an opted-out number, and sends it when the nurse confirms', async () => {
    await setup();
    reply(AMINA, 'STOP');
    await flush();
    const to = [{ kind: 'address' as const, address: '0712 345 678', protocol: 'sms' as const }];
    const refused = await failureOf(h.client.call('messages.send', { to, text: 'Your results are ready, please come.' }));
    expect(refused.code).toBe('validation');
    expect(refused.details).toMatchObject({ issues: [{ where: '0712 345 678', rule: 'recipient.opted-out' }] });
    await h.client.call('messages.send', { to, text: 'Your results are ready, please come.', sendToOptedOut: true });
    await flush();
    expect(sentTo(AMINA).at(-1)).toBe('Your results are ready, please come.');
    // Automated (as the HTTP API sends) is never let through by the flag.
    const automated = await h.client.call('messages.send', { to, text: 'Reminder', automated: true, sendToOptedOut: true });
    await flush();
    expect(h.backend.store.recipients.get(automated.recipients[0]!.id)?.status).toBe('suppressed');
  });

  it('opts back in on START, answering once, and the next group send goes', async () => {
    await setup();
    reply(AMINA, 'STOP');
    reply(AMINA, 'start');
    await flush();
    expect(sentTo(AMINA)).toEqual([
      'You will get no more messages from the clinic. Reply START to receive them again.',
      'You will get messages from the clinic again. Reply STOP to stop them.',
    ]);
    await h.client.call('messages.send', { to: [{ kind: 'address', address: AMINA, protocol: 'sms' }, { kind: 'address', address: BARAKA, protocol: 'sms' }], text: 'Open on Saturday.' });
    await flush();
    expect(sentTo(AMINA).at(-1)).toBe('Open on Saturday.');
    expect((await h.client.call('consent.history', { phone: AMINA })).items.map((c) => [c.optedOut, c.word])).toEqual([[true, 'STOP'], [false, 'START']]);
  });

  it('answers in the patient’s language', async () => {
    await setup();
    await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: AMINA, language: 'sw' }, start: '2025-03-07T07:00:00.000Z' });
    reply(AMINA, 'ACHA');
    await flush();
    expect(sentTo(AMINA)).toEqual(['Hutapokea tena ujumbe kutoka kliniki. Jibu ANZA ili uanze kupokea tena.']);
  });

  it('changes nothing for an alphanumeric sender’s STOP, a short code, or STOP with more words', async () => {
    await setup();
    reply('SAFARICOM', 'STOP');
    reply('40404', 'STOP');
    reply(AMINA, 'STOP 12345');
    await flush();
    expect(h.modem.calls).toEqual([]);
    expect((await h.client.call('consent.list', {})).items).toEqual([]);
  });

  it('lets staff mark a number by hand with a reason, refusing a bad number or no reason', async () => {
    await setup();
    const set = await h.client.call('consent.set', { phone: '0712345678', optedOut: true, reason: 'Asked at the desk' });
    expect(set).toMatchObject({ phone: AMINA, optedOut: true, source: 'staff', changedBy: 'Administrator (the browser)', reason: 'Asked at the desk' });
    expect(h.modem.calls).toEqual([]);
    expect((await failureOf(h.client.call('consent.set', { phone: '07123', optedOut: true, reason: 'x' }))).details).toMatchObject({ issues: [{ where: 'phone' }] });
    expect((await failureOf(h.client.call('consent.set', { phone: AMINA, optedOut: false, reason: ' ' }))).code).toBe('invalid-params');
    expect((await h.client.call('consent.check', { phones: ['0712345678', '0712345679', 'nonsense'] })).items.map((c) => c.phone)).toEqual([AMINA]);
    // The contact list shows it, and lists only opted-out contacts when asked.
    const amina = await h.client.call('contacts.create', { name: 'Amina', addresses: [{ address: AMINA, protocol: 'sms' }] });
    await h.client.call('contacts.create', { name: 'Baraka', addresses: [{ address: BARAKA, protocol: 'sms' }] });
    expect(amina.optedOut).toEqual([AMINA]);
    expect((await h.client.call('contacts.list', { optedOut: true })).contacts.map((c) => [c.name, c.optedOut])).toEqual([['Amina', [AMINA]]]);
    expect((await h.client.call('contacts.list', {})).contacts.find((c) => c.name === 'Baraka')?.optedOut).toBeUndefined();
  });
});
