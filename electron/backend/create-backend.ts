/**
 * The composition root: store, gateways, dispatcher and MessagingService, wired once, with every
 * I/O edge a parameter (docs/ARCHITECTURE.md "Habits": injectable edges): data folder or database path, serial port opener, clock,
 * timers and logger. Both hosts (Electron main, the headless host) and the CLI call this.
 */
import type { Protocol } from '../../src-shared/model.ts';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Clock, type Timers, isoAt, systemClock, systemTimers } from './clock.ts';
import { AccessService } from './access/access-service.ts';
import { AuditLog } from './access/audit-log.ts';
import { SYSTEM_ACTOR } from './access/actor.ts';
import { type FreeSpaceProbe, statfsFreeSpace } from './disk/free-space.ts';
import { StorageMonitor } from './disk/storage-monitor.ts';
import { OutboxDispatcher } from './dispatcher.ts';
import type { RecoverySummary } from './events.ts';
import type { EmailConfig, EmailTimeouts } from './gateways/email/email-config.ts';
import { EmailSetup } from './gateways/email/email-setup.ts';
import type { MailTransportFactory } from './gateways/email/mail-transport.ts';
import { KeyFileSecretStore, type SecretStore } from './gateways/email/secret-store.ts';
import { type DatabaseKey, type DatabaseKeySealer, type DataProtection, dataProtectionFor, loadOrCreateDatabaseKey } from './store/database-key.ts';
import { isPlainDatabase } from './store/open-database.ts';
import type { Gateway } from './gateways/gateway.ts';
import { GatewayManager, modemGatewayId as savedModemId } from './gateways/gateway-manager.ts';
import { type FolderWatcher, ModemDetection } from './gateways/modem/discovery/modem-detection.ts';
import { type PortProber, probePort } from './gateways/modem/discovery/port-probe.ts';
import { defaultModemSearch, listSystemPorts, type SystemPortLister } from './gateways/modem/discovery/port-search.ts';
import type { OpenPort } from './gateways/modem/modem-driver.ts';
import { type MissedCall, ModemGateway } from './gateways/modem/modem-gateway.ts';
import type { ProfileId } from './gateways/modem/profiles.ts';
import type { AtTimeouts } from './gateways/modem/timeouts.ts';
import { type Logger, silentLogger } from './logger.ts';
import { ScheduledSends } from './scheduled-sends.ts';
import { ConsentService } from './replies/consent-service.ts';
import { ReplyService } from './replies/reply-service.ts';
import { AppointmentService } from './reminders/appointment-service.ts';
import { seedBuiltIns } from './reminders/built-in.ts';
import { MessagingService } from './messaging.ts';
import { type BackupScheduleOptions, BackupSchedule } from './backup/backup-schedule.ts';
import { applyPendingRestore, type RestoreApplied } from './backup/backup-restore.ts';
import { recordRestore } from './backup/restore-record.ts';
import { DeletionService } from './retention/deletion-service.ts';
import { RetentionService } from './retention/retention-service.ts';
import { ReceivingService } from './receiving/receiving-service.ts';
import { DATABASE_FILE_NAME, prepareDataDir, resolveDataDir } from './store/data-dir.ts';
import { type DatabaseRecovery, type DatabaseStart, prepareDatabase } from './store/damaged-database.ts';
import { acquireDataFolderLock, type DataFolderHost } from './store/data-folder-lock.ts';
import { openStore, type Store } from './store/store.ts';

/** A modem pinned to a port by the caller (`--modem PATH`): saved like any other modem. */
export interface ModemConfig {
  /** The gateway id when it is first saved; default `modem:<path>`. */
  id?: string;
  path: string;
  profile?: ProfileId | 'auto';
  baudRate?: number;
  /** The SIM PIN for this run (not saved); default the saved one, else settings.modemPin. */
  pin?: string | null;
  timeouts?: Partial<AtTimeouts>;
}

/** Modem detection (gateways/modem/discovery/): on by default; tests point it at the simulator. */
export interface DetectionOptions {
  /** Search patterns for this run (UJUMBE_MODEM_SEARCH), instead of the `modemSearch` setting. */
  patterns?: readonly string[] | null;
  /** The system's port list; null = patterns only. Default SerialPort.list(). */
  list?: SystemPortLister | null;
  probe?: PortProber;
  watch?: FolderWatcher | false;
  pollMs?: number;
  listEveryMs?: number;
  debounceMs?: number;
  retryDelaysMs?: readonly number[];
}

