// A GSM modem on a real pseudo-terminal: the app under test opens `sim.path` with the real
// `serialport` package and talks AT to it exactly as it would to a USB modem.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import { bytesToHex, packSeptets, textToSeptets, textToUcs2 } from '../../src-shared/sms/index.ts';
import type { SubmitPdu } from '../../src-shared/sms/index.ts';
import { splitCommandLine } from './command-line.ts';
import { isPrompt, reply } from './command-row.ts';
import type { CommandReply, CommandRow, HandlerResult, ModemContext, NetworkState, PromptReply } from './command-row.ts';
import { SMSFULL_INDICATOR, STANDARD_COMMANDS, registrationReport } from './command-table.ts';
import { InputFramer } from './input-framer.ts';
import type { InputEvent } from './input-framer.ts';
import { garbageAnswer, refusedOnPort } from './port-roles.ts';
import type { PortRole } from './port-roles.ts';
import { inspectSubmitText } from './text-intake.ts';
import { defaultSettings } from './modem-settings.ts';
import type { ModemSettings, SettingsDefaults } from './modem-settings.ts';
import { inspectSubmitPdu } from './pdu-intake.ts';
import { PROFILES } from './profiles.ts';
import type { ModemProfile, ProfileName, VendorNoise } from './profiles.ts';
import { openPtyPair } from './pty-pair.ts';
import type { PtyPair } from './pty-pair.ts';
import { CME, CMS, ERROR, OK, cmeError, cmsError, finalResultText, frame } from './result-codes.ts';
import type { FinalResult } from './result-codes.ts';
import { SimCard } from './sim-card.ts';
import { SimStorage } from './sim-storage.ts';
import type { StoredMessage } from './sim-storage.ts';
import { buildDeliverPdus, buildStatusReportPdu } from './sms-pdus.ts';
import type { BuiltPdu, DeliverSpec } from './sms-pdus.ts';

export interface ModemSimulatorOptions {
  /** Vendor behaviour (banners, identity, noise, vendor commands). Default 'generic'. */
  profile?: ProfileName;
  /** Path of the symlink the app opens. Default: a fresh temporary path. */
  link?: string;
  /** Time the network takes to accept each AT+CMGS (one part). Default 0. */
  networkDelayMs?: number;
  /** The SIM asks for this PIN at every power-on. Default null (no PIN). */
  pin?: string | null;
  /** Unblocks the SIM after three wrong PINs. Default '12345678'. */
  puk?: string;
  imei?: string;
  imsi?: string;
  operator?: string;
  /** +CSQ <rssi>, 0..31 or 99. Default 20. */
  signalCsq?: number;
  /** +CREG <stat> once the SIM is ready. Default 1 (registered, home network). */
  registration?: number;
  smscAddress?: string;
  /** Override the profile's vendor noise timing, or `false` to silence it. */
  noise?: Partial<Omit<VendorNoise, 'lines'>> | false;
  /** Slots in the SIM's message storage. Default 30. */
  storageCapacity?: number;
  /** +CSMS <service>: 1 makes every +CMT wait for AT+CNMA (27.005 §3.2.1). Default 0. */
  smsService?: 0 | 1;
  /**
   * Refuse CNMI <ds>=1, so status reports are stored and announced with +CDSI (in the profile's
   * report storage, or "SM" on a profile without one). Default false.
   */
  storedStatusReports?: boolean;
  /** Slots of the status-report storage ("SR") on a profile that has one. Default 20. */
  reportStorageCapacity?: number;
  /**
   * Print +CDS PDUs without the SMSC field. 27.005 §3.1 puts it there; some firmware leaves it
   * out, and the app must read both. Default false.
   */
  statusReportWithoutSmsc?: boolean;
  /** The SIM starts blocked behind its PUK (three wrong PINs on another device). Default false. */
  pukLocked?: boolean;
  /**
   * What the network answers to AT+CUSD=1,"<code>",15 and how the modem prints it (27.007 §7.15):
   * `text` as is, `gsm7-hex` packed GSM 7-bit hex with DCS 15 (Huawei), `ucs2-hex` UCS-2 hex
   * with DCS 72. Default: 'Your balance is KES 25.50.' as text.
   */
  ussd?: UssdReply;
  /** RING repeats this often while a call rings (V.250 §6.3.4). Default 1000 ms. */
  ringEveryMs?: number;
  /**
   * Answer AT+CPIN? with a final OK even on a profile whose firmware leaves it out (Wavecom).
   * Default false: the profile decides.
   */
  cpinFinalOk?: boolean;
  /** false: a modem without PDU mode. AT+CMGF=0 is ERROR and it starts in text mode. Default true. */
  pduMode?: boolean;
  /**
   * What this tty is (port-roles.ts): 'modem' (default), 'diagnostic' (AT and identity answer,
   * every 27.005 SMS command is ERROR, no URCs) or 'not-a-modem' (garbage bytes to every line).
   * A diagnostic port of the same modem is started with the same `imei`.
   */
  portRole?: PortRole;
  /**
   * Also serve a diagnostic tty of this same modem (same IMEI, IMSI, profile and SIM), at
   * `sim.diagnosticPath`: `true` for a temporary path, or `{ link }`. unplug / replug / stop
   * take it along, as pulling a USB stick takes all its ttys.
   */
  diagnosticPort?: boolean | { link?: string };
  /**
   * How the modem says its message storage became full (and, for +CIEV, that it has room again),
   * whatever AT+CMER says: `ciev` `+CIEV: <n>,1` / `+CIEV: <n>,0` with <n> the smsfull indicator
   * of AT+CIND=? (27.007 §8.9-8.10), `ciev-named` `+CIEV: "smsfull",1` / `,0`, `huawei`
   * `^SMMEMFULL: "SM"`, `quectel` `+QIND: "smsfull","SM"` (the vendor forms again each time the
   * network finds no room). A simulator option, not a vendor fact. Default: none.
   */
  memoryFullIndication?: 'ciev' | 'ciev-named' | 'huawei' | 'quectel';
}

