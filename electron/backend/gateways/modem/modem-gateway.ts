/**
 * The SMS gateway over a USB GSM modem: a service with start and stop (STYLE.md §11) around a
 * ModemDriver. It reports its state and a plain-words problem for the gateway panel, maps every
 * send failure to a GatewaySendError kind (send-failure.ts), and recovers by itself from what
 * the field throws at it: a hang (probe, then re-init, then reopen), an unplug (reopen the same
 * path until it comes back). Moving to another path after a re-plug is a later issue.
 */
import type { GatewayState, GatewayStatus } from '../../../../src-shared/model.ts';
import { GatewaySendError } from '../gateway.ts';
import type { Gateway, GatewayListener, OutgoingItem, SendResult } from '../gateway.ts';
import { ModemDriver } from './modem-driver.ts';
import type { InitReport, ModemIdentity, OpenPort } from './modem-driver.ts';
import type { ProfileId } from './profiles.ts';
import type { AtTimeouts } from './timeouts.ts';
import type { UnsolicitedEvent } from './unsolicited.ts';
import { AtTimeoutError, PortClosedError } from './at-errors.ts';
import {
  PortOpenError,
  SimError,
  SimNotInsertedError,
  SimPinRejectedError,
  SimPinRequiredError,
  SimPukRequiredError,
} from './modem-errors.ts';
import { classifySendFailure } from './send-failure.ts';
import { RECEIVING_CODES, SmsReceiver } from './sms-receiver.ts';
import type { IncomingSmsSink } from './sms-receiver.ts';
import { encodeSmsItem } from './encode-item.ts';
import type { EncodeItem } from './encode-item.ts';
import { parseCpin, parseCreg, parseCsq, signalFromCsq, simStateWords } from './signal.ts';
import type { Registration, SignalQuality, SimState } from './signal.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';

/** What the gateway panel says, in words a nurse understands. */
export const MODEM_PROBLEMS = {
  notAnswering: 'The modem is not answering. Check that it is plugged in; Ujumbe keeps trying.',
  cannotOpen: 'The modem cannot be found. Check that it is plugged in; Ujumbe keeps trying.',
  unplugged: 'The modem was unplugged. Plug it in again; Ujumbe will reconnect by itself.',
  simPin: 'The SIM card needs its PIN. Enter the PIN in the gateway settings.',
  simPinRejected: 'The SIM card refused the PIN. Check the PIN in the gateway settings (Ujumbe will not try it again, to protect the SIM).',
  simPuk: 'The SIM card is locked. It needs its PUK code from the network operator.',
  noSim: 'There is no SIM card in the modem, or it is not pushed in properly.',
  simUnusable: 'The SIM card cannot be used in this modem.',
  noSignal: 'No network signal. Messages will wait until the signal comes back.',
  denied: 'The network refused this SIM card. Check that the SIM is active.',
  noServiceCentre: 'The SIM card has no message centre number, so SMS cannot be sent.',
  startFailed: 'The modem could not be started. Ujumbe keeps trying.',
} as const;

export interface ModemGatewayOptions {
  id: string;
  /** Serial port path, e.g. /dev/ttyUSB2 or COM4 (serialport does not list ptys: always explicit). */
  path: string;
  baudRate?: number;
  /** The SIM PIN, if the SIM asks for one. Tried once per start; never retried when refused. */
  pin?: string | null;
  profile?: ProfileId | 'auto';
  timeouts?: Partial<AtTimeouts>;
  /** Item -> PDU parts; default: encodeSubmit from src-shared/sms (encode-item.ts). */
  encode?: EncodeItem;
  openPort?: OpenPort;
  log?: Logger;
  timers?: Timers;
  /** Wait before reopening after a failed start, an unplug or a failed recovery; 0 = never. Default 10 s. */
  reconnectDelayMs?: number;
  /** Signal and registration check while idle; it also catches a modem that hangs while idle. 0 = off. Default 60 s. */
  healthCheckMs?: number;
  /** How long stop() waits for a send in flight before closing the port. Default 10 s. */
  stopDeadlineMs?: number;
  /** Passed to the driver: pause between "SIM busy" retries during init. */
  busyRetryDelayMs?: number;
  /**
   * Where received SMS and status reports go (the backend's ReceivingService). Without it the
   * gateway only sends, and leaves everything on the SIM.
   */
  incoming?: IncomingSmsSink;
  /**
   * How long a (re)start waits for the storage sweep before it lets sends go (incoming before
   * outgoing, reference step 4); a longer sweep goes on alongside the sends. Default 15 s.
   */
  sweepDeadlineMs?: number;
}

