/**
 * E-mail end to end: createBackend (SQLite file, MessagingService, dispatcher) with the e-mail
 * gateway from its settings, against a real SMTP server that fails, goes away and comes back.
 * And SMS keeps going while the mail server hangs: each gateway has its own worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { type Backend, type BackendOptions, createBackend } from '../../../electron/backend/create-backend.ts';
import type { EmailConfig } from '../../../electron/backend/gateways/email/email-config.ts';
import { createHandlers } from '../../../electron/backend/api/create-handlers.ts';
import { KeyFileSecretStore } from '../../../electron/backend/gateways/email/secret-store.ts';
import { ScriptedGateway } from '../../support/scripted-gateway.ts';
import { TestSmtpServer } from './smtp-test-server.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function smtp(): Promise<TestSmtpServer> {
  const server = await TestSmtpServer.start({ security: 'none' });
  cleanups.push(() => server.close());
  return server;
}

function backendFor(server: TestSmtpServer, extra: Partial<BackendOptions> = {}): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-email-'));
  const config: EmailConfig = { host: '127.0.0.1', port: server.port, security: 'none', user: '', password: null, from: 'clinic@example.org', trustSelfSigned: false };
  const backend = createBackend({ dataDir, email: { config, timeouts: { connection: 1_000, greeting: 400, socket: 1_000 } }, ...extra });
  backend.store.settings.set('retry', { maxAttempts: 20, backoffBaseMs: 100, backoffMaxMs: 200 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

function statusOf(backend: Backend, recipientId: number, wanted: RecipientStatus[], ms = 15_000): Promise<RecipientStatus> {
  return new Promise((resolve, reject) => {
    const now = backend.store.recipients.get(recipientId)?.status;
    if (now && wanted.includes(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`recipient ${recipientId} never reached ${wanted.join('/')}: ${JSON.stringify(backend.store.recipients.get(recipientId))}`));
    }, ms);
    const off = backend.dispatcher.onStatus((event) => {
      if (event.recipientId === recipientId && wanted.includes(event.to)) {
        off();
        clearTimeout(timer);
        resolve(event.to);
      }
    });
  });
}

const sendEmail = (backend: Backend, to: string) =>
  backend.messaging.send({ content: 'Your results are ready.', subject: 'Clinic', recipients: [{ address: to, protocol: 'email' }] }).recipients[0]!.id;

describe('e-mail through the dispatcher', () => {
  it('sends, and a 550 fails the recipient with the reason in words', async () => {
    const server = await smtp();
    server.rcptReplies.set('gone@example.com', 550);
    const backend = backendFor(server);
    await backend.start();
    const good = sendEmail(backend, 'amina@example.com');
    const bad = sendEmail(backend, 'gone@example.com');
    expect(await statusOf(backend, good, ['sent'])).toBe('sent');
    expect(await statusOf(backend, bad, ['failed'])).toBe('failed');
    expect(backend.store.statusLog.lastSendError('email')).toMatch(/mailbox does not exist/);
    expect(server.received.map((m) => m.to)).toEqual([['amina@example.com']]);
  });

  it('a 451 is retried with backoff until the server takes it', async () => {
    const server = await smtp();
    server.rcptReplies.set('busy@example.com', 451);
    const backend = backendFor(server);
    await backend.start();
    const id = sendEmail(backend, 'busy@example.com');
    await new Promise((r) => setTimeout(r, 400));
    expect(backend.store.recipients.get(id)?.status).toBe('outbox');
    expect(backend.store.recipients.get(id)?.attempts).toBeGreaterThan(1);
    server.rcptReplies.delete('busy@example.com');
    expect(await statusOf(backend, id, ['sent'])).toBe('sent');
  });

  it('server down: the e-mail waits in the outbox; the server comes back: sent', async () => {
    const server = await smtp();
    const backend = backendFor(server);
    await server.close();
    await backend.start();
    const id = sendEmail(backend, 'amina@example.com');
    await new Promise((r) => setTimeout(r, 500));
    // Waiting: back in the outbox, or caught in its next attempt on a loaded machine; never failed or sent.
    expect(['outbox', 'sending']).toContain(backend.store.recipients.get(id)?.status);
    expect(backend.gateways().find((g) => g.id === 'email')?.status().problem).toEqual({ code: 'refused' });
    await server.listen();
    expect(await statusOf(backend, id, ['sent'])).toBe('sent');
    expect(server.received).toHaveLength(1);
    expect(backend.gateways().find((g) => g.id === 'email')?.status().problem).toBeNull();
  });

  it('SMS goes out at once while the mail server hangs', async () => {
    const server = await smtp();
    server.hang = true;
    const modem = new ScriptedGateway({ id: 'modem-1' });
    const backend = backendFor(server, { gateways: [modem] });
    await backend.start();
    const email = sendEmail(backend, 'amina@example.com');
    await new Promise((r) => setTimeout(r, 50)); // the e-mail is now stuck waiting for a greeting
    expect(backend.store.recipients.get(email)?.status).toBe('sending');
    const started = Date.now();
    const sms = backend.messaging.send({ content: 'Reminder', recipients: [{ address: '+254712345678', protocol: 'sms' }] }).recipients[0]!.id;
    expect(await statusOf(backend, sms, ['sent'])).toBe('sent');
    expect(Date.now() - started).toBeLessThan(300);
    server.hang = false;
    expect(await statusOf(backend, email, ['sent'])).toBe('sent');
  });

  it('a wrong password fails that e-mail with the reason, stops the gateway so the next one waits, and Retry sends it once the password is right', async () => {
    const server = await TestSmtpServer.start({ security: 'none', auth: { user: 'desk', pass: 'right' } });
    cleanups.push(() => server.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-email-auth-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const backend = createBackend({ dataDir, secretStore: new KeyFileSecretStore(dataDir), email: { timeouts: { connection: 1_000, greeting: 400, socket: 1_000 } } });
    cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
    const handlers = createHandlers(backend, { host: 'headless', version: '0', dataDir });
    await backend.start();
    const settings = { host: '127.0.0.1', port: server.port, security: 'none' as const, user: 'desk', from: 'desk@clinic.example', trustSelfSigned: false };
    await handlers['email.updateSettings']({ ...settings, password: 'wrong' });

    const first = sendEmail(backend, 'amina@example.com');
    expect(await statusOf(backend, first, ['failed'])).toBe('failed');
    expect(backend.store.recipients.get(first)).toMatchObject({ lastErrorCode: 'auth', lastError: expect.stringMatching(/user name or password/) });
    const gateway = backend.gateways().find((g) => g.id === 'email')!;
    expect(gateway.status()).toMatchObject({ state: 'error', problem: { code: 'auth' } });
    expect(await handlers['email.test']({})).toMatchObject({ ok: false, code: 'auth' });

    const second = sendEmail(backend, 'baraka@example.com');
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.store.recipients.get(second)).toMatchObject({ status: 'outbox' });

    await handlers['email.updateSettings']({ ...settings, password: 'right' });
    expect(await statusOf(backend, second, ['sent'])).toBe('sent');
    backend.messaging.retry(first);
    expect(await statusOf(backend, first, ['sent'])).toBe('sent');
    expect(server.received).toHaveLength(2);
  });
});
