/**
 * The whole backbone with real parts: createBackend (SQLite file, MessagingService,
 * OutboxDispatcher, ModemGateway) over the real serialport package to simulated modems on ptys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { type Backend, createBackend, modemGatewayId } from '../../../electron/backend/create-backend.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ profile: 'generic', ...options });
  cleanups.push(() => sim.stop());
  return sim;
}

function backendFor(sims: ModemSimulator[], retry = { maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 1_000 }): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-dispatch-'));
  const backend = createBackend({ dataDir, modems: sims.map((s) => ({ path: s.path })), reconnectDelayMs: 200 });
  backend.store.settings.set('retry', retry);
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

/**
 * Resolves when the recipient reaches one of the statuses (checking the row first). Rejects after
 * 20 s with the row and every gateway's status, so a stuck dispatch explains itself.
 */
function statusOf(backend: Backend, recipientId: number, wanted: RecipientStatus[]): Promise<RecipientStatus> {
  return new Promise((resolve, reject) => {
    const now = backend.store.recipients.get(recipientId)?.status;
    if (now && wanted.includes(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      const row = backend.store.recipients.get(recipientId);
      reject(new Error(`recipient ${recipientId} never reached ${wanted.join('/')}: ${JSON.stringify(row)}; gateways ${JSON.stringify(backend.gateways().map((g) => g.status()))}`));
    }, 20_000);
    const off = backend.dispatcher.onStatus((event) => {
      if (event.recipientId === recipientId && wanted.includes(event.to)) {
        off();
        clearTimeout(timer);
        resolve(event.to);
      }
    });
  });
}

const send = (backend: Backend, to: string, content: string) =>
  backend.messaging.send({ content, recipients: [{ address: to, protocol: 'sms' }] }).recipients[0]!.id;

describe('sending through a simulated modem', () => {
  it('sends a short message and stores the modem reference', async () => {
    const sim = await simulator();
    const backend = backendFor([sim]);
    await backend.start();
    const id = send(backend, '0712345678', 'Kumbusho: kliniki kesho saa tatu.');
    expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['Kumbusho: kliniki kesho saa tatu.']);
    expect(backend.store.recipients.get(id)?.gatewayRefs).toEqual([String(sim.received[0]!.reference)]);
  });

  it('retries a transient network error (+CMS ERROR: 42, congestion) and then sends', async () => {
    const sim = await simulator();
    const backend = backendFor([sim]);
    await backend.start();
    sim.injectCmsError(42, { count: 2 });
    const id = send(backend, '0712345678', 'Results are ready');
    expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('sent');
    const log = backend.messaging.getMessage(backend.store.recipients.get(id)!.messageId)!.recipients[0]!.log;
    expect(log.map((l) => `${l.from ?? '-'}>${l.to}`)).toEqual([
      '->outbox', 'outbox>sending', 'sending>outbox', 'outbox>sending', 'sending>outbox', 'outbox>sending', 'sending>sent',
    ]);
    expect(backend.store.recipients.get(id)).toMatchObject({ attempts: 3, lastErrorCode: null });
    expect(log[2]?.reason).toMatch(/network is busy/);
    expect(sim.received).toHaveLength(1);
  });

  it('fails a permanent error at once with its reason in plain words', async () => {
    const sim = await simulator();
    const backend = backendFor([sim]);
    await backend.start();
    sim.injectCmsError(1); // unassigned (unallocated) number, TS 24.011 E-2
    const id = send(backend, '0712345678', 'Hello');
    expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('failed');
    const row = backend.store.recipients.get(id)!;
    expect(row.attempts).toBe(1);
    expect(row.lastErrorCode).toBe('cms-1');
    expect(row.lastError).toMatch(/number/i);
  });

  it('gives up after the configured attempts when the modem hangs, and says the modem is not answering', async () => {
    const sim = await simulator();
    const backend = createBackend({
      dataDir: mkdtempSync(join(tmpdir(), 'ujumbe-dispatch-')),
      modems: [{ path: sim.path, timeouts: { prompt: 500, probe: 300, default: 500, init: 500 } }],
      reconnectDelayMs: 200,
    });
    backend.store.settings.set('retry', { maxAttempts: 2, backoffBaseMs: 50, backoffMaxMs: 100 });
    cleanups.push(() => backend.stop({ deadlineMs: 1_000 }));
    await backend.start();
    sim.hang();
    const id = send(backend, '0712345678', 'Hello');
    const gateway = backend.gateways()[0]!;
    await new Promise<void>((resolve) => {
      const check = () => gateway.status().problem?.code === 'not-answering' && resolve();
      gateway.onStatus(check);
      check();
    });
    expect(backend.store.recipients.get(id)?.status).not.toBe('sent');
    sim.hang(false);
    expect(await statusOf(backend, id, ['sent', 'failed'])).toMatch(/sent|failed/);
  });

  it('fails over to the second modem when the first is unplugged mid-send, and loses nothing', async () => {
    const first = await simulator({ networkDelayMs: 300 });
    const second = await simulator();
    const backend = backendFor([first, second]);
    await backend.start();
    // Let the first modem take the message, then pull it out while the network is "slow".
    const taken = new Promise<void>((resolve) => first.once('submit', () => resolve()));
    const busy = send(backend, '0712345678', 'first message');
    const ids = [busy, ...Array.from({ length: 5 }, (_, i) => send(backend, `07123456${String(i).padStart(2, '0')}`, `message ${i}`))];
    await Promise.race([taken, new Promise((r) => setTimeout(r, 2_000))]);
    await first.unplug();
    for (const id of ids) expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('sent');
    const viaSecond = ids.filter((id) => backend.store.recipients.get(id)?.gateway === modemGatewayId(second.path));
    expect(viaSecond.length).toBeGreaterThan(0);
    const texts = [...first.received, ...second.received].map((r) => r.decoded.text);
    for (const text of ['first message', 'message 0', 'message 4']) expect(texts).toContain(text);
  });

  it('spreads work over two running modems in parallel', async () => {
    const a = await simulator({ networkDelayMs: 20 });
    const b = await simulator({ networkDelayMs: 20 });
    const backend = backendFor([a, b]);
    await backend.start();
    const ids = Array.from({ length: 20 }, (_, i) => send(backend, `07123450${String(i).padStart(2, '0')}`, `reminder ${i}`));
    for (const id of ids) expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('sent');
    expect(a.received.length).toBeGreaterThan(0);
    expect(b.received.length).toBeGreaterThan(0);
    expect(a.received.length + b.received.length).toBe(20);
  });
});
