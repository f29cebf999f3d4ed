/**
 * A real SMTP server for the e-mail gateway's tests: smtp-server's SMTPServer on 127.0.0.1,
 * with the faults the tests need (a mailbox that answers 550 or 451, a hang before the greeting,
 * going away and coming back on the same port) and a self-signed certificate from openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestCert {
  key: Buffer;
  cert: Buffer;
}

/** A self-signed certificate for 127.0.0.1, or null when openssl is not installed. */
export function makeSelfSignedCert(): TestCert | null {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ujumbe-cert-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } catch {
    return null;
  }
}

export interface TestSmtpOptions {
  /** 'tls' = implicit TLS; 'starttls' = offers STARTTLS; 'none' = plain only. */
  security: 'tls' | 'starttls' | 'none';
  cert?: TestCert | null;
  /** Require this login. */
  auth?: { user: string; pass: string };
  /** Fixed port (to come back on the same one); 0 = any. */
  port?: number;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Reply to RCPT TO for these mailboxes with this code. */
  readonly rcptReplies = new Map<string, number>();
  /** While true, connections get no greeting (a server that hangs). */
  hang = false;
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly options: TestSmtpOptions) {}

  static async start(options: TestSmtpOptions): Promise<TestSmtpServer> {
    const s = new TestSmtpServer(options);
    await s.listen(options.port ?? 0);
    return s;
  }

  async listen(port = this.port): Promise<void> {
    const { security, cert, auth } = this.options;
    const opts: SMTPServerOptions = {
      secure: security === 'tls',
      hideSTARTTLS: security === 'none',
      ...(cert ? { key: cert.key, cert: cert.cert } : {}),
      authOptional: !auth,
      ...(auth ? {} : { disabledCommands: ['AUTH'] }),
      // The tests log in over plain connections too ('none' mode on loopback).
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 200,
      onConnect: (_session, callback) => {
        if (this.hang) return; // never answer: the client's greeting timeout must fire
        callback();
      },
      onAuth: (a, _session, callback) => {
        if (auth && a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
        else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
      onRcptTo: (address, _session, callback) => {
        const code = this.rcptReplies.get(address.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({ from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    };
    const server = new SMTPServer(opts);
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** Goes away (connections refused) until listen() again. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
