/**
 * settings: typed key/value pairs, each value stored as JSON. A key never written reads as its
 * default, so a new setting needs no migration.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { CrashRecoveryPolicy, PrefixRule, RoutingPolicy } from '../../../../src-shared/model.ts';
import { LOW_SPACE_MB } from '../../../../src-shared/contract/storage.ts';
import { BACKUP_EVERY_HOURS, BACKUP_KEEP, type BackupFailureCode } from '../../../../src-shared/contract/backup-commands.ts';
import { DELIVERY_REPORT_WAIT_MINUTES } from '../../../../src-shared/contract/delivery-report-wait.ts';
import { RETENTION_MONTHS } from '../../../../src-shared/contract/deletion-commands.ts';
import { DEFAULT_SEND_WINDOW, type SendWindow } from '../../../../src-shared/schedule/send-window.ts';
import { DEFAULT_SENSITIVE_WORDS } from '../../../../src-shared/templates/merge-fields.ts';
import { DEFAULT_OPT_IN_WORDS, DEFAULT_OPT_OUT_WORDS } from '../../../../src-shared/replies/consent-words.ts';
import { DEFAULT_REPLY_WORDS, type ReplyWords } from '../../../../src-shared/replies/appointment-words.ts';
import { parseJson } from './json-column.ts';
import type { DatabaseDamageRecord } from '../damaged-database.ts';

export interface RetrySettings {
  /** Attempts (including the first) before a transiently failing message is failed. */
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long. */
  backoffBaseMs: number;
  /** No wait is longer than this. */
  backoffMaxMs: number;
}

export type { PrefixRule, RoutingPolicy } from '../../../../src-shared/model.ts';

export interface Settings {
  /** ISO 3166 alpha-2 country for numbers typed without a country code. */
  defaultCountry: string;
  /** The most SMS parts one message may be split into. */
  maxSmsParts: number;
  /** Ask the network for delivery reports. */
  statusReports: boolean;
  crashRecovery: CrashRecoveryPolicy;
  /**
   * The SIM PIN of older versions, in plain text: sealed into modemPinSealed at the first start
   * with a SecretStore (createBackend), then cleared.
   */
  modemPin: string | null;
  /** The SIM PIN for every modem that has none of its own, sealed by the host's SecretStore. */
  modemPinSealed: string | null;
  /** Hang up incoming calls on the modems (they are logged as missed calls either way). */
  rejectCalls: boolean;
  /** The USSD code of the balance check (gateways.checkBalance), e.g. '*100#'. */
  ussdBalanceCode: string;
  retry: RetrySettings;
  /** The interface language (BCP 47, e.g. 'en', 'sw'). */
  language: string;
  /**
   * The language of patients' messages (templates, reminders, automatic answers) for a contact
   * with none of their own; null: the interface language. Its own setting, so a nurse who
   * switches the screen to English does not switch what patients receive (a new user's trial).
   */
  messageLanguage: string | null;
  /**
   * How long the parts of a long incoming SMS wait for their missing siblings before what came
   * is shown as one message marked incomplete.
   */
  multipartTimeoutMinutes: number;
  /** Which idle gateway takes the next message when several could (dispatcher.ts). */
  routing: RoutingPolicy;
  /** Ordered; the first rule whose prefix matches wins. Used when routing is 'prefix'. */
  prefixRules: PrefixRule[];
  /** Per gateway id: the most messages it sends per local day (SIM bundles). Absent = no cap. */
  dailyCaps: Record<string, number>;
  /** "Use new modems automatically": the first modem found is always used; later ones only with this on. */
  autoAdoptModems: boolean;
  /** Where detection looks besides the system's list (glob patterns); null = this computer's default (port-search.ts). */
  modemSearch: string[] | null;
  /** Warn when the data folder's disk has less than this free, in MiB (disk/storage-monitor.ts). */
  lowSpaceMb: number;
  /** Minutes a sent SMS waits for its delivery report before it reads "Sent — no delivery report yet" (delivery-report-wait.ts). */
  deliveryReportWaitMinutes: number;
  /** "Pause automated sending": reminders and other automated scheduled sends wait, past their time, until resumed (a nurse's own go). */
  automatedPaused: boolean;
  /** The clinic's name for the {clinic} merge field of templates; '' = not set (a template using it is then refused). */
  clinicName: string;
  /** Words the template editor warns about: a diagnosis, a drug, a result (src-shared/templates/merge-fields.ts). */
  sensitiveWords: string[];
  /** A reply that is one of these, whole, opts its number out (src-shared/replies/consent-words.ts). */
  optOutWords: string[];
  /** A reply that is one of these, whole, opts its number back in. */
  optInWords: string[];
  /** Whole replies that confirm the next appointment or ask for another time, per language (src-shared/replies/appointment-words.ts). */
  replyWords: ReplyWords;
  /** The most automatic answers one number gets in a clinic day (a loop with another machine stops there). */
  autoRepliesPerDay: number;
  /** The clinic's time zone (IANA, "Africa/Nairobi"); null = the computer's (src-shared/schedule/clinic-time.ts). */
  timeZone: string | null;
  /** When automated messages may go, clinic time (src-shared/schedule/send-window.ts). */
  sendWindow: SendWindow;
  /** Set in a database that replaced a damaged one (store/damaged-database.ts); never changed through settings.update. */
  databaseDamage: DatabaseDamageRecord | null;
  /** The desktop app starts (hidden, in the tray) when the user logs in (electron/main/login-item.ts); the headless host ignores it. */
  startAtLogin: boolean;
  /** The desktop app has said once that it keeps running when its window is closed (electron/main/background.ts); not in the contract. */
  trayNoticeShown: boolean;
  /** Where automatic backups go (backup/backup-schedule.ts); null: off until an administrator picks a folder (backups.configure). */
  backupFolder: string | null;
  /** How many backups are kept, the newest included. */
  backupKeep: number;
  /** Hours between automatic backups. */
  backupEveryHours: number;
  /** The last backup made (backup/backup-schedule.ts), for "last backup" and the 2-day warning. */
  lastBackup: { at: string; name: string; folder: string; bytes: number } | null;
  /** The last attempt that made none; cleared by the next backup made. */
  lastBackupFailure: { at: string; code: BackupFailureCode; message: string } | null;
  /** Delete messages older than this many months (retention/retention-service.ts); null: keep everything (RETENTION_MONTHS). */
  retentionMonths: number | null;
  /** Ask who is at the desk (issue 13); off while there is one user, until an administrator turns it on (users.setSignIn, not settings.update). */
  signInRequired: boolean;
  /** With sign-in on: the screen locks after this many minutes of no use; null: only on demand. */
  lockAfterMinutes: number | null;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  defaultCountry: 'KE',
  maxSmsParts: 10,
  statusReports: true,
  crashRecovery: 'resend-flag-duplicate',
  modemPin: null,
  modemPinSealed: null,
  rejectCalls: true,
  ussdBalanceCode: '*100#',
  retry: Object.freeze({ maxAttempts: 5, backoffBaseMs: 30_000, backoffMaxMs: 30 * 60_000 }),
  language: 'en',
  messageLanguage: null,
  multipartTimeoutMinutes: 10,
  routing: 'round-robin',
  prefixRules: Object.freeze([]) as unknown as PrefixRule[],
  dailyCaps: Object.freeze({}) as Record<string, number>,
  autoAdoptModems: true,
  modemSearch: null,
  lowSpaceMb: LOW_SPACE_MB.default,
  deliveryReportWaitMinutes: DELIVERY_REPORT_WAIT_MINUTES.default,
  automatedPaused: false,
  clinicName: '',
  sensitiveWords: DEFAULT_SENSITIVE_WORDS as string[],
  optOutWords: DEFAULT_OPT_OUT_WORDS as string[],
  optInWords: DEFAULT_OPT_IN_WORDS as string[],
  replyWords: DEFAULT_REPLY_WORDS,
  autoRepliesPerDay: 3,
  timeZone: null,
  sendWindow: DEFAULT_SEND_WINDOW,
  databaseDamage: null,
  startAtLogin: true,
  trayNoticeShown: false,
  backupFolder: null,
  backupKeep: BACKUP_KEEP.default,
  backupEveryHours: BACKUP_EVERY_HOURS.default,
  lastBackup: null,
  lastBackupFailure: null,
  retentionMonths: RETENTION_MONTHS.default,
  signInRequired: false,
  lockAfterMinutes: 10,
});

