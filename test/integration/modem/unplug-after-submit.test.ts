// The modem vanishes between Ctrl-Z and +CMGS (the simulator's unplugAfterSubmit fault): the
// SMS may have gone out, so the recipient is "maybe sent" and the crash-recovery policy applies:
// sent again flagged `possible-duplicate`, or failed for a person to check (fail-and-ask). It is
// never handed back to the outbox as "cannot send now" and sent again unflagged.
// Real serialport over a pty, the project's simulator, createBackend's real dispatcher and SQLite.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecipientStatus, StatusEvent } from '../../../src-shared/model.ts';
import { type Backend, createBackend } from '../../../electron/backend/create-backend.ts';
import { MAYBE_SENT_FAIL_REASON, MAYBE_SENT_RESEND_REASON } from '../../../electron/backend/dispatcher/send-outcome.ts';
import { GatewaySendError } from '../../../electron/backend/gateways/gateway.ts';
import type { OutgoingItem } from '../../../electron/backend/gateways/gateway.ts';
import { ModemGateway } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start(options);
  cleanups.push(() => sim.stop());
  return sim;
}

function backendFor(sim: ModemSimulator): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-after-submit-'));
  const backend = createBackend({
    dataDir,
    // cmgsResult bounds the send should serialport miss the hang-up (a 0-byte read loop, see
    // electron/modem-sim/README.md): then the timeout after the body says "maybe sent" instead.
    modems: [{ path: sim.path, timeouts: { cmgsResult: 5_000 } }],
    reconnectDelayMs: 100,
    detection: false,
  });
  backend.store.settings.set('retry', { maxAttempts: 5, backoffBaseMs: 100, backoffMaxMs: 500 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

/** Every status change of the backend, in order. */
function recordStatuses(backend: Backend): StatusEvent[] {
  const events: StatusEvent[] = [];
  const off = backend.dispatcher.onStatus((event) => events.push(event));
  cleanups.push(off);
  return events;
}

/** Resolves when the recipient reaches one of the statuses (checking the row first). */
function statusOf(backend: Backend, recipientId: number, wanted: RecipientStatus[]): Promise<RecipientStatus> {
  return new Promise((resolve, reject) => {
    const now = backend.store.recipients.get(recipientId)?.status;
    if (now && wanted.includes(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`recipient ${recipientId} never reached ${wanted.join('/')}: ${JSON.stringify(backend.store.recipients.get(recipientId))}`));
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

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const send = (backend: Backend, to: string, content: string): number =>
  backend.messaging.send({ content, recipients: [{ address: to, protocol: 'sms' }] }).recipients[0]!.id;

describe('an unplug between Ctrl-Z and +CMGS, through the dispatcher', () => {
  it('resend-flag-duplicate (the default): sent again flagged possible-duplicate, never unflagged', async () => {
    const sim = await simulator();
    const backend = backendFor(sim);
    const events = recordStatuses(backend);
    await backend.start();
    const gw = backend.gateways()[0]!;
    expect(gw.canSend()).toBe(true);
    sim.unplugAfterSubmit();
    const unplugged = once(sim, 'unplug');
    const id = send(backend, '0712345678', 'Kumbusho: kliniki kesho');
    await unplugged;
    // The network took it before the modem went: it did go out once.
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['Kumbusho: kliniki kesho']);
    await until(() => events.some((e) => e.recipientId === id && e.from === 'sending'));
    const failed = events.find((e) => e.recipientId === id && e.from === 'sending')!;
    expect(failed).toMatchObject({ to: 'outbox', reason: MAYBE_SENT_RESEND_REASON, flags: ['possible-duplicate'] });
    expect(backend.store.recipients.get(id)).toMatchObject({ status: 'outbox', flags: ['possible-duplicate'], attempts: 1 });

    await sim.replug();
    expect(await statusOf(backend, id, ['sent', 'failed'])).toBe('sent');
    expect(backend.store.recipients.get(id)).toMatchObject({ status: 'sent', flags: ['possible-duplicate'] });
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['Kumbusho: kliniki kesho', 'Kumbusho: kliniki kesho']);
    // Every claim after the first carried the flag; nothing said "cannot send now".
    const mine = events.filter((e) => e.recipientId === id);
    const claims = mine.filter((e) => e.to === 'sending');
    expect(claims.length).toBeGreaterThanOrEqual(2);
    expect(claims.slice(1).every((e) => e.flags.includes('possible-duplicate'))).toBe(true);
    expect(mine.some((e) => /cannot send now/.test(e.reason))).toBe(false);
  });

  it('fail-and-ask: failed with the maybe-sent reason, and never sent again', async () => {
    const sim = await simulator();
    const backend = backendFor(sim);
    backend.store.settings.set('crashRecovery', 'fail-and-ask');
    const events = recordStatuses(backend);
    await backend.start();
    const gw = backend.gateways()[0]!;
    sim.unplugAfterSubmit();
    const first = send(backend, '0712345678', 'first message');
    expect(await statusOf(backend, first, ['sent', 'failed'])).toBe('failed');
    expect(events.filter((e) => e.recipientId === first).at(-1)).toMatchObject({ from: 'sending', to: 'failed', reason: MAYBE_SENT_FAIL_REASON });
    expect(backend.store.recipients.get(first)).toMatchObject({ status: 'failed', lastErrorCode: 'maybe-sent' });

    await sim.replug();
    await until(() => gw.canSend());
    const second = send(backend, '0712345679', 'second message');
    expect(await statusOf(backend, second, ['sent', 'failed'])).toBe('sent');
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['first message', 'second message']);
    expect(backend.store.recipients.get(first)?.status).toBe('failed');
    expect(events.filter((e) => e.recipientId === first && e.to === 'sending')).toHaveLength(1);
  });
});

describe('ModemGateway: where the unplug falls', () => {
  function gateway(sim: ModemSimulator): ModemGateway {
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0, busyRetryDelayMs: 20, timeouts: { cmgsResult: 5_000 } });
    cleanups.push(() => gw.stop());
    return gw;
  }
  const item = (content: string): OutgoingItem => ({ recipientId: 1, messageId: 1, address: '+254712345678', protocol: 'sms', content, subject: null, options: {}, attempt: 1 });

  it('after the second part\'s Ctrl-Z: maybe-sent, with the first part\'s reference', async () => {
    const sim = await simulator();
    const gw = gateway(sim);
    await gw.start();
    sim.unplugAfterSubmit({ nth: 2 });
    const err = await gw.send(item('x'.repeat(400))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewaySendError);
    expect(err).toMatchObject({ kind: 'maybe-sent', code: 'disconnected-after-send', partialReferences: [String(sim.received[0]!.reference)] });
    expect(sim.received).toHaveLength(2);
    expect(gw.status().state).toBe('disconnected');
  });

  it('before the prompt (nothing written after AT+CMGS): still a gateway failure, nothing went', async () => {
    const sim = await simulator();
    const gw = gateway(sim);
    await gw.start();
    sim.hang();
    const dropped = once(sim, 'dropped');
    const pending = gw.send(item('hello')).catch((e: unknown) => e);
    await dropped;
    await sim.unplug();
    const err = await pending;
    expect(err).toMatchObject({ kind: 'gateway', code: 'disconnected' });
    expect(sim.received).toHaveLength(0);
  });
});