type UnsolicitedListener = (event: UnsolicitedEvent) => void;

export class ModemGateway implements Gateway {
  readonly id: string;
  readonly protocol = 'sms' as const;
  private readonly options: ModemGatewayOptions;
  private readonly encode: EncodeItem;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly listeners = new Set<GatewayListener>();
  private readonly unsolicitedListeners = new Set<UnsolicitedListener>();
  private driver: ModemDriver | null = null;
  private state: GatewayState = 'stopped';
  private problem: string | null = null;
  private lastStatusJson = '';
  private stopping = false;
  private inFlight: Promise<unknown> | null = null;
  private recovering: Promise<void> | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private healthTimer: TimerHandle | null = null;
  // What we know of the modem, for the panel.
  private identity: ModemIdentity | null = null;
  private init: InitReport | null = null;
  private signalQuality: SignalQuality | null = null;
  private registration: Registration | null = null;
  private operatorName: string | null = null;
  private sim: SimState | null = null;
  private readonly receiver: SmsReceiver | null;

  constructor(options: ModemGatewayOptions) {
    this.id = options.id;
    // A copy: setPin changes it, never the caller's object.
    this.options = { ...options };
    this.encode = options.encode ?? encodeSmsItem;
    this.log = options.log ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.receiver = options.incoming
      ? new SmsReceiver({ gatewayId: options.id, sink: options.incoming, log: this.log, onChange: () => this.emitStatus() })
      : null;
  }

  status(): GatewayStatus {
    return {
      id: this.id,
      protocol: 'sms',
      kind: 'modem',
      state: this.state,
      problem: this.problem,
      detail: {
        port: this.options.path,
        profile: this.init?.profile ?? null,
        manufacturer: this.identity?.manufacturer ?? null,
        model: this.identity?.model ?? null,
        revision: this.identity?.revision ?? null,
        imei: this.identity?.imei ?? null,
        operator: this.operatorName,
        signalDbm: this.signalQuality?.dBm ?? null,
        signalBars: this.signalQuality?.bars ?? null,
        registration: this.registration?.words ?? null,
        sim: this.sim === null ? null : simStateWords(this.sim),
        smsMode: this.init?.smsMode ?? null,
        serviceCentre: this.init ? this.init.serviceCentre !== null : null,
        // Received messages the codec could not read: kept on the SIM for a technician.
        undecodableOnSim: this.receiver?.undecodableCount ?? 0,
      },
    };
  }

  canSend(): boolean {
    return this.state === 'running' && this.recovering === null;
  }

