// The shape of one row of the AT command table, and what a handler may touch.
import type { ModemSettings } from './modem-settings.ts';
import type { FinalResult } from './result-codes.ts';
import type { SimCard } from './sim-card.ts';
import type { SimStorage } from './sim-storage.ts';

/** Information text lines (unframed) and the final result of one command. */
export interface CommandReply {
  readonly info: readonly string[];
  readonly final: FinalResult;
}

/**
 * A command that asks for more input after the `> ` prompt (27.005 §3.5.1 AT+CMGS):
 * `onBody` gets everything typed up to Ctrl-Z (0x1A); ESC (0x1B) cancels and answers OK.
 */
export interface PromptReply {
  readonly onBody: (body: string) => CommandReply | Promise<CommandReply>;
}

export type HandlerResult = CommandReply | PromptReply;

export interface NetworkState {
  /** +CREG <stat> (27.007 §7.2): 0 not searching, 1 home, 2 searching, 3 denied, 5 roaming. */
  registration: number;
  /** +CSQ <rssi> (27.007 §8.5): 0..31, 99 unknown. */
  signalCsq: number;
  operator: string;
  /** The service centre address stored on the SIM (+CSCA, 27.005 §3.3.1). */
  smscAddress: string;
  /** Location area code and cell id for +CREG with <n>=2, as 4 and 4..8 hex digits. */
  readonly lac: string;
  readonly cellId: string;
}

export interface ModemIdentity {
  readonly imei: string;
  readonly imsi: string;
}

/** What a command handler can see and do. */
export interface ModemContext {
  readonly settings: ModemSettings;
  readonly sim: SimCard;
  /** The SIM's message storage ("SM"). */
  readonly storage: SimStorage;
  readonly network: NetworkState;
  /** +CSMS <service> (27.005 §3.2.1): 1 when a +CMT must be acknowledged with AT+CNMA. */
  readonly smsService: number;
  /** AT+CNMA: acknowledges the last +CMT; false when none waits (+CMS ERROR: 340). */
  acknowledge(): boolean;
  /**
   * AT+CPIN? is answered with `+CPIN: <code>` and no final OK, as Wavecom modems do (the
   * profile's `cpinWithoutOk`, unless the `cpinFinalOk` option asks for the OK).
   */
  readonly cpinWithoutOk: boolean;
  /** False for a modem without PDU mode: AT+CMGF=0 is refused (the `pduMode` option). */
  readonly pduMode: boolean;
  /** The modem refuses CNMI <ds>=1 and stores status reports (+CDSI) instead. */
  readonly storedStatusReports: boolean;
  /** The modem takes CNMI <ds>=2 (and AT+CNMI=? lists it): the profile's statusReports, or the storedStatusReports option. */
  readonly storesStatusReports: boolean;
  /** The status-report storage ("SR") when the modem keeps one apart from "SM" and lets AT+CPMS select it for reading; else null. */
  readonly reportStorage: SimStorage | null;
  /** A slot was freed: the network delivers what waited for room. */
  storageFreed(): void;
  readonly identity: ModemIdentity;
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** <AcT> for +COPS (27.007 §7.3), or null for modems that do not report one (2G only). */
  readonly accessTechnology: number | null;
  /** ATZ / AT&F: restore default settings (V.250 §6.1.1). */
  resetSettings(): void;
  /** AT+CFUN=1,1: answer OK, then reboot (banner again, SIM asks for its PIN again). */
  scheduleReboot(): void;
  /** The SIM just became ready: the profile's "SIM ready" URCs, and +CREG if it changes. */
  simUnlocked(): void;
  /** The effective registration (0 while the SIM is locked). */
  registration(): number;
  /** A PDU typed after the AT+CMGS=<length> prompt. */
  submitPdu(declaredLength: number, hex: string): Promise<CommandReply>;
  /** Text typed after the text-mode AT+CMGS="<da>" prompt. */
  submitText(recipient: string, text: string): Promise<CommandReply>;
}

/** One row of the command table: a pattern for one command (without `AT`) and its handler. */
export interface CommandRow {
  readonly pattern: RegExp;
  /** Where the behaviour comes from (spec clause or vendor manual). */
  readonly source: string;
  /** A locked SIM makes this command fail with +CME ERROR: 11/12 or +CMS ERROR: 311/316. */
  readonly needsSim?: 'cme' | 'cms';
  readonly handle: (ctx: ModemContext, match: RegExpMatchArray) => HandlerResult;
}

export const reply = (final: FinalResult, ...info: string[]): CommandReply => ({ info, final });

export const isPrompt = (result: HandlerResult): result is PromptReply => 'onBody' in result;
