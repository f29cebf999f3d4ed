/**
 * `ujumbe serve --smtp smtp[s]://user:password@host:port --mail-from ADDRESS` (and
 * UJUMBE_SMTP_URL / UJUMBE_MAIL_FROM): one URL for the mail server.
 * smtps:// is implicit TLS (default port 465); smtp:// is STARTTLS, required (default 587),
 * unless `?security=none` (a relay inside the clinic's network; default port 25).
 */
import { checkEmailAddress } from '../../../../src-shared/protocols/email.ts';
import { DEFAULT_PORTS, type EmailConfig, type EmailSecurity } from './email-config.ts';

export class SmtpUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpUrlError';
  }
}

/**
 * @throws SmtpUrlError with one line of plain words (never repeating the password).
 */
export function parseSmtpUrl(text: string, mailFrom: string | null): EmailConfig {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SmtpUrlError('--smtp must look like smtps://user:password@mail.example.org:465 (or smtp:// for STARTTLS).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new SmtpUrlError(`--smtp must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  if (url.hostname === '') throw new SmtpUrlError('--smtp has no mail server name.');
  const params = url.searchParams;
  for (const key of params.keys()) {
    if (key !== 'security' && key !== 'trustSelfSigned') throw new SmtpUrlError(`--smtp does not know the option "${key}" (known: security, trustSelfSigned).`);
  }
  let security: EmailSecurity = url.protocol === 'smtps:' ? 'tls' : 'starttls';
  const asked = params.get('security');
  if (asked !== null) {
    if (asked !== 'tls' && asked !== 'starttls' && asked !== 'none') throw new SmtpUrlError('--smtp security must be tls, starttls or none.');
    if ((asked === 'tls') !== (url.protocol === 'smtps:')) throw new SmtpUrlError('--smtp: smtps:// is security=tls; use smtp:// for starttls or none.');
    security = asked;
  }
  const port = url.port === '' ? DEFAULT_PORTS[security] : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SmtpUrlError('--smtp has a port outside 1–65535.');
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw new SmtpUrlError('--smtp has a user name or password with a broken %-escape.');
  }
  if (password !== '' && user === '') throw new SmtpUrlError('--smtp has a password but no user name.');
  const fromText = mailFrom ?? (user.includes('@') ? user : null);
  if (fromText === null) throw new SmtpUrlError('--mail-from is needed (the From address of the e-mails) unless the user name is an e-mail address.');
  const from = checkEmailAddress(fromText);
  if (!from.ok) throw new SmtpUrlError(`--mail-from: ${from.issue.message}`);
  const trust = params.get('trustSelfSigned');
  // IPv6 literals come back bracketed from URL.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, security, user, password: password === '' ? null : password, from: from.address, trustSelfSigned: trust === '1' || trust === 'true' };
}
