/** bindEvents: the backend's events arrive at the client as the contract's Events. */
import { afterEach, describe, expect, it } from 'vitest';
import { bindEvents, type EmitEvent } from '../../../electron/backend/api/bind-events.ts';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';

describe('events through the contract', () => {
  let h: ApiHarness;
  afterEach(() => h.close());

  it('announces recovery at start, each status change, and a gateway’s status as a GatewayView', async () => {
    h = await makeApiHarness({ start: false });
    const recovery = h.nextEvent('recovery');
    await h.backend.start();
    expect(await recovery).toMatchObject({ policy: 'resend-flag-duplicate', recovered: 0 });

    const sent = h.nextEvent('message.status', (e) => e.to === 'sent');
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Habari' });
    expect(await sent).toMatchObject({ recipientId: receipt.recipients[0]!.id, messageId: receipt.messageId, from: 'sending', gateway: 'modem-1' });
    expect(h.heard.filter((e) => e.event === 'message.status').map((e) => (e.payload as { to: string }).to)).toEqual(['sending', 'sent']);

    const status = h.nextEvent('gateway.status');
    h.modem.setState('disconnected', 'unplugged');
    expect(await status).toMatchObject({ id: 'modem-1', state: 'disconnected', problem: { code: 'unplugged' }, sentToday: 1, queueLength: 0, demo: false });
  });

  it('announces an incoming message with a 100-character preview', async () => {
    h = await makeApiHarness();
    const incoming = h.nextEvent('message.incoming');
    const text = `${'😀'.repeat(99)}ab and more`;
    const r = h.backend.messaging.receive({ from: '0712 345 678', text, gatewayId: 'modem-1' });
    expect(await incoming).toEqual({
      messageId: r.messageId,
      conversationId: r.conversationId,
      from: '+254712345678',
      protocol: 'sms',
      preview: `${'😀'.repeat(99)}a`,
      receivedAt: expect.any(String),
    });
  });

  it('unbind stops every forwarding, and a throwing emit never reaches the gateway', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-x' });
    h = await makeApiHarness({ gateways: [gateway] });
    const seen: string[] = [];
    const emit: EmitEvent = (event) => {
      seen.push(event);
      throw new Error('the window is gone');
    };
    const unbind = bindEvents(h.backend, emit);
    expect(() => gateway.setState('paused')).not.toThrow();
    expect(() => h.backend.messaging.receive({ from: '+254712345678', text: 'x', gatewayId: 'modem-x' })).not.toThrow();
    // The reply rules run first (they were bound at start) and put it on "Needs attention".
    expect(seen).toEqual(['gateway.status', 'attention.changed', 'message.incoming']);
    unbind();
    gateway.setState('running');
    h.backend.messaging.receive({ from: '+254712345678', text: 'y', gatewayId: 'modem-x' });
    expect(seen).toHaveLength(3);
  });
});
