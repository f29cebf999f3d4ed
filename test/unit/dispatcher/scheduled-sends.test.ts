// Scheduled sends on the injected clock: days in milliseconds. A scheduled recipient reaches the
// gateway at its time and not before, by the dispatcher's one timer (no poll); it survives a
// restart and a computer that was off; an expired one fails with the reason; an automated one
// waits for the clinic's send window; a whole send is moved, sent now or cancelled at once.
import { afterEach, describe, expect, it } from 'vitest';
import { ScheduledSends } from '../../../electron/backend/scheduled-sends.ts';
import { OutboxDispatcher } from '../../../electron/backend/dispatcher.ts';
import { MessagingService } from '../../../electron/backend/messaging.ts';
import { ValidationError } from '../../../src-shared/errors.ts';
import { type Backbone, flush, logOf, makeBackbone } from '../../support/backbone.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

const NBO = { timeZone: 'Africa/Nairobi' };
// The fake clock starts at 2025-03-03T08:00:00Z: Monday 11:00 in Nairobi.
const HOUR = 3_600_000;

let b: Backbone;
afterEach(() => {
  b?.dispatcher.stop();
  b?.close();
});

function setup(settings: Record<string, unknown> = NBO) {
  const gateway = new ScriptedGateway({ id: 'modem-1' });
  b = makeBackbone({ gateways: [gateway], settings });
  b.dispatcher.start();
  const scheduled = new ScheduledSends(b.store, b.dispatcher, b.clock);
  return { gateway, scheduled };
}

const to = (...numbers: string[]) => numbers.map((address) => ({ address, protocol: 'sms' as const }));

