/**
 * The SMS gateway over a USB GSM modem: a service with start and stop (docs/ARCHITECTURE.md "Habits": services with start and stop) around a
 * ModemDriver. It reports its state and a plain-words problem for the gateway panel, maps every
 * send failure to a GatewaySendError kind (send-failure.ts), and recovers by itself from what
 * the field throws at it: a hang (probe, then re-init, then reopen), an unplug (reopen the same
 * path until it comes back; the PortWatcher moves it with attach() when the same IMEI appears on
 * another path), a lost network (state `paused` until +CREG says registered again). It rejects
 * incoming calls and reports them as missed calls, and asks the network for the SIM's balance
 * (USSD).
 */
import type { GatewayState, ModemGatewayStatus, ModemProblemCode } from '../../../../src-shared/model.ts';
import { portOpenCause } from './discovery/port-open-failures.ts';
import { modemProblemWords } from './modem-problem-words.ts';
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
import { TrafficLog } from './traffic-log.ts';
import type { TrafficEntry } from './traffic-mask.ts';
import type { EncodeItem } from './encode-item.ts';
import { parseCpin, parseCreg, parseCsq, registrationCode, signalFromCsq } from './signal.ts';
import type { Registration, SignalQuality, SimState } from './signal.ts';
import { parseCusd } from '../../../../src-shared/sms/ussd.ts';
import type { UssdAnswer } from '../../../../src-shared/sms/ussd.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';

/**
 * Why the modem is not sending, or what it is doing about it: codes the renderer words
 * (src-shared/model.ts MODEM_PROBLEM_CODES; English for logs and the CLI in modem-problem-words.ts).
 */
export const MODEM_PROBLEMS = {
  notAnswering: 'not-answering',
  // The steps of a hang recovery, so the panel shows what Ujumbe is doing about it.
  recoveryProbing: 'recovery-probing',
  recoveryReinit: 'recovery-reinit',
  recoveryReopen: 'recovery-reopen',
  cannotOpen: 'cannot-open',
  permissionDenied: 'permission-denied',
  portBusy: 'port-busy',
  unplugged: 'unplugged',
  /** A saved modem whose port is not there: messages wait for it to be plugged in. */
  waitingForModem: 'waiting-for-modem',
  simPin: 'sim-pin',
  simPinRejected: 'sim-pin-rejected',
  simPuk: 'sim-puk',
  noSim: 'no-sim',
  simUnusable: 'sim-unusable',
  noNetwork: 'no-network',
  denied: 'network-denied',
  noServiceCentre: 'no-service-centre',
  startFailed: 'start-failed',
  otherModem: 'other-modem',
  sendStopped: 'send-stopped',
} as const satisfies Record<string, ModemProblemCode>;

/** The problem a port that would not open gives (discovery/port-open-failures.ts). */
function openProblem(err: PortOpenError): ModemProblemCode {
  switch (portOpenCause(err.reason)) {
    case 'permission-denied': return MODEM_PROBLEMS.permissionDenied;
    case 'port-busy': return MODEM_PROBLEMS.portBusy;
    case 'not-found': return MODEM_PROBLEMS.waitingForModem;
    case 'open-failed': return MODEM_PROBLEMS.cannotOpen;
  }
}

/** An incoming call the gateway saw (and, with rejectCalls, hung up). */
export interface MissedCall {
  gatewayId: string;
  /** The caller's number from +CLIP, or null when the network withheld it. */
  from: string | null;
  /** ISO time of the first RING. */
  at: string;
  rejected: boolean;
}

