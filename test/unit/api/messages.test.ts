/** messages.* over the in-memory transport, against a real backend. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextStatus } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';
import { hold } from '../../support/scripted-gateway.ts';

describe('messages.* through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  const amina = () =>
    h.client.call('contacts.create', {
      name: 'Amina Wanjiku',
      addresses: [
        { address: '0712 345 678', protocol: 'sms' },
        { address: '0722 000 111', protocol: 'sms', preferred: true },
        { address: 'amina@example.org', protocol: 'email' },
      ],
    });

  it('sends to a raw number: normalised, queued, then sent by the gateway', async () => {
    const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '0712 345 678', protocol: 'sms' }], text: 'Kliniki kesho saa tatu' });
    expect(receipt).toEqual({ messageId: expect.any(Number), recipients: [{ id: expect.any(Number), address: '+254712345678', status: 'outbox' }], sms: { encoding: 'gsm7', segments: 1 } });
    await sent;
    expect(h.modem.calls.map((c) => c.address)).toEqual(['+254712345678']);
  });

  it('sends to a contact: its preferred number, or every protocol’s preferred address when no protocol is named', async () => {
    const contact = await amina();
    const sms = await h.client.call('messages.send', { to: [{ kind: 'contact', contactId: contact.id, protocol: 'sms' }], text: 'Habari' });
    expect(sms.recipients.map((r) => r.address)).toEqual(['+254722000111']);
    const detail = await h.client.call('messages.get', { id: sms.messageId });
    expect(detail.recipients[0]).toMatchObject({ contactId: contact.id, contactName: 'Amina Wanjiku' });

    // No protocol: the preferred phone and the preferred e-mail; no e-mail gateway is set up.
    const error = await failureOf(h.client.call('messages.send', { to: [{ kind: 'contact', contactId: contact.id }], text: 'Habari', subject: 'Kliniki' }));
    expect(error).toMatchObject({ code: 'no-gateway', details: { protocols: ['email'] } });
  });

  it('sends to a group: every member’s preferred number; members with none are reported as skipped', async () => {
    const group = await h.client.call('groups.create', { name: 'Diabetes' });
    const a = await h.client.call('contacts.create', { name: 'A', addresses: [{ address: '0712345001', protocol: 'sms' }], groupIds: [group.id] });
    const b = await h.client.call('contacts.create', { name: 'B', addresses: [{ address: '0712345002', protocol: 'sms' }], groupIds: [group.id] });
    const c = await h.client.call('contacts.create', { name: 'C (e-mail only)', addresses: [{ address: 'c@example.org', protocol: 'email' }], groupIds: [group.id] });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'group', groupId: group.id, protocol: 'sms' }], text: 'Clinic day' });
    expect(receipt.recipients.map((r) => r.address).sort()).toEqual(['+254712345001', '+254712345002']);
    expect(receipt.skipped).toEqual([{ contactId: c.id, name: 'C (e-mail only)' }]);
    const detail = await h.client.call('messages.get', { id: receipt.messageId });
    expect(detail.recipients.map((r) => r.contactId).sort()).toEqual([a.id, b.id].sort());
  });

  it('refuses bad recipients with every issue at once, and saves nothing', async () => {
    const noPhone = await h.client.call('contacts.create', { name: 'Baraka', addresses: [{ address: 'baraka@example.org', protocol: 'email' }] });
    const emptyGroup = await h.client.call('groups.create', { name: 'Empty' });
    const error = await failureOf(
      h.client.call('messages.send', {
        to: [
          { kind: 'address', address: '0712 34', protocol: 'sms' },
          { kind: 'contact', contactId: 9999 },
          { kind: 'contact', contactId: noPhone.id, protocol: 'sms' },
          { kind: 'group', groupId: 4242 },
          { kind: 'group', groupId: emptyGroup.id, protocol: 'sms' },
        ],
        text: 'Hi',
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.details.issues).toEqual([
      { where: 'to.1', rule: 'contact.unknown', message: expect.stringContaining('9999') },
      { where: 'to.2', rule: 'contact.no-address', message: 'Baraka has no phone number.' },
      { where: 'to.3', rule: 'group.unknown', message: expect.stringContaining('4242') },
      { where: 'to.4', rule: 'group.empty', message: expect.stringContaining('Empty') },
    ]);
    // The raw number is checked by MessagingService once the references are good.
    const badNumber = await failureOf(h.client.call('messages.send', { to: [{ kind: 'address', address: '0712 34', protocol: 'sms' }], text: 'Hi' }));
    expect(badNumber).toMatchObject({ code: 'validation', details: { issues: [{ where: '0712 34', rule: 'phone.invalid' }] } });
    expect((await h.client.call('messages.list', {})).items).toEqual([]);
  });

  it('passes statusReport, flash and inReplyTo through to the saved message', async () => {
    const first = await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'One' });
    const receipt = await h.client.call('messages.send', {
      to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }],
      text: 'Two',
      statusReport: false,
      flash: true,
      inReplyTo: first.messageId,
    });
    expect(h.backend.store.messages.get(receipt.messageId)).toMatchObject({ inReplyTo: first.messageId, options: { statusReport: false, flash: true } });
    const error = await failureOf(h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'x', inReplyTo: 777 }));
    expect(error).toMatchObject({ code: 'validation', details: { issues: [{ where: 'inReplyTo', rule: 'reply.unknown' }] } });
  });

  it('lists newest first, pages with nextBefore, filters by status and searches the content', async () => {
    await h.modem.stop();
    const to = [{ kind: 'address' as const, address: '+254712345678', protocol: 'sms' as const }];
    for (const text of ['Dawa ya sukari', 'Clinic 100% open', 'Kliniki kesho']) await h.client.call('messages.send', { to, text });
    const first = await h.client.call('messages.list', { limit: 2 });
    expect(first.items.map((m) => m.content)).toEqual(['Kliniki kesho', 'Clinic 100% open']);
    expect(first.items[0]).toEqual({ id: expect.any(Number), direction: 'out', content: 'Kliniki kesho', subject: null, created: expect.any(String), recipientCount: 1, statusCounts: { outbox: 1 }, sendAt: null, expiresAt: null });
    const second = await h.client.call('messages.list', { limit: 2, before: first.nextBefore! });
    expect(second).toEqual({ items: [expect.objectContaining({ content: 'Dawa ya sukari' })], nextBefore: null });

    expect((await h.client.call('messages.list', { search: 'KLINIKI' })).items.map((m) => m.content)).toEqual(['Kliniki kesho']);
    // LIKE's wildcards in the search are taken literally.
    expect((await h.client.call('messages.list', { search: '100%' })).items.map((m) => m.content)).toEqual(['Clinic 100% open']);
    expect((await h.client.call('messages.list', { search: '_' })).items).toEqual([]);
    expect((await h.client.call('messages.list', { status: 'failed' })).items).toEqual([]);
    expect((await h.client.call('messages.list', { status: 'outbox', search: 'kesho' })).items).toHaveLength(1);
  });

  it('gets one message with every recipient’s log, and not-found for an unknown id', async () => {
    const sent = nextStatus(h.backend.dispatcher, { to: 'sent' });
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Habari' });
    await sent;
    const detail = await h.client.call('messages.get', { id: receipt.messageId });
    expect(detail).toMatchObject({ id: receipt.messageId, direction: 'out', content: 'Habari', sender: null, inReplyTo: null });
    expect(detail.recipients).toHaveLength(1);
    expect(detail.recipients[0]).toMatchObject({ status: 'sent', gateway: 'modem-1', contactName: null, attempts: 1 });
    expect(detail.recipients[0]!.log.map((e) => `${e.from ?? '∅'} → ${e.to}`)).toEqual(['∅ → outbox', 'outbox → sending', 'sending → sent']);
    expect(Object.keys(detail.recipients[0]!).sort()).not.toContain('conversationId');
    expect(await failureOf(h.client.call('messages.get', { id: 424242 }))).toMatchObject({ code: 'not-found' });
  });

  it('cancels an outbox recipient and retries a failed one; a wrong status is a conflict', async () => {
    await h.modem.stop();
    const receipt = await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'Later' });
    const recipientId = receipt.recipients[0]!.id;
    expect(await h.client.call('messages.cancel', { recipientId })).toMatchObject({ recipientId, from: 'outbox', to: 'cancelled' });
    expect(await failureOf(h.client.call('messages.retry', { recipientId }))).toMatchObject({ code: 'status-conflict', details: { actual: 'cancelled' } });
    expect(await failureOf(h.client.call('messages.cancel', { recipientId: 999 }))).toMatchObject({ code: 'not-found' });

    const failing = await h.client.call('messages.send', { to: [{ kind: 'address', address: '+254712345679', protocol: 'sms' }], text: 'x' });
    const failedId = failing.recipients[0]!.id;
    h.backend.dispatcher.changeStatus({ recipientId: failedId, from: 'outbox', to: 'failed', reason: 'test' });
    const sent = nextStatus(h.backend.dispatcher, { recipientId: failedId, to: 'sent' });
    h.modem.then(hold());
    expect(await h.client.call('messages.retry', { recipientId: failedId })).toMatchObject({ from: 'failed', to: 'outbox' });
    await h.modem.start();
    await h.modem.whenCalled(1);
    h.modem.held[0]!.succeed(['7']);
    await sent;
  });
});
