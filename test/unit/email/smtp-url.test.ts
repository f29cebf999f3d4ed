/** `ujumbe serve --smtp URL --mail-from ADDRESS` and the environment variables. */
import { describe, expect, it } from 'vitest';
import { parseSmtpUrl } from '../../../electron/backend/gateways/email/smtp-url.ts';
import { emailFrom } from '../../../electron/cli/serve.ts';

describe('parseSmtpUrl', () => {
  it('smtps is implicit TLS on 465, smtp STARTTLS on 587; user and password are %-decoded', () => {
    expect(parseSmtpUrl('smtps://clinic%40example.org:p%40ss%3Aw@mail.example.org', null)).toEqual({
      host: 'mail.example.org', port: 465, security: 'tls', user: 'clinic@example.org', password: 'p@ss:w', from: 'clinic@example.org', trustSelfSigned: false,
    });
    expect(parseSmtpUrl('smtp://u:p@mail.example.org:2525', 'Desk@Clinic.Example')).toMatchObject({ port: 2525, security: 'starttls', from: 'Desk@clinic.example' });
    expect(parseSmtpUrl('smtp://relay.local?security=none', 'desk@clinic.example')).toMatchObject({ port: 25, security: 'none', user: '', password: null });
    expect(parseSmtpUrl('smtps://u:p@[::1]:465?trustSelfSigned=1', 'a@b.org')).toMatchObject({ host: '::1', trustSelfSigned: true });
  });

  it.each([
    ['not a url', /must look like/],
    ['http://mail.example.org', /smtp:\/\/ or smtps:\/\//],
    ['smtp://mail.example.org:0', /port|must look like/],
    ['smtp://:pw@mail.example.org', /password but no user/],
    ['smtp://u:p@mail.example.org', /--mail-from is needed/],
    ['smtp://u@x.org:p@mail.example.org?foo=1', /does not know the option "foo"/],
    ['smtp://mail.example.org?security=tls', /smtps:\/\/ is security=tls/],
    ['smtp://mail.example.org?security=ssl', /tls, starttls or none/],
  ])('%s is refused in one line', (url, words) => {
    expect(() => parseSmtpUrl(url, url.includes('u:p@mail') ? null : 'desk@clinic.example')).toThrow(words);
  });

  it('a bad From address is refused; the password never appears in an error', () => {
    expect(() => parseSmtpUrl('smtp://u:hunter2@mail.example.org', 'nobody')).toThrow(/--mail-from/);
    try {
      parseSmtpUrl('smtp://u:hunter2@mail.example.org', 'nobody');
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });
});

describe('emailFrom (command line and environment)', () => {
  const env = { UJUMBE_SMTP_URL: 'smtps://env%40example.org:pw@env.example.org', UJUMBE_MAIL_FROM: 'env-from@example.org' };
  it('the command line wins, each value on its own; nothing set means the saved settings', () => {
    expect(emailFrom(undefined, undefined, env)).toMatchObject({ host: 'env.example.org', from: 'env-from@example.org' });
    expect(emailFrom('smtp://a%40x.org:p@cli.example.org', undefined, env)).toMatchObject({ host: 'cli.example.org', from: 'env-from@example.org' });
    expect(emailFrom(undefined, 'cli-from@example.org', env)).toMatchObject({ host: 'env.example.org', from: 'cli-from@example.org' });
    expect(emailFrom(undefined, undefined, {})).toBeNull();
    expect(() => emailFrom(undefined, 'a@b.org', {})).toThrow(/--mail-from needs --smtp/);
    expect(() => emailFrom('ftp://x', undefined, {})).toThrow(/smtp:\/\//);
  });
});