/** The answer of a balance check (USSD, 27.007 §7.15). */
export interface BalanceAnswer {
  code: string;
  /** The network's text, decoded (GSM 7-bit packed, UCS-2 or plain). */
  text: string;
  /** +CUSD <m>: 0 done, 1 the network wants a reply (we end the session), 2 ended, 4 not supported, 5 timed out. */
  status: number;
}

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
  /** The modem's IMEI, when known from the configuration: a modem with another IMEI on the port is not used. */
  imei?: string | null;
  /** Hang up incoming calls (ATH). Read at each call, so a setting can change it. Default true. */
  rejectCalls?: boolean | (() => boolean);
  /** Each incoming call, once (after its first RING/+CLIP). */
  onMissedCall?: (call: MissedCall) => void;
  /** How long checkBalance waits for the network's +CUSD. Default 30 s. */
  ussdTimeoutMs?: number;
  /** Lines kept in the technician's AT traffic log. Default 500. */
  trafficLines?: number;
}

/** An incoming call is over when RING has been quiet this long (RING repeats every few seconds). */
const CALL_QUIET_MS = 8_000;
/** After RING, how long to wait for +CLIP (the number) before recording the call without it. */
const CLIP_WAIT_MS = 500;

type UnsolicitedListener = (event: UnsolicitedEvent) => void;

/** The port answers, but with another modem's IMEI than this gateway's. */
class OtherModemError extends Error {
  constructor(expected: string, found: string) {
    super(`another modem on the port (IMEI ...${found.slice(-4)}, expected ...${expected.slice(-4)})`);
    this.name = 'OtherModemError';
  }
}

export class ModemGateway implements Gateway {
  readonly id: string;
  readonly protocol = 'sms' as const;
  private readonly options: ModemGatewayOptions;
  private readonly encode: EncodeItem;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly listeners = new Set<GatewayListener>();
  private readonly unsolicitedListeners = new Set<UnsolicitedListener>();
  private readonly trafficLog: TrafficLog;
  private driver: ModemDriver | null = null;
  private state: GatewayState = 'stopped';
  private problem: ModemProblemCode | null = null;
  private problemValues: Record<string, string | number> | undefined;
  /** The kind of the last start failure, so a repeat is logged quietly; null once running. */
  private lastStartFailure: string | null = null;
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
  /** The IMEI this gateway's modem has: configured, or learnt at the first successful start. */
  private knownImei: string | null;
  private call: { from: string | null; at: string; recorded: boolean; clipTimer: TimerHandle | null; quietTimer: TimerHandle | null } | null = null;

  constructor(options: ModemGatewayOptions) {
    this.id = options.id;
    // A copy: setPin changes it, never the caller's object.
    this.options = { ...options };
    this.encode = options.encode ?? encodeSmsItem;
    this.log = options.log ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.knownImei = options.imei ?? null;
    this.trafficLog = new TrafficLog(options.trafficLines);
    this.receiver = options.incoming
      ? new SmsReceiver({ gatewayId: options.id, sink: options.incoming, log: this.log, timers: this.timers, onChange: () => this.emitStatus() })
      : null;
  }

  status(): ModemGatewayStatus {
    // A full SIM receives nothing (the receiver is making room): said while nothing worse is.
    const simFull: ModemProblemCode | null = this.receiver?.storageFull && (this.state === 'running' || this.state === 'paused') ? 'sim-full' : null;
    return {
      id: this.id,
      protocol: 'sms',
      kind: 'modem',
      state: this.state,
      problem: this.problem === null
        ? (simFull === null ? null : { code: simFull })
        : { code: this.problem, ...(this.problemValues ? { values: { ...this.problemValues } } : {}) },
      detail: {
        port: this.options.path,
        profile: this.init?.profile ?? null,
        manufacturer: this.identity?.manufacturer ?? null,
        model: this.identity?.model ?? null,
        revision: this.identity?.revision ?? null,
        imei: this.identity?.imei ?? this.knownImei,
        operator: this.operatorName,
        signalDbm: this.signalQuality?.dBm ?? null,
        signalBars: this.signalQuality?.bars ?? null,
        registration: this.registration ? registrationCode(this.registration.stat) : null,
        sim: this.sim,
        smsMode: this.init?.smsMode ?? null,
        serviceCentre: this.init ? this.init.serviceCentre !== null : null,
        // Received messages the codec could not read: still on the SIM (the database refused
        // them), and kept in the database for a technician (the normal case).
        undecodableOnSim: this.receiver?.undecodableCount ?? 0,
        unreadableStored: this.receiver?.unreadableStored ?? 0,
      },
    };
  }

