import { afterEach, describe, expect, it } from 'vitest';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { type Backbone, flush, logOf, makeBackbone, nextStatus } from '../../support/backbone.ts';
import { hold, ok, ScriptedGateway } from '../../support/scripted-gateway.ts';

const sms = (address: string) => ({ address, protocol: 'sms' as const });

describe('claiming outbox rows', () => {
  let b: Backbone;
  afterEach(() => b.close());

  it('marks the row sending, with the gateway and attempt, before gateway.send runs', async () => {
    const seenInsideSend: Array<{ status: RecipientStatus | undefined; gateway: string | null | undefined; attempts: number | undefined }> = [];
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [ok('17')] });
    b = makeBackbone({ gateways: [gateway] });
    gateway.onSend = (item) => {
      const row = b.store.recipients.get(item.recipientId);
      seenInsideSend.push({ status: row?.status, gateway: row?.gateway, attempts: row?.attempts });
    };
    b.dispatcher.start();
    const { recipients } = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] });
    await nextStatus(b.dispatcher, { recipientId: recipients[0]!.id, to: 'sent' });
    expect(seenInsideSend).toEqual([{ status: 'sending', gateway: 'modem-1', attempts: 1 }]);
  });

  it('stores every part’s reference on success', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [ok('41', '42', '43')] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const { recipients } = b.messaging.send({ content: 'A long reminder', recipients: [sms('0712345678')] });
    const id = recipients[0]!.id;
    await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    expect(b.store.recipients.get(id)).toMatchObject({ status: 'sent', gatewayRefs: ['41', '42', '43'], gateway: 'modem-1', attempts: 1 });
    expect(logOf(b.store, id)).toEqual(['∅ → outbox: queued', 'outbox → sending: Sending via modem-1', 'sending → sent: Sent in 3 parts']);
  });

  it('sends one at a time per gateway, first queued first', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', script: [hold(), hold()] });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const first = b.messaging.send({ content: 'one', recipients: [sms('0712345678')] }).recipients[0]!.id;
    const second = b.messaging.send({ content: 'two', recipients: [sms('0733000111')] }).recipients[0]!.id;
    await gateway.whenCalled(1);
    await flush();
    expect(gateway.calls.map((c) => c.recipientId)).toEqual([first]);
    expect(b.store.recipients.get(second)?.status).toBe('outbox');
    gateway.held[0]!.succeed(['1']);
    await gateway.whenCalled(2);
    expect(gateway.calls.map((c) => c.recipientId)).toEqual([first, second]);
  });

  it('never gives the same row to two gateways sending in parallel', async () => {
    const a = new ScriptedGateway({ id: 'modem-a' });
    const c = new ScriptedGateway({ id: 'modem-b' });
    b = makeBackbone({ gateways: [a, c] });
    const numbers = Array.from({ length: 40 }, (_, i) => sms(`+2547${String(i).padStart(8, '0')}`));
    const { recipients } = b.messaging.send({ content: 'Clinic closed Monday', recipients: numbers });
    const allSent = Promise.all(recipients.map((r) => nextStatus(b.dispatcher, { recipientId: r.id, to: 'sent' })));
    b.dispatcher.start();
    await allSent;
    const handed = [...a.calls, ...c.calls].map((call) => call.recipientId);
    expect(handed).toHaveLength(40);
    expect(new Set(handed).size).toBe(40);
    expect(a.calls.length).toBeGreaterThan(0);
    expect(c.calls.length).toBeGreaterThan(0);
    expect(b.store.db.prepare(`SELECT COUNT(*) FROM message_recipients WHERE attempts = 1 AND status = 'sent'`).pluck().get()).toBe(40);
  });

  it('gives each gateway only rows of its own protocol', async () => {
    const modem = new ScriptedGateway({ id: 'modem-1', state: 'stopped' });
    const mail = new ScriptedGateway({ id: 'mail', protocol: 'email' });
    b = makeBackbone({ gateways: [modem, mail] });
    b.dispatcher.start();
    const { recipients } = b.messaging.send({
      content: 'Results are ready',
      subject: 'Lab results',
      recipients: [sms('0712345678'), { address: 'amina@example.org', protocol: 'email' }],
    });
    const [smsRow, mailRow] = recipients;
    await nextStatus(b.dispatcher, { recipientId: mailRow!.id, to: 'sent' });
    await flush();
    expect(mail.calls.map((c) => c.address)).toEqual(['amina@example.org']);
    expect(b.store.recipients.get(smsRow!.id)?.status).toBe('outbox');
  });

  it('does not use a gateway that cannot send, and picks the work up when it can', async () => {
    const gateway = new ScriptedGateway({ id: 'modem-1', state: 'starting' });
    b = makeBackbone({ gateways: [gateway] });
    b.dispatcher.start();
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await flush();
    expect(gateway.calls).toHaveLength(0);
    const sent = nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    gateway.setState('running');
    await sent;
  });

  it('adds and removes gateways while running', async () => {
    b = makeBackbone();
    b.dispatcher.start();
    const gateway = new ScriptedGateway({ id: 'modem-late' });
    b.dispatcher.addGateway(gateway);
    expect(() => b.dispatcher.addGateway(gateway)).toThrow(/already added/);
    const id = b.messaging.send({ content: 'Hi', recipients: [sms('0712345678')] }).recipients[0]!.id;
    await nextStatus(b.dispatcher, { recipientId: id, to: 'sent' });
    b.dispatcher.removeGateway('modem-late');
    expect(gateway.listenerCount()).toBe(0);
    expect(b.dispatcher.hasGatewayFor('sms')).toBe(false);
  });
});
