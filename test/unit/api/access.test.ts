/**
 * Users, roles, lock and API keys through the contract (issue 13), on the hosts' own RPC server
 * (createBackendRpcServer): what a desk connection may do as each role, what a locked one gets,
 * and what the audit trail records.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryTransportPair, createRpcClient, type RpcClient } from '../../../src-shared/rpc/index.ts';
import { failureOf, makeApiHarness, type ApiHarness } from '../../support/api-harness.ts';

const AMINA = '+254712345678';

describe('users, roles and lock', () => {
  let h: ApiHarness;
  const others: RpcClient[] = [];

  /** Another desk connection (a second browser tab, a reloaded window): it starts signed out. */
  function connect(): RpcClient {
    const [clientEnd, serverEnd] = createMemoryTransportPair();
    h.server.serve(serverEnd);
    const client = createRpcClient(clientEnd, { timeoutMs: 10_000 });
    others.push(client);
    return client;
  }

  /** The administrator chooses a PIN and adds a nurse and a viewer (sign-in goes on by itself). */
  async function staff(): Promise<{ nurse: number; viewer: number }> {
    await h.client.call('session.setOwnSecret', { current: '', secret: '1357' });
    const nurse = await h.client.call('users.create', { name: 'Neema', role: 'nurse', secret: '2468' });
    const viewer = await h.client.call('users.create', { name: 'Vumilia', role: 'viewer', secret: '9999' });
    return { nurse: nurse.id, viewer: viewer.id };
  }

  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(async () => {
    for (const c of others.splice(0)) c.close();
    await h.close();
  });

  it('opens as the administrator without asking while there is one user, as before users existed', async () => {
    const session = await h.client.call('session.status', {});
    expect(session).toMatchObject({ signInRequired: false, actor: { kind: 'user', name: 'Administrator', role: 'administrator' }, users: [] });
    expect(await h.client.call('users.list', {})).toMatchObject({ items: [{ name: 'Administrator', role: 'administrator', hasSecret: false }] });
    expect(await failureOf(h.client.call('session.lock', {}))).toMatchObject({ code: 'conflict', details: { reason: 'sign-in-off' } });
  });

  it('will not ask for sign-in before the administrator has a PIN (they would be locked out)', async () => {
    expect(await failureOf(h.client.call('users.setSignIn', { required: true }))).toMatchObject({ code: 'conflict', details: { reason: 'no-secret' } });
    expect(await failureOf(h.client.call('users.create', { name: 'Neema', role: 'nurse', secret: '2468' }))).toMatchObject({ code: 'conflict', details: { reason: 'no-secret' } });
    expect(await h.client.call('users.list', {})).toMatchObject({ items: [{ name: 'Administrator' }] });
  });

  it('turns sign-in on with a second user, keeping the administrator’s desk signed in and others out', async () => {
    await staff();
    expect(await h.client.call('session.status', {})).toMatchObject({ signInRequired: true, actor: { name: 'Administrator' } });
    const tab = connect();
    expect(await tab.call('session.status', {})).toMatchObject({ actor: null, users: [{ name: 'Administrator' }, { name: 'Neema' }, { name: 'Vumilia' }] });
    expect(await failureOf(tab.call('messages.list', {}))).toMatchObject({ code: 'sign-in-required' });
    // Refused before its parameters are read: a signed-out caller learns nothing of the schema.
    expect(await failureOf(tab.call('contacts.create', { nonsense: true } as never))).toMatchObject({ code: 'sign-in-required' });
    expect(await failureOf(h.client.call('users.setSignIn', { required: false }))).toMatchObject({ code: 'conflict', details: { reason: 'several-users' } });
  });

  it('signs a nurse in, who may send and book but not change settings or users', async () => {
    const { nurse } = await staff();
    const tab = connect();
    expect(await failureOf(tab.call('session.signIn', { userId: nurse, secret: '0000' }))).toMatchObject({ code: 'sign-in-failed' });
    expect(await tab.call('session.signIn', { userId: nurse, secret: '2468' })).toMatchObject({ actor: { kind: 'user', id: nurse, name: 'Neema', role: 'nurse' } });
    const contact = await tab.call('contacts.create', { name: 'Amina', addresses: [{ address: AMINA, protocol: 'sms' }] });
    await tab.call('messages.send', { to: [{ kind: 'contact', contactId: contact.id }], text: 'Habari' });
    expect(await failureOf(tab.call('settings.update', { clinicName: 'X' }))).toMatchObject({ code: 'forbidden', details: { need: 'administrator', role: 'nurse' } });
    expect(await failureOf(tab.call('users.list', {}))).toMatchObject({ code: 'forbidden' });
    expect(await failureOf(tab.call('contacts.export', {}))).toMatchObject({ code: 'forbidden' });
    expect(await failureOf(tab.call('audit.list', {}))).toMatchObject({ code: 'forbidden' });
  });

  it('lets a viewer read and nothing else', async () => {
    const { viewer } = await staff();
    const tab = connect();
    await tab.call('session.signIn', { userId: viewer, secret: '9999' });
    await tab.call('messages.list', {});
    await tab.call('conversations.list', {});
    expect(await failureOf(tab.call('messages.send', { to: [{ kind: 'address', address: AMINA, protocol: 'sms' }], text: 'x' }))).toMatchObject({ code: 'forbidden' });
    expect(await failureOf(tab.call('contacts.create', { name: 'X', addresses: [] }))).toMatchObject({ code: 'forbidden' });
  });

  it('throttles guessing: five tries, then a wait that survives the right PIN', async () => {
    const { nurse } = await staff();
    const tab = connect();
    for (let i = 0; i < 5; i++) expect(await failureOf(tab.call('session.signIn', { userId: nurse, secret: `000${i}` }))).toMatchObject({ code: 'sign-in-failed' });
    expect(await failureOf(tab.call('session.signIn', { userId: nurse, secret: '2468' }))).toMatchObject({ code: 'sign-in-throttled', details: { retryAfterSeconds: 30 } });
    h.clock.advance(30_000);
    expect(await tab.call('session.signIn', { userId: nurse, secret: '2468' })).toMatchObject({ actor: { name: 'Neema' } });
    // An unknown user gets the same answer as a wrong PIN.
    expect(await failureOf(tab.call('session.signIn', { userId: 999, secret: '2468' }))).toMatchObject({ code: 'sign-in-failed' });
  });

  it('locks: no data and no events until someone signs in, while sending goes on', async () => {
    const { nurse } = await staff();
    const tab = connect();
    await tab.call('session.signIn', { userId: nurse, secret: '2468' });
    const heard: string[] = [];
    tab.on('message.status', () => heard.push('status'));
    expect(await tab.call('session.lock', {})).toMatchObject({ actor: null, lastUserId: nurse });
    expect(await failureOf(tab.call('conversations.list', {}))).toMatchObject({ code: 'sign-in-required' });
    // The administrator's desk sends; the locked tab hears nothing of it.
    const deskHeard = h.nextEvent('message.status');
    await h.client.call('messages.send', { to: [{ kind: 'address', address: AMINA, protocol: 'sms' }], text: 'Kumbusho' });
    await deskHeard;
    await h.modem.whenCalled(1);
    // A round trip on the locked tab: anything sent to it before now has arrived.
    await tab.call('session.status', {});
    expect(heard).toEqual([]);
    await tab.call('session.signIn', { userId: nurse, secret: '2468' });
    await tab.call('conversations.list', {});
    const tabHears = new Promise<void>((resolve) => tab.on('message.status', () => resolve()));
    await h.client.call('messages.send', { to: [{ kind: 'address', address: AMINA, protocol: 'sms' }], text: 'Tena' });
    await tabHears;
  });

  it('counts a role change, a disabled user and a revoked key at the next call', async () => {
    const { nurse } = await staff();
    const tab = connect();
    await tab.call('session.signIn', { userId: nurse, secret: '2468' });
    await h.client.call('users.update', { id: nurse, role: 'viewer' });
    expect(await failureOf(tab.call('contacts.create', { name: 'X', addresses: [] }))).toMatchObject({ code: 'forbidden', details: { role: 'viewer' } });
    await h.client.call('users.update', { id: nurse, disabled: true });
    expect(await failureOf(tab.call('messages.list', {}))).toMatchObject({ code: 'sign-in-required' });
    expect(await failureOf(tab.call('session.signIn', { userId: nurse, secret: '2468' }))).toMatchObject({ code: 'sign-in-failed' });
  });

  it('keeps an administrator who can sign in, and nobody deletes themselves', async () => {
    const { nurse } = await staff();
    const admin = (await h.client.call('session.status', {})).actor!.id!;
    expect(await failureOf(h.client.call('users.update', { id: admin, role: 'nurse' }))).toMatchObject({ code: 'conflict', details: { reason: 'last-administrator' } });
    expect(await failureOf(h.client.call('users.delete', { id: admin }))).toMatchObject({ code: 'conflict', details: { reason: 'self' } });
    expect(await failureOf(h.client.call('users.create', { name: 'neema', role: 'nurse', secret: '1111' }))).toMatchObject({ code: 'conflict', details: { reason: 'name-taken' } });
    await h.client.call('users.update', { id: nurse, role: 'administrator' });
    await h.client.call('users.update', { id: admin, role: 'nurse' });
  });

  it('makes API keys shown once and stored hashed, and revokes them', async () => {
    const made = await h.client.call('apiKeys.create', { name: 'KenyaEMR', role: 'nurse' });
    expect(made.key).toMatch(/^ujk_[\w-]{43}$/);
    expect(made.prefix).toBe(made.key.slice(0, 12));
    const listed = await h.client.call('apiKeys.list', {});
    expect(listed.items).toEqual([expect.objectContaining({ id: made.id, name: 'KenyaEMR', role: 'nurse', createdBy: 'Administrator', revoked: null })]);
    expect(JSON.stringify(listed)).not.toContain(made.key);
    expect(h.backend.access.principalForKey(made.key)).toEqual({ kind: 'key', keyId: made.id });
    expect(h.backend.access.principalForKey(`${made.key}x`)).toBeNull();
    await h.client.call('apiKeys.revoke', { id: made.id });
    expect(h.backend.access.principalForKey(made.key)).toBeNull();
  });

  it('writes who did what to the audit trail, never the message text', async () => {
    const { nurse } = await staff();
    const tab = connect();
    await failureOf(tab.call('session.signIn', { userId: nurse, secret: '0000' }));
    await tab.call('session.signIn', { userId: nurse, secret: '2468' });
    const contact = await tab.call('contacts.create', { name: 'Amina', addresses: [{ address: AMINA, protocol: 'sms' }] });
    const receipt = await tab.call('messages.send', { to: [{ kind: 'contact', contactId: contact.id }], text: 'Siri kabisa' });
    const thread = await tab.call('conversations.list', {});
    await tab.call('conversations.thread', { id: thread.items[0]!.id });
    await h.client.call('settings.update', { clinicName: 'Kliniki' });
    const { items } = await h.client.call('audit.list', {});
    const trail = items.map((e) => `${e.actor} ${e.actorName} ${e.action} ${e.object}`).reverse();
    expect(trail).toEqual([
      'user:1 Administrator user.changed user:1',
      'user:1 Administrator user.created user:2',
      'user:1 Administrator user.created user:3',
      `user:${nurse} Neema sign-in-failed user:${nurse}`,
      `user:${nurse} Neema signed-in user:${nurse}`,
      `user:${nurse} Neema contact.created contact:${contact.id}`,
      `user:${nurse} Neema message.sent message:${receipt.messageId}`,
      `user:${nurse} Neema conversation.read conversation:${thread.items[0]!.id}`,
      'user:1 Administrator settings.changed settings:clinicName',
    ]);
    expect(JSON.stringify(items)).not.toContain('Siri');
    expect(await h.client.call('audit.verify', {})).toEqual({ ok: true, checked: 9, firstBroken: null });
    expect((await h.client.call('audit.list', { actor: `user:${nurse}`, action: 'message.sent' })).items).toHaveLength(1);
  });

  it('records an export of the trail once, at its first page', async () => {
    await h.client.call('audit.list', { forExport: true, limit: 1 });
    const first = await h.client.call('audit.list', { forExport: true, limit: 1 });
    await h.client.call('audit.list', { forExport: true, limit: 1, before: first.items[0]!.id });
    expect((await h.client.call('audit.list', { action: 'audit.exported' })).items.map((e) => e.object)).toEqual(['audit:all', 'audit:all']);
  });
});