  canSend(): boolean {
    return this.state === 'running' && this.recovering === null;
  }

  /**
   * Reads the SIM storage again now (AT+CMGL=4, as at start): what a failed commit left there
   * (a full disk, docs/ARCHITECTURE.md "Field survival") is committed and deleted. Only while the
   * modem is up (running or paused); otherwise its next start sweeps. Never throws.
   */
  sweepSim(): Promise<void> {
    const driver = this.driver;
    if (!this.receiver || !driver || this.init?.smsMode !== 'pdu' || (this.state !== 'running' && this.state !== 'paused')) return Promise.resolve();
    return this.receiver.sweep(driver);
  }

  /** The serial port path in use (it changes when attach() moves the gateway). */
  get path(): string {
    return this.options.path;
  }

  /** The IMEI of this gateway's modem, once known (configured or read at start). */
  get imei(): string | null {
    return this.knownImei;
  }

  /**
   * The modem came back on another path (the PortWatcher found its IMEI there): use that path
   * from now on and start over. Only while `disconnected` (or unable to open its port); a
   * running gateway keeps its port. @returns whether the gateway moved.
   */
  async attach(path: string): Promise<boolean> {
    if (this.stopping || this.state !== 'disconnected') return false;
    this.log.info('modem re-attached on another port', { gateway: this.id, from: this.options.path, to: path });
    this.clearTimers();
    this.options.path = path;
    await this.connect();
    return true;
  }

  /**
   * The port's device vanished from the system's list (the PortWatcher saw it): serialport does
   * not always notice an unplug (a 0-byte read loop), so this counts as one.
   */
  portVanished(): void {
    if (this.stopping || this.state === 'stopped' || this.state === 'disconnected') return;
    this.onDisconnected();
  }

