export { DEFAULT_EMAIL_TIMEOUTS, DEFAULT_PORTS, EMAIL_GATEWAY_ID, type EmailConfig, type EmailSecurity, type EmailTimeouts } from './email-config.ts';
export { classifySmtpError, SMTP_FAILURE_TABLE } from './email-failures.ts';
export { EmailGateway, type EmailGatewayOptions } from './email-gateway.ts';
export { EmailSetup } from './email-setup.ts';
export { type MailTransport, type MailTransportFactory, nodemailerTransportFactory } from './mail-transport.ts';
export { KeyFileSecretStore, type SecretProtection, type SecretStore, SecretStoreError } from './secret-store.ts';
export { parseSmtpUrl, SmtpUrlError } from './smtp-url.ts';
