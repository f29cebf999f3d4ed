/**
 * How a failed SMTP exchange is treated: one table (docs/ARCHITECTURE.md "Habits": quirks are table rows), first matching row wins.
 * nodemailer's errors carry `code` (its own E* codes, or the socket's errno), `responseCode`
 * (the server's reply, RFC 5321 §4.2) and `command` (the SMTP command that got it).
 * Reasons are plain words and never quote the server's reply: it may hold the patient's address.
 */
import { EMAIL_PROBLEM_CODES, type EmailProblemCode } from '../../../../src-shared/model.ts';
import { GatewaySendError, type SendFailureKind } from '../gateway.ts';

/** What we read from a nodemailer (or socket) error. */
export interface SmtpFailure {
  code: string | null;
  responseCode: number | null;
  command: string | null;
  /** The socket's errno under nodemailer's ESOCKET/ECONNECTION (e.g. ECONNREFUSED), if any. */
  errno: string | null;
  message: string;
}

export function readSmtpFailure(err: unknown): SmtpFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown; errno?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  return {
    code: typeof e.code === 'string' ? e.code : null,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    command: typeof e.command === 'string' ? e.command.toUpperCase() : null,
    // nodemailer wraps socket errors as ESOCKET with the errno only in the text ("connect ECONNREFUSED 127.0.0.1:25").
    errno: typeof e.errno === 'string' ? e.errno : (/\b(E[A-Z]{3,})\b/.exec(message)?.[1] ?? null),
    message,
  };
}

interface FailureRow {
  match: (f: SmtpFailure) => boolean;
  kind: SendFailureKind;
  code: string | ((f: SmtpFailure) => string);
  reason: string;
  /** The gateway stops (state `error`) until a person fixes its settings. Implied by kind `gateway`. */
  stopsGateway?: boolean;
  /** Where the row comes from. */
  source: string;
}

const CODE = (...codes: string[]) => (f: SmtpFailure) => (f.code !== null && codes.includes(f.code)) || (f.errno !== null && codes.includes(f.errno));
const REPLY = (...replies: number[]) => (f: SmtpFailure) => f.responseCode !== null && replies.includes(f.responseCode);
const TLS_WORDS = /certificate|self[- ]signed|ssl routines|wrong version number|tls|handshake/i;

export const UNREACHABLE = 'The mail server cannot be reached; e-mails wait in the Outbox until it can.';
/** The same for one e-mail's failure: what happens next is said by its status (dispatcher/send-outcome.ts). */
const UNREACHABLE_NOW = 'The mail server cannot be reached.';

