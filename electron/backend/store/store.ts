/**
 * The Store: one database connection and its repositories. Services write through it; each
 * multi-row change goes through `transaction`, so it commits whole or not at all.
 */
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { prepareDataDir, resolveDataDir } from './data-dir.ts';
import { asDiskFull, DiskFullError } from './disk-full.ts';
import { type Db, openDatabase } from './open-database.ts';
import { type Checkpointer, startCheckpointer } from './checkpointer.ts';
import type { Logger } from '../logger.ts';
import { ContactQueryRepository } from './repositories/contact-query-repository.ts';
import { ContactRepository } from './repositories/contact-repository.ts';
import { ConversationRepository } from './repositories/conversation-repository.ts';
import { DeliveryPartRepository } from './repositories/delivery-part-repository.ts';
import { GatewayConfigRepository } from './repositories/gateway-config-repository.ts';
import { GroupRepository } from './repositories/group-repository.ts';
import { MessageRepository } from './repositories/message-repository.ts';
import { PartRepository } from './repositories/part-repository.ts';
import { ReceivedPduRepository } from './repositories/received-pdu-repository.ts';
import { RecipientRepository } from './repositories/recipient-repository.ts';
import { SettingsRepository } from './repositories/settings-repository.ts';
import { StatusLogRepository } from './repositories/status-log-repository.ts';
import { UnreadablePduRepository } from './repositories/unreadable-pdu-repository.ts';
import { ConsentRepository } from './repositories/consent-repository.ts';
import { AttentionRepository } from './repositories/attention-repository.ts';
import { StatsRepository } from './repositories/stats-repository.ts';
import { MessageSearchRepository } from './repositories/message-search-repository.ts';
import { KeywordRepository } from './repositories/keyword-repository.ts';
import { AppointmentRepository } from './repositories/appointment-repository.ts';
import { ReminderPlanRepository } from './repositories/reminder-plan-repository.ts';
import { TemplateRepository } from './repositories/template-repository.ts';
import { DeletionRepository } from './repositories/deletion-repository.ts';
import { UserRepository } from './repositories/user-repository.ts';
import { ApiKeyRepository } from './repositories/api-key-repository.ts';
import { AuditRepository } from './repositories/audit-repository.ts';

/**
 * Told how each top-level transaction went, so the disk's state follows what writes really do
 * (disk/storage-monitor.ts; docs/ARCHITECTURE.md "Field survival": full disk).
 */
export interface WriteObserver {
  /** The folder named in a DiskFullError's details. */
  readonly dataDir: string | null;
  /** The free space was last seen under the low-space threshold (an ambiguous I/O error then counts as a full disk). */
  spaceLow(): boolean;
  /** A transaction that changed rows committed. */
  writeSucceeded(): void;
  /** A transaction failed because the disk is full (it rolled back). */
  writeFailed(error: DiskFullError): void;
}

export class Store {
  readonly messages: MessageRepository;
  readonly recipients: RecipientRepository;
  readonly statusLog: StatusLogRepository;
  readonly contacts: ContactRepository;
  readonly conversations: ConversationRepository;
  readonly settings: SettingsRepository;
  readonly gatewayConfigs: GatewayConfigRepository;
  readonly contactQueries: ContactQueryRepository;
  readonly groups: GroupRepository;
  /** sms_parts: the parts of concatenated SMS still waiting for their siblings. */
  readonly parts: PartRepository;
  /** delivery_parts and the `sent` rows a status report may be about. */
  readonly deliveryParts: DeliveryPartRepository;
  /** unreadable_pdus: received PDUs the codec refused, kept here instead of on the SIM. */
  readonly unreadablePdus: UnreadablePduRepository;
  /** received_pdus: fingerprints of committed deliveries, so a re-read after a crash is not stored twice. */
  readonly receivedPdus: ReceivedPduRepository;
  /** templates, reminder_plans, appointments and their reminders (migration 008). */
  readonly templates: TemplateRepository;
  readonly reminderPlans: ReminderPlanRepository;
  readonly appointments: AppointmentRepository;
  readonly consent: ConsentRepository;
  readonly attention: AttentionRepository;
  readonly stats: StatsRepository;
  readonly messageSearch: MessageSearchRepository;
  readonly keywords: KeywordRepository;
  /** Deleting messages, threads and contacts with their history (issue 13 "Retention"). */
  readonly deletion: DeletionRepository;
  /** users, api_keys, audit_log (migration 014). */
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;

