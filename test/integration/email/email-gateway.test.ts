/**
 * The e-mail gateway against a real SMTP server (smtp-server on 127.0.0.1): plain, STARTTLS and
 * implicit TLS, logins good and bad, and how each failure is classified.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../../electron/backend/gateways/email/email-config.ts';
import { EmailGateway } from '../../../electron/backend/gateways/email/email-gateway.ts';
import { GatewaySendError, type OutgoingItem } from '../../../electron/backend/gateways/gateway.ts';
import { makeSelfSignedCert, TestSmtpServer, type TestSmtpOptions } from './smtp-test-server.ts';

const cert = makeSelfSignedCert();
const TLS_SKIP = cert ? false : 'openssl is not installed, so no certificate can be made for the TLS cases';
const FAST = { connection: 1_000, greeting: 500, socket: 1_000 };

const servers: TestSmtpServer[] = [];
const gateways: EmailGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: TestSmtpOptions): Promise<TestSmtpServer> {
  const server = await TestSmtpServer.start(options);
  servers.push(server);
  return server;
}

async function gatewayFor(server: TestSmtpServer, config: Partial<EmailConfig>): Promise<EmailGateway> {
  const gateway = new EmailGateway({
    config: { host: '127.0.0.1', port: server.port, security: 'none', user: '', password: null, from: 'clinic@example.org', trustSelfSigned: false, ...config },
    timeouts: FAST,
  });
  gateways.push(gateway);
  await gateway.start();
  return gateway;
}

const item = (address: string, overrides: Partial<OutgoingItem> = {}): OutgoingItem => ({
  recipientId: 1, messageId: 1, address, protocol: 'email', content: 'Your appointment is on Monday.', subject: 'Appointment', options: {}, attempt: 1, ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<GatewaySendError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(GatewaySendError);
  return err as GatewaySendError;
}

describe('EmailGateway over a real SMTP server', () => {
  it('sends over a plain connection: From from settings, To, Subject, text; the Message-ID is the reference', async () => {
    const server = await serve({ security: 'none' });
    const gateway = await gatewayFor(server, {});
    const result = await gateway.send(item('amina@example.com'));
    expect(result.references).toHaveLength(1);
    expect(result.references[0]).toMatch(/^<.+@.+>$/);
    expect(server.received).toHaveLength(1);
    const mail = server.received[0]!;
    expect(mail.from).toBe('clinic@example.org');
    expect(mail.to).toEqual(['amina@example.com']);
    expect(mail.raw).toContain('Subject: Appointment');
    expect(mail.raw).toContain('Your appointment is on Monday.');
    expect(mail.raw).toContain(result.references[0]);
  });

  it.skipIf(TLS_SKIP)('sends with STARTTLS and a login, trusting the self-signed server only when told to', async () => {
    const server = await serve({ security: 'starttls', cert, auth: { user: 'clinic', pass: 'secret' } });
    const untrusting = await gatewayFor(server, { security: 'starttls', user: 'clinic', password: 'secret' });
    const tls = await failureOf(untrusting.send(item('amina@example.com')));
    expect(tls.kind).toBe('gateway');
    expect(tls.code).toBe('tls');
    expect(untrusting.status()).toMatchObject({ state: 'error', problem: { code: 'tls' } });
    expect(untrusting.canSend()).toBe(false);

    const trusting = await gatewayFor(server, { security: 'starttls', user: 'clinic', password: 'secret', trustSelfSigned: true });
    await trusting.send(item('amina@example.com'));
    expect(server.received).toHaveLength(1);
  });

  it.skipIf(TLS_SKIP)('sends over implicit TLS (smtps)', async () => {
    const server = await serve({ security: 'tls', cert, auth: { user: 'clinic', pass: 'secret' } });
    const gateway = await gatewayFor(server, { security: 'tls', user: 'clinic', password: 'secret', trustSelfSigned: true });
    await gateway.send(item('amina@example.com'));
    expect(server.received).toHaveLength(1);
    expect(await gateway.test()).toMatchObject({ ok: true, code: 'ok' });
  });

  it('STARTTLS required but the server has none: a gateway problem, nothing sent in clear', async () => {
    const server = await serve({ security: 'none' });
    const gateway = await gatewayFor(server, { security: 'starttls' });
    const err = await failureOf(gateway.send(item('amina@example.com')));
    expect(err.kind).toBe('gateway');
    expect(server.received).toHaveLength(0);
  });

  it('a wrong password fails the e-mail (permanent, in words) and stops the gateway; test() says the same', async () => {
    const server = await serve({ security: 'none', auth: { user: 'clinic', pass: 'secret' } });
    const gateway = await gatewayFor(server, { user: 'clinic', password: 'wrong' });
    const err = await failureOf(gateway.send(item('amina@example.com')));
    expect(err).toMatchObject({ kind: 'permanent', code: 'auth' });
    expect(err.reason).toMatch(/user name or password/);
    expect(gateway.status()).toMatchObject({ state: 'error' });
    expect(await gateway.test()).toMatchObject({ ok: false, code: 'auth' });
    const good = await gatewayFor(server, { user: 'clinic', password: 'secret' });
    expect(await good.test()).toMatchObject({ ok: true });
  });

  it('550 is permanent, 451 transient; neither stops the gateway', async () => {
    const server = await serve({ security: 'none' });
    server.rcptReplies.set('gone@example.com', 550);
    server.rcptReplies.set('busy@example.com', 451);
    const gateway = await gatewayFor(server, {});
    expect(await failureOf(gateway.send(item('gone@example.com')))).toMatchObject({ kind: 'permanent', code: 'smtp-550' });
    expect(await failureOf(gateway.send(item('busy@example.com')))).toMatchObject({ kind: 'transient', code: 'smtp-451' });
    expect(gateway.canSend()).toBe(true);
  });

  it('server down: transient, and the panel says e-mails wait; a hang is a transient timeout', async () => {
    const server = await serve({ security: 'none' });
    const gateway = await gatewayFor(server, {});
    await server.close();
    const down = await failureOf(gateway.send(item('amina@example.com')));
    expect(down).toMatchObject({ kind: 'transient', code: 'refused' });
    expect(gateway.status().problem).toEqual({ code: 'refused' });
    await server.listen();
    server.hang = true;
    expect(await failureOf(gateway.send(item('amina@example.com')))).toMatchObject({ kind: 'transient', code: 'timeout' });
    server.hang = false;
    await gateway.send(item('amina@example.com'));
    expect(gateway.status().problem).toBeNull();
  });
});
