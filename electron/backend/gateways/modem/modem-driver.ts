/**
 * The modem driver (docs/ARCHITECTURE.md "Habits": a driver in three layers, layer 3): a GSM modem on one serial port, spoken to in SMS
 * terms — init, identity, signal, registration, send PDUs (or text, on a modem without PDU
 * mode: text-mode.ts). It owns the port and the AtChannel;
 * it knows the AT commands of 3GPP TS 27.005 / 27.007 and the vendor rows of profiles.ts.
 */
import { EventEmitter } from 'node:events';
import { fstatSync, statSync } from 'node:fs';
import { AtChannel } from './at-channel.ts';
import type { AtChannelEvents, AtPort, SendOptions } from './at-channel.ts';
import { AtError, AtTimeoutError, CmeError, CmsError, PortClosedError } from './at-errors.ts';
import type { UnsolicitedEvent } from './unsolicited.ts';
import { PROFILES, detectProfile, isNoise } from './profiles.ts';
import type { ModemProfile, ProfileId } from './profiles.ts';
import { findReply, intParam, plainAnswer, replyParams } from './replies.ts';
import { parseCops, parseCpin, parseCreg, parseCsq, signalFromCsq } from './signal.ts';
import type { Registration, SignalQuality, SimState } from './signal.ts';
import {
  InvalidPduError,
  ModemNotReadyError,
  PduModeUnavailableError,
  PortClosedAfterSubmitError,
  PortOpenError,
  SendPartsError,
  SimNotInsertedError,
  SimPinRejectedError,
  SimPinRequiredError,
  SimPukRequiredError,
  SimUnusableError,
} from './modem-errors.ts';
import { cnmiCandidates, reportRouting } from './status-report-routing.ts';
import { TextModeUnicodeError, planTextMode } from './text-mode.ts';
import type { TextModeOptions } from './text-mode.ts';
import type { AtTimeouts } from './timeouts.ts';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import { systemTimers } from '../../clock.ts';
import type { TimerHandle, Timers } from '../../clock.ts';

/** Opens the serial port; injectable so tests and tools choose the binding (docs/ARCHITECTURE.md "Habits": injectable edges). */
export type OpenPort = (path: string, baudRate: number) => Promise<AtPort>;

export interface ModemDriverOptions {
  path: string;
  /** 115200 suits every USB modem we know; UART modules may need 9600 or 115200 fixed. */
  baudRate?: number;
  openPort?: OpenPort;
  /** A configured profile, or 'auto' (default) to detect it from AT+CGMI / AT+CGMM. */
  profile?: ProfileId | 'auto';
  timeouts?: Partial<AtTimeouts>;
  log?: Logger;
  timers?: Timers;
  /** Pause between retries while the SIM or SMS subsystem is still starting. */
  busyRetryDelayMs?: number;
  /** How many such retries before giving up. */
  busyRetries?: number;
  /** How often an open port's device is checked (AtPort.stillThere); 0 = never. Default 2 s. */
  portCheckMs?: number;
}

export interface InitOptions {
  /** The SIM PIN, or null/undefined when none is configured. Tried at most once. */
  pin?: string | null;
}

export interface ModemIdentity {
  manufacturer: string | null;
  model: string | null;
  revision: string | null;
  imei: string | null;
  /** Null while the SIM is locked or absent. */
  imsi: string | null;
}

export interface InitReport {
  profile: ProfileId;
  simState: SimState;
  /** PDU mode unless the modem refused it (then sendPdus is unavailable and sendText sends). */
  smsMode: 'pdu' | 'text';
  /** The AT+CNMI setting accepted, or null when none was (incoming SMS then needs polling). */
  cnmi: string | null;
  /** How status reports reach us under that setting (status-report-routing.ts): stored (+CDSI), direct (+CDS) or none. */
  statusReports: 'stored' | 'direct' | 'none';
  cpms: string | null;
  /** The SIM's service centre number, or null when it is empty (SMS cannot go out). */
  serviceCentre: string | null;
  /** Things a technician should know, in words. */
  warnings: string[];
}

