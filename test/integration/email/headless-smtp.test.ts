/**
 * The headless host with `--smtp`: the e-mail gateway runs from the URL, its password stays in
 * memory (no database row, no key file) until someone saves settings; saving seals it under
 * <data-dir>/secret.key (0600). And the CLI refuses a bad URL in one line.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSmtpUrl } from '../../../electron/backend/gateways/email/smtp-url.ts';
import { type HeadlessHost, startHeadlessHost } from '../../../electron/headless/host.ts';
import { runUjumbe } from '../../support/run-cli.ts';
import { TestSmtpServer } from './smtp-test-server.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function host(smtpUrl: string): Promise<{ host: HeadlessHost; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-headless-mail-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const h = await startHeadlessHost({ port: 0, dataDir, email: parseSmtpUrl(smtpUrl, 'desk@clinic.example') });
  cleanups.push(() => h.close());
  return { host: h, dataDir };
}

describe('ujumbe serve --smtp', () => {
  it('runs the e-mail gateway from the URL, writes no password, and sends', async () => {
    const server = await TestSmtpServer.start({ security: 'none', auth: { user: 'desk', pass: 'hunter2' } });
    cleanups.push(() => server.close());
    const { host: h, dataDir } = await host(`smtp://desk:hunter2@127.0.0.1:${server.port}?security=none`);
    const gateway = h.backend.gateways().find((g) => g.id === 'email');
    expect(gateway?.status().state).toBe('running');
    expect(h.backend.email.dto()).toMatchObject({ source: 'command-line', configured: true, passwordSet: true, protection: 'key-file' });
    expect(h.backend.store.gatewayConfigs.get('email')).toBeUndefined();
    // No password sealed: secret.key now exists only for the database key (store/database-key.ts).
    expect(readFileSync(join(dataDir, 'database-key.json'), 'utf8')).not.toContain('hunter2');

    const sent = new Promise<void>((resolve) => h.backend.dispatcher.onStatus((e) => e.to === 'sent' && resolve()));
    h.backend.messaging.send({ content: 'Hello', subject: 'Clinic', recipients: [{ address: 'amina@example.com', protocol: 'email' }] });
    await sent;
    expect(server.received).toHaveLength(1);
    // The database file never saw the password.
    expect(readFileSync(join(dataDir, 'ujumbe.db')).includes('hunter2')).toBe(false);
  });

  it('saving keeps the URL\'s password, sealed under a 0600 key file', async () => {
    const server = await TestSmtpServer.start({ security: 'none' });
    cleanups.push(() => server.close());
    const { host: h, dataDir } = await host(`smtp://desk:hunter2@127.0.0.1:${server.port}?security=none`);
    // What email.updateSettings does with no password given: keep the one in use (here, the URL's).
    const dto = h.backend.email.save({ host: '127.0.0.1', port: server.port, security: 'none', user: 'desk', from: 'desk@clinic.example', trustSelfSigned: false }, () => new Error('no store'));
    expect(dto.password).toBe('hunter2');
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(h.backend.store.gatewayConfigs.get('email'))).not.toContain('hunter2');
    expect(h.backend.email.dto()).toMatchObject({ source: 'saved', passwordSet: true });
  });

  it('a bad --smtp is one line and exit status 2, without the password', async () => {
    const run = await runUjumbe('serve', '--port', '0', '--smtp', 'http://desk:hunter2@mail.example.org');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/smtp:\/\/ or smtps:\/\//);
    expect(run.stderr).not.toContain('hunter2');
  });
});
