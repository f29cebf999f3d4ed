/**
 * The composition root: store, gateways, dispatcher and MessagingService, wired once, with every
 * I/O edge a parameter (STYLE.md §9): data folder or database path, serial port opener, clock,
 * timers and logger. Both hosts (Electron main, the headless host) and the CLI call this.
 */
import type { Protocol } from '../../src-shared/model.ts';
import { type Clock, type Timers, systemClock, systemTimers } from './clock.ts';
import { OutboxDispatcher } from './dispatcher.ts';
import type { RecoverySummary } from './events.ts';
import type { Gateway } from './gateways/gateway.ts';
import type { OpenPort } from './gateways/modem/modem-driver.ts';
import { ModemGateway } from './gateways/modem/modem-gateway.ts';
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
}

export interface Backend {
  readonly store: Store;
  readonly messaging: MessagingService;
  readonly dispatcher: OutboxDispatcher;
  /** Received SMS and delivery reports from every modem. */
  readonly receiving: ReceivingService;
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
        log: logger,
        timers,
      }),
    );
  }
  for (const gateway of options.gateways ?? []) dispatcher.addGateway(gateway);

  let stopped = false;
  return {
    store,
    messaging,
    dispatcher,
    receiving,
    gateways: () => dispatcher.gateways(),
    async start() {
      const recovery = dispatcher.start();
      receiving.start();
      await Promise.all(dispatcher.gateways().map((g) => g.start()));
      return recovery;
    },
    async stop(stopOptions = {}) {
      if (stopped) return;
      stopped = true;
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