export class SettingsRepository {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  /** The language a patient with no language of their own is written to in: messageLanguage, else the interface language. */
  patientLanguage(): string {
    return this.get('messageLanguage') ?? this.get('language');
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    const fallback = DEFAULT_SETTINGS[key];
    const stored = parseJson<Settings[K] | undefined>(this.getStmt.get(key)?.value, undefined);
    if (stored === undefined) return fallback;
    // A retry object written by an older version may lack a newer field.
    if (key === 'retry') return { ...DEFAULT_SETTINGS.retry, ...(stored as RetrySettings) } as Settings[K];
    return stored;
  }

  set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  /** Back to the default. */
  reset(key: keyof Settings): void {
    this.deleteStmt.run(key);
  }

  all(): Settings {
    return {
      defaultCountry: this.get('defaultCountry'),
      maxSmsParts: this.get('maxSmsParts'),
      statusReports: this.get('statusReports'),
      crashRecovery: this.get('crashRecovery'),
      modemPin: this.get('modemPin'),
      modemPinSealed: this.get('modemPinSealed'),
      rejectCalls: this.get('rejectCalls'),
      ussdBalanceCode: this.get('ussdBalanceCode'),
      retry: this.get('retry'),
      language: this.get('language'),
      messageLanguage: this.get('messageLanguage'),
      multipartTimeoutMinutes: this.get('multipartTimeoutMinutes'),
      routing: this.get('routing'),
      prefixRules: this.get('prefixRules'),
      dailyCaps: this.get('dailyCaps'),
      autoAdoptModems: this.get('autoAdoptModems'),
      modemSearch: this.get('modemSearch'),
      lowSpaceMb: this.get('lowSpaceMb'),
      deliveryReportWaitMinutes: this.get('deliveryReportWaitMinutes'),
      automatedPaused: this.get('automatedPaused'),
      clinicName: this.get('clinicName'),
      sensitiveWords: this.get('sensitiveWords'),
      optOutWords: this.get('optOutWords'),
      optInWords: this.get('optInWords'),
      replyWords: this.get('replyWords'),
      autoRepliesPerDay: this.get('autoRepliesPerDay'),
      timeZone: this.get('timeZone'),
      sendWindow: this.get('sendWindow'),
      databaseDamage: this.get('databaseDamage'),
      startAtLogin: this.get('startAtLogin'),
      trayNoticeShown: this.get('trayNoticeShown'),
      backupFolder: this.get('backupFolder'),
      backupKeep: this.get('backupKeep'),
      backupEveryHours: this.get('backupEveryHours'),
      lastBackup: this.get('lastBackup'),
      lastBackupFailure: this.get('lastBackupFailure'),
      signInRequired: this.get('signInRequired'),
      lockAfterMinutes: this.get('lockAfterMinutes'),
      retentionMonths: this.get('retentionMonths'),
    };
  }
}
