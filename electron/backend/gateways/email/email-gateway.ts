/**
 * The e-mail gateway: one SMTP submission per recipient through nodemailer (a fresh connection
 * each time, so a clinic link that drops between sends leaves nothing stale behind).
 *
 * It never checks the network on its own: a clinic's internet is often down and the dispatcher
 * already retries with backoff. What the sends learn shows in status(): a transient failure
 * keeps it `running` (it can send, and the next retry may work) with a plain-words problem; an
 * authentication or TLS failure (`gateway` kind) turns it to `error`, which only a person fixes
 * (new settings, or Start on the panel).
 */
import type { EmailGatewayStatus, EmailProblemCode, GatewayState } from '../../../../src-shared/model.ts';
import { type Logger, silentLogger } from '../../logger.ts';
import { type Gateway, type GatewayListener, GatewaySendError, type OutgoingItem, type SendResult } from '../gateway.ts';
import { DEFAULT_EMAIL_TIMEOUTS, EMAIL_GATEWAY_ID, type EmailConfig, type EmailTimeouts, smtpTransportOptions } from './email-config.ts';
import { classifySmtpError, classifySmtpFailure, emailProblemCode, readSmtpFailure } from './email-failures.ts';
import { type MailTransport, type MailTransportFactory, nodemailerTransportFactory } from './mail-transport.ts';

export interface EmailGatewayOptions {
  id?: string;
  config: EmailConfig;
  transportFactory?: MailTransportFactory;
  timeouts?: Partial<EmailTimeouts>;
  log?: Logger;
}

/** The result of a connection test, in words. */
export interface EmailTestResult {
  ok: boolean;
  /** A stable code: 'ok', or the failure table's code. */
  code: string;
  message: string;
}

export class EmailGateway implements Gateway {
  readonly id: string;
  readonly protocol = 'email' as const;
  private config: EmailConfig;
  private readonly factory: MailTransportFactory;
  private readonly timeouts: EmailTimeouts;
  private readonly log: Logger;
  private transport: MailTransport | null = null;
  private state: GatewayState = 'stopped';
  private problem: EmailProblemCode | null = null;
  private lastFailureCode: string | null = null;
  private readonly listeners = new Set<GatewayListener>();

  constructor(options: EmailGatewayOptions) {
    this.id = options.id ?? EMAIL_GATEWAY_ID;
    this.config = { ...options.config };
    this.factory = options.transportFactory ?? nodemailerTransportFactory;
    this.timeouts = { ...DEFAULT_EMAIL_TIMEOUTS, ...options.timeouts };
    this.log = options.log ?? silentLogger;
  }

  status(): EmailGatewayStatus {
    return {
      id: this.id,
      protocol: 'email',
      kind: 'email',
      state: this.state,
      problem: this.problem === null ? null : { code: this.problem },
      // The server and the security mode are the clinic's settings, not patient data.
      detail: { server: `${this.config.host}:${this.config.port}`, security: this.config.security, lastFailure: this.lastFailureCode },
    };
  }

  canSend(): boolean {
    return this.state === 'running';
  }

  async start(): Promise<void> {
    if (this.state === 'running') return;
    this.transport ??= this.factory(smtpTransportOptions(this.config, this.timeouts));
    this.log.info('E-mail gateway started', { gateway: this.id, security: this.config.security });
    this.setState('running', null, null);
  }

  async stop(): Promise<void> {
    this.transport?.close();
    this.transport = null;
    if (this.state !== 'stopped') this.setState('stopped', null, null);
  }

  /** New settings: a fresh transport, and a fresh start if it was not stopped by a person. */
  async reconfigure(config: EmailConfig): Promise<void> {
    const wasStopped = this.state === 'stopped';
    this.transport?.close();
    this.transport = null;
    this.config = { ...config };
    this.state = 'stopped';
    if (!wasStopped) await this.start();
    else this.emit();
  }

  /** @throws GatewaySendError (see email-failures.ts) */
  async send(item: OutgoingItem): Promise<SendResult> {
    const transport = this.transport;
    if (!transport || this.state !== 'running') throw new GatewaySendError('gateway', 'not-running', 'The e-mail gateway is not running.');
    try {
      const info = await transport.sendMail({ from: this.config.from, to: item.address, subject: item.subject ?? '', text: item.content });
      this.log.info('E-mail sent', { gateway: this.id, recipientId: item.recipientId, attempt: item.attempt });
      if (this.problem !== null && this.state === 'running') this.setState('running', null, null);
      return { references: info.messageId === '' ? [] : [info.messageId], origin: this.config.from };
    } catch (err) {
      const { error: failure, stopsGateway } = classifySmtpFailure(err);
      const seen = readSmtpFailure(err);
      // Codes only: the server's reply text may quote the address.
      this.log.warn('E-mail not sent', { gateway: this.id, recipientId: item.recipientId, kind: failure.kind, code: failure.code, smtpCode: seen.code, responseCode: seen.responseCode, command: seen.command });
      if (stopsGateway) this.setState('error', emailProblemCode(failure.code), failure.code);
      else if (failure.kind === 'transient' && failure.code !== 'unknown' && !failure.code.startsWith('smtp-')) this.setState('running', emailProblemCode(failure.code), failure.code);
      throw failure;
    }
  }

  /**
   * Connects, starts TLS, logs in and hangs up (nodemailer's verify), with this gateway's
   * settings or the ones given. Never throws: the answer is in words.
   */
  async test(config: EmailConfig = this.config): Promise<EmailTestResult> {
    const transport = this.factory(smtpTransportOptions(config, this.timeouts));
    try {
      await transport.verify();
      return { ok: true, code: 'ok', message: 'The mail server answered and accepted the settings.' };
    } catch (err) {
      const failure = classifySmtpError(err);
      return { ok: false, code: failure.code, message: failure.reason };
    } finally {
      transport.close();
    }
  }

  onStatus(listener: GatewayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: GatewayState, problem: EmailProblemCode | null, failureCode: string | null): void {
    if (state === this.state && problem === this.problem && failureCode === this.lastFailureCode) return;
    this.state = state;
    this.problem = problem;
    this.lastFailureCode = failureCode;
    this.emit();
  }

  private emit(): void {
    const status = this.status();
    for (const listener of [...this.listeners]) listener(status);
  }
}