/** One part of an SMS as the PDU codec produces it. */
export interface PduPart {
  /** Hex: the SMSC octets (usually "00" = use the SIM's) followed by the TPDU. */
  pdu: string;
  /** TPDU length in octets, without the SMSC octets: the <length> of AT+CMGS (27.005 §3.5.1). */
  tpduLength: number;
}

/** One message in the modem's storage, as AT+CMGR / AT+CMGL print it in PDU mode (27.005 §3.4.2-3). */
export interface StoredSms {
  index: number;
  /** <stat>: 0 received unread, 1 received read, 2 stored unsent, 3 stored sent. */
  stat: number;
  /** <length>: TPDU octets, the SMSC field not counted. */
  length: number;
  /** The PDU hex line, SMSC field first (27.005 §3.1 <pdu>). */
  pdu: string;
}

export interface ModemDriverEvents {
  /** An unsolicited code the modem sent (noise included; see `isNoise`). */
  unsolicited: [UnsolicitedEvent];
  /** The port went away under us (unplugged, USB reset). */
  disconnected: [];
  /** Every AT line written or read (AtChannel's `traffic`), for the technician's log. */
  traffic: AtChannelEvents['traffic'];
}

/** The commands whose ERROR while the modem starts up means "not yet", not "never". */
function isBusy(err: unknown): boolean {
  if (err instanceof CmeError) return err.errorCode === 3 || err.errorCode === 14;
  if (err instanceof CmsError) return err.errorCode === 302 || err.errorCode === 314;
  return false;
}

/** Opens a real serial port with the `serialport` package. */
export const openSerialPort: OpenPort = async (path, baudRate) => {
  // Loaded on first use: the native binding is not needed by code that never opens a port.
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(new PortOpenError(path, err.message)) : resolve()));
  });
  const stillThere = sameDeviceCheck(path, (port.port as { fd?: number } | undefined)?.fd);
  return stillThere ? Object.assign(port, { stillThere }) : port;
};

/**
 * "Is the device we hold open still the one at `path`?" by comparing the open descriptor's
 * inode with the path's (following links). While we hold the old device open, a re-plugged
 * modem gets a new node (ttyUSB1, another /dev/pts/N) and the old path goes or points elsewhere,
 * so a mismatch means unplugged. Not on Windows (COM ports have no inode), nor without a descriptor.
 */
export function sameDeviceCheck(path: string, fd: number | undefined): (() => boolean) | null {
  if (process.platform === 'win32' || fd === undefined) return null;
  let held: { ino: number; rdev: number };
  try {
    held = fstatSync(fd);
  } catch {
    return null;
  }
  return () => {
    try {
      const now = statSync(path);
      return now.ino === held.ino && now.rdev === held.rdev;
    } catch (err) {
      // Gone is gone; anything else (a permission change) says nothing about the device.
      const code = (err as NodeJS.ErrnoException).code;
      return code !== 'ENOENT' && code !== 'ENOTDIR';
    }
  };
}

export class ModemDriver extends EventEmitter<ModemDriverEvents> {
  readonly path: string;
  private readonly baudRate: number;
  private readonly openPort: OpenPort;
  private readonly configuredProfile: ProfileId | 'auto';
  private readonly timeoutOverrides: Partial<AtTimeouts>;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly busyRetryDelayMs: number;
  private readonly busyRetries: number;
  private readonly portCheckMs: number;
  private portCheckTimer: TimerHandle | null = null;
  private channel: AtChannel | null = null;
  private currentProfile: ModemProfile;
  private mode: 'pdu' | 'text' | null = null;
  private cachedIdentity: ModemIdentity | null = null;
  /** +CSMS <service>: 1 means every +CMT must be acknowledged with AT+CNMA (27.005 §3.2.1). */
  private csmsService = 0;

  constructor(options: ModemDriverOptions) {
    super();
    this.path = options.path;
    this.baudRate = options.baudRate ?? 115_200;
    this.openPort = options.openPort ?? openSerialPort;
    this.configuredProfile = options.profile ?? 'auto';
    this.timeoutOverrides = options.timeouts ?? {};
    this.log = options.log ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.busyRetryDelayMs = options.busyRetryDelayMs ?? 1_000;
    this.busyRetries = options.busyRetries ?? 10;
    this.portCheckMs = options.portCheckMs ?? 2_000;
    this.currentProfile = PROFILES[this.configuredProfile === 'auto' ? 'generic' : this.configuredProfile];
  }

