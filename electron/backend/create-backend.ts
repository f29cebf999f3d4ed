/**
 * The composition root: store, gateways, dispatcher and MessagingService, wired once, with every
 * I/O edge a parameter (STYLE.md §9): data folder or database path, serial port opener, clock,
 * timers and logger. Both hosts (Electron main, the headless host) and the CLI call this.
 */
import type { Protocol } from '../../src-shared/model.ts';
import { type Clock, type Timers, systemClock, systemTimers } from './clock.ts';
import { OutboxDispatcher } from './dispatcher.ts';
import type { RecoverySummary } from './events.ts';
import type { EmailConfig, EmailTimeouts } from './gateways/email/email-config.ts';
import { EmailSetup } from './gateways/email/email-setup.ts';
import type { MailTransportFactory } from './gateways/email/mail-transport.ts';
import type { SecretStore } from './gateways/email/secret-store.ts';
import type { Gateway } from './gateways/gateway.ts';
import type { OpenPort } from './gateways/modem/modem-driver.ts';
import { ModemGateway } from './gateways/modem/modem-gateway.ts';
import type { MissedCall } from './gateways/modem/modem-gateway.ts';
import { probeModem } from './gateways/modem/modem-probe.ts';
import { PortWatcher, listSerialPorts } from './gateways/modem/port-watcher.ts';
import type { PortLister, PortProber } from './gateways/modem/port-watcher.ts';
import type { ProfileId } from './gateways/modem/profiles.ts';
import type { AtTimeouts } from './gateways/modem/timeouts.ts';
import { type Logger, silentLogger } from './logger.ts';
import { MessagingService } from './messaging.ts';
import { ReceivingService } from './receiving/receiving-service.ts';
import { openStore, type Store } from './store/store.ts';

export interface ModemConfig {
  /** Stable gateway id; default `modem:<path>`. */
  id?: string;
  path: string;
  profile?: ProfileId | 'auto';
  baudRate?: number;
  /** Overrides the PIN from settings for this modem. */
  pin?: string | null;
  timeouts?: Partial<AtTimeouts>;
}

export interface BackendOptions {
  /** The data folder (CLI --data-dir); default the OS's user-data folder. */
  dataDir?: string | null;
  /** A database path instead of a data folder (':memory:' in tests). */
  databasePath?: string;
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
   * Port watching (gateways/modem/port-watcher.ts): a modem re-plugged on another path is found
   * by its IMEI. On by default when modems are configured, listing with SerialPort.list();
   * `false` turns it off; tests pass a lister that returns the simulator's links.
   */
  portWatch?: false | { list?: PortLister; probe?: PortProber; intervalMs?: number };
  /**
   * Seals the e-mail password before it is saved (safeStorage on the desktop, a key file for the
   * headless host). Without one, a password can be used but not saved.
   */
  secretStore?: SecretStore | null;
  /** The e-mail gateway: settings from the command line (used instead of the saved ones, never written), transport and timeouts. */
  email?: { config?: EmailConfig | null; transportFactory?: MailTransportFactory; timeouts?: Partial<EmailTimeouts> };
}

