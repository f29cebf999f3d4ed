/**
 * Bad input the headless host used to accept (issue 10 item 11): a lone surrogate in the text
 * (201, sent as U+FFFD), a Kenyan number with a digit missing (sent as a "short code"), a repeated
 * Host header (first one won), a slow request (no short timeout), one warn line per refusal, and
 * source maps served to the browser. Real sockets throughout: raw TCP where fetch would tidy
 * the request up.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-shared/contract/commands.ts';
import { createRpcServer } from '../../../src-shared/rpc/server.ts';
import type { Logger, LogFields } from '../../../electron/backend/logger.ts';
import { createHeadlessServer, type HeadlessServer } from '../../../electron/headless/http-server.ts';
import { startHarness, type Harness } from './harness.ts';

interface Captured {
  level: string;
  message: string;
  fields: LogFields;
}

function capturingLogger(): { logger: Logger; lines: Captured[] } {
  const lines: Captured[] = [];
  const at = (level: string) => (message: string, fields: LogFields = {}) => void lines.push({ level, message, fields });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** Writes `chunks` on a raw connection (waiting `gapMs` between them) and collects the answer until the server closes. */
function rawExchange(port: number, chunks: string[], options: { gapMs?: number; maxMs?: number } = {}): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${options.maxMs ?? 5_000} ms; got ${JSON.stringify(text)}`));
    }, options.maxMs ?? 5_000);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', () => {}); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    socket.on('connect', () => {
      let i = 0;
      const next = () => {
        if (i >= chunks.length || socket.destroyed) return;
        socket.write(chunks[i++]!);
        setTimeout(next, options.gapMs ?? 0);
      };
      next();
    });
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
const bodyOf = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4);

describe('the API with the real backend', () => {
  let h: Harness;
  const log = capturingLogger();

  beforeAll(async () => {
    h = await startHarness({ logger: log.logger });
  });
  afterAll(async () => {
    await h?.close();
  });

  const postRaw = (body: string) => h.api('/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('refuses a lone surrogate in the text with 400, naming the field, and sends nothing', async () => {
    const before = h.sim.received.length;
    const response = await postRaw('{"to": ["0712345678"], "text": "Habari \\ud800"}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { issues: Array<{ where: string; message: string }> } } };
    expect(body.error.code).toBe('invalid-params');
    expect(body.error.details.issues).toEqual([{ where: 'text', rule: 'custom', message: expect.stringContaining('message text has a broken character') }]);

    const subject = await postRaw('{"to": ["nurse@example.org"], "text": "x", "subject": "\\udc00"}');
    expect(subject.status).toBe(400);
    expect(((await subject.json()) as { error: { details: { issues: Array<{ where: string }> } } }).error.details.issues[0]?.where).toBe('subject');

    expect(h.sim.received.length).toBe(before);
  });

  it('still sends a well-formed text with an emoji', async () => {
    const response = await postRaw('{"to": ["0712345678"], "text": "Habari \\ud83d\\ude00"}');
    expect(response.status).toBe(201);
  });

  it('refuses 71234567 (a Kenyan mobile number with a digit missing) naming the number', async () => {
    const response = await postRaw('{"to": ["71234567"], "text": "Habari"}');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { issues: Array<{ where: string; rule: string }> } } };
    expect(body.error.code).toBe('validation');
    expect(body.error.details.issues).toEqual([expect.objectContaining({ where: '71234567', rule: 'phone.invalid' })]);
    expect(body.error.message).toContain('71234567');
    expect(body.error.message).toContain('short code');
  });

  it('still sends to a Kenyan short code', async () => {
    const response = await postRaw('{"to": ["22384"], "text": "BALANCE"}');
    expect(response.status).toBe(201);
    expect(((await response.json()) as { recipients: Array<{ address: string }> }).recipients[0]?.address).toBe('22384');
  });

  it('refuses a repeated Host header with 400 instead of taking the first', async () => {
    const port = h.host.port;
    const { text } = await rawExchange(port, [
      `GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\nAuthorization: Bearer ${h.host.token}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(statusOf(text)).toBe(400);
    expect(JSON.parse(bodyOf(text))).toMatchObject({ error: { code: 'bad-request', details: { headers: ['host'] } } });

    const page = await rawExchange(port, [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nhost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`]);
    expect(statusOf(page.text)).toBe(400);

    const upgrade = await rawExchange(port, [
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ujumbe, ujumbe.token.${h.host.token}\r\n\r\n`,
    ]);
    expect(statusOf(upgrade.text)).toBe(400);
  });

  it('writes one warn line per reason however many requests are refused', async () => {
    const before = log.lines.filter((l) => l.level === 'warn' && l.fields.reason === 'token').length;
    await Promise.all(Array.from({ length: 40 }, () => h.api('/health', { auth: 'not-the-token' }).then((r) => expect(r.status).toBe(401))));
    const after = log.lines.filter((l) => l.level === 'warn' && l.fields.reason === 'token');
    expect(before).toBe(0);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ message: 'Refused an API call without the right token', fields: { count: 1 } });
  });
});

describe('timeouts and source maps (the server alone, short limits)', () => {
  let server: HeadlessServer;
  let port: number;
  let rendererDir: string;
  const token = 'test-token-test-token-test-token-test-token';
  const log = capturingLogger();

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'ujumbe-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Ujumbe</title>');
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["../../renderer/main.tsx"],"sourcesContent":["secret"]}');
    const rpc = createRpcServer({ handlers: {} as Handlers });
    server = createHeadlessServer({ rpc, token, rendererDir, logger: log.logger, timeouts: { headersMs: 300, requestMs: 1_000, bodyMs: 300 } });
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });

  it('answers 408 and closes when an API body trickles in too slowly', async () => {
    const head =
      `POST /api/v1/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n';
    const { text, closedAfterMs } = await rawExchange(port, [head, '{"to": ', '["07', '12'], { gapMs: 150, maxMs: 5_000 });
    expect(statusOf(text)).toBe(408);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(bodyOf(text))).toMatchObject({ error: { code: 'request-timeout' } });
    expect(closedAfterMs).toBeLessThan(2_000);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ reason: 'timeout' }) }));
  });

  it('answers 408 and closes when the headers never end (slowloris)', async () => {
    const { text, closedAfterMs } = await rawExchange(port, [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, 'X-A: 1\r\n', 'X-B: 2\r\n'], { gapMs: 100, maxMs: 5_000 });
    expect(statusOf(text)).toBe(408);
    expect(closedAfterMs).toBeLessThan(2_500);
  });

  it('serves the page but never a source map', async () => {
    const js = await fetch(`http://127.0.0.1:${port}/assets/index-abc.js`);
    expect(js.status).toBe(200);
    for (const path of ['/assets/index-abc.js.map', '/assets/INDEX-abc.js.map', '/assets/index-abc.js%2emap']) {
      const map = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(map.status).toBe(404);
      expect(await map.text()).not.toContain('secret');
    }
  });
});
