/**
 * The host's life and its static files: server.json (0600, removed on close), one host per data
 * folder, refusals at start-up, and the built renderer served safely.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost } from '../../../electron/headless/host.ts';
import { rawRequest, startHarness, type Harness } from './harness.ts';

const PACKAGE_JSON = fileURLToPath(new URL('../../../package.json', import.meta.url));

describe('server.json', () => {
  it('is written with mode 0600 while the host runs and removed on close', async () => {
    const h = await startHarness();
    const path = join(h.dataDir, 'server.json');
    try {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(h.dataDir).mode & 0o777).toBe(0o700);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: h.host.url, port: h.host.port, token: h.host.token, pid: process.pid });
      expect(h.host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await h.host.close();
    }
    expect(existsSync(path)).toBe(false);
    await h.close();
  });

  it('refuses a second host on the same data folder, and ignores a stale file', async () => {
    const h = await startHarness();
    try {
      await expect(startHeadlessHost({ port: 0, dataDir: h.dataDir })).rejects.toMatchObject({ code: 'already-running' });
    } finally {
      await h.host.close();
    }
    // A crash leaves the file behind: a dead pid, a port nobody answers on.
    writeFileSync(join(h.dataDir, 'server.json'), JSON.stringify({ url: 'http://127.0.0.1:9/', port: 9, token: 'old', pid: 2 ** 22 + 1 }), { mode: 0o600 });
    const again = await startHeadlessHost({ port: 0, dataDir: h.dataDir });
    expect(JSON.parse(readFileSync(join(h.dataDir, 'server.json'), 'utf8')).token).toBe(again.token);
    await again.close();
    await h.close();
  });
});

describe('start-up refusals', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-headless-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('needs allowRemote to listen on an address other computers can reach', async () => {
    await expect(startHeadlessHost({ port: 0, host: '0.0.0.0', dataDir })).rejects.toMatchObject({ code: 'remote-not-allowed' });
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  });

  it('says plainly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startHeadlessHost({ port, dataDir })).rejects.toMatchObject({ code: 'port-in-use', message: expect.stringContaining(`Port ${port}`) });
    } finally {
      blocker.close();
    }
  });
});

describe('static files', () => {
  let h: Harness;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'ujumbe-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ujumbe</title><script type="module" src="./assets/index-abc123.js"></script>');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'index-abc123.js'), 'console.log("ujumbe")');
    writeFileSync(join(rendererDir, 'assets', 'index-abc123.css'), 'body{}');
    symlinkSync(PACKAGE_JSON, join(rendererDir, 'assets', 'leak.json'));
    h = await startHarness({ rendererDir });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const base = () => `http://127.0.0.1:${h.host.port}`;

  it('serves index.html for / with the CSP and security headers, and no token needed', async () => {
    const response = await fetch(`${base()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Ujumbe</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${h.host.port}`);
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves assets with their content type, long caching, HEAD and 304', async () => {
    const js = await fetch(`${base()}/assets/index-abc123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log("ujumbe")');
    const css = await fetch(`${base()}/assets/index-abc123.css`, { method: 'HEAD' });
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe('');
    const again = await fetch(`${base()}/assets/index-abc123.js`, { headers: { 'If-None-Match': js.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base()}/nope.js`)).status).toBe(404);
    expect((await fetch(`${base()}/`, { method: 'POST' })).status).toBe(405);
  });

  it('never serves anything outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/leak.json', '/%00', '/assets\\..\\..\\package.json']) {
      const response = await rawRequest(h.host.port, { path });
      expect([400, 403, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('"name": "ujumbe"');
    }
    const traversal = await rawRequest(h.host.port, { path: '/../package.json' });
    expect(traversal.status).toBe(403);
  });

  it('answers a plain GET on /ws with 426', async () => {
    expect((await fetch(`${base()}/ws`)).status).toBe(426);
  });
});

describe('without a built renderer', () => {
  it('says how to build it, and the API still works', async () => {
    const h = await startHarness({ rendererDir: join(tmpdir(), 'ujumbe-no-such-renderer-dir') });
    try {
      const response = await fetch(`http://127.0.0.1:${h.host.port}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('The interface is not built: run npm run build:renderer');
      expect((await h.api('/health')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('--demo', () => {
  it('adds the simulated modem as gateway demo-modem, and it sends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-demo-'));
    const host = await startHeadlessHost({ port: 0, dataDir, demo: true });
    try {
      const api = (path: string, init: RequestInit = {}) => fetch(new URL(`api/v1${path}`, host.url), { ...init, headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } });
      const gateways = (await (await api('/gateways')).json()) as { items: Array<{ id: string; demo: boolean; state: string }> };
      expect(gateways.items).toEqual([expect.objectContaining({ id: 'demo-modem', demo: true, state: 'running' })]);
      const receipt = (await (await api('/messages', { method: 'POST', body: JSON.stringify({ to: ['0712345678'], text: 'Demo' }) })).json()) as { id: number };
      for (let i = 0; ; i++) {
        const message = (await (await api(`/messages/${receipt.id}`)).json()) as { recipients: Array<{ status: string }> };
        if (message.recipients[0]?.status === 'sent') break;
        if (i > 200) throw new Error(`still ${message.recipients[0]?.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
