import { afterEach, describe, expect, it } from 'vitest';
import { MAYBE_SENT_FAIL_REASON, MAYBE_SENT_RESEND_REASON } from '../../../electron/backend/dispatcher.ts';
import { type Backbone, flush, logOf, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { crash, fail, ok, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

describe('what the dispatcher does with each send result', () => {
  let b: Backbone;
  afterEach(() => b.close());

  const sendOne = () => b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;

  it('fails a permanent error at once, with its code and reason', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('permanent', 'cms-21', 'The network refused the message.')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    await nextStatus(b.dispatcher, { recipientId: id, to: 'failed' });
    expect(b.store.recipients.get(id)).toMatchObject({ lastErrorCode: 'cms-21', lastError: 'The network refused the message.', nextAttemptAt: null });
    expect(gateway.calls).toHaveLength(1);
  });

  it('retries a transient error on the backoff schedule, then sends', async () => {
    const busy = fail('transient', 'cms-500', 'The network is busy.');
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [busy, busy, ok('9')] });
    b = makeBackbone({ gateways: [gateway] }); // base 30 s, max 30 min, no jitter (random = 0)
    b.dispatcher.start();
    const id = sendOne();

    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    expect(b.store.recipients.get(id)).toMatchObject({ attempts: 1, nextAttemptAt: b.clock.iso(30_000), lastErrorCode: 'cms-500' });
    b.clock.advance(29_999);
    await flush();
    expect(gateway.calls).toHaveLength(1);

    const second = nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    b.clock.advance(1);
    await second;
    expect(b.store.recipients.get(id)).toMatchObject({ attempts: 2, nextAttemptAt: b.clock.iso(60_000) });

    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.clock.advance(60_000);
    await sent;
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', attempts: 3, gatewayRefs: ['9'], lastErrorCode: null });
    expect(gateway.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('still retries when the retry timer fires a millisecond early while time moves on', async () => {
    const busy = fail('transient', 'cms-42', 'The network is busy.');
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [busy, ok('7')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    await flush();
    expect(b.clock.pendingDelays()).toEqual([30_000, 60_000]);

    // The wake sees "not due yet"; by the time it looks for the next timer the row is due. It
    // must neither lose the row nor wait for the 60 s safety sweep.
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.clock.tickOnRead = 1;
    b.clock.fireSoonestEarly(1);
    b.clock.tickOnRead = 0;
    b.clock.advance(5);
    await sent;
    expect(gateway.calls).toHaveLength(2);
  });

  it('gives up after the configured number of attempts', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [1, 2, 3].map(() => fail('transient', 'no-signal', 'No signal.')) });
    b = makeBackbone({ gateways: [gateway], settings: { retry: { maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 60_000 } } });
    b.dispatcher.start();
    const id = sendOne();
    const failed = nextStatus(b.dispatcher, { recipientId: id, to: 'failed' });
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    const retried = nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    b.clock.advance(1_000);
    await retried;
    b.clock.advance(2_000);
    const event = await failed;
    const final = 'No signal. Tried 3 times; Ujumbe will not try again. Check the number and the modem, then send it again.';
    expect(event.reason).toBe(final);
    // What the Outbox shows after a reload is what the live event said.
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'failed', attempts: 3, lastErrorCode: 'no-signal', lastError: final });
  });

  it('treats an unexpected exception as transient with code "internal"', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [crash(new TypeError('undefined is not a function'))] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    expect(b.store.recipients.get(id)).toMatchObject({ lastErrorCode: 'internal', attempts: 1, nextAttemptAt: b.clock.iso(30_000) });
  });

  it('fails over to the second gateway when the first cannot send, without using up an attempt', async () => {
    const first = new ScriptedGateway({ id: 'modem-a', script: [fail('gateway', 'sim-pin', 'The SIM asks for its PIN.')] });
    const second = new ScriptedGateway({ id: 'modem-b', script: [ok('5')] });
    b = makeBackbone({ gateways: [first, second] });
    const id = sendOne();
    // Only the first can send when the message arrives; the second comes up meanwhile.
    second.setState('starting');
    b.dispatcher.start();
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    expect(b.store.recipients.get(id)).toMatchObject({ attempts: 0, lastErrorCode: 'sim-pin' });

    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    second.setState('running');
    const event = await sent;
    expect(event.gateway).toBe('modem-b');
    expect(b.store.recipients.get(id)).toMatchObject({ attempts: 1, gateway: 'modem-b', gatewayRefs: ['5'] });
    expect(logOf(b.store, id)).toEqual([
      '∅ → outbox: queued',
      'outbox → sending: Sending via modem-a',
      'sending → outbox: modem-a cannot send now (The SIM asks for its PIN.); handed back to the outbox',
      'outbox → sending: Sending via modem-b',
      'sending → sent: Sent',
    ]);
  });

  it('does not use a gateway that failed as a gateway until its status changes', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('gateway', 'disconnected', 'The modem was unplugged.'), ok('3')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    b.clock.advance(120_000); // timers and the sweep do not bring it back
    await flush();
    expect(gateway.calls).toHaveLength(1);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    gateway.setState('running'); // reconnected
    await sent;
  });

  it('resends a maybe-sent message flagged possible-duplicate under resend-flag-duplicate', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('maybe-sent', 'timeout', 'No answer after the PDU.'), ok('8')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    const requeued = await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    expect(requeued).toMatchObject({ reason: MAYBE_SENT_RESEND_REASON, flags: ['possible-duplicate'] });
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.clock.advance(30_000);
    await sent;
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', flags: ['possible-duplicate'], attempts: 2 });
  });

  it('fails a maybe-sent message and asks the user under fail-and-ask', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('maybe-sent', 'timeout', 'No answer after the PDU.', ['12'])] });
    b = makeBackbone({ gateways: [gateway], settings: { crashRecovery: 'fail-and-ask' } });
    b.dispatcher.start();
    const id = sendOne();
    const event = await nextStatus(b.dispatcher, { recipientId: id, to: 'failed' });
    expect(event.reason).toBe(MAYBE_SENT_FAIL_REASON);
    expect(b.store.recipients.get(id)).toMatchObject({ lastErrorCode: 'maybe-sent', lastError: 'No answer after the PDU.', gatewayRefs: ['12'] });
  });

  it('flags a transient failure after some parts went out as a possible duplicate', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [fail('transient', 'cms-500', 'The network is busy.', ['1', '2'])] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = sendOne();
    const event = await nextStatus(b.dispatcher, { recipientId: id, from: 'sending', to: 'outbox' });
    expect(event.flags).toEqual(['possible-duplicate']);
  });
});
