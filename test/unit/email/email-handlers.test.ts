/**
 * email.* over the in-memory RPC pair with a real backend and an in-memory mail transport: the
 * password is write-only and sealed, saving (re)starts the gateway, the test answers in words.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpTransportOptions } from '../../../electron/backend/gateways/email/email-config.ts';
import type { MailEnvelope, MailTransportFactory } from '../../../electron/backend/gateways/email/mail-transport.ts';
import { KeyFileSecretStore } from '../../../electron/backend/gateways/email/secret-store.ts';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

interface FakeMail {
  factory: MailTransportFactory;
  created: SmtpTransportOptions[];
  sent: MailEnvelope[];
  /** The next verify() throws this. */
  verifyError: unknown;
}

function fakeMail(): FakeMail {
  const fake: FakeMail = {
    created: [],
    sent: [],
    verifyError: null,
    factory: (options) => {
      fake.created.push(options);
      return {
        sendMail: async (mail) => {
          fake.sent.push(mail);
          return { messageId: `<${fake.sent.length}@test>` };
        },
        verify: async () => {
          if (fake.verifyError) throw fake.verifyError;
          return true;
        },
        close: () => undefined,
      };
    },
  };
  return fake;
}

const settings = { host: 'mail.example.org', port: 587, security: 'starttls' as const, user: 'desk@clinic.example', from: 'desk@clinic.example' };

let harness: ApiHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(withSecretStore = true) {
  const mail = fakeMail();
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-email-api-'));
  harness = await makeApiHarness({ backend: { secretStore: withSecretStore ? new KeyFileSecretStore(dataDir) : null, email: { transportFactory: mail.factory } } });
  return { mail, h: harness, dataDir };
}

describe('email.* handlers', () => {
  it('nothing set: not configured, no gateway; the DTO names the protection', async () => {
    const { h } = await setup();
    expect(await h.client.call('email.getSettings', {})).toMatchObject({ configured: false, source: 'none', passwordSet: false, protection: 'key-file', protectionText: 'Encrypted with a key file in the data folder' });
    expect((await h.client.call('gateways.list', {})).map((g) => g.id)).toEqual(['modem-1']);
    await expect(h.client.call('email.test', {})).rejects.toMatchObject({ code: 'not-configured' });
  });

  it('saving adds and starts the gateway (its status reaches the client); the password is sealed and never returned', async () => {
    const { h, mail } = await setup();
    const announced = h.nextEvent('gateway.status', (g) => g.id === 'email' && g.state === 'running');
    const dto = await h.client.call('email.updateSettings', { ...settings, password: 'hunter2' });
    expect(dto).toMatchObject({ configured: true, source: 'saved', passwordSet: true, host: 'mail.example.org' });
    expect(JSON.stringify(dto)).not.toContain('hunter2');
    await announced;
    const row = h.backend.store.gatewayConfigs.get('email')!;
    expect(JSON.stringify(row)).not.toContain('hunter2');
    expect(row.config).toMatchObject({ protection: 'key-file', passwordSealed: expect.stringMatching(/^v1:/) });
    expect(mail.created.at(-1)).toMatchObject({ host: 'mail.example.org', port: 587, secure: false, requireTLS: true, auth: { user: 'desk@clinic.example', pass: 'hunter2' }, tls: { rejectUnauthorized: true } });

    // E-mail now has a route: a message goes out through the gateway.
    const sent = h.nextEvent('message.status', (e) => e.to === 'sent');
    await h.client.call('messages.send', { to: [{ kind: 'address', address: 'amina@example.com', protocol: 'email' }], text: 'Hello', subject: 'Clinic' });
    await sent;
    expect(mail.sent).toEqual([{ from: 'desk@clinic.example', to: 'amina@example.com', subject: 'Clinic', text: 'Hello' }]);
  });

  it('saving again keeps the password when none is given, removes it with "", and restarts with new settings', async () => {
    const { h, mail } = await setup();
    await h.client.call('email.updateSettings', { ...settings, password: 'hunter2' });
    await h.client.call('email.updateSettings', { ...settings, port: 2525 });
    expect(mail.created.at(-1)).toMatchObject({ port: 2525, auth: { pass: 'hunter2' } });
    expect(h.backend.gateways().filter((g) => g.id === 'email')).toHaveLength(1);
    const cleared = await h.client.call('email.updateSettings', { ...settings, user: '', password: '' });
    expect(cleared.passwordSet).toBe(false);
    expect(mail.created.at(-1)?.auth).toBeUndefined();
  });

  it('refuses a From address that is not one, and a password where nothing can seal it', async () => {
    const { h } = await setup(false);
    await expect(h.client.call('email.updateSettings', { ...settings, from: 'desk' })).rejects.toMatchObject({ code: 'validation' });
    await expect(h.client.call('email.updateSettings', { ...settings, security: 'ssl' as never })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(h.client.call('email.updateSettings', { ...settings, password: 'x' })).rejects.toMatchObject({ code: 'not-available' });
    expect(h.backend.store.gatewayConfigs.get('email')).toBeUndefined();
  });

  it('email.test answers in words', async () => {
    const { h, mail } = await setup();
    await h.client.call('email.updateSettings', { ...settings, password: 'hunter2' });
    expect(await h.client.call('email.test', {})).toMatchObject({ ok: true });
    mail.verifyError = Object.assign(new Error('Invalid login: 535 5.7.8 bad'), { code: 'EAUTH', responseCode: 535 });
    expect(await h.client.call('email.test', {})).toMatchObject({ ok: false, code: 'auth', message: expect.stringMatching(/user name or password/) });
  });

  it('the saved settings come back after a restart (a new backend over the same key file)', async () => {
    const { h, dataDir } = await setup();
    await h.client.call('email.updateSettings', { ...settings, password: 'hunter2' });
    const sealed = h.backend.store.gatewayConfigs.get('email')!.config.passwordSealed as string;
    expect(new KeyFileSecretStore(dataDir).open(sealed)).toBe('hunter2');
    expect(h.backend.email.config()).toMatchObject({ password: 'hunter2', port: 587 });
  });
});