export interface UssdReply {
  text: string;
  form?: 'text' | 'gsm7-hex' | 'ucs2-hex';
  /** The USSD code answered; others get +CUSD: 4 (not supported). Default: any. */
  code?: string;
}

/** An incoming SMS for `deliverSms` / `storeSms`. */
export interface IncomingSmsSpec extends DeliverSpec {
  /** The order in which the parts reach the modem, as 1-based part numbers. Default in order. */
  order?: readonly number[];
}

/** An SMS-SUBMIT the simulator accepted and "sent". */
export interface SubmitRecord {
  /** The hex as typed (uppercased, whitespace removed), SMSC field included. */
  readonly pdu: string;
  /** TPDU octets: what AT+CMGS=<length> had to say. */
  readonly tpduLength: number;
  readonly decoded: SubmitPdu;
  /** The message reference the modem answered with (+CMGS: <mr>). */
  readonly reference: number;
  readonly at: Date;
}

/** A text-mode AT+CMGS="<da>" message (27.005 §3.5.1, text mode). */
export interface TextSubmitRecord {
  readonly recipient: string;
  /** The message as the recipient reads it: the body decoded per AT+CSMP <dcs> and AT+CSCS. */
  readonly text: string;
  /** What was typed after the prompt, up to Ctrl-Z (latin1). */
  readonly body: string;
  readonly encoding: 'gsm7' | 'ucs2';
  /** The AT+CSMP <dcs> in force (27.005 §3.3.2). */
  readonly dcs: number;
  readonly reference: number;
  readonly at: Date;
}

/** An AT+CMGS the simulator refused, and why. */
export interface RejectedSubmit {
  readonly pdu: string;
  readonly declaredLength: number;
  readonly reason: string;
  /** The +CMS ERROR code answered. */
  readonly code: number;
  readonly at: Date;
}

export interface ModemSimulatorEvents {
  submit: [SubmitRecord];
  /** A text-mode AT+CMGS went out. */
  'text-submit': [TextSubmitRecord];
  reject: [RejectedSubmit];
  command: [string];
  /** Input dropped because the modem is hung (latin1 text). */
  dropped: [string];
  unplug: [];
  replug: [string];
  /** ATH / AT+CHUP ended a ringing call. */
  hangup: [string];
}

const DEFAULTS = {
  imei: '356938035643809',
  imsi: '639021234567890',
  operator: 'Safaricom',
  signalCsq: 20,
  registration: 1,
  smscAddress: '+254722500029',
  puk: '12345678',
} as const;

const isRegistered = (stat: number): boolean => stat === 1 || stat === 5;

/**
 * Quiet time on the line before socat is killed. Killing socat hangs up the app's pty
 * (Linux pty_close -> tty_vhangup), after which read() returns 0. serialport 13 learns of the
 * unplug only if its read is parked in poll() at that moment (libuv reports POLLERR as EBADF,
 * and the stream closes with `disconnected: true`); a read already in flight gets 0 bytes and
 * @serialport/bindings-cpp unix-read.js retries 0-byte reads forever, so the app never sees
 * `close`. An app reads right after each chunk it receives, so a short silence parks it.
 */
const UNPLUG_SETTLE_MS = 50;

/** What a diagnostic companion shares with its modem: one SIM, one network. */
interface SharedState {
  readonly sim: SimCard;
  readonly network: NetworkState;
}

export class ModemSimulator extends EventEmitter<ModemSimulatorEvents> {
  readonly profile: ModemProfile;
  readonly portRole: PortRole;
  /** Every SMS-SUBMIT accepted, in order. */
  readonly received: SubmitRecord[] = [];
  readonly receivedText: TextSubmitRecord[] = [];
  /** Every AT+CMGS refused, in order. */
  readonly rejected: RejectedSubmit[] = [];
  /** Every command line received (without its CR), across power cycles. */
  readonly commands: string[] = [];
  /** Bugs in the simulator itself (a handler threw); answered with ERROR. */
  readonly internalErrors: Error[] = [];
  /** The SIM's message storage: what is on it, and every AT+CMGD. */
  readonly storage: SimStorage;
  /**
   * The status-report storage ("SR") of a profile that keeps stored reports apart (profiles.ts
   * `statusReports`), or null: reports are then stored in `storage`.
   */
  readonly reportStorage: SimStorage | null;
  /** Status reports that came while CNMI said +CDS (or nothing) and no app listened: lost, as on a real modem. */
  readonly lostStatusReports: BuiltPdu[] = [];
  /** +CMT deliveries acknowledged with AT+CNMA. */
  acknowledged = 0;
  /** What the network could not deliver while the SIM was full: retried when a slot frees. */
  readonly #waitingForRoom: StoredMessage[] = [];
  /** The memoryFullIndication last said "full" (so "room again" is said once). */
  #reportedFull = false;
  /** hangOn(): the command that hangs the modem, and how many matching ones still pass. */
  #hangOn: { pattern: RegExp; skip: number } | null = null;
  #unacknowledged = 0;

