/**
 * The backend never trusts its caller (docs/ARCHITECTURE.md "Invariants"): wrong types, extra fields and huge
 * inputs are refused at the boundary with `invalid-params`, before any handler runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

describe('hostile calls', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await makeApiHarness();
  });
  afterAll(() => h.close());

  const refused = async (command: string, params: unknown) => {
    const outcome = await h.server.invoke(command, params);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  };

  it('refuses wrong types', async () => {
    await refused('messages.send', { to: 'everyone', text: 'x' });
    await refused('messages.send', { to: [{ kind: 'contact', contactId: '1' }], text: 'x' });
    await refused('messages.get', { id: -1 });
    await refused('messages.get', { id: 1.5 });
    await refused('contacts.list', { limit: 'all' });
    await refused('contacts.import', { rows: [{ name: { $gt: '' } }] });
    await refused('gateways.enterPin', { id: 'modem-1', pin: 1234 });
    await refused('conversations.thread', { id: Number.MAX_SAFE_INTEGER + 2 });
  });

  it('refuses extra fields in the parameters and in import rows', async () => {
    await refused('messages.list', { limit: 10, sql: 'DROP TABLE messages' });
    await refused('contacts.create', { name: 'A', id: 5 });
    await refused('contacts.import', { rows: [{ name: 'A', phone: '0712345678', id: 1 }] });
    await refused('settings.update', { retry: { maxAttempts: 1_000_000 } });
    await refused('app.info', { debug: true });
  });

  it('strips extra fields inside an address or a recipient: the handler never sees them', async () => {
    // addressInputSchema and recipientInputSchema are not .strict(): zod drops unknown keys.
    const contact = await h.client.call('contacts.create', { name: 'Stripped', addresses: [{ address: '0712345678', protocol: 'sms', contactId: 999, id: 7 }] } as never);
    expect(contact.addresses).toEqual([{ id: expect.any(Number), address: '+254712345678', protocol: 'sms', contactId: contact.id, preferred: true }]);
    await h.client.call('contacts.delete', { id: contact.id });
  });

  it('refuses huge arrays and strings', async () => {
    await refused('messages.send', { to: Array.from({ length: 10_001 }, () => ({ kind: 'address', address: '+254712345678', protocol: 'sms' })), text: 'x' });
    await refused('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'x'.repeat(100_001) });
    await refused('contacts.import', { rows: Array.from({ length: 50_001 }, () => ({ name: 'A' })) });
    await refused('contacts.create', { name: 'A', addresses: Array.from({ length: 21 }, () => ({ address: '+254712345678', protocol: 'sms' })) });
    await refused('contacts.list', { search: 'x'.repeat(201) });
    await refused('messages.list', { limit: 100_000 });
  });

  it('answers unknown commands and prototype names without reaching a handler', async () => {
    for (const command of ['constructor', '__proto__', 'toString', 'contacts.drop']) {
      expect(await h.server.invoke(command, {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    }
  });

  it('keeps working after all that', async () => {
    expect(await h.client.call('contacts.list', {})).toEqual({ contacts: [], total: 0 });
    expect(await failureOf(h.client.call('messages.get', { id: 1 }))).toMatchObject({ code: 'not-found' });
  });
});