export const SMTP_FAILURE_TABLE: readonly FailureRow[] = [
  // An authentication failure fails the e-mail with the reason. It also stops the
  // gateway, so the other e-mails wait in the Outbox instead of failing one by one.
  { match: (f) => CODE('EAUTH', 'ENOAUTH')(f) || REPLY(530, 534, 535, 538)(f), kind: 'permanent', stopsGateway: true, code: 'auth',
    reason: 'The mail server refused the user name or password. Check them under Gateways → E-mail, then press Retry on this e-mail; other e-mails wait in the Outbox.',
    source: 'nodemailer EAUTH; RFC 4954 §6 (530 auth required, 534/538 mechanism, 535 credentials invalid)' },
  { match: (f) => CODE('ETLS', 'EREQUIRETLS')(f) || (CODE('ESOCKET', 'ECONNECTION')(f) && TLS_WORDS.test(f.message)) || /^ERR_(TLS|SSL)_|^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_SSL_WRONG_VERSION_NUMBER)$/.test(f.code ?? ''), kind: 'gateway', code: 'tls',
    reason: 'A secure connection to the mail server could not be made (its certificate is not trusted, or the Security setting does not match the server). Check Gateways → E-mail; e-mails wait in the Outbox.',
    source: 'nodemailer ETLS; Node tls/OpenSSL certificate error codes' },
  { match: (f) => CODE('EDNS', 'ENOTFOUND', 'EAI_AGAIN')(f), kind: 'transient', code: 'dns',
    reason: 'The mail server\'s name cannot be found (is the internet down?).',
    source: 'nodemailer EDNS; getaddrinfo ENOTFOUND / EAI_AGAIN' },
  { match: CODE('ECONNREFUSED'), kind: 'transient', code: 'refused', reason: UNREACHABLE_NOW, source: 'connect(2) ECONNREFUSED' },
  { match: (f) => CODE('ETIMEDOUT')(f) || /timed? ?out/i.test(f.message), kind: 'transient', code: 'timeout',
    reason: 'The mail server did not answer in time.', source: 'nodemailer ETIMEDOUT (connection, greeting, socket timeouts)' },
  { match: CODE('ECONNRESET', 'ECONNECTION', 'ESOCKET', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ECONNABORTED'), kind: 'transient', code: 'connection',
    reason: UNREACHABLE_NOW, source: 'nodemailer ECONNECTION / ESOCKET; socket errnos' },
  { match: (f) => f.responseCode !== null && f.responseCode >= 400 && f.responseCode < 500, kind: 'transient', code: (f) => `smtp-${f.responseCode}`,
    reason: 'The mail server asked to try again later.', source: 'RFC 5321 §4.2.1: 4yz is a transient negative completion' },
  // The From address is the same for every e-mail: a server that refuses it refuses them all.
  { match: (f) => f.responseCode !== null && f.responseCode >= 500 && f.command === 'MAIL FROM', kind: 'gateway', code: (f) => `smtp-${f.responseCode}-from`,
    reason: 'The mail server does not accept the From address. Check it under Gateways → E-mail; e-mails wait in the Outbox.', source: 'RFC 5321 §3.3 (MAIL FROM reply)' },
  { match: REPLY(550, 551), kind: 'permanent', code: (f) => `smtp-${f.responseCode}`,
    reason: 'The mail server says this mailbox does not exist or does not take mail. Check the e-mail address.', source: 'RFC 5321 §4.2.3 (550 mailbox unavailable, 551 user not local)' },
  { match: REPLY(553), kind: 'permanent', code: 'smtp-553', reason: 'The mail server refused this e-mail address as not allowed. Check the e-mail address.', source: 'RFC 5321 §4.2.3 (553 mailbox name not allowed)' },
  { match: REPLY(552), kind: 'permanent', code: 'smtp-552', reason: 'The e-mail is too large for the mail server.', source: 'RFC 5321 §4.2.3 (552 exceeded storage allocation)' },
  { match: (f) => f.responseCode !== null && f.responseCode >= 500 && f.responseCode < 600, kind: 'permanent', code: (f) => `smtp-${f.responseCode}`,
    reason: 'The mail server refused this e-mail.', source: 'RFC 5321 §4.2.1: 5yz is a permanent negative completion' },
  { match: CODE('EENVELOPE'), kind: 'permanent', code: 'envelope', reason: 'The e-mail address cannot be used.', source: 'nodemailer EENVELOPE without a server reply' },
  { match: CODE('ECONFIG'), kind: 'gateway', code: 'config', reason: 'The e-mail settings are incomplete. Check Gateways → E-mail.', source: 'nodemailer ECONFIG' },
];

const FALLBACK: FailureRow = { match: () => true, kind: 'transient', code: 'unknown', reason: 'The e-mail could not be sent.', source: 'anything else: retried, never lost' };

/** The row for a failure (exported for the panel's words and for tests). */
export function smtpFailureRow(failure: SmtpFailure): FailureRow {
  return SMTP_FAILURE_TABLE.find((row) => row.match(failure)) ?? FALLBACK;
}

/** Whatever nodemailer threw: the error the dispatcher classifies, and whether the gateway must stop. */
export function classifySmtpFailure(err: unknown): { error: GatewaySendError; stopsGateway: boolean } {
  const failure = readSmtpFailure(err);
  const row = smtpFailureRow(failure);
  return {
    error: new GatewaySendError(row.kind, typeof row.code === 'string' ? row.code : row.code(failure), row.reason),
    stopsGateway: row.kind === 'gateway' || row.stopsGateway === true,
  };
}

/** Turns whatever nodemailer threw into the error the dispatcher classifies. */
export function classifySmtpError(err: unknown): GatewaySendError {
  return classifySmtpFailure(err).error;
}

/**
 * A failure code of the table -> the gateway problem the panel words (src-shared/model.ts
 * EMAIL_PROBLEM_CODES): the table's own codes, `smtp-5xx-from` as from-refused, anything else unknown.
 */
export function emailProblemCode(failureCode: string): EmailProblemCode {
  if (/^smtp-\d+-from$/.test(failureCode)) return 'from-refused';
  return (EMAIL_PROBLEM_CODES as readonly string[]).includes(failureCode) ? (failureCode as EmailProblemCode) : 'unknown';
}
