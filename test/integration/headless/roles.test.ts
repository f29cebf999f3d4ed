/**
 * Roles over the headless host's WebSocket and HTTP API (issue 13 "Tests"), generated from the
 * contract and the route table: each role tries every command on a WebSocket, and every HTTP
 * route with an API key of each role; only what COMMAND_ACCESS allows runs. A signed-out socket
 * and a revoked key get nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ROLES, type Role } from '../../../src-shared/contract/access.ts';
import type { CommandName } from '../../../src-shared/contract/commands.ts';
import type { ErrorData } from '../../../src-shared/errors.ts';
import { ROUTES } from '../../../electron/headless/api-routes.ts';
import { EVERY_COMMAND, expectedRefusal, judge, SEATS, SECRETS } from '../../support/role-table.ts';
import { openSocket, rpcPeer, startHarness, type Harness } from './harness.ts';

/** Every route with a path that matches it: `([^/]+)` becomes 999999 (nothing has that id: no route deletes what the next one needs). */
function routeTable(): Array<{ method: string; path: string; command: CommandName }> {
  return ROUTES.map((route) => {
    const path = route.pattern.source.replace(/^\^|\$$/g, '').replace(/\(\[\^\/\]\+\)/g, '999999').replace(/\\(.)/g, '$1');
    if (!route.pattern.test(path)) throw new Error(`cannot make a path for ${route.pattern.source}`);
    return { method: route.method, path, command: route.command };
  });
}

describe('roles over the WebSocket and the HTTP API', () => {
  let h: Harness;
  const sockets: WebSocket[] = [];
  const ids: Record<Role, number> = { administrator: 0, nurse: 0, viewer: 0 };

  async function seat(role: Role | null) {
    const ws = await openSocket(h.host);
    sockets.push(ws);
    const peer = rpcPeer(ws);
    if (role !== null) {
      const signed = await peer.call('session.signIn', { userId: ids[role], secret: SECRETS[role] });
      expect(signed.ok, JSON.stringify(signed)).toBe(true);
    }
    return peer;
  }

  beforeAll(async () => {
    h = await startHarness();
    const admin = rpcPeer(await openSocket(h.host));
    const me = (await admin.call('session.status', {})) as { result: { actor: { id: number } } };
    ids.administrator = me.result.actor.id;
    expect((await admin.call('session.setOwnSecret', { current: '', secret: SECRETS.administrator })).ok).toBe(true);
    for (const role of ['nurse', 'viewer'] as const) {
      const made = (await admin.call('users.create', { name: `A ${role}`, role, secret: SECRETS[role] })) as { ok: boolean; result: { id: number } };
      expect(made.ok).toBe(true);
      ids[role] = made.result.id;
    }
  }, 60_000);
  afterAll(async () => {
    for (const ws of sockets) ws.close();
    await h?.close();
  });

  for (const role of SEATS) {
    it(`${role ?? 'a signed-out socket'}: every command of the contract, only the allowed ones run`, async () => {
      const peer = await seat(role);
      const wrong: string[] = [];
      for (const command of EVERY_COMMAND) {
        const answer = (await peer.call(command, {})) as { ok: boolean; error?: ErrorData };
        const problem = judge(role, command, answer);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it('every HTTP route with an API key of each role: 403 exactly where the role falls short; a revoked key 401 at once', async () => {
    const routes = routeTable();
    expect(routes.length).toBe(ROUTES.length);
    const keys = {} as Record<Role, string>;
    for (const role of ROLES) {
      const made = await h.json('POST', '/keys', { name: `${role} system`, role });
      expect(made.status).toBe(201);
      keys[role] = ((await made.json()) as { key: string }).key;
    }
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const { method, path, command } of routes) {
        const response = await h.api(path, { method, auth: keys[role], ...(method === 'GET' || method === 'DELETE' ? {} : { headers: { 'Content-Type': 'application/json' }, body: '{}' }) });
        const body = (await response.json()) as { error?: { code: string } };
        const forbidden = response.status === 403 && body.error?.code === 'forbidden';
        const want = expectedRefusal(role, command) === 'forbidden';
        if (forbidden !== want) wrong.push(`${role} ${method} ${path} (${command}): ${response.status} ${body.error?.code ?? ''}`);
        if (response.status === 401) wrong.push(`${role} ${method} ${path}: 401`);
      }
    }
    expect(wrong).toEqual([]);

    const listed = (await (await h.api('/keys')).json()) as { items: Array<{ id: number; role: Role }> };
    const viewerKey = listed.items.find((k) => k.role === 'viewer')!;
    // A viewer's key that tries to send: 403.
    const send = await h.api('/messages', { method: 'POST', auth: keys.viewer, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: ['+254712345678'], text: 'x' }) });
    expect(send.status).toBe(403);
    expect((await h.api('/keys', { auth: keys.nurse })).status).toBe(403);
    expect((await h.api(`/keys/${viewerKey.id}`, { method: 'DELETE' })).status).toBe(200);
    for (const { method, path } of routes) {
      const response = await h.api(path, { method, auth: keys.viewer, ...(method === 'GET' || method === 'DELETE' ? {} : { headers: { 'Content-Type': 'application/json' }, body: '{}' }) });
      if (response.status !== 401) wrong.push(`revoked ${method} ${path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('writes what each key did to the audit trail, read back newest first over GET /api/v1/audit', async () => {
    const made = (await (await h.json('POST', '/keys', { name: 'EMR', role: 'nurse' })).json()) as { id: number; key: string };
    const booked = await h.api('/contacts/optout', { method: 'POST', auth: made.key, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: '+254712345670' }) });
    expect(booked.status).toBe(200);
    const audit = (await (await h.api('/audit?limit=3')).json()) as { items: Array<{ at: string; actor: string; actorName: string; action: string; object: string }> };
    expect(audit.items[0]).toEqual({ id: expect.any(Number), at: expect.any(String), actor: `key:${made.id}`, actorName: 'EMR', action: 'opt-out.changed', object: 'phone:+254712345670' });
    expect(audit.items[1]).toMatchObject({ actor: 'host', action: 'key.created', object: `key:${made.id}` });
    expect((await h.api('/audit', { auth: made.key })).status).toBe(403);
    expect((await h.api('/audit?nonsense=1')).status).toBe(400);
  });
});