export interface BackendOptions {
  /** The data folder (CLI --data-dir); default the OS's user-data folder. */
  dataDir?: string | null;
  /** A database path instead of a data folder (':memory:' in tests). */
  databasePath?: string;
  /**
   * Who takes the data folder's lock (store/data-folder-lock.ts) before the database opens: the
   * kind a second Ujumbe is told holds it. Default 'other'; false for a read-only look that takes
   * none (`ujumbe messages`). Never taken with databasePath.
   */
  dataFolderLock?: DataFolderHost | false;
  /**
   * The way on a person chose for a damaged database (store/damaged-database.ts): start empty,
   * or restore a copy. Applied only when the start-up check finds damage and the lock is held;
   * without one, a damaged database stops start-up with DatabaseDamagedError.
   */
  databaseRecovery?: DatabaseRecovery | null;
  modems?: readonly ModemConfig[];
  /** Extra gateways built by the caller (e-mail, tests). */
  gateways?: readonly Gateway[];
  openPort?: OpenPort;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** Wait before a modem that failed or vanished is opened again; 0 = never. */
  reconnectDelayMs?: number;
  /**
   * Modem detection: finds modems by themselves, adopts them, and finds a saved modem re-plugged
   * on another port by its IMEI. On unless `false`.
   */
  detection?: false | DetectionOptions;
  /**
   * Seals the e-mail password before it is saved (safeStorage on the desktop, a key file for the
   * headless host). Without one, a password can be used but not saved.
   */
  secretStore?: SecretStore | null;
  /**
   * The database is encrypted (issue 13 "Data at rest", store/database-key.ts) unless `false`;
   * its key is sealed by `sealer`: by default the secretStore, else the data folder's key file.
   * The headless host passes a PassphraseSealer when UJUMBE_DB_PASSPHRASE is set.
   */
  databaseEncryption?: false | { sealer?: DatabaseKeySealer };
  /** Checkpoints the WAL on another thread (store/checkpointer.ts) unless `false` (a fixture that closes the store itself). */
  walCheckpointer?: false;
  /** Backups (backup/backup-schedule.ts): the hook told of each backup made (the audit trail's), the timers, the worker file. */
  backups?: Pick<BackupScheduleOptions, 'onBackup' | 'timeouts' | 'workerFile'>;
  /** The e-mail gateway: settings from the command line (used instead of the saved ones, never written), transport and timeouts. */
  email?: { config?: EmailConfig | null; transportFactory?: MailTransportFactory; timeouts?: Partial<EmailTimeouts> };
  /**
   * The data folder's disk (disk/storage-monitor.ts): how free space is looked at (default
   * statfs; null = never), how often, and how soon a write a full disk refused is tried again by
   * the dispatcher and by receiving.
   */
  storage?: { freeSpace?: FreeSpaceProbe | null; checkEveryMs?: number; writeRetryMs?: number };
}

export interface Backend {
  readonly store: Store;
  /** The injected clock, for handlers that compute from "now" (e.g. report-wait.ts). */
  readonly clock: Clock;
  /** What the start-up check found, and what was done about damage; null with databasePath. */
  readonly databaseStart: DatabaseStart | null;
  readonly messaging: MessagingService;
  /** Sends that wait for their time: change the time or text, send now, cancel. */
  readonly scheduled: ScheduledSends;
  /** Appointments and the reminders their plan schedules. */
  readonly appointments: AppointmentService;
  readonly consent: ConsentService;
  readonly replies: ReplyService;
  readonly dispatcher: OutboxDispatcher;
  /** Received SMS and delivery reports from every modem. */
  readonly receiving: ReceivingService;
  /** The data folder's disk: ok, low on space, or full (writes failing). */
  readonly storage: StorageMonitor;
  /** The saved and running gateways: adding, adopting, disabling, forgetting, removing. */
  readonly manager: GatewayManager;
  /** The database's encryption (store/database-key.ts): its protection and the recovery code to show once; null when plain. */
  readonly dataProtection: DataProtection | null;
  /** Modem detection, or null when off. */
  readonly detection: ModemDetection | null;
  /** The search patterns detection uses now (this run's, the setting, or the default); null when detection is off. */
  detectionPatterns: (() => readonly string[]) | null;
  /** The e-mail gateway's settings (saved or from the command line) and how to build it. */
  readonly email: EmailSetup;
  /** The backend's logger, for handlers that record what a person did (ids and counts only). */
  readonly logger: Logger;
  /** Automatic backups and "Back up now" (backup/; docs/ARCHITECTURE.md "Backups"); null with databasePath. */
  readonly backups: BackupSchedule | null;
  /** The restore this start applied (backup/backup-restore.ts), for the audit trail and a notice; null mostly. */
  readonly restoreApplied: RestoreApplied | null;
  /** Deleting a message, a thread or a contact with its history, by hand (retention/deletion-service.ts). */
  readonly deletion: DeletionService;
  /** The `retentionMonths` setting at work: old messages deleted at start and daily (retention/retention-service.ts). */
  readonly retention: RetentionService;
  /** Users, sessions, API keys and the audit trail (access/; issue 13). */
  readonly access: AccessService;
  gateways(): readonly Gateway[];
  /**
   * Recovers sends a crash interrupted, then starts every gateway (a gateway that cannot start
   * reports why in its status; it does not fail the backend) and the dispatcher.
   */
  start(): Promise<RecoverySummary>;
  /**
   * Stops in reverse order: the dispatcher stops claiming and drains in-flight sends within the
   * deadline, then gateways close their ports, then the database closes. Never throws.
   */
  stop(options?: { deadlineMs?: number }): Promise<void>;
}

