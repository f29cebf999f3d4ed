/**
 * The mail transport as an injectable edge (docs/ARCHITECTURE.md "Habits": injectable edges): the gateway sees only this narrow
 * interface; the default factory is nodemailer's SMTP transport, tests may pass their own.
 */
import nodemailer from 'nodemailer';
import type { SmtpTransportOptions } from './email-config.ts';

export interface MailEnvelope {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** @throws nodemailer's errors (code, responseCode, command); email-failures.ts reads them. */
  sendMail(mail: MailEnvelope): Promise<{ messageId: string }>;
  /** Connects, greets, starts TLS and logs in, then hangs up. @throws as sendMail. */
  verify(): Promise<unknown>;
  close(): void;
}

export type MailTransportFactory = (options: SmtpTransportOptions) => MailTransport;

export const nodemailerTransportFactory: MailTransportFactory = (options) => {
  const transport = nodemailer.createTransport(options);
  return {
    sendMail: async (mail) => {
      const info = (await transport.sendMail(mail)) as { messageId?: unknown };
      return { messageId: typeof info.messageId === 'string' ? info.messageId : '' };
    },
    verify: () => transport.verify(),
    close: () => transport.close(),
  };
};
