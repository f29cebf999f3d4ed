// Vendor profiles: how real modems introduce themselves and what noise they make.
// One row per profile, each with the manual or device it was taken from. Identity strings have
// the shape these devices report; the firmware numbers are examples, not one unit's.
import { reply } from './command-row.ts';
import type { CommandRow } from './command-row.ts';
import type { SettingsDefaults } from './modem-settings.ts';
import { OK } from './result-codes.ts';

export type ProfileName = 'generic' | 'huawei' | 'sim800' | 'quectel' | 'wavecom' | 'zte';

export const PROFILE_NAMES: readonly ProfileName[] = ['generic', 'huawei', 'sim800', 'quectel', 'wavecom', 'zte'];

/** Lines may hold `{csq}`, replaced by the current signal quality. */
export interface VendorNoise {
  /** Unsolicited lines emitted in turn while noise is on. */
  readonly lines: readonly string[];
  /** One line every `everyMs` milliseconds. */
  readonly everyMs: number;
  /** Every n-th response with information text gets one line between its text and its OK. */
  readonly midResponseEvery: number;
  /** Lines that join the rotation only until a command matching `until` has run (a nag). */
  readonly nag?: { readonly lines: readonly string[]; readonly until: RegExp; readonly source: string };
}

export interface ModemProfile {
  readonly name: ProfileName;
  /** Where the behaviour comes from. */
  readonly source: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** <AcT> reported by +COPS?, or null if the device reports none (2G-only modules). */
  readonly accessTechnology: number | null;
  /** URCs sent at power-on, before the SIM is read. */
  readonly bootBanner: readonly string[];
  /** URCs sent once the SIM is ready (at power-on, or after AT+CPIN unlocks it). */
  readonly simReadyBanner: readonly string[];
  /** URCs sent at power-on when the SIM asks for its PIN. */
  readonly simLockedBanner: readonly string[];
  readonly noise: VendorNoise | null;
  /** AT+CPIN? gets `+CPIN: <code>` and no final OK (the `cpinFinalOk` option restores it). */
  readonly cpinWithoutOk: boolean;
  readonly settings: SettingsDefaults;
  readonly vendorCommands: readonly CommandRow[];
  /**
   * Stored status reports (AT+CNMI <ds>=2, 27.005 §3.4.1): the storage the modem keeps them in and
   * names in `+CDSI: <mem>,<index>` ("SR" apart from the messages, "SM" with them), or null for a
   * modem without <ds> 2 (AT+CNMI=? lists 0,1; ds=2 is refused). `readable: false`: +CDSI comes,
   * but AT+CPMS="SR" is refused, so the report cannot be read.
   */
  readonly statusReports: { readonly storage: 'SR' | 'SM' | null; readonly readable: boolean; readonly source: string };
}

const accept = (pattern: RegExp, source: string): CommandRow => ({ pattern, source, handle: () => reply(OK) });

const HUAWEI_NOISE: VendorNoise = {
  // ^RSSI:<rssi> signal changes, ^MODE:<sys_mode>,<sys_submode> (5,4 = WCDMA/HSDPA) and the
  // ^BOOT heartbeat: Huawei E-series dongles send these on the AT port until AT^CURC=0
  // (HUAWEI UMTS Datacard Modem AT Command Interface Specification, ^CURC / ^RSSI / ^MODE).
  lines: ['^RSSI:{csq}', '^BOOT:20952423,0,0,0,72', '^MODE:5,4'],
  everyMs: 3_000,
  midResponseEvery: 4,
};

const ZTE_NOISE: VendorNoise = {
  // +ZPASR: <service> (access technology), +ZDONR: <operator>,<mcc>,<mnc>,<domain>,<roam>
  // (operator display): ZTE MF-series sticks repeat these on the AT port, as ModemManager's ZTE
  // support (which ignores them) and a recorded MF-series session show. No command stops them.
  lines: ['+ZPASR: "UMTS"', '+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"'],
  everyMs: 3_000,
  midResponseEvery: 5,
  nag: {
    lines: ['+ZUSIMR:2'],
    until: /^\+CPMS/i,
    source: 'ModemManager ZTE support: +ZUSIMR:2 floods until the SMS storage is queried (+CPMS)',
  },
};