  readonly #options: ModemSimulatorOptions;
  readonly #commandTable: readonly CommandRow[];
  readonly #noise: VendorNoise | null;
  readonly #framer = new InputFramer();
  readonly #sim: SimCard;
  readonly #network: NetworkState;
  readonly #context: ModemContext;
  readonly #settings: ModemSettings;
  #link: string;
  #tempDir: string | null = null;
  #pty: PtyPair | null = null;
  #port: SerialPort | null = null;
  /** Bumped at every power cycle, so work started before one is dropped after it. */
  #session = 0;
  #nextReference = 0;
  #injectedErrors: { code: number; remaining: number }[] = [];
  /** unplugAfterSubmit(): message bodies to go until the pull, and whether the network takes that one. */
  #unplugAfterSubmit: { remaining: number; sent: boolean } | null = null;
  /** sendBrokenUrc({ beforeNextAnswer }): a URC header written in front of the next answer. */
  #brokenUrcBeforeAnswer: string | null = null;
  #hung = false;
  #draining = false;
  #pendingPrompt: PromptReply | null = null;
  #noiseTimer: NodeJS.Timeout | null = null;
  #noiseIndex = 0;
  #repliesWithInfo = 0;
  #stopped = false;
  #ringTimer: NodeJS.Timeout | null = null;
  #clip = false;
  #ringing: string | null = null;
  /** Calls ended with ATH / AT+CHUP, with the caller's number. */
  readonly hungUp: string[] = [];
  /** The USSD codes asked with AT+CUSD=1,... */
  readonly ussdRequests: string[] = [];
  /** The diagnostic tty of this modem (the `diagnosticPort` option). */
  #diagnostic: ModemSimulator | null = null;
  /** The profile's nag lines stopped (a command matching `noise.nag.until` ran). */
  #nagDone = false;
  #garbageAnswers = 0;