  onStatus(listener: GatewayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Unsolicited codes other than vendor noise (+CMTI, +CDS ...), for the receiving side. */
  onUnsolicited(listener: UnsolicitedListener): () => void {
    this.unsolicitedListeners.add(listener);
    return () => this.unsolicitedListeners.delete(listener);
  }

  /**
   * Opens the port and initialises the modem. Resolves once the first attempt is over, whether
   * it succeeded or not: hardware trouble is reported through status() (and retried by itself
   * where a retry can help), never thrown, so one bad modem cannot stop the backend starting.
   */
  async start(): Promise<void> {
    if (this.state !== 'stopped') return;
    this.stopping = false;
    await this.connect();
  }

  /**
   * The SIM PIN for the next start (a nurse typed it in the gateway panel). It is not tried
   * until the gateway is started again: the caller restarts it.
   */
  setPin(pin: string | null): void {
    this.options.pin = pin;
  }

  /**
   * Stops taking work, waits for a send in flight (up to stopDeadlineMs), closes the port.
   * Never throws.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    const inFlight = this.inFlight;
    if (inFlight) {
      let deadline: TimerHandle | null = null;
      await Promise.race([
        inFlight.catch(() => undefined),
        new Promise<void>((resolve) => {
          deadline = this.timers.setTimeout(resolve, this.options.stopDeadlineMs ?? 10_000);
        }),
      ]);
      if (deadline !== null) this.timers.clearTimeout(deadline);
    }
    await this.recovering?.catch(() => undefined);
    await this.closeDriver();
    this.setStatus('stopped', null);
  }

  /**
   * Sends one recipient's message: encodes it to PDU parts and writes them with AT+CMGS.
   * @throws GatewaySendError kind `permanent` (bad number, bad PDU), `transient` (network busy,
   *   a timeout before the PDU went out), `gateway` (SIM, unplugged, not running) or
   *   `maybe-sent` (a timeout after the PDU went out), with the references of parts that went out
   */
  async send(item: OutgoingItem): Promise<SendResult> {
    const driver = this.driver;
    if (!this.canSend() || !driver) {
      throw new GatewaySendError('gateway', 'not-running', this.problem ?? 'The modem is not ready.');
    }
    const attempt = (async (): Promise<SendResult> => {
      const parts = this.encode(item);
      const references = await driver.sendPdus(parts);
      return { references, origin: null };
    })();
    this.inFlight = attempt;
    try {
      return await attempt;
    } catch (err) {
      const { error, reaction } = classifySendFailure(err);
      this.log.warn('sms send failed', { gateway: this.id, recipientId: item.recipientId, code: error.code, kind: error.kind });
      this.react(reaction, error.reason);
      throw error;
    } finally {
      this.inFlight = null;
    }
  }

  private react(reaction: ReturnType<typeof classifySendFailure>['reaction'], reason: string): void {
    switch (reaction) {
      case 'none':
        return;
      case 'recover':
        void this.recover();
        return;
      case 'disconnected':
        this.onDisconnected();
        return;
      case 'stop':
        // Needs a person (SIM, memory, subscription): no automatic retry, say why.
        this.setStatus('error', reason);
        return;
    }
  }

  /** Open, init, read what the panel shows. On failure: report, and maybe schedule a retry. */
  private async connect(): Promise<void> {
    if (this.stopping) return;
    this.setStatus('starting', null);
    await this.closeDriver();
    const driver = new ModemDriver({
      path: this.options.path,
      baudRate: this.options.baudRate,
      openPort: this.options.openPort,
      profile: this.options.profile,
      timeouts: this.options.timeouts,
      log: this.log,
      timers: this.timers,
      busyRetryDelayMs: this.options.busyRetryDelayMs,
    });
    driver.on('unsolicited', (event) => this.handleUnsolicited(event));
    driver.on('disconnected', () => {
      if (this.driver === driver) this.onDisconnected();
    });
    this.driver = driver;
    try {
      await driver.open();
      await this.initialise(driver);
    } catch (err) {
      if (this.driver !== driver) return;
      this.onStartFailure(err);
    }
  }

  /** Init and the first status reads; state `running` when they pass. */
  private async initialise(driver: ModemDriver): Promise<void> {
    this.init = await driver.init({ pin: this.options.pin ?? null });
    this.sim = this.init.simState;
    this.identity = await driver.identity();
    await this.refreshNetwork(driver);
    if (this.stopping || this.driver !== driver) return;
    await this.sweepStorage(driver);
    if (this.stopping || this.driver !== driver) return;
    this.log.info('modem gateway running', { gateway: this.id, profile: this.init.profile });
    this.setStatus('running', this.runningProblem());
    this.scheduleHealthCheck();
  }

  /**
   * What arrived while we were away (app off, unplugged, SIM full) is read before sends resume,
   * but never holds them back longer than sweepDeadlineMs: the sweep then finishes alongside.
   */
  private async sweepStorage(driver: ModemDriver): Promise<void> {
    if (!this.receiver || this.init?.smsMode !== 'pdu') return;
    let deadline: TimerHandle | null = null;
    await Promise.race([
      this.receiver.sweep(driver),
      new Promise<void>((resolve) => {
        deadline = this.timers.setTimeout(resolve, this.options.sweepDeadlineMs ?? 15_000);
      }),
    ]);
    if (deadline !== null) this.timers.clearTimeout(deadline);
  }

  private async refreshNetwork(driver: ModemDriver): Promise<void> {
    this.signalQuality = await driver.signal();
    this.registration = await driver.registration();
    this.operatorName = this.registration.registered ? await driver.operator() : null;
  }

  /** A running gateway's worry, if any: no network, no service centre. */
  private runningProblem(): string | null {
    if (this.registration && !this.registration.registered) {
      return this.registration.stat === 3 ? MODEM_PROBLEMS.denied : MODEM_PROBLEMS.noSignal;
    }
    if (this.init && this.init.serviceCentre === null) return MODEM_PROBLEMS.noServiceCentre;
    return null;
  }

  private onStartFailure(err: unknown): void {
    this.log.warn('modem gateway start failed', {
      gateway: this.id,
      error: err instanceof Error ? err.message : String(err),
    });
    if (err instanceof SimError) {
      this.sim = err.simState;
      // A person must act (PIN, PUK, SIM); retrying on our own could lock the SIM.
      const problem =
        err instanceof SimPinRequiredError ? MODEM_PROBLEMS.simPin
        : err instanceof SimPinRejectedError ? MODEM_PROBLEMS.simPinRejected
        : err instanceof SimPukRequiredError ? MODEM_PROBLEMS.simPuk
        : err instanceof SimNotInsertedError ? MODEM_PROBLEMS.noSim
        : MODEM_PROBLEMS.simUnusable;
      this.setStatus('error', problem);
      void this.closeDriver();
      return;
    }
    if (err instanceof PortOpenError) this.setStatus('disconnected', MODEM_PROBLEMS.cannotOpen);
    else if (err instanceof PortClosedError) this.setStatus('disconnected', MODEM_PROBLEMS.unplugged);
    else if (err instanceof AtTimeoutError) this.setStatus('error', MODEM_PROBLEMS.notAnswering);
    else this.setStatus('error', MODEM_PROBLEMS.startFailed);
    void this.closeDriver();
    this.scheduleReconnect();
  }

  private onDisconnected(): void {
    if (this.stopping) return;
    this.log.warn('modem disconnected', { gateway: this.id, path: this.options.path });
    this.clearTimers();
    this.setStatus('disconnected', MODEM_PROBLEMS.unplugged);
    void this.closeDriver();
    this.scheduleReconnect();
  }

  /**
   * After a hang: probe with a bare AT; if the modem answers, init it again; if not, reopen
   * the port and start over. Runs once at a time; sends are refused meanwhile.
   */
  private recover(): Promise<void> {
    if (this.recovering || this.stopping) return this.recovering ?? Promise.resolve();
    const driver = this.driver;
    this.recovering = (async () => {
      this.setStatus('starting', MODEM_PROBLEMS.notAnswering);
      if (driver && (await driver.probe())) {
        try {
          await this.initialise(driver);
          return;
        } catch (err) {
          this.log.warn('modem re-init failed', { gateway: this.id, error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (this.driver === driver) await this.connect();
    })().finally(() => {
      this.recovering = null;
      this.emitStatus();
    });
    return this.recovering;
  }

  private handleUnsolicited(event: UnsolicitedEvent): void {
    const line = event.lines[0] ?? '';
    switch (event.code) {
      case '+CREG': {
        const registration = parseCreg(line, false);
        if (registration) {
          this.registration = registration;
          if (this.state === 'running') this.setStatus('running', this.runningProblem());
        }
        break;
      }
      case '^RSSI': {
        const rssi = parseCsq(line);
        if (rssi !== null) this.signalQuality = signalFromCsq(rssi);
        this.emitStatus();
        break;
      }
      case '+CPIN': {
        // SIM800 announces a pulled SIM as +CPIN: NOT READY.
        const state = parseCpin(line);
        if (state && state !== 'ready' && this.state === 'running') {
          this.sim = state;
          this.setStatus('error', MODEM_PROBLEMS.noSim);
        }
        break;
      }
      default:
        if (this.receiver && this.driver && RECEIVING_CODES.has(event.code)) void this.receiver.handle(event, this.driver);
        break;
    }
    for (const listener of this.unsolicitedListeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn('unsolicited listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private scheduleReconnect(): void {
    const delay = this.options.reconnectDelayMs ?? 10_000;
    if (this.stopping || delay <= 0 || this.reconnectTimer !== null) return;
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private scheduleHealthCheck(): void {
    const every = this.options.healthCheckMs ?? 60_000;
    if (this.stopping || every <= 0) return;
    if (this.healthTimer !== null) this.timers.clearTimeout(this.healthTimer);
    this.healthTimer = this.timers.setTimeout(() => {
      this.healthTimer = null;
      void this.healthCheck();
    }, every);
  }

  private async healthCheck(): Promise<void> {
    const driver = this.driver;
    if (!driver || this.state !== 'running' || this.inFlight || this.recovering) {
      this.scheduleHealthCheck();
      return;
    }
    try {
      await this.refreshNetwork(driver);
      if (this.state === 'running') this.setStatus('running', this.runningProblem());
      this.scheduleHealthCheck();
    } catch (err) {
      if (err instanceof AtTimeoutError) void this.recover();
      else if (!(err instanceof PortClosedError)) this.scheduleHealthCheck();
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    if (this.healthTimer !== null) this.timers.clearTimeout(this.healthTimer);
    this.reconnectTimer = null;
    this.healthTimer = null;
  }

  private async closeDriver(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    if (driver) {
      driver.removeAllListeners();
      await driver.close();
    }
  }

  private setStatus(state: GatewayState, problem: string | null): void {
    this.state = state;
    this.problem = problem;
    this.emitStatus();
  }

  /** Tells every listener, but only when something they can see has changed. */
  private emitStatus(): void {
    const status = this.status();
    // canSend() is part of the key: it also depends on a recovery in progress, which status()
    // does not show, and the dispatcher must hear when sending becomes possible again.
    const json = JSON.stringify(status) + String(this.canSend());
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (err) {
        this.log.warn('status listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}
