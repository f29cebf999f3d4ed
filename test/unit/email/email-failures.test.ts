/** The SMTP failure table: each kind of failure nodemailer reports, and what the dispatcher does. */
import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../electron/backend/gateways/email/email-failures.ts';

const err = (fields: Record<string, unknown>, message = 'failed') => Object.assign(new Error(message), fields);

describe('classifySmtpError', () => {
  it.each([
    ['connection refused', err({ code: 'ESOCKET' }, 'connect ECONNREFUSED 127.0.0.1:25'), 'transient', 'refused'],
    ['refused (errno)', err({ code: 'ECONNREFUSED' }), 'transient', 'refused'],
    ['DNS', err({ code: 'EDNS' }, 'getaddrinfo ENOTFOUND mail.example.org'), 'transient', 'dns'],
    ['DNS try again', err({ code: 'EAI_AGAIN' }), 'transient', 'dns'],
    ['greeting timeout', err({ code: 'ETIMEDOUT' }, 'Greeting never received'), 'transient', 'timeout'],
    ['reset', err({ code: 'ECONNECTION' }, 'read ECONNRESET'), 'transient', 'connection'],
    ['network unreachable', err({ code: 'ESOCKET' }, 'connect ENETUNREACH 10.0.0.1:587'), 'transient', 'connection'],
    ['451 local error', err({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }), 'transient', 'smtp-451'],
    ['421 service unavailable', err({ code: 'EPROTOCOL', responseCode: 421 }), 'transient', 'smtp-421'],
    ['550 mailbox unavailable', err({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }), 'permanent', 'smtp-550'],
    ['553 not allowed', err({ code: 'EENVELOPE', responseCode: 553, command: 'RCPT TO' }), 'permanent', 'smtp-553'],
    ['552 too large', err({ code: 'EMESSAGE', responseCode: 552, command: 'DATA' }), 'permanent', 'smtp-552'],
    ['554 other 5xx', err({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }), 'permanent', 'smtp-554'],
    ['5xx on MAIL FROM: every e-mail would fail', err({ code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' }), 'gateway', 'smtp-550-from'],
    ['535 bad password', err({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }), 'permanent', 'auth'],
    ['530 login required', err({ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }), 'permanent', 'auth'],
    ['no credentials', err({ code: 'ENOAUTH' }), 'permanent', 'auth'],
    ['TLS', err({ code: 'ETLS' }, 'Error initiating TLS'), 'gateway', 'tls'],
    ['self-signed', err({ code: 'ESOCKET' }, 'self-signed certificate'), 'gateway', 'tls'],
    ['node TLS code', err({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'gateway', 'tls'],
    ['bad config', err({ code: 'ECONFIG' }), 'gateway', 'config'],
    ['anything else', new Error('surprise'), 'transient', 'unknown'],
    ['not even an Error', 'boom', 'transient', 'unknown'],
  ])('%s -> %s', (_name, error, kind, code) => {
    expect(classifySmtpError(error)).toMatchObject({ kind, code });
  });

  it('never quotes the server (its reply may hold the address)', () => {
    const e = classifySmtpError(err({ code: 'EENVELOPE', responseCode: 550, response: '550 <amina@example.com> unknown' }, '550 <amina@example.com> unknown'));
    expect(e.reason).not.toContain('amina');
    expect(e.message).not.toContain('amina');
  });
});
