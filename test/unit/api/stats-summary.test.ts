// stats.summary (issue 12 "Reports"), on the injected clock in Nairobi time: failures by their
// code (kept in the attempt log, so a failure since retried and sent keeps its code), traffic per
// gateway with the panel's name, and the funnel of the appointments due in the period.
import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu, type StatusReportPdu } from '../../../src-shared/sms/index.ts';
import { buildStatusReportPdu } from '../../../electron/modem-sim/sms-pdus.ts';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { fail, ok, ScriptedGateway } from '../../support/scripted-gateway.ts';

let h: ApiHarness;
afterEach(async () => h?.close());
const HOUR = 3_600_000;

const report = (reference: number, recipient: string, status: number): StatusReportPdu =>
  decodePdu(buildStatusReportPdu({ reference, recipient, status }).hex) as StatusReportPdu;

describe('stats.summary', () => {
  it('counts failures by code, each gateway’s traffic and how far the appointments got', async () => {
    const one = new ScriptedGateway({ id: 'modem-1', script: [fail('permanent', 'cms-500', 'The network refused the message.')] });
    const two = new ScriptedGateway({ id: 'modem-2', script: [ok('7'), ok('8')] });
    h = await makeApiHarness({ gateways: [one, two] });
    await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });

    // Monday 3 March, 11:00 Nairobi: modem-1's send fails (cms-500); retried, it goes.
    const failing = await h.client.call('gateways.testSms', { id: 'modem-1', to: '+254712345001' });
    await flush();
    await h.client.call('messages.retry', { recipientId: failing.recipients[0]!.id });
    await flush();
    // modem-2: one delivered, one the network gave up on (TP-ST 0x46, validity period expired).
    await h.client.call('gateways.testSms', { id: 'modem-2', to: '+254712345002' });
    await h.client.call('gateways.testSms', { id: 'modem-2', to: '+254712345003' });
    await flush();
    h.backend.receiving.statusReport('modem-2', report(7, '+254712345002', 0x00));
    h.backend.receiving.statusReport('modem-2', report(8, '+254712345003', 0x46));
    h.backend.messaging.receive({ from: '+254712345002', text: 'Asante', gatewayId: 'modem-2' });

    // Three appointments on Tuesday 4 March: Amina confirms and comes, Baraka does not come, Chausiku's is cancelled.
    const amina = await h.client.call('appointments.book', { patient: { name: 'Amina', phone: '+254712345010' }, start: '2025-03-04T07:00:00.000Z' });
    const baraka = await h.client.call('appointments.book', { patient: { name: 'Baraka', phone: '+254712345011' }, start: '2025-03-04T08:00:00.000Z' });
    const chausiku = await h.client.call('appointments.book', { patient: { name: 'Chausiku', phone: '+254712345012' }, start: '2025-03-04T09:00:00.000Z' });
    await h.client.call('appointments.update', { id: chausiku.id, status: 'cancelled' });
    // Tuesday 08:00 Nairobi: the on-the-day reminders go; Amina answers 1.
    h.clock.advance(Date.parse('2025-03-04T05:00:00Z') - h.clock.now());
    await flush();
    h.backend.messaging.receive({ from: '+254712345010', text: '1', gatewayId: 'modem-1' });
    await flush();
    h.clock.advance(5 * HOUR);
    await h.client.call('appointments.update', { id: amina.id, status: 'attended' });
    await h.client.call('appointments.update', { id: baraka.id, status: 'missed' });

    const summary = await h.client.call('stats.summary', { from: '2025-03-03', to: '2025-03-04' });
    // The failure retried and sent since keeps its code; the report's failure is worded by its TP-ST.
    expect(summary.failedByReason).toEqual([
      { code: 'cms-500', count: 1 },
      { code: 'status-46', count: 1 },
    ]);
    expect(summary.funnel).toEqual({ appointments: 2, reminded: 2, confirmed: 1, attended: 1, missed: 1 });

    const byId = new Map(summary.gateways.map((g) => [g.gateway, g]));
    expect([...byId.keys()].sort()).toEqual(['modem-1', 'modem-2']);
    expect(byId.get('modem-1')).toMatchObject({ failed: 1, delivered: 0, received: 1 });
    expect(byId.get('modem-2')).toMatchObject({ delivered: 1, failed: 1, received: 1 });
    for (const g of summary.gateways) expect(g.name).toEqual(expect.any(String));

    // The same changes as stats.daily's totals: these are two ways of adding one log.
    const { days } = await h.client.call('stats.daily', { from: '2025-03-03', to: '2025-03-04' });
    const total = (key: 'sent' | 'delivered' | 'failed' | 'received') => days.reduce((n, d) => n + d[key], 0);
    for (const key of ['sent', 'delivered', 'failed', 'received'] as const) {
      expect(summary.gateways.reduce((n, g) => n + g[key], 0)).toBe(total(key));
    }
    // Three test sends, the retry, two reminders and the answer to Amina's 1, on either modem.
    expect(total('sent')).toBeGreaterThanOrEqual(6);

    // Another period sees none of it.
    const before = await h.client.call('stats.summary', { from: '2025-03-01', to: '2025-03-02' });
    expect(before).toEqual({ failedByReason: [], gateways: [], funnel: { appointments: 0, reminded: 0, confirmed: 0, attended: 0, missed: 0 } });
  });

  it('refuses a range backwards or longer than 366 days', async () => {
    h = await makeApiHarness();
    expect((await failureOf(h.client.call('stats.summary', { from: '2025-03-04', to: '2025-03-01' }))).details).toMatchObject({ issues: [{ where: 'to', rule: 'range.backwards' }] });
    expect((await failureOf(h.client.call('stats.summary', { from: '2024-01-01', to: '2025-03-01' }))).details).toMatchObject({ issues: [{ where: 'to', rule: 'range.too-long' }] });
  });
});