export interface Backend {
  readonly store: Store;
  readonly messaging: MessagingService;
  readonly dispatcher: OutboxDispatcher;
  /** Received SMS and delivery reports from every modem. */
  readonly receiving: ReceivingService;
  /** Serial ports that appear and vanish; modems that appeared and are not configured. Null when off. */
  readonly ports: PortWatcher | null;
  /** The e-mail gateway's settings (saved or from the command line) and how to build it. */
  readonly email: EmailSetup;
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

export function modemGatewayId(path: string): string {
  return `modem:${path}`;
}

/**
 * Builds a backend. Opens (and migrates) the database at once; touches no hardware until start().
 * @throws DatabaseTooNewError, or the file system's error when the data folder cannot be used.
 */
export function createBackend(options: BackendOptions = {}): Backend {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const logger = options.logger ?? silentLogger;
  const store = openStore({ dataDir: options.dataDir ?? null, ...(options.databasePath ? { path: options.databasePath } : {}), clock });
  const dispatcher = new OutboxDispatcher({ store, clock, timers, logger });
  const messaging = new MessagingService({
    store,
    dispatcher,
    hasGatewayFor: (protocol: Protocol) => dispatcher.hasGatewayFor(protocol),
    clock,
    logger,
  });

  // Every modem's +CMTI/+CMT/+CDS/+CDSI and start-up sweep end here: messages through
  // messaging.receive, delivery reports through the dispatcher's one status funnel.
  const receiving = new ReceivingService({
    store,
    receive: (incoming) => messaging.receive(incoming),
    changeStatus: (request) => dispatcher.changeStatus(request),
    clock,
    timers,
    logger,
  });

  const pinFromSettings = store.settings.get('modemPin');
  // An incoming call is logged in the caller's conversation as a message flagged 'missed-call'
  // (a withheld number has no conversation: it is only logged).
  const onMissedCall = (call: MissedCall): void => {
    if (call.from === null) return;
    try {
      messaging.receive({ from: call.from, text: 'Missed call', gatewayId: call.gatewayId, receivedAt: call.at, flags: ['missed-call'] });
    } catch (err) {
      logger.warn('Could not record a missed call', { gateway: call.gatewayId, error: err instanceof Error ? err.message : String(err) });
    }
  };
  for (const modem of options.modems ?? []) {
    dispatcher.addGateway(
      new ModemGateway({
        id: modem.id ?? modemGatewayId(modem.path),
        path: modem.path,
        profile: modem.profile ?? 'auto',
        pin: modem.pin === undefined ? pinFromSettings : modem.pin,
        ...(modem.baudRate === undefined ? {} : { baudRate: modem.baudRate }),
        ...(modem.timeouts === undefined ? {} : { timeouts: modem.timeouts }),
        ...(options.openPort === undefined ? {} : { openPort: options.openPort }),
        ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
        incoming: receiving,
        rejectCalls: () => store.settings.get('rejectCalls'),
        onMissedCall,
        log: logger,
        timers,
      }),
    );
  }
  for (const gateway of options.gateways ?? []) dispatcher.addGateway(gateway);

  const email = new EmailSetup({
    store,
    secretStore: options.secretStore ?? null,
    logger,
    override: options.email?.config ?? null,
    ...(options.email?.transportFactory ? { transportFactory: options.email.transportFactory } : {}),
    ...(options.email?.timeouts ? { timeouts: options.email.timeouts } : {}),
  });
  const emailGateway = email.createGateway();
  if (emailGateway && !dispatcher.gateways().some((g) => g.id === emailGateway.id)) dispatcher.addGateway(emailGateway);

  const portWatch = options.portWatch ?? ((options.modems ?? []).length > 0 ? {} : false);
  const ports =
    portWatch === false
      ? null
      : new PortWatcher({
          list: portWatch.list ?? listSerialPorts,
          probe: portWatch.probe ?? ((path) => probeModem(path, { ...(options.openPort ? { openPort: options.openPort } : {}), log: logger })),
          modems: () => dispatcher.gateways().filter((g): g is ModemGateway => g instanceof ModemGateway),
          ...(portWatch.intervalMs === undefined ? {} : { intervalMs: portWatch.intervalMs }),
          timers,
          log: logger,
        });

  let stopped = false;
  return {
    store,
    messaging,
    dispatcher,
    receiving,
    ports,
    email,
    gateways: () => dispatcher.gateways(),
    async start() {
      const recovery = dispatcher.start();
      receiving.start();
      await Promise.all(dispatcher.gateways().map((g) => g.start()));
      await ports?.start();
      return recovery;
    },
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
      await ports?.stop();
      try {
        await dispatcher.stop(stopOptions.deadlineMs === undefined ? {} : { deadlineMs: stopOptions.deadlineMs });
      } catch (err) {
        logger.error('The dispatcher did not stop cleanly', { error: err instanceof Error ? err.message : String(err) });
      }
      await Promise.all(dispatcher.gateways().map((g) => g.stop().catch(() => undefined)));
      receiving.stop();
      store.close();
    },
  };
}
