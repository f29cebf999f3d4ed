/**
 * Vendor profiles: what differs between the modems clinics actually buy, as data rows
 * (docs/ARCHITECTURE.md "Habits": quirks are table rows; python-gsmmodem's modem.py and gammu's atgen.c keep the same facts in code).
 * The driver detects the profile from the AT+CGMI / AT+CGMM answers unless one is configured.
 */
import type { StoredReportsRow } from './status-report-routing.ts';
import { UNSOLICITED_CODES } from './unsolicited.ts';

export type ProfileId = 'generic' | 'huawei' | 'sim800' | 'quectel' | 'wavecom' | 'zte';
export const PROFILE_IDS: readonly ProfileId[] = ['generic', 'huawei', 'sim800', 'quectel', 'wavecom', 'zte'];

export interface InitCommand {
  command: string;
  /** A failure is logged and init goes on (the command is a nicety, or absent on some firmware). */
  optional: boolean;
  note: string;
}

export interface ModemProfile {
  id: ProfileId;
  /** The device or document the row was taken from. */
  note: string;
  /** Matched against `AT+CGMI` (manufacturer) and `AT+CGMM` (model), either one suffices. */
  detect: { manufacturer?: RegExp; model?: RegExp };
  /** Vendor commands sent after the standard init, in order. */
  initCommands: readonly InitCommand[];
  /** Unsolicited prefixes that are pure chatter on this device: logged at debug, never acted on. */
  noisePrefixes: readonly string[];
  /** Lines the device prints at boot/after the PIN; harmless, ignored. */
  bootBanners: readonly string[];
  /**
   * AT+CNMI settings to try in order, first accepted wins (27.005 §3.4.1:
   * <mode>,<mt>,<bm>,<ds>,<bfr>). 2,1,0,1,0 = buffer URCs while the link is busy, store new SMS
   * and announce with +CMTI, status reports straight to us as +CDS.
   */
  cnmi: readonly string[];
  /**
   * Whether status reports may be stored (<ds>=2, status-report-routing.ts): then the stored-report
   * settings are tried before `cnmi`, so a report that comes while Ujumbe is closed is kept.
   */
  storedReports: StoredReportsRow;
  /** AT+CPMS settings to try in order (27.005 §3.2.2): read/delete, write/send, receive storage. */
  cpms: readonly string[];
  /** Wait after ATZ before the next command, for modems that reset their UART on it. */
  afterResetDelayMs: number;
}

const CNMI_STANDARD = ['2,1,0,1,0', '2,1,0,2,0', '1,1,0,1,0', '1,1,0,0,0'];
const CPMS_SIM = ['"SM","SM","SM"', '"SM","SM"', '"SM"'];
const noiseOf = (vendorPrefix: string): string[] =>
  UNSOLICITED_CODES.filter((row) => row.topic === 'noise' && row.prefix.startsWith(vendorPrefix)).map((row) => row.prefix);