  /**
   * Asks the network with USSD (AT+CUSD=1,"<code>",15; 27.007 §7.15) and waits for the +CUSD
   * answer, decoded from whichever form the modem prints (src-shared/sms/ussd.ts). A session
   * left open by the network (<m>=1) is ended with AT+CUSD=2.
   * @throws Error in words when the modem is not running, refuses, or the network does not answer
   */
  async checkBalance(code: string): Promise<BalanceAnswer> {
    const driver = this.driver;
    if (!driver || (this.state !== 'running' && this.state !== 'paused')) {
      throw new Error(modemProblemWords(this.problem));
    }
    if (!/^[0-9*#+]{1,40}$/.test(code)) throw new Error('A USSD code is made of digits, * and # (for example *100#).');
    const answer = new Promise<UssdAnswer>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        off();
        reject(new Error('The network did not answer the balance check. Try again later.'));
      }, this.options.ussdTimeoutMs ?? 30_000);
      const off = this.onUnsolicited((event) => {
        if (event.code !== '+CUSD') return;
        const parsed = parseCusd(event.lines[0] ?? '');
        if (!parsed) return;
        this.timers.clearTimeout(timer);
        off();
        resolve(parsed);
      });
    });
    answer.catch(() => undefined);
    try {
      await driver.command(`AT+CUSD=1,"${code}",15`, { timeout: 'operator' });
    } catch (err) {
      this.log.warn('USSD request refused', { gateway: this.id, error: err instanceof Error ? err.message : String(err) });
      throw new Error('The modem refused the balance check.', { cause: err });
    }
    const result = await answer;
    if (result.status === 1) await driver.command('AT+CUSD=2').catch(() => undefined);
    if (result.status === 4) throw new Error('The network does not support this code.');
    if (result.status === 5 && result.text === '') throw new Error('The network did not answer the balance check. Try again later.');
    return { code, text: result.text, status: result.status };
  }

  /**
   * The last AT lines (oldest first) for the technician's view. Numbers and texts are masked
   * unless `reveal`; the PIN always is. Revealing is logged (that it happened, not what).
   */
  traffic(reveal = false): TrafficEntry[] {
    if (reveal) this.log.info('AT traffic revealed', { gateway: this.id });
    return this.trafficLog.entries(reveal);
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
   *   a timeout before the PDU went out), `gateway` (SIM, not running, unplugged before the PDU
   *   went out) or `maybe-sent` (a timeout, an unplug or a closed port after the PDU went out),
   *   with the references of parts that went out
   */
  async send(item: OutgoingItem): Promise<SendResult> {
    const driver = this.driver;
    if (!this.canSend() || !driver) {
      throw new GatewaySendError('gateway', 'not-running', modemProblemWords(this.problem));
    }
    const attempt = (async (): Promise<SendResult> => {
      // A modem that refused PDU mode sends in text mode: separate SMS, no delivery report
      // (text-mode.ts, README "Text mode").
      if (driver.smsMode === 'text') {
        const references = await driver.sendText(item.address, item.content, { flash: item.options.flash ?? false });
        return { references, origin: null };
      }
      const parts = this.encode(item);
      const references = await driver.sendPdus(parts);
      return { references, origin: null };
    })();
    this.inFlight = attempt;
    try {
      return await attempt;
    } catch (err) {
      const { error, reaction } = classifySendFailure(err);
      // 27.005 §3.2.5 322 "memory full": the SIM storage is full; the receiver drains it.
      const receiver = this.receiver;
      if (error.code === 'cms-322' && receiver) void Promise.resolve().then(() => receiver.memoryFull(driver, '+CMS ERROR: 322')).catch(() => undefined);
      this.log.warn('sms send failed', { gateway: this.id, recipientId: item.recipientId, code: error.code, kind: error.kind });
      this.react(reaction, error.code, driver);
      throw error;
    } finally {
      this.inFlight = null;
    }
  }

  /**
   * What the gateway does about a failed send, for the driver the send went through. When that
   * driver is no longer ours, the gateway has already dealt with it: the port's close (an unplug
   * after Ctrl-Z) ran onDisconnected before the send's failure got here, or portVanished, a
   * reopen or stop() closed it under the send. Reacting again would restart the reconnect wait,
   * or "recover" a driver that is gone by opening the port at once.
   */
  private react(reaction: ReturnType<typeof classifySendFailure>['reaction'], errorCode: string, driver: ModemDriver): void {
    if (this.driver !== driver) return;
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
        this.setStatus('error', MODEM_PROBLEMS.sendStopped, { error: errorCode });
        return;
    }
  }

  /** Open, init, read what the panel shows. On failure: report, and maybe schedule a retry. */
  /** @param step what the panel says while this runs (a recovery's last step), or nothing. */
  private async connect(step: ModemProblemCode | null = null): Promise<void> {
    if (this.stopping) return;
    this.setStatus('starting', step);
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
    driver.on('traffic', ({ direction, line }) => this.trafficLog.record(direction, line));
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
    const imei = this.identity.imei;
    if (this.knownImei !== null && imei !== null && imei !== this.knownImei) {
      // Another modem on our old path (USB paths move): not ours to use.
      throw new OtherModemError(this.knownImei, imei);
    }
    if (imei !== null) this.knownImei = imei;
    await this.refreshNetwork(driver);
    if (this.stopping || this.driver !== driver) return;
    await this.sweepStorage(driver);
    if (this.stopping || this.driver !== driver) return;
    this.log.info('modem gateway running', { gateway: this.id, profile: this.init.profile });
    this.lastStartFailure = null;
    this.setNetworkState();
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

  /** A running gateway's worry, if any: no service centre. */
  private runningProblem(): ModemProblemCode | null {
    if (this.init && this.init.serviceCentre === null) return MODEM_PROBLEMS.noServiceCentre;
    return null;
  }

  /**
   * `running`, or `paused` while the modem is not registered (+CREG <stat> 0, 2, 3, 4): no
   * AT+CMGS is tried then (it could only fail +CMS 331), and sending resumes on +CREG 1 or 5.
   * Only moves between those two states.
   */
  private setNetworkState(): void {
    if (this.registration && !this.registration.registered) {
      const problem = this.registration.stat === 3 ? MODEM_PROBLEMS.denied : MODEM_PROBLEMS.noNetwork;
      if (this.state !== 'paused') this.log.warn('modem lost the network; sending paused', { gateway: this.id, stat: this.registration.stat });
      this.setStatus('paused', problem);
      return;
    }
    if (this.state === 'paused') this.log.info('modem registered again; sending resumed', { gateway: this.id });
    this.setStatus('running', this.runningProblem());
  }

  private onStartFailure(err: unknown): void {
    // Said once at warn level; the same failure again (a reconnect every few seconds while the
    // modem is unplugged) only at debug, so the terminal of `ujumbe serve` does not fill up.
    const kind = err instanceof Error ? err.name : 'unknown';
    const fields = { gateway: this.id, error: err instanceof Error ? err.message : String(err) };
    if (kind === this.lastStartFailure) this.log.debug('modem gateway start failed again', fields);
    else this.log.warn('modem gateway start failed', fields);
    this.lastStartFailure = kind;
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
    this.forgetReadings();
    if (err instanceof OtherModemError) this.setStatus('disconnected', MODEM_PROBLEMS.otherModem);
    else if (err instanceof PortOpenError) this.setStatus('disconnected', openProblem(err));
    else if (err instanceof PortClosedError) this.setStatus('disconnected', MODEM_PROBLEMS.unplugged);
    else if (err instanceof AtTimeoutError) this.setStatus('error', MODEM_PROBLEMS.notAnswering);
    else this.setStatus('error', MODEM_PROBLEMS.startFailed);
    void this.closeDriver();
    this.scheduleReconnect();
  }

  private onDisconnected(): void {
    if (this.stopping) return;
    // A send in flight fails with the port (PortClosedError): "maybe sent" if its Ctrl-Z had
    // gone (send-failure.ts), and its own react() then finds this driver gone and does nothing.
    this.log.warn('modem disconnected', { gateway: this.id, path: this.options.path, sendInFlight: this.inFlight !== null });
    this.clearTimers();
    this.forgetReadings();
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
      this.setStatus('starting', MODEM_PROBLEMS.recoveryProbing);
      if (driver && (await driver.probe())) {
        try {
          this.setStatus('starting', MODEM_PROBLEMS.recoveryReinit);
          await this.initialise(driver);
          return;
        } catch (err) {
          this.log.warn('modem re-init failed', { gateway: this.id, error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (this.driver === driver) await this.connect(MODEM_PROBLEMS.recoveryReopen);
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
          if ((this.state === 'running' || this.state === 'paused') && this.recovering === null) {
            this.setNetworkState();
            if (registration.registered) this.refreshOperatorSoon();
          }
        }
        break;
      }
      case 'RING':
      case '+CRING':
        this.onRing(null);
        break;
      case '+CLIP': {
        // +CLIP: "<number>",<type>[,...] (27.007 §7.6); an empty number when withheld.
        const number = /^\+CLIP:\s*"([^"]*)"/.exec(line)?.[1] ?? '';
        this.onRing(number === '' ? null : number);
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
        if (state && state !== 'ready' && (this.state === 'running' || this.state === 'paused')) {
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
    if (!driver || (this.state !== 'running' && this.state !== 'paused') || this.inFlight || this.recovering) {
      this.scheduleHealthCheck();
      return;
    }
    try {
      await this.refreshNetwork(driver);
      if (this.state === 'running' || this.state === 'paused') this.setNetworkState();
      this.scheduleHealthCheck();
    } catch (err) {
      if (err instanceof AtTimeoutError) void this.recover();
      else if (err instanceof PortClosedError) this.onDisconnected(); // a failed write: unplugged
      else this.scheduleHealthCheck();
    }
  }

  /** After +CREG says registered: the operator's name for the panel, without holding anything up. */
  private refreshOperatorSoon(): void {
    const driver = this.driver;
    if (!driver) return;
    driver.operator().then(
      (name) => {
        if (this.driver !== driver) return;
        this.operatorName = name;
        this.emitStatus();
      },
      () => undefined,
    );
  }

  // ---- incoming calls ------------------------------------------------------------------------

  /**
   * RING / +CRING (number unknown yet) or +CLIP (number, or null when withheld). One call is
   * recorded once: with its number when +CLIP comes within CLIP_WAIT_MS, else without. With
   * rejectCalls it is hung up at once (ATH, V.250 §6.3.6); otherwise it rings until the caller
   * gives up, and RING being quiet for CALL_QUIET_MS ends it.
   */
  private onRing(number: string | null): void {
    if (this.call === null) {
      this.call = { from: null, at: new Date().toISOString(), recorded: false, clipTimer: null, quietTimer: null };
      const call = this.call;
      call.clipTimer = this.timers.setTimeout(() => {
        call.clipTimer = null;
        this.finishRing(call);
      }, CLIP_WAIT_MS);
    }
    const call = this.call;
    if (number !== null && call.from === null) call.from = number;
    if (call.quietTimer !== null) this.timers.clearTimeout(call.quietTimer);
    call.quietTimer = this.timers.setTimeout(() => this.endCall(call), CALL_QUIET_MS);
    // +CLIP says a RING has been answered with a number: no need to wait any longer.
    if (number !== null && !call.recorded) {
      if (call.clipTimer !== null) this.timers.clearTimeout(call.clipTimer);
      call.clipTimer = null;
      this.finishRing(call);
    } else if (call.recorded && this.rejectsCalls()) {
      // Still ringing after our ATH (it crossed a RING in flight): hang up again.
      void this.hangUp();
    }
  }

  private finishRing(call: NonNullable<ModemGateway['call']>): void {
    if (call.recorded) return;
    call.recorded = true;
    const rejected = this.rejectsCalls();
    this.log.info('incoming call', { gateway: this.id, rejected, withNumber: call.from !== null });
    try {
      this.options.onMissedCall?.({ gatewayId: this.id, from: call.from, at: call.at, rejected });
    } catch (err) {
      this.log.warn('missed-call listener failed', { error: err instanceof Error ? err.message : String(err) });
    }
    if (rejected) void this.hangUp();
  }

  private endCall(call: NonNullable<ModemGateway['call']>): void {
    if (call.clipTimer !== null) this.timers.clearTimeout(call.clipTimer);
    if (call.quietTimer !== null) this.timers.clearTimeout(call.quietTimer);
    if (!call.recorded) this.finishRing(call);
    if (this.call === call) this.call = null;
  }

  private rejectsCalls(): boolean {
    const setting = this.options.rejectCalls ?? true;
    return typeof setting === 'function' ? setting() : setting;
  }

  private async hangUp(): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    try {
      await driver.command('ATH');
    } catch {
      // Some modems want AT+CHUP for a voice call (27.007 §6.5). The port may have closed
      // meanwhile (command() then throws at once, before a promise exists): nothing to hang up.
      try {
        await driver.command('AT+CHUP');
      } catch {
        // closed, or refused: the call ends by itself
      }
    }
    // The call is over for us: the next RING is a new call.
    const call = this.call;
    if (call) this.timers.setTimeout(() => this.endCall(call), 1_500);
  }

  /**
   * Signal, network and SIM are what the modem said while it was there: once it is gone they are
   * not known (the panel must not show an unplugged modem's last signal as if it were now).
   */
  private forgetReadings(): void {
    this.signalQuality = null;
    this.registration = null;
    this.operatorName = null;
    this.sim = null;
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

  private setStatus(state: GatewayState, problem: ModemProblemCode | null, values?: Record<string, string | number>): void {
    this.state = state;
    this.problem = problem;
    this.problemValues = values;
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
