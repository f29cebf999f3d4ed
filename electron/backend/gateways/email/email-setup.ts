/**
 * The e-mail gateway's settings, kept in the `gateways` table (row id `email`, kind `email`):
 * the config column holds host, port, security, user, from and trustSelfSigned in clear and the
 * password only as sealed by the host's SecretStore (with which protection sealed it).
 * A `--smtp` URL given to `ujumbe serve` is used instead, in memory only, until someone saves
 * settings in the panel.
 */
import type { EmailSettingsDto } from '../../../../src-shared/contract/dto.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { DEFAULT_PORTS, EMAIL_GATEWAY_ID, EMAIL_SECURITIES, type EmailConfig, type EmailSecurity, type EmailTimeouts } from './email-config.ts';
import { EmailGateway } from './email-gateway.ts';
import type { MailTransportFactory } from './mail-transport.ts';
import { type SecretProtection, type SecretStore, SecretStoreError } from './secret-store.ts';

export const PROTECTION_WORDS: Readonly<Record<SecretProtection | 'none', string>> = {
  'keychain': 'Encrypted with the system keychain',
  'key-file': 'Encrypted with a key file in the data folder',
  'none': 'No safe place to keep a password on this computer; it cannot be saved',
};

/** What the config column holds. */
interface StoredEmailConfig {
  host: string;
  port: number;
  security: EmailSecurity;
  user: string;
  from: string;
  trustSelfSigned: boolean;
  passwordSealed: string | null;
  protection: SecretProtection | null;
}

export interface EmailSetupOptions {
  store: Store;
  secretStore: SecretStore | null;
  transportFactory?: MailTransportFactory;
  timeouts?: Partial<EmailTimeouts>;
  logger: Logger;
  /** From the command line: used instead of the saved settings, never written. */
  override?: EmailConfig | null;
}

export class EmailSetup {
  readonly secretStore: SecretStore | null;
  private override: EmailConfig | null;

  constructor(private readonly options: EmailSetupOptions) {
    this.secretStore = options.secretStore;
    this.override = options.override ?? null;
  }

  /** The settings the gateway should run with now, or null when no mail server is set. */
  config(): EmailConfig | null {
    if (this.override) return { ...this.override };
    const stored = this.stored();
    if (!stored) return null;
    let password: string | null = null;
    if (stored.passwordSealed !== null) {
      try {
        password = this.open(stored.passwordSealed);
      } catch (err) {
        // The gateway then fails to log in and says so; the panel asks for the password again.
        this.options.logger.warn('The saved e-mail password cannot be read', { code: err instanceof SecretStoreError ? err.code : 'error' });
      }
    }
    return { host: stored.host, port: stored.port, security: stored.security, user: stored.user, from: stored.from, trustSelfSigned: stored.trustSelfSigned, password };
  }

  source(): EmailSettingsDto['source'] {
    if (this.override) return 'command-line';
    return this.stored() ? 'saved' : 'none';
  }

  /** Builds the gateway for the current settings, or null. */
  createGateway(): EmailGateway | null {
    const config = this.config();
    return config ? this.gatewayFor(config) : null;
  }

  gatewayFor(config: EmailConfig): EmailGateway {
    return new EmailGateway({
      id: EMAIL_GATEWAY_ID,
      config,
      log: this.options.logger,
      ...(this.options.transportFactory ? { transportFactory: this.options.transportFactory } : {}),
      ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
    });
  }

  dto(): EmailSettingsDto {
    const config = this.config();
    const protection = this.secretStore?.protection ?? null;
    const source = this.source();
    const stored = source === 'saved' ? this.stored() : null;
    return {
      configured: config !== null,
      source,
      host: config?.host ?? '',
      port: config?.port ?? DEFAULT_PORTS.starttls,
      security: config?.security ?? 'starttls',
      user: config?.user ?? '',
      from: config?.from ?? '',
      trustSelfSigned: config?.trustSelfSigned ?? false,
      // A saved one that can no longer be opened counts as set: the panel says to enter it again
      // through the failed test / login, and saving without a password keeps it.
      passwordSet: source === 'saved' ? stored?.passwordSealed != null : config?.password != null,
      protection,
      protectionText: PROTECTION_WORDS[protection ?? 'none'],
    };
  }

  /**
   * Saves new settings (the password sealed; undefined keeps the saved one, '' or null removes
   * it) and stops using a command-line override. Returns the config to run with.
   * @throws SecretStoreError, or UjumbeError `not-available` when a password must be sealed
   *   and this host has no SecretStore.
   */
  save(input: Omit<EmailConfig, 'password'> & { password?: string | null }, sealUnavailable: () => Error): EmailConfig {
    const previous = this.stored();
    let passwordSealed: string | null;
    let protection: SecretProtection | null;
    let password: string | null;
    if (input.password === undefined) {
      // Keep: the saved one, or the one the command line gave (now sealed and saved).
      if (this.override?.password != null && previous === null) {
        password = this.override.password;
        ({ passwordSealed, protection } = this.sealed(password, sealUnavailable));
      } else {
        passwordSealed = previous?.passwordSealed ?? null;
        protection = previous?.protection ?? null;
        password = passwordSealed === null ? null : this.tryOpen(passwordSealed);
      }
    } else if (input.password === null || input.password === '') {
      passwordSealed = null;
      protection = null;
      password = null;
    } else {
      password = input.password;
      ({ passwordSealed, protection } = this.sealed(password, sealUnavailable));
    }
    const stored: StoredEmailConfig = {
      host: input.host, port: input.port, security: input.security, user: input.user, from: input.from,
      trustSelfSigned: input.trustSelfSigned, passwordSealed, protection,
    };
    this.options.store.gatewayConfigs.save({ id: EMAIL_GATEWAY_ID, kind: 'email', protocol: 'email', config: { ...stored }, enabled: true });
    this.override = null;
    return { host: input.host, port: input.port, security: input.security, user: input.user, from: input.from, trustSelfSigned: input.trustSelfSigned, password };
  }

  private sealed(password: string, unavailable: () => Error): { passwordSealed: string; protection: SecretProtection } {
    if (!this.secretStore) throw unavailable();
    return { passwordSealed: this.secretStore.seal(password), protection: this.secretStore.protection };
  }

  private open(sealed: string): string {
    if (!this.secretStore) throw new SecretStoreError('No key to read the saved password with on this computer.');
    return this.secretStore.open(sealed);
  }

  private tryOpen(sealed: string): string | null {
    try {
      return this.open(sealed);
    } catch {
      return null;
    }
  }

  private stored(): StoredEmailConfig | null {
    const record = this.options.store.gatewayConfigs.get(EMAIL_GATEWAY_ID);
    if (!record || !record.enabled) return null;
    const c = record.config;
    const security = EMAIL_SECURITIES.find((s) => s === c.security);
    if (typeof c.host !== 'string' || typeof c.port !== 'number' || !security || typeof c.from !== 'string') return null;
    return {
      host: c.host,
      port: c.port,
      security,
      user: typeof c.user === 'string' ? c.user : '',
      from: c.from,
      trustSelfSigned: c.trustSelfSigned === true,
      passwordSealed: typeof c.passwordSealed === 'string' ? c.passwordSealed : null,
      protection: c.protection === 'keychain' || c.protection === 'key-file' ? c.protection : null,
    };
  }
}
