/**
 * The Store: one database connection and its repositories. Services write through it; each
 * multi-row change goes through `transaction`, so it commits whole or not at all.
 */
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { prepareDataDir, resolveDataDir } from './data-dir.ts';
import { type Db, openDatabase } from './open-database.ts';
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
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (the write lock is taken at BEGIN, so two
   * connections never both read-then-write the same rows). Nested calls become savepoints.
   * `fn` must be synchronous. Rethrows whatever `fn` throws, after rolling back.
   */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)();
    return this.db.transaction(fn).immediate();
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
}

/**
 * Opens (creating if needed) and migrates the database.
 * @throws DatabaseTooNewError if the database was written by a newer Ujumbe.
 * @throws the file system's or SQLite's error if the folder or file cannot be opened.
 */
export function openStore(options: OpenStoreOptions = {}): Store {
  const path = options.path ?? prepareDataDir(resolveDataDir(options.dataDir));
  const db = openDatabase({ path, ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }) });
  return new Store(db, options.clock ?? systemClock);
}