  constructor(
    readonly db: Db,
    clock: Clock = systemClock,
  ) {
    this.messages = new MessageRepository(db);
    this.recipients = new RecipientRepository(db);
    this.statusLog = new StatusLogRepository(db);
    this.contacts = new ContactRepository(db, clock);
    this.conversations = new ConversationRepository(db);
    this.settings = new SettingsRepository(db);
    this.gatewayConfigs = new GatewayConfigRepository(db);
    this.contactQueries = new ContactQueryRepository(db);
    this.groups = new GroupRepository(db);
    this.parts = new PartRepository(db);
    this.deliveryParts = new DeliveryPartRepository(db);
    this.unreadablePdus = new UnreadablePduRepository(db);
    this.receivedPdus = new ReceivedPduRepository(db);
    this.templates = new TemplateRepository(db);
    this.reminderPlans = new ReminderPlanRepository(db);
    this.appointments = new AppointmentRepository(db);
    this.consent = new ConsentRepository(db);
    this.attention = new AttentionRepository(db);
    this.stats = new StatsRepository(db);
    this.messageSearch = new MessageSearchRepository(db);
    this.keywords = new KeywordRepository(db);
    this.deletion = new DeletionRepository(db);
    this.users = new UserRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.audit = new AuditRepository(db);
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (the write lock is taken at BEGIN, so two
   * connections never both read-then-write the same rows). Nested calls become savepoints.
   * `fn` must be synchronous. Rethrows whatever `fn` throws, after rolling back.
   */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)();
    const observer = this.writeObserver;
    const before = observer ? this.totalChanges() : 0;
    let result: T;
    try {
      result = this.db.transaction(fn).immediate();
    } catch (error) {
      // better-sqlite3 rolls back a failed statement or COMMIT, so nothing was saved half-way.
      const typed = asDiskFull(error, observer?.dataDir ?? null, observer?.spaceLow() ?? false);
      if (typed instanceof DiskFullError) observer?.writeFailed(typed);
      throw typed;
    }
    // Only a commit that wrote something says the disk takes writes again (a claim that found
    // nothing due commits an empty transaction).
    if (observer && this.totalChanges() !== before) observer.writeSucceeded();
    return result;
  }

  /** Inside a transaction: what is written now is not committed yet (announce it after the outer one). */
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Follows every top-level transaction's outcome (one observer; null to stop). */
  observeWrites(observer: WriteObserver | null): void {
    this.writeObserver = observer;
  }

  private writeObserver: WriteObserver | null = null;
  private totalChangesStmt: { get(): unknown } | null = null;

  /** SQLite's count of rows changed on this connection since it opened (sqlite.org/lang_corefunc.html#total_changes). */
  private totalChanges(): number {
    this.totalChangesStmt ??= this.db.prepare('SELECT total_changes()').pluck();
    return Number(this.totalChangesStmt.get());
  }

  /** Checkpoints this database's WAL on another thread from now on (checkpointer.ts); stop it before close(). */
  checkpointOnThread(options: { path: string; key: Buffer | null; logger: Logger }): Checkpointer {
    return startCheckpointer(this.db, options);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export interface OpenStoreOptions {
  /** The data folder; by default the OS's user-data folder (see resolveDataDir). */
  dataDir?: string | null;
  /** A database path instead of a data folder: ':memory:' for tests. */
  path?: string;
  clock?: Clock;
  busyTimeoutMs?: number;
  /** The database key (database-key.ts); null or absent: plain. */
  key?: Buffer | null;
}

/**
 * Opens (creating if needed) and migrates the database.
 * @throws DatabaseTooNewError if the database was written by a newer Ujumbe.
 * @throws the file system's or SQLite's error if the folder or file cannot be opened.
 */
export function openStore(options: OpenStoreOptions = {}): Store {
  const path = options.path ?? prepareDataDir(resolveDataDir(options.dataDir));
  const db = openDatabase({ path, key: options.key ?? null, ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }) });
  return new Store(db, options.clock ?? systemClock);
}