describe('scheduled sends', () => {
  it('waits as scheduled and reaches the gateway at its time, not before', async () => {
    const { gateway } = setup();
    const receipt = b.messaging.send({ content: 'Kumbusho', recipients: to('0712345678'), sendAt: b.clock.iso(26 * HOUR) });
    expect(receipt.recipients[0]!.status).toBe('scheduled');
    await flush();
    // The dispatcher's timers: the 60 s backstop and one for the due row, nothing polling faster.
    expect(b.clock.pendingDelays()).toEqual([60_000, 26 * HOUR]);
    b.clock.advance(26 * HOUR - 1);
    await flush();
    expect(gateway.calls).toHaveLength(0);
    b.clock.advance(1);
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['Kumbusho']);
    expect(logOf(b.store, receipt.recipients[0]!.id)).toEqual([
      '∅ → scheduled: Scheduled for 2025-03-04 13:00',
      'scheduled → outbox: Due (scheduled for 2025-03-04 13:00)',
      'outbox → sending: Sending via modem-1',
      'sending → sent: Sent',
    ]);
  });

  it('sends at the next start what fell due while the app was off, and fails what expired', async () => {
    const { gateway } = setup();
    const due = b.messaging.send({ content: 'Due while off', recipients: to('0712345678'), sendAt: b.clock.iso(HOUR) });
    const expired = b.messaging.send({ content: 'Too late', recipients: to('0712345679'), sendAt: b.clock.iso(HOUR), expiresAt: b.clock.iso(2 * HOUR) });
    await b.dispatcher.stop();
    // Off for three hours.
    b.clock.advance(3 * HOUR);
    const dispatcher = new OutboxDispatcher({ store: b.store, gateways: [gateway], clock: b.clock, timers: b.clock });
    dispatcher.start();
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['Due while off']);
    expect(b.store.recipients.get(due.recipients[0]!.id)?.status).toBe('sent');
    const failed = b.store.recipients.get(expired.recipients[0]!.id)!;
    expect(failed).toMatchObject({ status: 'failed', lastErrorCode: 'expired' });
    expect(failed.lastError).toBe('Not sent: it was to go before 2025-03-03 13:00, and that time has passed. Send it again by hand if it is still needed.');
    await dispatcher.stop();
  });

  it('holds an automated message outside the send window until it opens; a nurse’s own goes', async () => {
    const { gateway } = setup({ ...NBO, sendWindow: { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] } });
    // Due at 21:00 Nairobi.
    const auto = b.messaging.send({ content: 'Automated', recipients: to('0712345678'), sendAt: b.clock.iso(10 * HOUR), automated: true });
    const nurse = b.messaging.send({ content: 'By hand', recipients: to('0712345679'), sendAt: b.clock.iso(10 * HOUR) });
    b.clock.advance(10 * HOUR);
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['By hand']);
    expect(b.store.recipients.get(auto.recipients[0]!.id)).toMatchObject({ status: 'scheduled', nextAttemptAt: '2025-03-04T05:00:00.000Z' });
    expect(logOf(b.store, auto.recipients[0]!.id).at(-1)).toBe("scheduled → scheduled: Outside the clinic's send hours: waits until 2025-03-04 08:00");
    b.clock.advance(11 * HOUR);
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['By hand', 'Automated']);
    expect(b.store.recipients.get(nurse.recipients[0]!.id)?.status).toBe('sent');
  });

  it('decides a held message again when the clinic widens its window: it goes at once, not at the old opening', async () => {
    const { gateway } = setup({ ...NBO, sendWindow: { start: '08:00', end: '19:00', days: [0, 1, 2, 3, 4, 5, 6] } });
    // Due at 21:00 Nairobi, held until 08:00 tomorrow.
    const auto = b.messaging.send({ content: 'Automated', recipients: to('0712345678'), sendAt: b.clock.iso(10 * HOUR), automated: true });
    const later = b.messaging.send({ content: 'Tomorrow', recipients: to('0712345679'), sendAt: b.clock.iso(30 * HOUR), automated: true });
    b.clock.advance(10 * HOUR + 5 * 60_000);
    await flush();
    expect(b.store.recipients.get(auto.recipients[0]!.id)).toMatchObject({ status: 'scheduled', nextAttemptAt: '2025-03-04T05:00:00.000Z' });
    b.store.settings.set('sendWindow', { start: '06:00', end: '23:00', days: [0, 1, 2, 3, 4, 5, 6] });
    b.dispatcher.reconsiderScheduled();
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['Automated']);
    expect(logOf(b.store, auto.recipients[0]!.id).slice(1, 3)).toEqual([
      "scheduled → scheduled: Outside the clinic's send hours: waits until 2025-03-04 08:00",
      'scheduled → outbox: Due (scheduled for 2025-03-03 21:00)',
    ]);
    // One not yet due keeps its own time.
    expect(b.store.recipients.get(later.recipients[0]!.id)).toMatchObject({ status: 'scheduled', nextAttemptAt: b.clock.iso(30 * HOUR - 10 * HOUR - 5 * 60_000) });
  });

  it('holds automated sends while paused, lets a nurse’s go, and sends them (or fails the expired) on resume', async () => {
    const { gateway } = setup({ ...NBO, automatedPaused: true });
    const auto = b.messaging.send({ content: 'Reminder', recipients: to('0712345678'), sendAt: b.clock.iso(HOUR), automated: true });
    const late = b.messaging.send({ content: 'Too late', recipients: to('0712345679'), sendAt: b.clock.iso(HOUR), expiresAt: b.clock.iso(2 * HOUR), automated: true });
    b.messaging.send({ content: 'By hand', recipients: to('0712345670'), sendAt: b.clock.iso(HOUR) });
    b.clock.advance(3 * HOUR);
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['By hand']);
    expect(b.store.recipients.get(auto.recipients[0]!.id)?.status).toBe('scheduled');
    // No timer loops on rows that are due but held: only the backstop sweep is pending.
    expect(b.clock.pendingDelays()).toEqual([expect.any(Number)]);
    b.store.settings.set('automatedPaused', false);
    b.dispatcher.notify();
    await flush();
    expect(gateway.calls.map((c) => c.content)).toEqual(['By hand', 'Reminder']);
    expect(b.store.recipients.get(late.recipients[0]!.id)).toMatchObject({ status: 'failed', lastErrorCode: 'expired' });
  });

  it('fails a retry that outlives its expiry instead of sending it late', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [{ kind: 'throw', error: new (await import('../../../electron/backend/gateways/gateway.ts')).GatewaySendError('transient', 'no-signal', 'No network signal.') }] });
    b = makeBackbone({ gateways: [gateway], settings: { ...NBO, retry: { maxAttempts: 5, backoffBaseMs: 2 * HOUR, backoffMaxMs: 4 * HOUR } } });
    b.dispatcher.start();
    const r = b.messaging.send({ content: 'Reminder', recipients: to('0712345678'), expiresAt: b.clock.iso(HOUR) });
    await flush();
    expect(b.store.recipients.get(r.recipients[0]!.id)?.status).toBe('outbox');
    b.clock.advance(2 * HOUR);
    await flush();
    expect(gateway.calls).toHaveLength(1);
    expect(b.store.recipients.get(r.recipients[0]!.id)).toMatchObject({ status: 'failed', lastErrorCode: 'expired' });
  });

  it('moves, sends now and cancels all 500 recipients of one send in one action each', async () => {
    const { gateway, scheduled } = setup();
    const numbers = Array.from({ length: 500 }, (_, i) => `0712${String(i).padStart(6, '0')}`);
    const receipt = b.messaging.send({ content: 'Kliniki imefungwa kesho', recipients: to(...numbers), sendAt: b.clock.iso(5 * HOUR) });
    const ids = receipt.recipients.map((r) => r.id);
    const moved = scheduled.reschedule({ messageId: receipt.messageId }, b.clock.iso(6 * HOUR));
    expect(moved).toHaveLength(500);
    expect(b.store.messages.get(receipt.messageId)?.sendAt).toBe(b.clock.iso(6 * HOUR));
    expect(new Set(ids.map((id) => b.store.recipients.get(id)?.nextAttemptAt))).toEqual(new Set([b.clock.iso(6 * HOUR)]));

    scheduled.editText(receipt.messageId, 'Kliniki itafunguliwa saa tatu kesho');
    expect(b.store.messages.get(receipt.messageId)?.content).toBe('Kliniki itafunguliwa saa tatu kesho');

    // One now, the rest cancelled.
    scheduled.sendNow({ messageId: receipt.messageId, recipientIds: [ids[0]!] });
    await flush();
    expect(gateway.calls.map((c) => c.address)).toEqual(['+254712000000']);
    expect(scheduled.cancel({ messageId: receipt.messageId })).toHaveLength(499);
    b.clock.advance(7 * HOUR);
    await flush();
    expect(gateway.calls).toHaveLength(1);
    expect(() => scheduled.editText(receipt.messageId, 'x')).toThrow(/already gone/);
    expect(() => scheduled.cancel({ messageId: receipt.messageId })).toThrow(/Nothing of this message waits/);
  });

  it('refuses an expiry already past, an expiry before the send time and a time years ahead, saving nothing', () => {
    setup();
    const send = (extra: object) => () => b.messaging.send({ content: 'x', recipients: to('0712345678'), ...extra });
    expect(send({ expiresAt: b.clock.iso(-1) })).toThrow(ValidationError);
    expect(send({ sendAt: b.clock.iso(2 * HOUR), expiresAt: b.clock.iso(HOUR) })).toThrow(/expire before it is sent/);
    expect(send({ sendAt: b.clock.iso(500 * 24 * HOUR) })).toThrow(/more than a year ahead/);
    expect(send({ sendAt: 'tomorrow' })).toThrow(/not a date and time/);
    expect(b.messaging.listMessages({ limit: 10 }).messages).toHaveLength(0);
  });

  it('sends at once a time already past', async () => {
    const { gateway } = setup();
    const r = new MessagingService({ store: b.store, dispatcher: b.dispatcher, hasGatewayFor: () => true, clock: b.clock }).send({ content: 'Now', recipients: to('0712345678'), sendAt: b.clock.iso(-HOUR) });
    expect(r.recipients[0]!.status).toBe('outbox');
    await flush();
    expect(gateway.calls).toHaveLength(1);
  });
});

describe('scheduled sends without a gateway yet', () => {
  it('are saved (a reminder booked before the modem is plugged in); a send for now is still refused', () => {
    b = makeBackbone({ gateways: [], settings: NBO });
    b.dispatcher.start();
    const later = b.messaging.send({ content: 'Kumbusho', recipients: to('0712345678'), sendAt: b.clock.iso(HOUR) });
    expect(later.recipients[0]!.status).toBe('scheduled');
    expect(() => b.messaging.send({ content: 'Now', recipients: to('0712345678') })).toThrow(/No gateway is set up/);
  });
});
