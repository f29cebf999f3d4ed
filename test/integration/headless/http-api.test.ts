/**
 * The HTTP JSON API of the headless host, end to end: real host, real SQLite, the simulator on
 * a pty through the real serialport package, real fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startHarness, waitForStatuses, type Harness } from './harness.ts';
import { ROUTES } from '../../../electron/headless/api-routes.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  h.api('/messages', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /api/v1/messages', () => {
  it('queues an SMS (201), the modem gets the PDU, and GET shows it sent', async () => {
    const response = await post({ to: ['0712 345 678'], text: 'Habari ya kliniki' });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { id: number; recipients: Array<{ id: number; address: string; status: string }> };
    expect(receipt.recipients).toEqual([{ id: expect.any(Number), address: '+254712345678', status: 'outbox' }]);
    expect(response.headers.get('location')).toBe(`/api/v1/messages/${receipt.id}`);

    const message = await waitForStatuses(h, receipt.id, ['sent']);
    expect(message.recipients[0]).toMatchObject({ address: '+254712345678', protocol: 'sms', status: 'sent', error: null, attempts: 1 });
    expect((message.recipients[0]!.references as string[]).length).toBe(1);
    expect(h.sim.received.map((r) => [r.decoded.recipient, r.decoded.text])).toContainEqual(['+254712345678', 'Habari ya kliniki']);
  });

  it('refuses bad input with 400 and every issue, and saves nothing', async () => {
    const before = h.sim.received.length;
    const response = await post({ to: ['0712345678', 'billybones'], text: '' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { issues: Array<{ where: string; rule: string }> } } };
    expect(body.error.code).toBe('validation');
    expect(body.error.details.issues.map((i) => i.where)).toEqual(expect.arrayContaining(['billybones']));
    expect(body.error.details.issues.length).toBeGreaterThanOrEqual(2);
    const list = (await (await h.api('/messages?limit=50')).json()) as { items: Array<{ content: string }> };
    expect(list.items.every((m) => m.content !== '')).toBe(true);
    expect(h.sim.received.length).toBe(before);
  });

  it('names a malformed field the way the contract does (invalid-params)', async () => {
    const wrongType = await post({ to: '0712345678', text: 'x' });
    expect(wrongType.status).toBe(400);
    const body = (await wrongType.json()) as { error: { code: string; details: { issues: Array<{ where: string }> } } };
    expect(body.error.code).toBe('invalid-params');
    expect(body.error.details.issues[0]?.where).toBe('to');

    const unknownField = await post({ to: ['0712345678'], text: 'x', priority: 'high' });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { error: { code: string } }).error.code).toBe('invalid-params');
  });

  it('refuses bad JSON, a non-JSON content type and a body over 1 MB', async () => {
    const badJson = await post('{"to": [');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('bad-json');

    const form = await h.api('/messages', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'to=1&text=2' });
    expect(form.status).toBe(415);

    const huge = await post({ to: ['0712345678'], text: 'x'.repeat(1024 * 1024 + 10) });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('body-too-large');
  });

  it('sends to an e-mail address only when there is an e-mail gateway (409 no-gateway)', async () => {
    const response = await post({ to: ['nurse@example.org'], text: 'Habari', subject: 'Kliniki' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('no-gateway');
  });
});

describe('GET routes', () => {
  it('404 for an unknown message id, 400 for an id that is not a number', async () => {
    const missing = await h.api('/messages/999999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not-found', message: expect.any(String), details: expect.any(Object) } });
    const word = await h.api('/messages/abc');
    expect(word.status).toBe(400);
  });

  it('health counts the gateways and the running ones', async () => {
    const response = await h.api('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      gateways: 1,
      running: 1,
      // The data folder's disk (disk/storage-monitor.ts): this machine's real statfs.
      storage: { state: expect.stringMatching(/^(ok|low-space)$/), freeBytes: expect.any(Number), lowSpaceBytes: 500 * 1024 ** 2, checkedAt: expect.any(String) },
    });
  });

  it('lists gateways and conversations', async () => {
    const gateways = (await (await h.api('/gateways')).json()) as { items: Array<{ id: string; state: string }> };
    expect(gateways.items).toEqual([expect.objectContaining({ id: `modem:${h.sim.path}`, state: 'running' })]);
    const conversations = await h.api('/conversations?limit=10');
    expect(conversations.status).toBe(200);
    expect(((await conversations.json()) as { items: Array<{ address: string }> }).items.map((c) => c.address)).toContain('+254712345678');
    expect((await h.api('/conversations?limit=0')).status).toBe(400);
  });

  it('404 for an unknown route, 405 with Allow for a wrong method', async () => {
    const unknown = await h.api('/nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown-route');
    const wrong = await h.api('/health', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const response = await h.api('/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; servers: Array<{ url: string }> };
    expect(doc.openapi).toBe('3.1.0');
    // Every route of the table, with each of its methods, and nothing else.
    const routes = ROUTES.map((r) => `${r.method.toLowerCase()} ${r.pattern.source.replace(/^\^|\$$/g, '').replace(/\(\[\^\/\]\+\)/g, '{id}').replace(/\\(.)/g, '$1')}`);
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(described.sort()).toEqual([...new Set(routes)].sort());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/keys', '/keys/{id}', '/audit', '/contacts/optout', '/stats/summary']));
    expect(Object.keys(doc.paths['/appointments/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/messages']!).sort()).toEqual(['get', 'post']);
    expect(doc.servers[0]?.url).toBe(`http://127.0.0.1:${h.host.port}/api/v1`);
  });
});

describe('API security', () => {
  it('401 without a token and with a wrong one', async () => {
    const none = await h.api('/health', { auth: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorised');
    expect((await h.api('/health', { auth: 'x'.repeat(43) })).status).toBe(401);
    expect((await h.api('/health', { auth: h.host.token.slice(0, -1) })).status).toBe(401);
    const basic = await h.api('/messages', { method: 'POST', auth: null, headers: { 'Content-Type': 'application/json', Authorization: `Basic ${h.host.token}` }, body: '{}' });
    expect(basic.status).toBe(401);
  });

  it('403 for a foreign Origin, even with the token', async () => {
    const foreign = await h.api('/health', { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const same = await h.api('/health', { headers: { Origin: `http://127.0.0.1:${h.host.port}` } });
    expect(same.status).toBe(200);
  });

  it('403 for a Host header that is not this server (DNS rebinding)', async () => {
    const auth = { Authorization: `Bearer ${h.host.token}` };
    const rebound = await rawRequest(h.host.port, { path: '/api/v1/health', headers: { ...auth, Host: `evil.example:${h.host.port}` } });
    expect(rebound.status).toBe(403);
    const wrongPort = await rawRequest(h.host.port, { path: '/api/v1/health', headers: { ...auth, Host: '127.0.0.1:1' } });
    expect(wrongPort.status).toBe(403);
    const page = await rawRequest(h.host.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    for (const host of [`localhost:${h.host.port}`, `[::1]:${h.host.port}`, `127.0.0.1:${h.host.port}`]) {
      expect((await rawRequest(h.host.port, { path: '/api/v1/health', headers: { ...auth, Host: host } })).status, host).toBe(200);
    }
  });

  it('puts the security headers on API answers', async () => {
    const response = await h.api('/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