  get profile(): ModemProfile {
    return this.currentProfile;
  }

  get isOpen(): boolean {
    return this.channel !== null && !this.channel.isClosed;
  }

  /** How this modem sends since the last init: 'pdu' (sendPdus), 'text' (sendText), or null before init. */
  get smsMode(): 'pdu' | 'text' | null {
    return this.mode;
  }

  /**
   * Opens the serial port. Does not talk to the modem yet (see init()).
   * @throws PortOpenError the port cannot be opened
   */
  async open(): Promise<void> {
    if (this.isOpen) return;
    let port: AtPort;
    try {
      port = await this.openPort(this.path, this.baudRate);
    } catch (err) {
      throw err instanceof PortOpenError ? err : new PortOpenError(this.path, err instanceof Error ? err.message : String(err));
    }
    const channel = new AtChannel(port, { timeouts: this.timeoutOverrides, log: this.log, timers: this.timers });
    channel.on('unsolicited', (event) => {
      if (isNoise(this.currentProfile, event.code)) return;
      this.emit('unsolicited', event);
    });
    channel.on('traffic', (entry) => this.emit('traffic', entry));
    channel.on('close', ({ disconnected }) => {
      this.stopPortCheck();
      if (disconnected) this.emit('disconnected');
    });
    this.channel = channel;
    if (port.stillThere) this.checkPortEvery(port.stillThere, channel);
    this.mode = null;
    this.log.info('modem port open', { path: this.path, baudRate: this.baudRate });
  }

  /**
   * Brings the modem into the state the gateway needs: reset, echo off, numeric errors, SIM
   * unlocked, PDU mode, new-message indications, storage, service centre checked.
   * @throws SimPinRequiredError | SimPinRejectedError | SimPukRequiredError | SimNotInsertedError | SimUnusableError
   * @throws AtTimeoutError the modem stopped answering
   * @throws PortClosedError the port closed
   * @throws CmeError | CmsError | AtError a required command was refused
   * @throws ModemNotReadyError open() was not called
   */
  async init(options: InitOptions = {}): Promise<InitReport> {
    const channel = this.requireChannel();
    const warnings: string[] = [];
    // A previous program may have left the modem waiting at the `> ` prompt; ESC leaves it.
    channel.cancelPrompt();
    await this.sync();
    await channel.send('ATZ', { timeout: 'init' });
    if (this.currentProfile.afterResetDelayMs > 0) await this.sleep(this.currentProfile.afterResetDelayMs);
    await channel.send('ATE0', { timeout: 'init' });
    await channel.send('AT+CMEE=1');

    const identity = await this.readHardwareIdentity();
    if (this.configuredProfile === 'auto') this.currentProfile = PROFILES[detectProfile(identity.manufacturer, identity.model)];
    this.log.info('modem identified', { profile: this.currentProfile.id, manufacturer: identity.manufacturer, model: identity.model });

    const simState = await this.unlockSim(options.pin ?? null);

    for (const extra of this.currentProfile.initCommands) {
      try {
        await channel.send(extra.command);
      } catch (err) {
        if (!extra.optional || !(err instanceof CmeError || err instanceof CmsError || err instanceof AtError)) throw err;
        this.log.info('optional vendor command refused', { command: extra.command });
      }
    }

    this.mode = await this.chooseSmsMode();
    if (this.mode === 'text') {
      warnings.push('The modem refused PDU mode: it sends in text mode, a long message as separate SMS, with no delivery reports.');
      // Text-mode addresses and plain texts are read in the TE character set (27.007 §5.5).
      await this.optional('AT+CSCS="GSM"');
    }
    // Stored reports (<ds>=2) survive the app being closed; only in PDU mode, where they can be read.
    const cnmiTest = this.mode === 'pdu' && this.currentProfile.storedReports.use !== 'never' ? await this.readOptionalLines('AT+CNMI=?') : null;
    const cnmi = await this.firstAccepted('AT+CNMI=', cnmiCandidates(this.currentProfile, cnmiTest));
    const statusReports = reportRouting(cnmi);
    this.log.info('status report routing', { cnmi, statusReports });
    if (cnmi === null) warnings.push('The modem accepted no new-message indication setting (AT+CNMI).');
    const cpms = await this.firstAccepted('AT+CPMS=', this.currentProfile.cpms, 'sim');
    this.csmsService = await this.readCsmsService();
    await this.optional('AT+CREG=1'); // +CREG: <stat> URCs on registration changes (27.007 §7.2)
    await this.optional('AT+COPS=3,0'); // operator names in long alphanumeric form (27.007 §7.3)
    await this.optional('AT+CLIP=1'); // +CLIP: "<number>" after each RING, for missed calls (27.007 §7.6)
    const serviceCentre = await this.readServiceCentre();
    if (serviceCentre === null) warnings.push('The SIM has no service centre number (AT+CSCA); SMS cannot be sent.');
    for (const warning of warnings) this.log.warn('modem init warning', { warning });

    this.cachedIdentity = { ...identity, imsi: await this.readOptional('AT+CIMI') };
    return { profile: this.currentProfile.id, simState, smsMode: this.mode, cnmi, statusReports, cpms, serviceCentre, warnings };
  }

