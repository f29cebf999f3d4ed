// stats.daily (issue 12 "Reports"): per clinic day, the status changes, opt-outs and confirmations
// of that day, on the injected clock in Nairobi time; empty days are listed; bad ranges refused.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());
const HOUR = 3_600_000;

describe('stats.daily', () => {
  it('counts each day’s sends, replies, opt-outs and confirmations in clinic time', async () => {
    h = await makeApiHarness();
    await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
    // Monday 3 March, 11:00 Nairobi.
    await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345001', protocol: 'sms' }, { kind: 'address', address: '+254712345002', protocol: 'sms' }], text: 'Clinic news' });
    await flush();
    await h.client.call('appointments.book', { patient: { name: 'Amina', phone: '+254712345003' }, start: '2025-03-07T07:00:00.000Z' });
    h.clock.advance(14 * HOUR); // Tuesday 01:00 Nairobi (Monday 22:00 UTC)
    h.backend.messaging.receive({ from: '+254712345003', text: 'YES', gatewayId: 'modem-1' });
    h.backend.messaging.receive({ from: '+254712345001', text: 'STOP', gatewayId: 'modem-1' });
    h.backend.messaging.receive({ from: '+254712345001', text: 'STOP', gatewayId: 'modem-1' });
    await flush();
    const { days } = await h.client.call('stats.daily', { from: '2025-03-02', to: '2025-03-04' });
    expect(days).toEqual([
      { date: '2025-03-02', sent: 0, delivered: 0, failed: 0, received: 0, suppressed: 0, optOuts: 0, confirmed: 0, remindersSent: 0, attended: 0 },
      { date: '2025-03-03', sent: 2, delivered: 0, failed: 0, received: 0, suppressed: 0, optOuts: 0, confirmed: 0, remindersSent: 0, attended: 0 },
      // Replies and the two answers (the confirmation, the opt-out notice) are Tuesday's; a second STOP is no second opt-out.
      { date: '2025-03-04', sent: 2, delivered: 0, failed: 0, received: 3, suppressed: 0, optOuts: 1, confirmed: 1, remindersSent: 0, attended: 0 },
    ]);
  });

  it('puts a reply at 00:05 in a +05:45 zone on its own day (quarter-hour buckets)', async () => {
    h = await makeApiHarness();
    await h.client.call('settings.update', { timeZone: 'Asia/Kathmandu' });
    // The clock starts at 2025-03-03T08:00Z; 18:20Z is 00:05 on 4 March in Kathmandu, 18:10Z is 23:55 on the 3rd.
    h.clock.advance(10 * HOUR + 10 * 60_000);
    h.backend.messaging.receive({ from: '+254712345001', text: 'late', gatewayId: 'modem-1' });
    h.clock.advance(10 * 60_000);
    h.backend.messaging.receive({ from: '+254712345001', text: 'early', gatewayId: 'modem-1' });
    await flush();
    const { days } = await h.client.call('stats.daily', { from: '2025-03-03', to: '2025-03-04' });
    expect(days.map((d) => [d.date, d.received])).toEqual([['2025-03-03', 1], ['2025-03-04', 1]]);
  });

  it('follows reminders from sent to confirmed to attended', async () => {
    h = await makeApiHarness();
    await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
    const a = await h.client.call('appointments.book', { patient: { name: 'Amina', phone: '+254712345003' }, start: '2025-03-04T07:00:00.000Z' });
    // Tuesday 08:00 Nairobi: the on-the-day reminder goes; she confirms; she comes at 10:00.
    h.clock.advance(Date.parse('2025-03-04T05:00:00Z') - h.clock.now());
    await flush();
    h.backend.messaging.receive({ from: '+254712345003', text: '1', gatewayId: 'modem-1' });
    await flush();
    h.clock.advance(2 * HOUR);
    await h.client.call('appointments.update', { id: a.id, status: 'attended' });
    const { days } = await h.client.call('stats.daily', { from: '2025-03-04', to: '2025-03-04' });
    expect(days[0]).toMatchObject({ remindersSent: 1, confirmed: 1, attended: 1, sent: 2, received: 1 });
  });

  it('refuses a range backwards or longer than 366 days', async () => {
    h = await makeApiHarness();
    expect((await failureOf(h.client.call('stats.daily', { from: '2025-03-04', to: '2025-03-01' }))).details).toMatchObject({ issues: [{ where: 'to', rule: 'range.backwards' }] });
    expect((await failureOf(h.client.call('stats.daily', { from: '2024-01-01', to: '2025-03-01' }))).details).toMatchObject({ issues: [{ where: 'to', rule: 'range.too-long' }] });
    expect((await failureOf(h.client.call('stats.daily', { from: '4 March', to: '2025-03-01' }))).code).toBe('invalid-params');
  });
});