export const PROFILES: Readonly<Record<ProfileName, ModemProfile>> = {
  generic: {
    name: 'generic',
    source: '3GPP TS 27.007 / 27.005 only: no banner, no vendor commands',
    manufacturer: 'UJUMBE',
    model: 'MODEM-SIM',
    revision: '1.0',
    accessTechnology: 2,
    bootBanner: [],
    simReadyBanner: [],
    simLockedBanner: [],
    noise: null,
    cpinWithoutOk: false,
    settings: {},
    statusReports: { storage: null, readable: false, source: 'an older 27.005 modem: <ds> 0 and 1 only' },
    vendorCommands: [],
  },
  huawei: {
    name: 'huawei',
    source: 'Huawei E3131 HSPA+ USB stick; HUAWEI UMTS Datacard AT Command Interface Specification',
    manufacturer: 'huawei',
    model: 'E3131',
    revision: '21.158.13.01.209',
    accessTechnology: 2,
    bootBanner: ['^BOOT:20952423,0,0,0,72', '^RSSI:{csq}', '^MODE:5,4'],
    simReadyBanner: ['^SIMST:1'],
    simLockedBanner: ['^SIMST:1'],
    noise: HUAWEI_NOISE,
    cpinWithoutOk: false,
    settings: { vendorNoise: true },
    statusReports: { storage: 'SR', readable: false, source: 'HUAWEI MU509 AT Command Interface Specification §6.6: +CDSI: "SR",<index>, but "SR" cannot be read' },
    vendorCommands: [
      { pattern: /^\^CURC=([01])$/i, source: 'Huawei ^CURC: 0 stops periodic unsolicited reports', handle: (ctx, m) => {
        ctx.settings.vendorNoise = m[1] === '1';
        return reply(OK);
      } },
      { pattern: /^\^CURC\?$/i, source: 'Huawei ^CURC', handle: (ctx) => reply(OK, `^CURC: ${ctx.settings.vendorNoise ? 1 : 0}`) },
      accept(/^\^U2DIAG=\d+$/i, 'Huawei ^U2DIAG: USB composition (accepted, no effect)'),
      accept(/^\^SYSCFG=.*$/i, 'Huawei ^SYSCFG: mode/band preference (accepted, no effect)'),
    ],
  },
  sim800: {
    name: 'sim800',
    source: 'SIMCom SIM800 Series AT Command Manual V1.09, §"Summary of Unsolicited Result Codes"',
    manufacturer: 'SIMCOM_Ltd',
    model: 'SIMCOM_SIM800',
    revision: 'Revision:1418B04SIM800L24',
    accessTechnology: null,
    // RDY once the UART runs at a fixed rate, +CFUN: 1, then the SIM state; Call Ready and
    // SMS Ready once phonebook and SMS are initialised.
    bootBanner: ['RDY', '+CFUN: 1'],
    simReadyBanner: ['+CPIN: READY', 'Call Ready', 'SMS Ready'],
    simLockedBanner: ['+CPIN: SIM PIN'],
    noise: null,
    cpinWithoutOk: false,
    settings: {},
    statusReports: { storage: null, readable: false, source: 'SIM800 Series AT Command Manual V1.09 §4.2.8: <ds> 0 and 1 only' },
    vendorCommands: [
      accept(/^\+CIURC=[01]$/i, 'SIM800 +CIURC: Call Ready URC on/off'),
      accept(/^\+CSCLK=[0-2]$/i, 'SIM800 +CSCLK: slow clock'),
      accept(/^\+CLTS=[01]$/i, 'SIM800 +CLTS: network time sync'),
    ],
  },
  quectel: {
    name: 'quectel',
    source: 'Quectel EC25&EC21 AT Commands Manual V1.3 (EC25 LTE module, defaults to +CMEE=1)',
    manufacturer: 'Quectel',
    model: 'EC25',
    revision: 'EC25EFAR06A06M4G',
    accessTechnology: 7,
    bootBanner: ['RDY', '+CFUN: 1'],
    simReadyBanner: ['+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE', '+QIND: PB DONE'],
    simLockedBanner: ['+CPIN: SIM PIN'],
    noise: null,
    cpinWithoutOk: false,
    settings: { errorMode: 1 },
    statusReports: { storage: 'SR', readable: true, source: 'Quectel EC25 (Qualcomm ATCOP): +CDSI: "SR",<index>; AT+CPMS="SR" reads it' },
    vendorCommands: [
      { pattern: /^\+QURCCFG="urcport"$/i, source: 'Quectel +QURCCFG: which port carries URCs', handle: () => reply(OK, '+QURCCFG: "urcport","usbat"') },
      accept(/^\+QURCCFG="urcport","(?:usbat|usbmodem|uart1)"$/i, 'Quectel +QURCCFG: route URCs'),
      accept(/^\+QCFG=.*$/i, 'Quectel +QCFG: extended configuration (accepted, no effect)'),
      accept(/^\+QINDCFG=.*$/i, 'Quectel +QINDCFG: URC indication configuration'),
    ],
  },
  wavecom: {
    name: 'wavecom',
    source: 'Sierra Wireless / Wavecom Fastrack (Q24xx) AT Commands Interface Guide, +WIND',
    manufacturer: 'WAVECOM MODEM',
    // Wavecom answers +CGMM with its frequency bands.
    model: 'MULTIBAND  900E  1800',
    revision: 'R7.46.0.201106200702.FXT009 2132740 062011 07:02',
    accessTechnology: null,
    // +WIND: 1 SIM inserted, 3 ready except phonebook/SMS, 4 ready for all commands.
    bootBanner: ['+WIND: 1', '+WIND: 3'],
    simReadyBanner: ['+WIND: 4'],
    simLockedBanner: ['+CPIN: SIM PIN'],
    noise: null,
    // AT+CPIN? -> `+CPIN: READY` (or SIM PIN) and no OK: python-gsmmodem's recorded Wavecom
    // Multiband 900E 1800 answers; gammu carries a device flag for it (F_CPIN_NO_OK).
    cpinWithoutOk: true,
    settings: {},
    statusReports: { storage: null, readable: false, source: 'no Wavecom document on <ds> 2: left out (the storedStatusReports option adds it, in "SM")' },
    vendorCommands: [
      accept(/^\+WIND=\d+$/i, 'Wavecom +WIND: general indications mask'),
      { pattern: /^\+WIND\?$/i, source: 'Wavecom +WIND', handle: () => reply(OK, '+WIND: 255') },
      accept(/^\+WOPEN=[0-2]$/i, 'Wavecom +WOPEN: Open AT application on/off'),
    ],
  },
  zte: {
    name: 'zte',
    source: 'ZTE MF190 / MF667 HSPA USB sticks (Qualcomm MSM): ZTE AT Command Set for Wireless Data Products; unsolicited codes as ModemManager\'s ZTE support lists them',
    manufacturer: 'ZTE CORPORATION',
    model: 'MF190',
    revision: 'BD_MF190V1.0.0B05',
    accessTechnology: 2,
    bootBanner: ['+ZUSIMR:2', '+ZPASR: "No Service"'],
    simReadyBanner: ['+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"', '+ZPASR: "UMTS"'],
    simLockedBanner: ['+ZUSIMR:2'],
    noise: ZTE_NOISE,
    cpinWithoutOk: false,
    settings: { vendorNoise: true },
    statusReports: { storage: 'SR', readable: true, source: 'ZTE MF190 (Qualcomm ATCOP, dsatsmsu.c): +CDSI: "SR",<index>' },
    vendorCommands: [
      // ModemManager's ZTE support quotes an MF626 answering +ZPAS: "GPRS/EDGE","CS_ONLY".
      { pattern: /^\+ZPAS\?$/i, source: 'ZTE +ZPAS?: current network and service domain', handle: () => reply(OK, '+ZPAS: "UMTS","CS_PS"') },
      // 8 = no CD-ROM autorun at the next plug-in (ArchWiki "ZTE MF110/MF190"); an NV write the
      // driver never sends (see electron/backend/gateways/modem/README.md).
      accept(/^\+ZCDRUN=[0-9A-F]$/i, 'ZTE +ZCDRUN: CD-ROM autorun setting (accepted, no effect)'),
      accept(/^\+ZOPRT=[0-6]$/i, 'ZTE +ZOPRT: operating mode (accepted, no effect)'),
      accept(/^\+ZSNT=\d,\d,\d$/i, 'ZTE +ZSNT: network type preference (accepted, no effect)'),
    ],
  },
};
