/**
 * What the e-mail gateway needs to reach a mail server, and how that becomes nodemailer's SMTP
 * options. Plain data: the password is here in clear only in memory (the store keeps it sealed
 * by a SecretStore, see email-settings.ts).
 */

/** The gateway id of the one e-mail gateway. */
export const EMAIL_GATEWAY_ID = 'email';

/**
 * - tls: implicit TLS from the first byte (port 465, "SMTPS", RFC 8314 §3.3).
 * - starttls: plain connect, then STARTTLS is required (port 587); a server without it is refused.
 * - none: no encryption (a mail relay inside the clinic's own network only).
 */
export type EmailSecurity = 'tls' | 'starttls' | 'none';
export const EMAIL_SECURITIES = ['tls', 'starttls', 'none'] as const satisfies readonly EmailSecurity[];

export interface EmailConfig {
  host: string;
  port: number;
  security: EmailSecurity;
  /** Empty: the server takes mail without logging in. */
  user: string;
  password: string | null;
  /** The From address of every e-mail. */
  from: string;
  /** Accept a server certificate no authority signed (a clinic's own relay). Default off. */
  trustSelfSigned: boolean;
}

/** The port each security mode usually uses. */
export const DEFAULT_PORTS: Readonly<Record<EmailSecurity, number>> = { tls: 465, starttls: 587, none: 25 };

/** Every wait of an SMTP exchange (docs/ARCHITECTURE.md "Habits": named timeouts), in milliseconds. */
export interface EmailTimeouts {
  /** TCP connect. */
  connection: number;
  /** From connect to the server's 220 greeting. */
  greeting: number;
  /** Silence on an open connection. */
  socket: number;
}

export const DEFAULT_EMAIL_TIMEOUTS: Readonly<EmailTimeouts> = Object.freeze({ connection: 15_000, greeting: 15_000, socket: 60_000 });

/** The SMTP transport options nodemailer's createTransport takes, from our config. */
export interface SmtpTransportOptions {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  auth?: { user: string; pass: string };
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  tls: { rejectUnauthorized: boolean; servername?: string };
}

export function smtpTransportOptions(config: EmailConfig, timeouts: EmailTimeouts): SmtpTransportOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    // 'none' means none: never upgrade opportunistically either, so the mode the user chose is
    // the mode that runs (and a broken STARTTLS on an internal relay cannot stop mail).
    ignoreTLS: config.security === 'none',
    ...(config.user === '' ? {} : { auth: { user: config.user, pass: config.password ?? '' } }),
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    tls: { rejectUnauthorized: !config.trustSelfSigned },
  };
}