  private constructor(options: ModemSimulatorOptions, shared: SharedState | null = null) {
    super();
    this.#options = options;
    this.profile = PROFILES[options.profile ?? 'generic'];
    this.portRole = options.portRole ?? 'modem';
    this.#commandTable = [...this.#callAndUssdCommands(), ...STANDARD_COMMANDS, ...this.profile.vendorCommands];
    // Only the modem's own AT port chatters; a diagnostic or foreign tty stays quiet.
    this.#noise = this.profile.noise === null || options.noise === false || this.portRole !== 'modem'
      ? null
      : { ...this.profile.noise, ...options.noise };
    this.#settings = defaultSettings(this.#settingsDefaults());
    this.#sim = shared?.sim ?? new SimCard(options.pin ?? null, options.puk ?? DEFAULTS.puk);
    if (options.pukLocked === true && shared === null) this.#sim.block();
    this.storage = new SimStorage(options.storageCapacity ?? 30);
    this.reportStorage = this.profile.statusReports.storage === 'SR' ? new SimStorage(options.reportStorageCapacity ?? 20) : null;
    this.#network = shared?.network ?? {
      registration: options.registration ?? DEFAULTS.registration,
      signalCsq: options.signalCsq ?? DEFAULTS.signalCsq,
      operator: options.operator ?? DEFAULTS.operator,
      smscAddress: options.smscAddress ?? DEFAULTS.smscAddress,
      lac: '00C3',
      cellId: '1A2B3C',
    };
    if (options.link === undefined) {
      this.#tempDir = mkdtempSync(join(tmpdir(), 'ujumbe-modem-'));
      this.#link = join(this.#tempDir, 'ttyGSM0');
    } else {
      this.#link = options.link;
    }
    this.#context = this.#makeContext({
      imei: options.imei ?? DEFAULTS.imei,
      imsi: options.imsi ?? DEFAULTS.imsi,
    });
  }

  /**
   * Makes the pty pair and opens the modem's end (no banner: see #sendBanner).
   * Throws if socat is not installed or the pty cannot be made.
   */
  static async start(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
    const sim = new ModemSimulator(options);
    try {
      await sim.#plugIn();
      if (options.diagnosticPort !== undefined && options.diagnosticPort !== false) {
        const link = options.diagnosticPort === true ? undefined : options.diagnosticPort.link;
        sim.#diagnostic = new ModemSimulator(
          { ...sim.#companionOptions(), ...(link === undefined ? {} : { link }) },
          { sim: sim.#sim, network: sim.#network },
        );
        await sim.#diagnostic.#plugIn();
      }
    } catch (error) {
      await sim.stop();
      throw error;
    }
    return sim;
  }

  /** The device path the app opens (a symlink to the app's end of the pty pair). */
  get path(): string {
    return this.#link;
  }

  /** The path of this modem's diagnostic tty (the `diagnosticPort` option), or null. */
  get diagnosticPath(): string | null {
    return this.#diagnostic?.path ?? null;
  }

  /** The diagnostic tty itself, to look at what was asked on it (`commands`), or null. */
  get diagnostic(): ModemSimulator | null {
    return this.#diagnostic;
  }

  get plugged(): boolean {
    return this.#port !== null;
  }

  get settings(): Readonly<ModemSettings> {
    return this.#settings;
  }

  get simState(): SimCard['state'] {
    return this.#sim.state;
  }

  /** The next `count` (default 1) AT+CMGS answer `+CMS ERROR: <code>` after their PDU. */
  injectCmsError(code: number, opts: { count?: number } = {}): void {
    this.#injectedErrors.push({ code, remaining: opts.count ?? 1 });
  }

  /**
   * The modem is pulled out between Ctrl-Z and its answer: the `nth` (default 1) message body
   * from now (AT+CMGS / AT+CMGW, after the prompt) is read, and the modem is unplugged before it
   * writes `+CMGS:` or any result, so the app cannot know whether the SMS went. With `sent`
   * (default true) the network took it first: it is in `received` (and `submit` is emitted), as
   * it may be in the field; `sent: false`: it never left. One shot; the modem stays unplugged
   * until `replug()`.
   */
  unplugAfterSubmit(opts: { nth?: number; sent?: boolean } = {}): void {
    this.#unplugAfterSubmit = { remaining: Math.max(1, opts.nth ?? 1), sent: opts.sent ?? true };
  }

  /**
   * The header of a two-line indication whose PDU line is lost (line noise, a USB hiccup):
   * `+CMT: ,24` (27.005 §3.4.1, PDU mode) or `+CDS: 25`, and nothing after it. Sent now, or
   * with `beforeNextAnswer` right in front of the next answer the modem writes (a command's
   * reply or the `> ` prompt of AT+CMGS), where the PDU line would be taken for it.
   */
  sendBrokenUrc(code: '+CMT' | '+CDS' = '+CMT', opts: { beforeNextAnswer?: boolean } = {}): void {
    const header = code === '+CMT' ? '+CMT: ,24' : '+CDS: 25';
    if (opts.beforeNextAnswer === true) this.#brokenUrcBeforeAnswer = header;
    else this.emitUnsolicited(header);
  }

  /** Stop answering anything (input is dropped), like a crashed modem; `hang(false)` revives it. */
  hang(on = true): void {
    this.#hung = on;
    if (!on) {
      this.#framer.clear();
      this.#pendingPrompt = null;
    }
  }

  /** Pull the modem out: socat dies, and the app's port closes with `disconnected: true`. */
  async unplug(): Promise<void> {
    await this.#diagnostic?.unplug();
    if (!(await this.#unplugQuietly())) return;
    this.emit('unplug');
  }

  /**
   * Plug the modem back in: a power cycle (settings reset, the SIM asks for its PIN again),
   * same IMEI and records. No banner: see #sendBanner.
   */
  async replug(opts: { link?: string; diagnosticLink?: string } = {}): Promise<void> {
    await this.#unplugQuietly();
    if (opts.link !== undefined) this.#link = opts.link;
    this.#hung = false;
    await this.#plugIn();
    await this.#diagnostic?.replug(opts.diagnosticLink === undefined ? {} : { link: opts.diagnosticLink });
    this.emit('replug', this.#link);
  }

  /**
   * The modem resets itself while the app listens (AT+CFUN=1,1, or a brown-out such as a SIM800
   * on a weak USB port): settings back to defaults, the SIM asks for its PIN again, and the
   * profile's power-on banner (RDY, +CPIN: ..., SMS Ready ...) arrives unsolicited.
   */
  reboot(): void {
    if (this.#port === null) return;
    this.#powerOn();
    this.#sendBanner();
  }

  /**
   * A call comes in from `number`: RING (and +CLIP: "<number>",<type> after it when AT+CLIP=1
   * asked for it, 27.007 §7.6) every `ringEveryMs` until ATH / AT+CHUP, or `stopRinging()`.
   */
  ring(number: string): void {
    this.stopRinging();
    const once = (): void => {
      this.emitUnsolicited('RING');
      if (this.#clip) this.emitUnsolicited(`+CLIP: "${number}",${number.startsWith('+') ? 145 : 129},"",,"",0`);
    };
    this.#ringing = number;
    once();
    this.#ringTimer = setInterval(once, this.#options.ringEveryMs ?? 1_000);
    this.#ringTimer.unref();
  }

  /** The caller gave up: the ringing stops (NO CARRIER is not sent for an unanswered call). */
  stopRinging(): void {
    if (this.#ringTimer !== null) clearInterval(this.#ringTimer);
    this.#ringTimer = null;
    this.#ringing = null;
  }

  get ringing(): boolean {
    return this.#ringing !== null;
  }

  /** Change network registration (+CREG <stat>); sends +CREG: URC if AT+CREG=1/2 asked for it. */
  setRegistration(stat: number): void {
    const before = this.#context.registration();
    this.#network.registration = stat;
    if (this.#context.registration() !== before) this.#reportRegistration();
  }

  /** Change signal quality (+CSQ <rssi>); Huawei also reports it as ^RSSI while noise is on. */
  setSignal(csq: number): void {
    this.#network.signalCsq = csq;
    if (this.#noiseActive()) this.emitUnsolicited(`^RSSI:${csq}`);
  }

  /**
   * An SMS arrives from the network: its PDU(s) are stored on the SIM and announced with
   * `+CMTI: "SM",<index>` (CNMI <mt>=1), or routed directly as `+CMT: ,<length>` + PDU
   * (<mt>=2, or `direct`). With CNMI <mode>=0 nothing is announced (it is only stored). On a full
   * SIM the parts wait in the network until a slot is freed.
   * @returns the PDUs in the order they arrived.
   */
  deliverSms(spec: IncomingSmsSpec & { direct?: boolean }): BuiltPdu[] {
    const pdus = this.#inOrder(spec);
    const [mode, mt] = this.#cnmi();
    for (const pdu of pdus) {
      if (spec.direct === true || mt === 2) {
        this.#unacknowledged += 1;
        if (mode !== 0) this.emitUnsolicited(`+CMT: ,${pdu.tpduLength}\r\n${pdu.hex}`);
        continue;
      }
      this.#arrive({ stat: 0, pdu: pdu.hex, tpduLength: pdu.tpduLength, kind: 'sms' });
    }
    return pdus;
  }

  /** Messages that arrived while nobody listened: stored, no URC. @returns the indexes used. */
  storeSms(spec: IncomingSmsSpec): number[] {
    return this.#inOrder(spec).flatMap((pdu) => {
      const index = this.storage.store({ stat: 0, pdu: pdu.hex, tpduLength: pdu.tpduLength, kind: 'sms' });
      return index === null ? [] : [index];
    });
  }

  /** Any hex on the SIM (e.g. a PDU the codec cannot read), no URC. @returns its index. */
  storeRawPdu(hex: string, tpduLength: number): number | null {
    return this.storage.store({ stat: 0, pdu: hex, tpduLength, kind: 'sms' });
  }

  /**
   * Any hex arriving from the network (e.g. a PDU the codec cannot read), like deliverSms: stored
   * and announced with +CMTI, or kept in the network while the storage is full.
   */
  deliverRawPdu(hex: string, tpduLength: number): void {
    this.#arrive({ stat: 0, pdu: hex, tpduLength, kind: 'sms' });
  }

  /**
   * The modem forgets AT+CNMI (as firmware does that resets itself without a banner): new SMS are
   * stored without +CMTI from now on, and the storage fills while the app runs.
   */
  loseNewMessageIndications(): void {
    this.#settings.newMessageIndications = '0,0,0,0,0';
  }

  /**
   * The next command line matching `pattern` (after `skip` matching ones) is recorded and then
   * never run nor answered: the modem hangs as it gets it (`hang(false)` revives it). With
   * /^AT\+CMGD/ it is the crash window between an app's commit and its SIM delete.
   */
  hangOn(pattern: RegExp, opts: { skip?: number } = {}): void {
    this.#hangOn = { pattern, skip: opts.skip ?? 0 };
  }

  /** Fills every free slot with single SMS from `from` ("Message 1", ...). @returns how many. */
  fillStorage(from = '+254712345678'): number {
    let n = 0;
    while (!this.storage.full) this.storeSms({ from, text: `Message ${++n}` });
    return n;
  }

  /**
   * The network reports on a message sent with TP-SRR (23.040 §9.2.2.3): `+CDS: <length>` + PDU
   * with CNMI <ds>=1, or stored and announced as `+CDSI: "SR"|"SM",<index>` with <ds>=2 (in
   * `reportStorage` when the profile has one; a full storage keeps it in the network until a slot
   * frees). `away: true`: no app has the port open (closed, killed), so nothing it prints is read:
   * a +CDS report is lost (`lostStatusReports`), a stored one stays stored for the next start.
   * The recipient is that of the last SUBMIT with this reference unless given.
   * @throws Error when no SUBMIT had this reference and no recipient is given.
   */
  reportDelivery(reference: number, opts: { status?: number; recipient?: string; away?: boolean } = {}): BuiltPdu {
    const submit = [...this.received].reverse().find((r) => r.reference === reference);
    const recipient = opts.recipient ?? submit?.decoded.recipient;
    if (recipient === undefined) throw new Error(`No SMS-SUBMIT had reference ${reference}`);
    const withoutSmsc = this.#options.statusReportWithoutSmsc === true;
    const pdu = buildStatusReportPdu({ reference, recipient, status: opts.status ?? 0, smsc: withoutSmsc ? false : undefined });
    const [mode, , , ds] = this.#cnmi();
    const away = opts.away === true;
    if (ds === 2) {
      this.#arrive({ stat: 0, pdu: pdu.hex, tpduLength: pdu.tpduLength, kind: 'status-report' }, !away);
    } else if (ds === 1 && !away) {
      // Like +CMT: with +CSMS service 1 it waits for AT+CNMA (27.005 §3.4.4).
      this.#unacknowledged += 1;
      if (mode !== 0) this.emitUnsolicited(`+CDS: ${pdu.tpduLength}\r\n${pdu.hex}`);
    } else {
      // <ds> 0, or +CDS printed to nobody: 27.005 §3.4.1 keeps no copy.
      this.lostStatusReports.push(pdu);
    }
    return pdu;
  }

  /** Send any unsolicited line, framed as a URC (V.250 §5.7.1). */
  emitUnsolicited(line: string): void {
    this.#write(frame(line));
  }

  /** Close the port and socat, remove the temporary link directory. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#diagnostic?.stop();
    await this.#unplugQuietly();
    if (this.#tempDir !== null) rmSync(this.#tempDir, { recursive: true, force: true });
  }

  // --- calls and USSD ------------------------------------------------------------------------

  #callAndUssdCommands(): CommandRow[] {
    return [
      { pattern: /^\+CLIP=([01])$/i, source: '27.007 §7.6 +CLIP=<n>: calling line identity after RING', handle: (_ctx, m) => {
        this.#clip = m[1] === '1';
        return reply(OK);
      } },
      { pattern: /^\+CLIP\?$/i, source: '27.007 §7.6 +CLIP', handle: () => reply(OK, `+CLIP: ${this.#clip ? 1 : 0},1`) },
      { pattern: /^(?:H0?|\+CHUP)$/i, source: 'V.250 §6.3.6 ATH, 27.007 §6.5 +CHUP: hang up (rejects a ringing call)', handle: () => {
        const caller = this.#ringing;
        this.stopRinging();
        if (caller !== null) {
          this.hungUp.push(caller);
          this.emit('hangup', caller);
        }
        return reply(OK);
      } },
      { pattern: /^\+CUSD=([012])(?:,"([^"]*)"(?:,(\d+))?)?$/i, source: '27.007 §7.15 +CUSD=<n>[,<str>[,<dcs>]]: OK, then +CUSD: <m>,<str>,<dcs>', needsSim: 'cme', handle: (_ctx, m) => {
        const code = m[2];
        if (m[1] !== '1' || code === undefined) return reply(OK);
        this.ussdRequests.push(code);
        const session = this.#session;
        setTimeout(() => {
          if (session === this.#session) this.emitUnsolicited(this.#ussdAnswer(code));
        }, 20).unref();
        return reply(OK);
      } },
    ];
  }

  #ussdAnswer(code: string): string {
    const wanted = this.#options.ussd ?? { text: 'Your balance is KES 25.50.' };
    if (wanted.code !== undefined && wanted.code !== code) return '+CUSD: 4';
    switch (wanted.form ?? 'text') {
      case 'text':
        return `+CUSD: 0,"${wanted.text}",15`;
      case 'ucs2-hex':
        return `+CUSD: 0,"${bytesToHex(textToUcs2(wanted.text))}",72`;
      case 'gsm7-hex': {
        const septets = textToSeptets(wanted.text);
        // TS 23.038 §6.1.2.3.1: 7 spare bits at the end are filled with CR.
        if ((septets.length * 7) % 8 === 1) septets.push(0x0d);
        return `+CUSD: 0,"${bytesToHex(packSeptets(septets))}",15`;
      }
    }
  }

  // --- plumbing ---------------------------------------------------------------------------

  async #plugIn(): Promise<void> {
    const pty = await openPtyPair(this.#link);
    const port = new SerialPort({ path: pty.simPath, baudRate: 115_200, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    } catch (error) {
      await pty.close();
      throw error;
    }
    // A vanished pty shows up as `close`; errors are not ours to crash on.
    port.on('error', () => {});
    port.on('data', (chunk: Buffer) => this.#onBytes(port, chunk));
    this.#pty = pty;
    this.#port = port;
    this.#powerOn();
  }

  async #unplugQuietly(): Promise<boolean> {
    const pty = this.#pty;
    const port = this.#port;
    if (pty === null || port === null) return false;
    this.#pty = null;
    this.#port = null;
    this.#session += 1;
    this.#stopNoise();
    this.stopRinging();
    this.#framer.clear();
    this.#pendingPrompt = null;
    await new Promise<void>((resolve) => port.drain(() => resolve()));
    await sleep(UNPLUG_SETTLE_MS);
    await pty.close();
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    return true;
  }

  #powerOn(): void {
    this.#session += 1;
    this.#clip = false;
    this.#nagDone = false;
    this.#resetSettings();
    this.#framer.clear();
    this.#pendingPrompt = null;
    this.#sim.powerCycle();
    this.#startNoise();
  }

  // Not sent on start() or replug(): serialport flushes a tty's input when it opens it
  // (@serialport/bindings-cpp serialport_unix.cpp, tcflush(fd, TCIOFLUSH) in setup), so a banner
  // sent before the app opens the port is lost - wholly or, racing socat, in part - just as a
  // real modem's boot messages are missed by an app that opens the port after plug-in. Sending
  // it only from reboot() keeps every test deterministic.
  #sendBanner(): void {
    const simLines = this.#sim.ready ? this.profile.simReadyBanner : this.profile.simLockedBanner;
    for (const line of [...this.profile.bootBanner, ...simLines]) this.emitUnsolicited(this.#fillTemplate(line));
  }

  #write(text: string): void {
    if (this.#hung || this.#port === null) return;
    this.#port.write(text, 'latin1');
  }

  #onBytes(port: SerialPort, chunk: Buffer): void {
    if (port !== this.#port) return;
    if (this.#hung) {
      this.emit('dropped', chunk.toString('latin1'));
      return;
    }
    this.#framer.push(chunk.toString('latin1'));
    void this.#drain();
  }

  /** Handles complete input events one at a time, in order, even across network delays. */
  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      let event: InputEvent | null;
      while (!this.#hung && (event = this.#framer.next()) !== null) {
        const session = this.#session;
        try {
          const handled = this.#handle(event);
          if (handled !== undefined) await handled;
        } catch (error) {
          this.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
          if (session === this.#session) this.#write(frame('ERROR'));
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  #handle(event: InputEvent): Promise<void> | undefined {
    if (event.kind === 'line') {
      const line = event.text;
      // Recorded without the LF of a CR LF line end or other lead-in V.250 §5.2.1 discards.
      const recorded = line.trim();
      if (recorded !== '') {
        this.commands.push(recorded);
        this.emit('command', recorded);
      }
      if (this.#takeHangOn(recorded)) return undefined;
      if (this.portRole === 'not-a-modem') {
        this.#write(garbageAnswer(this.#garbageAnswers++));
        return undefined;
      }
      // V.250 §6.2.4: the command line is echoed as received, CR included.
      if (this.#settings.echo) this.#write(`${line}\r`);
      const commands = splitCommandLine(line);
      if (commands !== null) this.#execute(commands);
      return undefined;
    }
    const prompt = this.#pendingPrompt;
    this.#pendingPrompt = null;
    if (prompt === null) return undefined;
    // Modems echo what is typed after the prompt too (the terminator itself is not shown).
    if (this.#settings.echo) this.#write(event.text);
    if (event.kind === 'cancel') {
      this.#finish([], OK);
      return undefined;
    }
    if (this.#takeUnplugAfterSubmit()) return this.#pullAfterSubmit(prompt, event.text);
    const session = this.#session;
    return Promise.resolve(prompt.onBody(event.text)).then((answer) => {
      if (session === this.#session) this.#finish(answer.info, answer.final);
    });
  }

  /** True when this message body is the one unplugAfterSubmit() pulls the modem out after. */
  #takeUnplugAfterSubmit(): boolean {
    const armed = this.#unplugAfterSubmit;
    if (armed === null) return false;
    armed.remaining -= 1;
    return armed.remaining <= 0;
  }

  /** Ctrl-Z came: the network takes the message (or not), and the modem is gone before it answers. */
  async #pullAfterSubmit(prompt: PromptReply, body: string): Promise<void> {
    const sent = this.#unplugAfterSubmit?.sent ?? true;
    this.#unplugAfterSubmit = null;
    // The answer is dropped: it would go out only after the unplug.
    if (sent) await prompt.onBody(body);
    await this.unplug();
  }

  /** The header sendBrokenUrc({ beforeNextAnswer }) left for the next answer, framed, or ''. */
  #takeBrokenUrc(): string {
    const header = this.#brokenUrcBeforeAnswer;
    this.#brokenUrcBeforeAnswer = null;
    return header === null ? '' : frame(header);
  }

  /** Runs the commands of one line in order; the first failure ends the line (V.250 §5.2.4). */
  #execute(commands: readonly string[]): void {
    const info: string[] = [];
    for (const command of commands) {
      const outcome = this.#run(command);
      if (isPrompt(outcome)) {
        // The prompt takes over the line: anything after AT+CMGS on it is not run.
        this.#prompt(info, outcome);
        return;
      }
      info.push(...outcome.info);
      // `none` (an answer without a final result, Wavecom's +CPIN?) ends the line as well.
      if (outcome.final.kind !== 'ok') {
        this.#finish(info, outcome.final);
        return;
      }
    }
    this.#finish(info, OK);
  }

  #run(command: string): HandlerResult {
    if (refusedOnPort(this.portRole, command)) return reply(ERROR);
    const nag = this.#noise?.nag;
    if (nag !== undefined && nag.until.test(command)) this.#nagDone = true;
    for (const row of this.#commandTable) {
      const match = row.pattern.exec(command);
      if (match === null) continue;
      if (row.needsSim !== undefined && !this.#sim.ready) return reply(this.#simLockedError(row.needsSim));
      return row.handle(this.#context, match);
    }
    return reply(ERROR);
  }

  #simLockedError(family: 'cme' | 'cms'): FinalResult {
    const puk = this.#sim.state === 'SIM PUK';
    if (family === 'cme') return cmeError(puk ? CME.simPukRequired : CME.simPinRequired);
    return cmsError(puk ? CMS.simPukRequired : CMS.simPinRequired);
  }

  /** 27.005 §3.5.1: the prompt is <CR><LF><greater_than><space>, with no line end after it. */
  #prompt(info: readonly string[], prompt: PromptReply): void {
    this.#pendingPrompt = prompt;
    this.#framer.expectingBody = true;
    this.#write(`${this.#takeBrokenUrc()}${info.length > 0 ? frame(info.join('\r\n')) : ''}\r\n> `);
  }

  #finish(info: readonly string[], final: FinalResult): void {
    let text = this.#takeBrokenUrc();
    if (info.length > 0) {
      text += frame(info.join('\r\n'));
      // The classic trap: a URC between a command's information text and its OK.
      this.#repliesWithInfo += 1;
      if (this.#noiseActive() && this.#noise !== null && this.#repliesWithInfo % this.#noise.midResponseEvery === 0) {
        text += frame(this.#nextNoiseLine());
      }
    }
    if (final.kind !== 'none') text += frame(finalResultText(final, this.#settings.errorMode));
    this.#write(text);
  }

  // --- SMS submission ------------------------------------------------------------------------

  async #submitPdu(declaredLength: number, body: string): Promise<CommandReply> {
    const verdict = inspectSubmitPdu(body, declaredLength);
    if (!verdict.accepted) return this.#reject(verdict.hex, declaredLength, verdict.reason, CMS.invalidPduModeParameter);
    if (!isRegistered(this.#context.registration())) {
      return this.#reject(verdict.hex, declaredLength, 'not registered on a network', CMS.noNetworkService);
    }
    const session = this.#session;
    const delay = this.#options.networkDelayMs ?? 0;
    if (delay > 0) await sleep(delay);
    // Unplugged while "on air": the modem lost power before the network answered. Nothing sent.
    if (session !== this.#session) return reply(ERROR);
    const injected = this.#takeInjectedError();
    if (injected !== null) return this.#reject(verdict.hex, declaredLength, 'injected by the test', injected);
    const record: SubmitRecord = {
      pdu: verdict.hex,
      tpduLength: verdict.tpduLength,
      decoded: verdict.decoded,
      reference: this.#takeReference(),
      at: new Date(),
    };
    this.received.push(record);
    this.emit('submit', record);
    return reply(OK, `+CMGS: ${record.reference}`);
  }

  async #submitText(recipient: string, body: string): Promise<CommandReply> {
    const verdict = inspectSubmitText(body, this.#settings.textModeParameters, this.#settings.characterSet);
    if (!verdict.accepted) return reply(cmsError(CMS.invalidTextModeParameter));
    if (!isRegistered(this.#context.registration())) return reply(cmsError(CMS.noNetworkService));
    const session = this.#session;
    const delay = this.#options.networkDelayMs ?? 0;
    if (delay > 0) await sleep(delay);
    if (session !== this.#session) return reply(ERROR);
    const injected = this.#takeInjectedError();
    if (injected !== null) return reply(cmsError(injected));
    const record: TextSubmitRecord = {
      recipient,
      text: verdict.text,
      body,
      encoding: verdict.encoding,
      dcs: verdict.dcs,
      reference: this.#takeReference(),
      at: new Date(),
    };
    this.receivedText.push(record);
    this.emit('text-submit', record);
    return reply(OK, `+CMGS: ${record.reference}`);
  }

  #reject(pdu: string, declaredLength: number, reason: string, code: number): CommandReply {
    const rejection: RejectedSubmit = { pdu, declaredLength, reason, code, at: new Date() };
    this.rejected.push(rejection);
    this.emit('reject', rejection);
    return reply(cmsError(code));
  }

  #takeInjectedError(): number | null {
    const next = this.#injectedErrors[0];
    if (next === undefined) return null;
    next.remaining -= 1;
    if (next.remaining <= 0) this.#injectedErrors.shift();
    return next.code;
  }

  /** TP-MR is one octet the ME assigns and increments per SUBMIT (23.040 §9.2.3.6). */
  #takeReference(): number {
    const reference = this.#nextReference;
    this.#nextReference = (reference + 1) % 256;
    return reference;
  }

  // --- incoming SMS ----------------------------------------------------------------------------

  #inOrder(spec: IncomingSmsSpec): BuiltPdu[] {
    const pdus = buildDeliverPdus(spec);
    if (spec.order === undefined) return pdus;
    return spec.order.map((n) => {
      const pdu = pdus[n - 1];
      if (pdu === undefined) throw new Error(`part ${n} of ${pdus.length} does not exist`);
      return pdu;
    });
  }

  /** CNMI <mode>,<mt>,<bm>,<ds> as numbers. */
  #cnmi(): number[] {
    return this.#settings.newMessageIndications.split(',').map((v) => Number(v) || 0);
  }

  /** Where a message is stored: a status report in the report storage ("SR") when there is one, anything else in "SM". */
  #storageFor(message: StoredMessage): { storage: SimStorage; name: 'SR' | 'SM' } {
    return message.kind === 'status-report' && this.reportStorage !== null ? { storage: this.reportStorage, name: 'SR' } : { storage: this.storage, name: 'SM' };
  }

  /** Stores and announces one message (`announce` false: nobody listens); on a full storage it waits in the network. */
  #arrive(message: StoredMessage, announce = true): void {
    const { storage, name } = this.#storageFor(message);
    const index = storage.store(message);
    if (index === null) {
      this.#waitingForRoom.push(message);
      // 23.040 §10: the MS answers "memory capacity exceeded"; vendor modems also tell the TE.
      if (storage === this.storage) this.#reportMemory(true);
      return;
    }
    const [mode, mt, , ds] = this.#cnmi();
    const indicated = message.kind === 'sms' ? mt === 1 : ds === 2;
    if (announce && mode !== 0 && indicated) this.emitUnsolicited(`${message.kind === 'sms' ? '+CMTI' : '+CDSI'}: "${name}",${index}`);
    if (this.storage.full) this.#reportMemory(false);
  }

  #storageFreed(): void {
    // After the OK of the AT+CMGD that made room, like a network retry.
    setImmediate(() => {
      for (const message of this.#waitingForRoom.splice(0)) {
        if (this.#storageFor(message).storage.full) this.#waitingForRoom.push(message);
        else this.#arrive(message);
      }
      if (!this.storage.full && this.#reportedFull) {
        this.#reportedFull = false;
        const form = this.#options.memoryFullIndication;
        if (form === 'ciev') this.emitUnsolicited(`+CIEV: ${SMSFULL_INDICATOR},0`);
        if (form === 'ciev-named') this.emitUnsolicited('+CIEV: "smsfull",0');
      }
    });
  }

  /**
   * The memoryFullIndication option: "full" once when the storage fills, and for the vendor forms
   * again whenever a message found no room (`refused`).
   */
  #reportMemory(refused: boolean): void {
    const form = this.#options.memoryFullIndication;
    if (form === undefined) return;
    const again = this.#reportedFull;
    this.#reportedFull = true;
    if (again && (!refused || form === 'ciev' || form === 'ciev-named')) return;
    switch (form) {
      case 'ciev': this.emitUnsolicited(`+CIEV: ${SMSFULL_INDICATOR},1`); break;
      case 'ciev-named': this.emitUnsolicited('+CIEV: "smsfull",1'); break;
      case 'huawei': this.emitUnsolicited('^SMMEMFULL: "SM"'); break;
      case 'quectel': this.emitUnsolicited('+QIND: "smsfull","SM"'); break;
    }
  }

  /** True when `command` is the one hangOn() waits for: the modem hangs before running it. */
  #takeHangOn(command: string): boolean {
    const armed = this.#hangOn;
    if (armed === null || !armed.pattern.test(command)) return false;
    if (armed.skip > 0) {
      armed.skip -= 1;
      return false;
    }
    this.#hangOn = null;
    this.#hung = true;
    return true;
  }

  // --- URCs and vendor noise -------------------------------------------------------------------

  #reportRegistration(): void {
    if (this.#settings.registrationReports === 0) return;
    this.emitUnsolicited(registrationReport(this.#context, false));
  }

  #noiseActive(): boolean {
    return this.#noise !== null && this.#settings.vendorNoise;
  }

  #nextNoiseLine(): string {
    const nag = this.#noise?.nag;
    const lines = [...(this.#noise?.lines ?? []), ...(nag !== undefined && !this.#nagDone ? nag.lines : [])];
    const line = lines[this.#noiseIndex % lines.length] ?? '';
    this.#noiseIndex += 1;
    return this.#fillTemplate(line);
  }

  #fillTemplate(line: string): string {
    return line.replaceAll('{csq}', String(this.#network.signalCsq));
  }

  #startNoise(): void {
    this.#stopNoise();
    if (this.#noise === null || this.#noise.everyMs <= 0) return;
    this.#noiseTimer = setInterval(() => {
      if (this.#noiseActive()) this.emitUnsolicited(this.#nextNoiseLine());
    }, this.#noise.everyMs);
    this.#noiseTimer.unref();
  }

  #stopNoise(): void {
    if (this.#noiseTimer !== null) clearInterval(this.#noiseTimer);
    this.#noiseTimer = null;
  }

  #makeContext(identity: ModemContext['identity']): ModemContext {
    return {
      settings: this.#settings,
      sim: this.#sim,
      storage: this.storage,
      smsService: this.#options.smsService ?? 0,
      storedStatusReports: this.#options.storedStatusReports === true,
      storesStatusReports: this.profile.statusReports.storage !== null || this.#options.storedStatusReports === true,
      reportStorage: this.profile.statusReports.readable ? this.reportStorage : null,
      cpinWithoutOk: this.profile.cpinWithoutOk && this.#options.cpinFinalOk !== true,
      pduMode: this.#options.pduMode !== false,
      acknowledge: () => {
        if (this.#unacknowledged === 0) return false;
        this.#unacknowledged -= 1;
        this.acknowledged += 1;
        return true;
      },
      storageFreed: () => this.#storageFreed(),
      network: this.#network,
      identity,
      manufacturer: this.profile.manufacturer,
      model: this.profile.model,
      revision: this.profile.revision,
      accessTechnology: this.profile.accessTechnology,
      resetSettings: () => this.#resetSettings(),
      scheduleReboot: () => {
        // After the OK has gone out (it is written synchronously once the handler returns).
        setImmediate(() => this.reboot());
      },
      simUnlocked: () => {
        setImmediate(() => {
          for (const line of this.profile.simReadyBanner) this.emitUnsolicited(this.#fillTemplate(line));
          if (isRegistered(this.#network.registration)) this.#reportRegistration();
        });
      },
      registration: () => (this.#sim.ready ? this.#network.registration : 0),
      submitPdu: (declaredLength, hex) => this.#submitPdu(declaredLength, hex),
      submitText: (recipient, text) => this.#submitText(recipient, text),
    };
  }

  /** In place, so the context's view of the settings stays the same object. */
  #resetSettings(): void {
    Object.assign(this.#settings, defaultSettings(this.#settingsDefaults()));
  }

  #settingsDefaults(): SettingsDefaults {
    return this.#options.pduMode === false ? { ...this.profile.settings, messageFormat: 1 } : this.profile.settings;
  }

  /** The options of this modem's diagnostic tty: the same identity, a quiet diagnostic role (SIM and network are shared). */
  #companionOptions(): ModemSimulatorOptions {
    const { profile, imei, imsi, cpinFinalOk } = this.#options;
    return { profile, imei, imsi, cpinFinalOk, portRole: 'diagnostic', noise: false };
  }
}