export const PROFILES: Readonly<Record<ProfileId, ModemProfile>> = {
  generic: {
    id: 'generic',
    note: '3GPP TS 27.005 / 27.007 only: the fallback for any modem we do not recognise',
    detect: {},
    initCommands: [],
    // +CIEV is not noise: its memory-full indicator makes the receiver sweep a full SIM (27.007 §8.9).
    noisePrefixes: ['+CTZV:'],
    bootBanners: [],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'when-listed', note: '27.005 §3.4.1: <ds> 2 when the AT+CNMI=? answer lists it (an old modem that lists 0,1 keeps +CDS)' },
    cpms: CPMS_SIM,
    afterResetDelayMs: 0,
  },
  huawei: {
    id: 'huawei',
    note: 'Huawei E173/E3131 USB sticks; HUAWEI UMTS Datacard / MU709 AT Command Interface Specification',
    detect: { manufacturer: /huawei/i, model: /^E\d{3,4}/i },
    initCommands: [
      // ^RSSI, ^BOOT, ^MODE, ^DSFLOWRPT arrive every few seconds until this (Huawei AT spec, ^CURC).
      { command: 'AT^CURC=0', optional: true, note: 'Huawei AT spec §^CURC: stop periodic unsolicited reports' },
    ],
    noisePrefixes: ['^BOOT:', '^MODE:', '^DSFLOWRPT:', '^STIN:', ...noiseOf('^')],
    bootBanners: ['^SYSSTART', '^SIMST:'],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'never', note: 'HUAWEI MU509 AT Command Interface Specification §6.6 +CDSI: reports stored in "SR" cannot be read and are lost, so +CDS (ds=1)' },
    cpms: CPMS_SIM,
    afterResetDelayMs: 0,
  },
  sim800: {
    id: 'sim800',
    note: 'SIMCom SIM800 Series AT Command Manual V1.09 (SIM800L/C breakout boards)',
    detect: { manufacturer: /simcom/i, model: /SIM8\d\d/i },
    initCommands: [],
    noisePrefixes: ['*PSUTTZ:', 'DST:', '+CTZV:'],
    // Printed at power-up and again after AT+CPIN unlocks the SIM; SMS commands fail before
    // "SMS Ready" (the manual's §"Summary of Unsolicited Result Codes").
    bootBanners: ['RDY', '+CFUN:', '+CPIN: READY', 'Call Ready', 'SMS Ready'],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'when-listed', note: 'SIMCom SIM800 Series AT Command Manual V1.09 §4.2.8 lists <ds> 0 and 1 only: AT+CNMI=? decides' },
    cpms: CPMS_SIM,
    // ATZ reloads the stored profile; field reports (not the manual) say the next command can
    // be lost if it follows at once. A short pause is cheap.
    afterResetDelayMs: 300,
  },
  quectel: {
    id: 'quectel',
    note: 'Quectel EC25/EC21 AT Commands Manual V1.3; M95 AT Commands Manual V3.2',
    detect: { manufacturer: /quectel/i, model: /^(EC2\d|EG\d\d|M95|UC20|BG9\d)/i },
    initCommands: [
      // EC2x send URCs to the USB modem port by default; we talk on the AT port (EC25 manual §AT+QURCCFG).
      { command: 'AT+QURCCFG="urcport","usbat"', optional: true, note: 'Quectel EC25 manual §AT+QURCCFG: route URCs to the AT port' },
    ],
    // +QIND is not noise: `+QIND: "smsfull"` says the SIM storage is full (the receiver ignores the rest).
    noisePrefixes: ['+QSTK:', ...noiseOf('+Q').filter((prefix) => prefix !== '+QIND:')],
    bootBanners: ['RDY', '+CFUN:', '+CPIN: READY', '+QUSIM:', '+QIND: SMS DONE', '+QIND: PB DONE', '+PBREADY'],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'when-listed', note: 'Quectel EC25&EC21 AT Commands Manual §AT+CNMI: <ds> 2 stores the report and says +CDSI: <mem>,<index> (Qualcomm firmware names "SR")' },
    cpms: CPMS_SIM,
    afterResetDelayMs: 0,
  },
  wavecom: {
    id: 'wavecom',
    note: 'Sierra Wireless / Wavecom Fastrack (Q24xx) AT Commands Interface Guide',
    detect: { manufacturer: /wavecom/i },
    initCommands: [
      // +WIND reports SIM and network events as they happen; useless to us, silence them.
      { command: 'AT+WIND=0', optional: true, note: 'Wavecom AT guide §+WIND: no general indications' },
    ],
    noisePrefixes: ['+WIND:'],
    bootBanners: ['+WIND:'],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'when-listed', note: 'no Wavecom document either way: AT+CNMI=? decides' },
    cpms: CPMS_SIM,
    // Same precaution as SIM800: the Fastrack reloads its settings after ATZ (field reports).
    afterResetDelayMs: 200,
    // Its AT+CPIN? ends on `+CPIN: <code>` with no OK: a row of final-results.ts
    // (INFORMATION_LINE_ENDINGS) that applies to every modem, not a profile setting.
  },
  zte: {
    id: 'zte',
    note: 'ZTE MF190 / MF193 / MF667 USB sticks (AT+CGMI "ZTE CORPORATION", older ones "ZTE INCORPORATED"); ZTE AT Command Set for Wireless Data Products',
    detect: { manufacturer: /\bzte\b/i, model: /^(MF\d{2,3}|K3\d{3}-Z)/i },
    // No vendor init. AT+ZCDRUN=8 (no CD-ROM autorun at the next plug-in) is left out on
    // purpose: it writes the stick's NV memory, reports disagree on what the stick enumerates
    // as afterwards, and by the time we speak AT the stick is in modem mode already. The
    // +ZUSIMR nag stops after the standard AT+CPMS of init.
    initCommands: [],
    noisePrefixes: [...noiseOf('+Z')],
    bootBanners: ['+ZUSIMR:', '+ZPASR:'],
    cnmi: CNMI_STANDARD,
    storedReports: { use: 'when-listed', note: 'ZTE MF series (Qualcomm ATCOP: +CDSI: "SR",<index>): AT+CNMI=? decides' },
    cpms: CPMS_SIM,
    afterResetDelayMs: 0,
  },
};

/**
 * The profile for a modem's AT+CGMI / AT+CGMM answers; `generic` when none matches.
 */
export function detectProfile(manufacturer: string | null, model: string | null): ProfileId {
  for (const id of PROFILE_IDS) {
    const { detect } = PROFILES[id];
    if (detect.manufacturer && manufacturer && detect.manufacturer.test(manufacturer)) return id;
  }
  for (const id of PROFILE_IDS) {
    const { detect } = PROFILES[id];
    if (detect.model && model && detect.model.test(model)) return id;
  }
  return 'generic';
}

/** True when a URC is pure chatter on this device (and on none of interest anywhere). */
export function isNoise(profile: ModemProfile, code: string): boolean {
  return profile.noisePrefixes.some((prefix) => prefix.replace(/:$/, '') === code);
}
