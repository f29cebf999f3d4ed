/**
 * "Sent — no delivery report yet" as data (issue 10 item 7): `reportOverdue` on messages.get and
 * conversations.thread, computed by the backend with its injected clock and the
 * deliveryReportWaitMinutes setting; the HTTP API's message view carries the same field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_REPORT_WAIT_MINUTES } from '../../../src-shared/contract/delivery-report-wait.ts';
import { reportOverdue } from '../../../electron/backend/receiving/report-wait.ts';
import { routeApiRequest } from '../../../electron/headless/api-routes.ts';
import { createInProcessClient } from '../../../src-shared/rpc/index.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { nextStatus } from '../../support/backbone.ts';

describe('reportOverdue (report-wait.ts)', () => {
  const row = { protocol: 'sms' as const, status: 'sent' as const, updated: '2025-11-20T09:00:00.000Z' };
  const at = (minutes: number) => Date.parse(row.updated) + minutes * 60_000;
  it('is true only for a sent SMS that asked for a report and waited the whole time', () => {
    expect(reportOverdue(row, { reportRequested: true, waitMinutes: 60, now: at(60) })).toBe(true);
    expect(reportOverdue(row, { reportRequested: true, waitMinutes: 60, now: at(59.99) })).toBe(false);
    expect(reportOverdue(row, { reportRequested: false, waitMinutes: 60, now: at(600) })).toBe(false);
    expect(reportOverdue({ ...row, status: 'delivered' }, { reportRequested: true, waitMinutes: 60, now: at(600) })).toBe(false);
    expect(reportOverdue({ ...row, protocol: 'email' }, { reportRequested: true, waitMinutes: 60, now: at(600) })).toBe(false);
  });
});

describe('reportOverdue through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('turns true after the setting\'s minutes with no report, on messages.get and in the thread', async () => {
    expect((await h.client.call('settings.get', {})).deliveryReportWaitMinutes).toBe(DELIVERY_REPORT_WAIT_MINUTES.default);
    await h.client.call('settings.update', { deliveryReportWaitMinutes: 30 });
    const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '0712345678', protocol: 'sms' }], text: 'Kumbusho' });
    await sent;
    const overdue = async () => (await h.client.call('messages.get', { id: receipt.messageId })).recipients[0]!.reportOverdue;
    expect(await overdue()).toBe(false);
    h.clock.advance(29 * 60_000);
    expect(await overdue()).toBe(false);
    h.clock.advance(60_000);
    expect(await overdue()).toBe(true);
    const conversationId = (await h.client.call('conversations.list', {})).items[0]!.id;
    const thread = await h.client.call('conversations.thread', { id: conversationId });
    expect(thread.messages.at(-1)?.recipient.reportOverdue).toBe(true);
    // The HTTP API (GET /messages/:id) says the same.
    const ctx = { client: createInProcessClient(h.server), readBody: () => Promise.resolve({}), query: new URLSearchParams(), baseUrl: 'http://127.0.0.1:8765' };
    const response = await routeApiRequest('GET', `/messages/${receipt.messageId}`, ctx);
    expect((response.body as { recipients: Array<{ reportOverdue: boolean }> }).recipients[0]?.reportOverdue).toBe(true);
  });

  it('stays false when no report was asked for', async () => {
    const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '0712345678', protocol: 'sms' }], text: 'Kumbusho', statusReport: false });
    await sent;
    h.clock.advance(24 * 60 * 60_000);
    expect((await h.client.call('messages.get', { id: receipt.messageId })).recipients[0]!.reportOverdue).toBe(false);
  });

  it('refuses a wait outside its bounds', async () => {
    expect(await failureOf(h.client.call('settings.update', { deliveryReportWaitMinutes: 0 }))).toMatchObject({ code: 'invalid-params' });
    expect(await failureOf(h.client.call('settings.update', { deliveryReportWaitMinutes: DELIVERY_REPORT_WAIT_MINUTES.max + 1 }))).toMatchObject({ code: 'invalid-params' });
  });
});
