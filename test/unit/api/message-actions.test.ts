// A whole send at once (issue 12 "Outbox"): messages.retryFailed sends every failed recipient
// again and messages.cancelWaiting cancels every one still waiting, each in one transaction with
// each row's log saying why; a send with nothing to act on is a worded error, 409 over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { flush, logOf } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { fail, ScriptedGateway } from '../../support/scripted-gateway.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

const to = (...numbers: string[]) => numbers.map((address) => ({ kind: 'address' as const, address, protocol: 'sms' as const }));

describe('whole-send actions', () => {
  it('sends every failed recipient of one send again, and only those', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('permanent', 'invalid-number', 'The network refused the number.'), fail('permanent', 'invalid-number', 'The network refused the number.')] });
    h = await makeApiHarness({ gateways: [gateway] });
    const sent = await h.client.call('messages.send', { to: to('+254712345001', '+254712345002', '+254712345003'), text: 'Clinic news' });
    await flush();
    const statuses = () => sent.recipients.map((r) => h.backend.store.recipients.get(r.id)!.status);
    expect(statuses().filter((s) => s === 'failed')).toHaveLength(2);
    const events = await h.client.call('messages.retryFailed', { messageId: sent.messageId });
    expect(events.map((e) => e.to)).toEqual(['outbox', 'outbox']);
    await flush();
    expect(statuses()).toEqual(['sent', 'sent', 'sent']);
    const retried = sent.recipients[0]!.id;
    expect(logOf(h.backend.store, retried)).toContain('failed → outbox: Sent again at the user’s request');
    expect((await failureOf(h.client.call('messages.retryFailed', { messageId: sent.messageId }))).code).toBe('nothing-to-retry');
  });

  it('cancels every recipient still waiting, scheduled ones too, in one action', async () => {
    h = await makeApiHarness();
    const later = await h.client.call('messages.send', { to: to('+254712345001', '+254712345002'), text: 'Tomorrow', sendAt: h.clock.iso(86_400_000) });
    const events = await h.client.call('messages.cancelWaiting', { messageId: later.messageId });
    expect(events.map((e) => [e.from, e.to])).toEqual([['scheduled', 'cancelled'], ['scheduled', 'cancelled']]);
    expect((await failureOf(h.client.call('messages.cancelWaiting', { messageId: later.messageId }))).code).toBe('nothing-waiting');
    expect((await failureOf(h.client.call('messages.cancelWaiting', { messageId: 9_999 }))).code).toBe('not-found');
  });
});