  /**
   * Whether the modem answers a bare `AT` within the probe timeout.
   * Never throws: a closed port is simply `false`.
   */
  async probe(): Promise<boolean> {
    if (!this.isOpen) return false;
    try {
      await this.requireChannel().send('AT', { timeout: 'probe' });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Manufacturer, model, revision, IMEI and IMSI.
   * @throws AtTimeoutError | PortClosedError | ModemNotReadyError
   */
  async identity(): Promise<ModemIdentity> {
    if (this.cachedIdentity) return { ...this.cachedIdentity };
    const identity = { ...(await this.readHardwareIdentity()), imsi: await this.readOptional('AT+CIMI') };
    this.cachedIdentity = identity;
    return { ...identity };
  }

  /**
   * Signal quality from AT+CSQ.
   * @throws AtTimeoutError | CmeError | PortClosedError | ModemNotReadyError
   */
  async signal(): Promise<SignalQuality> {
    const lines = await this.requireChannel().send('AT+CSQ');
    const rssi = lines.map(parseCsq).find((value) => value !== null) ?? 99;
    return signalFromCsq(rssi);
  }

  /**
   * Network registration from AT+CREG?.
   * @throws AtTimeoutError | CmeError | PortClosedError | ModemNotReadyError
   */
  async registration(): Promise<Registration> {
    const lines = await this.requireChannel().send('AT+CREG?');
    const parsed = lines.map((line) => parseCreg(line, true)).find((value) => value !== null);
    return parsed ?? { stat: null, words: 'unknown', registered: false, lac: null, cellId: null };
  }

  /**
   * The network operator's name from AT+COPS?, or null when not registered.
   * @throws AtTimeoutError | CmeError | PortClosedError | ModemNotReadyError
   */
  async operator(): Promise<string | null> {
    const lines = await this.requireChannel().send('AT+COPS?', { timeout: 'operator' });
    return lines.map(parseCops).find((name) => name !== null) ?? null;
  }

  /**
   * The SIM state from AT+CPIN?; CME 10 / 13 are reported as states, not thrown.
   * @throws AtTimeoutError | PortClosedError | ModemNotReadyError
   */
  async simState(): Promise<SimState> {
    try {
      const lines = await this.requireChannel().send('AT+CPIN?', { timeout: 'sim' });
      return lines.map(parseCpin).find((state) => state !== null) ?? 'unknown';
    } catch (err) {
      if (err instanceof CmeError && err.errorCode === 10) return 'not-inserted';
      if (err instanceof CmeError && (err.errorCode === 13 || err.errorCode === 15)) return 'failure';
      throw err;
    }
  }

  /**
   * Sends the parts of one SMS with AT+CMGS in PDU mode (27.005 §3.5.1) and returns the message
   * reference of each part, in order ('' where the modem gave none). For more than one part,
   * AT+CMMS=1 first asks the modem to keep the radio link open between parts (27.005 §3.5.6).
   * The DCS travels inside each PDU; AT+CSMP is never relied on.
   * @throws SendPartsError wrapping the failed part's AtTimeoutError (phase says whether the
   *   PDU was written), CmsError, CmeError, AtError, PortClosedError (closed before that part's
   *   Ctrl-Z: it did not go) or PortClosedAfterSubmitError (closed after it: it may have gone),
   *   with the references of the parts that did go out
   * @throws InvalidPduError a part is not hex or its length is impossible (nothing was sent)
   * @throws PduModeUnavailableError | ModemNotReadyError
   */
  async sendPdus(parts: readonly PduPart[]): Promise<string[]> {
    const channel = this.requireChannel();
    if (this.mode !== 'pdu') throw this.mode === 'text' ? new PduModeUnavailableError() : new ModemNotReadyError('init() has not completed');
    parts.forEach(validatePart);
    const references: string[] = [];
    if (parts.length > 1) await this.keepLinkOpen(parts.length);
    for (const [index, part] of parts.entries()) {
      let submitted = false;
      try {
        const lines = await channel.sendWithPrompt(`AT+CMGS=${part.tpduLength}`, part.pdu, { onSubmit: () => (submitted = true) });
        const reference = intParam(findReply(lines, '+CMGS'), 0);
        if (reference === null) this.log.warn('modem sent no +CMGS reference', { part: index + 1 });
        references.push(reference === null ? '' : String(reference));
      } catch (err) {
        throw this.partFailed(err, submitted, references, index, parts.length);
      }
    }
    this.log.info('sms sent', { parts: parts.length });
    return references;
  }

  /**
   * Sends one message in text mode (27.005 §3.5.1), for a modem that refused PDU mode: AT+CSMP
   * with the data coding, then `AT+CMGS="<da>",<toda>`, the text and Ctrl-Z. A text with
   * anything but plain ASCII goes as UCS-2 hex; a long one as several separate SMS, since text
   * mode has no concatenation header (text-mode.ts). No delivery report is asked for.
   * @returns the +CMGS reference of each SMS, in order ('' where the modem gave none)
   * @throws SendPartsError as sendPdus (PortClosedAfterSubmitError when the port closed after an
   *   SMS's Ctrl-Z), with the references of the SMS that went out
   * @throws SmsEncodeError the address is not digits, or the text is empty (nothing was sent)
   * @throws TextModeUnicodeError the text needs UCS-2 and the modem refused AT+CSMP with <dcs> 8
   * @throws ModemNotReadyError init() has not completed, or the modem is in PDU mode
   */
  async sendText(address: string, text: string, options: TextModeOptions = {}): Promise<string[]> {
    const channel = this.requireChannel();
    if (this.mode !== 'text') throw new ModemNotReadyError(this.mode === 'pdu' ? 'the modem is in PDU mode; use sendPdus' : 'init() has not completed');
    const plan = planTextMode(address, text, options);
    const total = plan.pieces.length;
    try {
      await channel.send(`AT+CSMP=${plan.csmp}`);
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw new SendPartsError(err, [], 0, total);
      // Without AT+CSMP the modem keeps its own <dcs>, the default alphabet on every modem we
      // know: right for a plain text, wrong for one that needs UCS-2.
      if (plan.encoding === 'ucs2') throw new TextModeUnicodeError();
      this.log.info('AT+CSMP refused; sending with the modem\'s own text-mode parameters');
    }
    if (total > 1) await this.keepLinkOpen(total);
    const references: string[] = [];
    for (const [index, piece] of plan.pieces.entries()) {
      let submitted = false;
      try {
        const lines = await channel.sendWithPrompt(plan.command, piece.body, { onSubmit: () => (submitted = true) });
        const reference = intParam(findReply(lines, '+CMGS'), 0);
        if (reference === null) this.log.warn('modem sent no +CMGS reference', { part: index + 1 });
        references.push(reference === null ? '' : String(reference));
      } catch (err) {
        throw this.partFailed(err, submitted, references, index, total);
      }
    }
    this.log.info('sms sent in text mode', { separateSms: total, encoding: plan.encoding });
    return references;
  }

  /**
   * The error of a failed part. A port that closed after the part's body and Ctrl-Z were handed
   * to it (`submitted`) closed between Ctrl-Z and `+CMGS:`: the modem may have sent the part,
   * so it is a PortClosedAfterSubmitError, "maybe sent" like a timeout there (send-failure.ts).
   * A write that failed after the hand-over counts too: the port does not say how much of it
   * left, and a flagged possible duplicate is better than an unflagged one.
   */
  private partFailed(err: unknown, submitted: boolean, references: string[], index: number, total: number): SendPartsError {
    const failure = err instanceof Error ? err : new Error(String(err));
    if (submitted && failure instanceof PortClosedError && !(failure instanceof PortClosedAfterSubmitError)) {
      this.log.warn('modem port closed after a part was handed over; it may have been sent', { part: index + 1, parts: total, disconnected: failure.disconnected });
      return new SendPartsError(new PortClosedAfterSubmitError(failure), references, index, total);
    }
    return new SendPartsError(failure, references, index, total);
  }

  /** AT+CMMS=1 before several SMS (27.005 §3.5.6); a modem that does not know it still sends them. */
  private async keepLinkOpen(total: number): Promise<void> {
    try {
      await this.requireChannel().send('AT+CMMS=1');
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw new SendPartsError(err, [], 0, total);
      this.log.debug('AT+CMMS refused', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * Every message in the read storage (AT+CMGL=4: all, PDU mode; 27.005 §3.4.2). Entries whose
   * PDU line is missing are left out.
   * @throws AtTimeoutError | CmsError | CmeError | AtError | PortClosedError | ModemNotReadyError
   */
  async listMessages(): Promise<StoredSms[]> {
    const lines = await this.requireChannel().send('AT+CMGL=4', { timeout: 'list' });
    const out: StoredSms[] = [];
    for (let i = 0; i < lines.length; i++) {
      const params = replyParams(lines[i] ?? '', '+CMGL');
      if (!params) continue;
      const pdu = lines[i + 1];
      // <index>,<stat>,[<alpha>],<length>: the length is always the last field.
      const index = intParam(params, 0);
      const stat = intParam(params, 1);
      const length = intParam(params, params.length - 1);
      // A PDU line that is not whole hex octets (line noise, a modem's bug) is still that slot's
      // message: the receiver keeps it as unreadable and deletes it, or it would fill the SIM
      // for good (issue 10 item 1). Only another header is not a PDU line.
      if (index === null || stat === null || length === null || pdu === undefined || pdu.startsWith('+CMGL:')) continue;
      out.push({ index, stat, length, pdu: pdu.trim() });
      i += 1;
    }
    return out;
  }

  /**
   * One message (AT+CMGR=<index>, 27.005 §3.4.3), or null when the slot is empty: some modems
   * answer an empty slot with a bare OK, others with +CMS ERROR: 321 (invalid memory index).
   * @throws AtTimeoutError | CmsError | CmeError | AtError | PortClosedError | ModemNotReadyError
   */
  async readMessage(index: number): Promise<StoredSms | null> {
    let lines: string[];
    try {
      lines = await this.requireChannel().send(`AT+CMGR=${index}`, { timeout: 'sim' });
    } catch (err) {
      if (err instanceof CmsError && err.errorCode === 321) return null;
      throw err;
    }
    const at = lines.findIndex((line) => line.startsWith('+CMGR:'));
    const params = at < 0 ? null : replyParams(lines[at] ?? '', '+CMGR');
    const pdu = lines[at + 1];
    // As in listMessages: a line that is not hex is the slot's unreadable message, not an empty slot.
    if (!params || pdu === undefined || pdu.trim() === '' || /^(OK|ERROR|\+CM[SE] ERROR)/.test(pdu.trim())) return null;
    return { index, stat: intParam(params, 0) ?? 0, length: intParam(params, params.length - 1) ?? 0, pdu: pdu.trim() };
  }

  /**
   * Deletes one message from storage (AT+CMGD=<index>, 27.005 §3.5.4).
   * @throws AtTimeoutError | CmsError | CmeError | AtError | PortClosedError | ModemNotReadyError
   */
  async deleteMessage(index: number): Promise<void> {
    await this.requireChannel().send(`AT+CMGD=${index}`, { timeout: 'sim' });
  }

  /**
   * Acknowledges a +CMT or a +CDS (AT+CNMA, 27.005 §3.4.4) when the modem needs it: only with +CSMS
   * service 1; with service 0 the modem acknowledges by itself and AT+CNMA would be an error.
   * @returns whether an acknowledgement was sent.
   * @throws AtTimeoutError | CmsError | PortClosedError | ModemNotReadyError
   */
  async acknowledgeDelivery(): Promise<boolean> {
    if (this.csmsService !== 1) return false;
    await this.requireChannel().send('AT+CNMA');
    return true;
  }

  /**
   * One raw AT command, for diagnostics (the CLI's `modems` command).
   * @throws AtTimeoutError | CmeError | CmsError | AtError | PortClosedError | ModemNotReadyError
   */
  command(command: string, options: SendOptions = {}): Promise<string[]> {
    return this.requireChannel().send(command, options);
  }

  /** Closes the port; everything pending fails with PortClosedError. Never throws. */
  async close(): Promise<void> {
    const channel = this.channel;
    this.stopPortCheck();
    this.channel = null;
    this.mode = null;
    if (channel) await channel.close();
  }

  /** A device gone from under an open port is an unplug, said once (see AtPort.stillThere). */
  private checkPortEvery(stillThere: () => boolean, channel: AtChannel): void {
    const tick = (): void => {
      this.portCheckTimer = null;
      if (this.channel !== channel || channel.isClosed) return;
      if (stillThere()) {
        this.portCheckTimer = this.timers.setTimeout(tick, this.portCheckMs);
        return;
      }
      this.log.warn('modem port gone from under us', { path: this.path });
      this.emit('disconnected');
    };
    if (this.portCheckMs > 0) this.portCheckTimer = this.timers.setTimeout(tick, this.portCheckMs);
  }

  private stopPortCheck(): void {
    if (this.portCheckTimer !== null) this.timers.clearTimeout(this.portCheckTimer);
    this.portCheckTimer = null;
  }

  private requireChannel(): AtChannel {
    if (!this.channel || this.channel.isClosed) throw new ModemNotReadyError('the port is not open');
    return this.channel;
  }

  /**
   * A few bare `AT`s until the modem answers OK: it may still be booting, or answer the first
   * one with ERROR because the ESC or line noise before it spoiled the command line.
   */
  private async sync(): Promise<void> {
    const channel = this.requireChannel();
    for (let attempt = 1; ; attempt++) {
      try {
        await channel.send('AT', { timeout: 'probe' });
        return;
      } catch (err) {
        const answered = err instanceof AtError || err instanceof CmeError || err instanceof CmsError;
        if (attempt >= 3) {
          if (answered) return; // it talks; ATZ will tell whether it listens
          throw err;
        }
        if (!answered && !(err instanceof AtTimeoutError)) throw err;
      }
    }
  }

  private async readHardwareIdentity(): Promise<Omit<ModemIdentity, 'imsi'>> {
    return {
      manufacturer: await this.readOptional('AT+CGMI'),
      model: await this.readOptional('AT+CGMM'),
      revision: await this.readOptional('AT+CGMR'),
      imei: await this.readOptional('AT+CGSN'),
    };
  }

  /** The plain answer of a query, or null if the modem refuses it. Timeouts still throw. */
  private async readOptional(command: string): Promise<string | null> {
    try {
      return plainAnswer(await this.requireChannel().send(command), command);
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      return null;
    }
  }

  /** The answer lines of a query, or null if the modem refuses it. Timeouts still throw. */
  private async readOptionalLines(command: string): Promise<string[] | null> {
    try {
      return await this.requireChannel().send(command);
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      return null;
    }
  }

  private async optional(command: string): Promise<boolean> {
    try {
      await this.requireChannel().send(command);
      return true;
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      this.log.info('optional command refused', { command });
      return false;
    }
  }

  /** Runs `action`, retrying while the modem says "SIM busy" / "not allowed yet". */
  private async whileBusy<T>(action: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await action();
      } catch (err) {
        if (!isBusy(err) || attempt >= this.busyRetries) throw err;
        await this.sleep(this.busyRetryDelayMs);
      }
    }
  }

  /** AT+CPIN? and, if the SIM asks for it and we have one, the PIN — exactly once. */
  private async unlockSim(pin: string | null): Promise<SimState> {
    const channel = this.requireChannel();
    const state = await this.whileBusy(() => this.simState());
    switch (state) {
      case 'ready':
        return state;
      case 'not-inserted':
        throw new SimNotInsertedError();
      case 'puk-required':
        throw new SimPukRequiredError();
      case 'pin-required':
        break;
      default:
        throw new SimUnusableError(state, state);
    }
    if (pin === null || pin === '') throw new SimPinRequiredError();
    if (!/^\d{4,8}$/.test(pin)) throw new SimPinRejectedError(); // never send a malformed PIN to the SIM
    try {
      await channel.send(`AT+CPIN="${pin}"`, { timeout: 'pin' });
    } catch (err) {
      if (err instanceof CmeError && err.errorCode === 12) throw new SimPukRequiredError();
      if (err instanceof CmeError && (err.errorCode === 16 || err.errorCode === 11)) throw new SimPinRejectedError();
      throw err;
    }
    this.log.info('SIM unlocked with the configured PIN');
    // The SIM takes a moment to come up after the PIN (SIM800 prints "SMS Ready" when it has).
    const after = await this.whileBusy(async () => {
      const now = await this.simState();
      if (now === 'ready') return now;
      throw new CmeError('AT+CPIN?', 14, 'SIM busy');
    }).catch(() => 'unknown' as const);
    if (after !== 'ready') throw new SimUnusableError(after, 'the SIM did not become ready after the PIN');
    return after;
  }

  /** PDU mode, or text mode only if the modem refuses PDU mode. */
  private async chooseSmsMode(): Promise<'pdu' | 'text'> {
    const channel = this.requireChannel();
    try {
      await this.whileBusy(() => channel.send('AT+CMGF=0'));
      return 'pdu';
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      this.log.warn('modem refused PDU mode, falling back to text mode');
      await this.whileBusy(() => channel.send('AT+CMGF=1'));
      return 'text';
    }
  }

  private async firstAccepted(command: string, values: readonly string[], timeout: 'default' | 'sim' = 'default'): Promise<string | null> {
    const channel = this.requireChannel();
    for (const value of values) {
      try {
        await this.whileBusy(() => channel.send(`${command}${value}`, { timeout }));
        return value;
      } catch (err) {
        if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      }
    }
    return null;
  }

  /** +CSMS: <service>,<mt>,<mo>,<bm> (27.005 §3.2.1); 0 when the modem does not say. */
  private async readCsmsService(): Promise<number> {
    try {
      return intParam(findReply(await this.requireChannel().send('AT+CSMS?'), '+CSMS'), 0) ?? 0;
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      return 0;
    }
  }

  /** `+CSCA: "<sca>",<tosca>` -> the number, or null when empty or refused. */
  private async readServiceCentre(): Promise<string | null> {
    try {
      const lines = await this.whileBusy(() => this.requireChannel().send('AT+CSCA?', { timeout: 'sim' }));
      const number = findReply(lines, '+CSCA')?.[0] ?? '';
      return number.length > 0 ? number : null;
    } catch (err) {
      if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
      return null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }
}

function validatePart(part: PduPart, index: number): void {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(part.pdu)) throw new InvalidPduError(index, 'the PDU is not hex octets');
  const octets = part.pdu.length / 2;
  // An SMS-SUBMIT TPDU is at most 164 octets (TS 23.040 §9.2.2.2: first octet, MR, 12-octet
  // address, PID, DCS, 7-octet VP, UDL, 140 octets of user data).
  if (!Number.isInteger(part.tpduLength) || part.tpduLength < 1 || part.tpduLength > 164 || part.tpduLength > octets) {
    throw new InvalidPduError(index, `impossible TPDU length ${part.tpduLength} for ${octets} octets`);
  }
}