/** The gateway id of a modem pinned to a port (`--modem PATH`). */
export function modemGatewayId(path: string): string {
  return savedModemId({ path });
}

/**
 * Builds a backend. Takes the data folder's lock, then opens (and migrates) the database at once;
 * touches no hardware until start().
 * @throws DataFolderLockedError when another Ujumbe holds the data folder; DatabaseDamagedError
 *   (no way on chosen) or RestoreRefusedError (the copy cannot be used): nothing changed;
 *   DatabaseTooNewError, or the file system's error when the data folder cannot be used.
 */
export function createBackend(options: BackendOptions = {}): Backend {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger;
  // One Ujumbe per data folder, before anything in it is opened; released in stop() after the
  // database closes (and by the OS if this process dies).
  const lock =
    options.databasePath || options.dataFolderLock === false ? null : acquireDataFolderLock(resolveDataDir(options.dataDir), { host: options.dataFolderLock ?? 'other' });
  let store: Store;
  let databaseStart: DatabaseStart | null = null;
  let databaseKey: DatabaseKey | null = null;
  let keyDataDir: string | null = null;
  let keySealer: DatabaseKeySealer | null = null;
  let restoreApplied: RestoreApplied | null = null;
  try {
    // Checked before it is opened for use (migrations write): a damaged file is never changed,
    // and never silently replaced by an empty one. Ways on only with the lock held. The key
    // comes first: a key that cannot be unwrapped stops here (DatabaseKeyError), never as damage.
    if (!options.databasePath) {
      const dataDir = resolveDataDir(options.dataDir);
      const path = prepareDataDir(dataDir);
      // A restore checked while the app ran (backups.restore) moves in now, before the key and the check read the file.
      if (lock) restoreApplied = applyPendingRestore(dataDir, clock);
      if (options.databaseEncryption !== false) {
        const sealer = options.databaseEncryption?.sealer ?? options.secretStore ?? new KeyFileSecretStore(dataDir);
        keyDataDir = dataDir;
        keySealer = sealer;
        databaseKey = loadOrCreateDatabaseKey(dataDir, sealer, { databaseExists: existsSync(path) && statSync(path).size > 0, databaseIsPlain: isPlainDatabase(path) });
      }
      databaseStart = prepareDatabase(path, { recovery: options.databaseRecovery ?? null, holdsFolder: lock !== null, clock, key: databaseKey?.key ?? null });
    }
    store = openStore({ dataDir: options.dataDir ?? null, ...(options.databasePath ? { path: options.databasePath } : {}), clock, key: databaseKey?.key ?? null });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const dataProtection = databaseKey && keyDataDir && keySealer ? dataProtectionFor(keyDataDir, keySealer) : null;
  const access = new AccessService(store, clock, new AuditLog(store, clock, logger));
  if (restoreApplied) recordRestore(access.audit, restoreApplied);
  const backups = options.databasePath
    ? null
    : new BackupSchedule({
        store,
        databasePath: join(resolveDataDir(options.dataDir), DATABASE_FILE_NAME),
        key: databaseKey?.key ?? null,
        dataDir: resolveDataDir(options.dataDir),
        clock,
        timers,
        logger,
        recoveryCodePending: () => dataProtection?.status().recoveryCodePending ?? false,
        ...options.backups,
        onBackup: (made, trigger) => {
          // "Back up now" is audited as its caller (api/audit-table.ts); the timer's as the system.
          if (trigger === 'schedule') access.audit.append(SYSTEM_ACTOR, 'backup.made', `backup:${made.name}`);
          options.backups?.onBackup?.(made, trigger);
        },
      });
  // A data folder's database is checkpointed on another thread (store/checkpointer.ts).
  const checkpointer = options.databasePath || options.walCheckpointer === false ? null : store.checkpointOnThread({ path: join(resolveDataDir(options.dataDir), DATABASE_FILE_NAME), key: databaseKey?.key ?? null, logger });
  // The disk's state follows every transaction's outcome (store.ts WriteObserver): "full" when
  // a write fails for want of space, cleared by the next write that succeeds.
  const storage = new StorageMonitor({
    dataDir: options.databasePath ? (options.databasePath === ':memory:' ? null : dirname(options.databasePath)) : resolveDataDir(options.dataDir),
    lowSpaceMb: () => store.settings.get('lowSpaceMb'),
    freeSpace: options.storage?.freeSpace === undefined ? statfsFreeSpace : options.storage.freeSpace,
    clock,
    timers,
    logger,
    ...(options.storage?.checkEveryMs === undefined ? {} : { timeouts: { freeSpaceCheck: options.storage.checkEveryMs } }),
  });
  store.observeWrites(storage);
  const writeRetryMs = options.storage?.writeRetryMs;
  const dispatcher = new OutboxDispatcher({ store, clock, timers, logger, ...(writeRetryMs === undefined ? {} : { writeRetryMs }) });
  const messaging = new MessagingService({
    store,
    dispatcher,
    hasGatewayFor: (protocol: Protocol) => dispatcher.hasGatewayFor(protocol),
    clock,
    logger,
  });
  const scheduled = new ScheduledSends(store, dispatcher, clock);
  // The built-in templates and the default reminder plan; a clinic's own edits are kept.
  seedBuiltIns(store, isoAt(clock));

  // Every modem's +CMTI/+CMT/+CDS/+CDSI and start-up sweep end here: messages through
  // messaging.receive, delivery reports through the dispatcher's one status funnel.
  const receiving = new ReceivingService({
    store,
    receive: (incoming) => messaging.receive(incoming),
    changeStatus: (request) => dispatcher.changeStatus(request),
    // What a full disk left on a SIM is read again once writes may succeed.
    reread: (gatewayId) => {
      const gateway = dispatcher.gateways().find((g) => g.id === gatewayId);
      if (gateway instanceof ModemGateway) void gateway.sweepSim();
    },
    ...(writeRetryMs === undefined ? {} : { writeRetryMs }),
    clock,
    timers,
    logger,
  });
  // Writes succeed again: sends, held send results, held reports and SIM re-reads resume now.
  storage.onRecovered(() => {
    dispatcher.notify();
    receiving.retryHeld();
  });

  // An incoming call is logged in the caller's conversation as a message flagged 'missed-call'
  // (a withheld number has no conversation: it is only logged).
  const onMissedCall = (call: MissedCall): void => {
    if (call.from === null) return;
    try {
      messaging.receive({ from: call.from, text: 'Missed call', gatewayId: call.gatewayId, flags: ['missed-call'] });
    } catch (err) {
      logger.warn('Could not record a missed call', { gateway: call.gatewayId, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const manager = new GatewayManager({
    store,
    dispatcher,
    secretStore: options.secretStore ?? null,
    autoAdopt: () => store.settings.get('autoAdoptModems'),
    clock,
    log: logger,
    wiring: {
      incoming: receiving,
      onMissedCall,
      rejectCalls: () => store.settings.get('rejectCalls'),
      log: logger,
      timers,
      ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
      ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
    },
  });
  // Saved modems first, then the ports named for this run (saved too, pinned to their port).
  manager.loadSaved();
  for (const modem of options.modems ?? []) {
    manager.pinPort(modem.path, {
      ...(modem.id === undefined ? {} : { id: modem.id }),
      ...(modem.pin === undefined ? {} : { pin: modem.pin }),
      ...(modem.profile === undefined ? {} : { profile: modem.profile }),
      ...(modem.baudRate === undefined ? {} : { baudRate: modem.baudRate }),
      ...(modem.timeouts === undefined ? {} : { timeouts: modem.timeouts }),
    });
  }
  for (const gateway of options.gateways ?? []) manager.addBuilt(gateway);

  const email = new EmailSetup({
    store,
    secretStore: options.secretStore ?? null,
    logger,
    override: options.email?.config ?? null,
    ...(options.email?.transportFactory ? { transportFactory: options.email.transportFactory } : {}),
    ...(options.email?.timeouts ? { timeouts: options.email.timeouts } : {}),
  });
  const emailGateway = email.createGateway();
  if (emailGateway && !dispatcher.gateways().some((g) => g.id === emailGateway.id)) manager.addBuilt(emailGateway);

  const detectionOptions = options.detection ?? {};
  const detectionPatterns =
    detectionOptions === false ? null : () => detectionOptions.patterns ?? store.settings.get('modemSearch') ?? defaultModemSearch();
  const detection =
    detectionOptions === false
      ? null
      : new ModemDetection({
          patterns: detectionPatterns!,
          patternsFromEnvironment: detectionOptions.patterns != null,
          list: detectionOptions.list === undefined ? listSystemPorts : detectionOptions.list,
          probe: detectionOptions.probe ?? ((path) => probePort(path, { ...(options.openPort ? { openPort: options.openPort } : {}), log: logger, timers })),
          held: () => manager.held(),
          decide: (found) => manager.decide(found),
          onVanished: (path) => manager.portVanished(path),
          ...(detectionOptions.watch === undefined ? {} : { watch: detectionOptions.watch }),
          ...(detectionOptions.pollMs === undefined ? {} : { pollMs: detectionOptions.pollMs }),
          ...(detectionOptions.listEveryMs === undefined ? {} : { listEveryMs: detectionOptions.listEveryMs }),
          ...(detectionOptions.debounceMs === undefined ? {} : { debounceMs: detectionOptions.debounceMs }),
          ...(detectionOptions.retryDelaysMs === undefined ? {} : { retryDelaysMs: detectionOptions.retryDelaysMs }),
          clock,
          timers,
          log: logger,
        });

  // A port whose gateway was disabled, forgotten or removed is looked at again, so the list of
  // what was tried says what it is now.
  if (detection) manager.on('removed', ({ path }) => path !== null && detection.lookAgain(path));

  // Every received message, once stored: opt-out words, appointment answers, else "Needs attention" (replies/reply-service.ts).
  const appointments = new AppointmentService(store, messaging, scheduled, clock);
  const consent = new ConsentService(store, messaging, { clock, logger });
  const replies = new ReplyService(store, messaging, consent, appointments, { clock, logger });
  messaging.onIncoming((m) => replies.handleIncoming(m));
  const deletion = new DeletionService(store, logger);
  const retention = new RetentionService({ store, deletion, clock, timers, logger });
  // Work no caller asked for is written to the audit trail as the system (issue 13: "deletions are audited").
  retention.onDeleted(({ count }) => access.audit.append(SYSTEM_ACTOR, 'messages.deleted-by-retention', `messages:${count}`));

  let stopped = false;
  return {
    store,
    consent,
    clock,
    databaseStart,
    dataProtection,
    messaging,
    scheduled,
    appointments,
    replies,
    dispatcher,
    receiving,
    storage,
    manager,
    detection,
    detectionPatterns,
    email,
    logger,
    backups,
    restoreApplied,
    access,
    deletion,
    retention,
    gateways: () => dispatcher.gateways(),
    async start() {
      storage.start();
      const recovery = dispatcher.start();
      receiving.start();
      await Promise.all(dispatcher.gateways().map((g) => g.start()));
      // After the saved gateways have their ports: detection never opens a port one holds.
      detection?.start();
      retention.start();
      backups?.start();
      return recovery;
    },
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      await detection?.stop();
      // A retention run ends after its current slice, before the database closes.
      await retention.stop();
      // A backup under way finishes (its worker reads the database) before the database closes.
      await backups?.stop();
      try {
        await dispatcher.stop(stopOptions.deadlineMs === undefined ? {} : { deadlineMs: stopOptions.deadlineMs });
      } catch (err) {
        logger.error('The dispatcher did not stop cleanly', { error: err instanceof Error ? err.message : String(err) });
      }
      await Promise.all(dispatcher.gateways().map((g) => g.stop().catch(() => undefined)));
      receiving.stop();
      storage.stop();
      store.observeWrites(null);
      await checkpointer?.stop();
      store.close();
      lock?.release();
    },
  };
}
