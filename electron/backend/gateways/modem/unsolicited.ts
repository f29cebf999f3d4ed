/**
 * Unsolicited result codes (URCs): lines the modem sends on its own, at any time, even in the
 * middle of another command's response. The AT channel checks every line against this table
 * BEFORE it gives the line to the pending command, so a URC is never swallowed into a response
 * (the python-gsmmodem pitfall, serial_comms.py) — the table is gammu's `SpecialAnswers`
 * (libgammu/protocol/at/at.c) grown with what our modems send.
 *
 * Vendor rows live here too, not only in their profile: a Huawei `^RSSI` can arrive before we
 * have asked the modem who made it, and the prefixes are namespaced (`^` Huawei, `+Q` Quectel,
 * `+W` Wavecom, `+Z` ZTE), so carrying them all is harmless.
 */

/** What a URC is about, so listeners can subscribe by topic and noise can be logged quietly. */
export type UnsolicitedTopic = 'sms' | 'network' | 'sim' | 'call' | 'boot' | 'ussd' | 'noise';

export interface UnsolicitedCode {
  /** The line starts with this, exactly as modems send it (case-sensitive). */
  prefix: string;
  /** The whole line must equal `prefix` (bare words such as `RING`). */
  exact?: boolean;
  /** Lines the code spans, counting its first line (`+CMT:` header + PDU = 2). */
  lines: number;
  /**
   * Commands (matched by prefix, upper case) whose ANSWER starts the same way: while one of them
   * is in flight the line belongs to that command. `+CREG: 0,1` answers AT+CREG?, while the URC
   * `+CREG: 1` (or `+CREG: 1,"00C3","0010"` with n=2) has no <n> — the field counts overlap, so
   * routing by the command in flight is the reliable rule (gammu does the same for ID_GetNetworkInfo).
   */
  answerTo?: readonly string[];
  topic: UnsolicitedTopic;
  /** Where the code is specified or which device sends it. */
  note: string;
}

/** One unsolicited report: its code (the prefix without `:`) and all its lines. */
export interface UnsolicitedEvent {
  code: string;
  topic: UnsolicitedTopic;
  lines: string[];
}

export const UNSOLICITED_CODES: readonly UnsolicitedCode[] = [
  // --- SMS (3GPP TS 27.005 §3.4.1, indications selected by +CNMI) ---
  { prefix: '+CMTI:', lines: 1, topic: 'sms', note: '27.005 §3.4.1: new SMS stored, +CMTI: <mem>,<index> (CNMI mt=1)' },
  { prefix: '+CMT:', lines: 2, topic: 'sms', note: '27.005 §3.4.1: new SMS routed directly; PDU mode: header line + PDU line (CNMI mt=2)' },
  { prefix: '+CDSI:', lines: 1, topic: 'sms', note: '27.005 §3.4.1: status report stored, +CDSI: <mem>,<index> (CNMI ds=2)' },
  { prefix: '+CDS:', lines: 2, topic: 'sms', note: '27.005 §3.4.1: status report routed directly; PDU mode: +CDS: <length> + PDU line (CNMI ds=1)' },
  { prefix: '+CBM:', lines: 2, topic: 'sms', note: '27.005 §3.4.1: cell broadcast; PDU mode: header + PDU line (CNMI bm=2)' },
  // --- network and SIM (3GPP TS 27.007) ---
  { prefix: '+CREG:', lines: 1, answerTo: ['AT+CREG'], topic: 'network', note: '27.007 §7.2: +CREG: <stat>[,<lac>,<ci>[,<AcT>]] when AT+CREG=1|2' },
  { prefix: '+CGREG:', lines: 1, answerTo: ['AT+CGREG'], topic: 'network', note: '27.007 §10.1.20: GPRS registration, same shape as +CREG' },
  { prefix: '+CEREG:', lines: 1, answerTo: ['AT+CEREG'], topic: 'network', note: '27.007 §10.1.22: EPS registration, same shape as +CREG' },
  { prefix: '+CIEV:', lines: 1, topic: 'noise', note: '27.007 §8.10: indicator event (signal, service) when +CMER enables it' },
  { prefix: '+CTZV:', lines: 1, topic: 'noise', note: '27.007 §8.41: time zone change (+CTZR=1)' },
  { prefix: '+CUSD:', lines: 1, topic: 'ussd', note: '27.007 §7.15: USSD answer; may also come before the OK of AT+CUSD=1,... on some firmware' },
  { prefix: '+CPIN:', lines: 1, answerTo: ['AT+CPIN'], topic: 'sim', note: 'SIM800 series AT manual: +CPIN: READY / NOT READY sent unasked at boot and on SIM removal' },
  { prefix: '+CFUN:', lines: 1, answerTo: ['AT+CFUN'], topic: 'boot', note: 'SIM800 series AT manual: +CFUN: 1 sent unasked at boot' },
  // --- calls: we never dial, but a patient may call the clinic's SIM (V.250 §5.7, 27.007 §6.11/§7.18) ---
  { prefix: 'RING', exact: true, lines: 1, topic: 'call', note: 'V.250 §6.3.4: incoming call' },
  { prefix: '+CRING:', lines: 1, topic: 'call', note: '27.007 §6.11: extended incoming call (+CRC=1)' },
  { prefix: '+CLIP:', lines: 1, topic: 'call', note: '27.007 §7.6: calling line identity, follows RING' },
  { prefix: '+CCWA:', lines: 1, topic: 'call', note: '27.007 §7.12: call waiting' },
  { prefix: 'NO CARRIER', exact: true, lines: 1, answerTo: ['ATD', 'ATA', 'ATO'], topic: 'call', note: 'V.250 §6.3.4: the caller hung up; a final result only for ATD/ATA/ATO' },
  // --- boot banners ---
  { prefix: 'RDY', exact: true, lines: 1, topic: 'boot', note: 'SIM800 / Quectel M95 AT manuals: UART ready after power-on (fixed baud rate)' },
  { prefix: 'Call Ready', exact: true, lines: 1, topic: 'boot', note: 'SIM800 series AT manual: voice subsystem ready' },
  { prefix: 'SMS Ready', exact: true, lines: 1, topic: 'boot', note: 'SIM800 series AT manual: SMS subsystem ready; SMS commands fail before it' },
  { prefix: '+PBREADY', exact: true, lines: 1, topic: 'boot', note: 'Quectel EC2x / SIMCom SIM7600 AT manuals: phonebook loaded' },
  { prefix: 'NORMAL POWER DOWN', exact: true, lines: 1, topic: 'boot', note: 'SIM800 / Quectel AT manuals: the module is switching off' },
  { prefix: 'UNDER-VOLTAGE', lines: 1, topic: 'boot', note: 'SIM800 series AT manual: UNDER-VOLTAGE POWER DOWN / WARNNING (sic): USB port too weak' },
  { prefix: 'OVER-VOLTAGE', lines: 1, topic: 'boot', note: 'SIM800 series AT manual: OVER-VOLTAGE POWER DOWN / WARNNING (sic)' },
  { prefix: '*PSUTTZ:', lines: 1, topic: 'noise', note: 'SIM800 series AT manual: network time (AT+CLTS=1)' },
  { prefix: 'DST:', lines: 1, topic: 'noise', note: 'SIM800 series AT manual: daylight saving (AT+CLTS=1)' },
  // --- Huawei (HUAWEI MU709 / ME909s AT Command Interface Specification; gammu at.c) ---
  { prefix: '^RSSI:', lines: 1, answerTo: ['AT^RSSI'], topic: 'network', note: 'Huawei AT spec §^RSSI: signal change, ^RSSI:<rssi> (same scale as +CSQ)' },
  { prefix: '^HCSQ:', lines: 1, answerTo: ['AT^HCSQ'], topic: 'network', note: 'Huawei AT spec §^HCSQ: signal per radio technology' },
  { prefix: '^BOOT:', lines: 1, topic: 'noise', note: 'Huawei E-series: periodic ^BOOT:<id>,... heartbeat (silenced by ^CURC=0)' },
  { prefix: '^MODE:', lines: 1, topic: 'noise', note: 'Huawei AT spec §^MODE: system mode change' },
  { prefix: '^SRVST:', lines: 1, topic: 'network', note: 'Huawei AT spec §^SRVST: service state change' },
  { prefix: '^SIMST:', lines: 1, topic: 'sim', note: 'Huawei AT spec §^SIMST: SIM state change (255 = SIM absent)' },
  { prefix: '^DSFLOWRPT:', lines: 1, topic: 'noise', note: 'Huawei AT spec §^DSFLOWRPT: data traffic counters every 2 s' },
  { prefix: '^SYSSTART', exact: true, lines: 1, topic: 'boot', note: 'Huawei AT spec §^SYSSTART: module started' },
  { prefix: '^STIN:', lines: 1, topic: 'noise', note: 'Huawei AT spec §^STIN: SIM toolkit menu' },
  { prefix: '^CEND:', lines: 1, topic: 'call', note: 'Huawei AT spec §^CEND: call ended' },
  { prefix: '^ORIG:', lines: 1, topic: 'call', note: 'Huawei AT spec §^ORIG: call originated' },
  { prefix: '^CONN:', lines: 1, topic: 'call', note: 'Huawei AT spec §^CONN: call connected' },
  // --- Quectel (Quectel EC2x/EG9x and M95 AT Commands Manuals) ---
  { prefix: '+QIND:', lines: 1, topic: 'noise', note: 'Quectel EC2x AT manual §AT+QINDCFG: +QIND: "SMS DONE", "csq", ...' },
  { prefix: '+QUSIM:', lines: 1, topic: 'sim', note: 'Quectel EC2x AT manual: +QUSIM: 1 when the (U)SIM is initialised' },
  { prefix: '+QSTK:', lines: 1, topic: 'noise', note: 'Quectel AT manuals: SIM toolkit' },
  // --- Wavecom / Sierra (Wavecom AT Commands Interface Guide, +WIND) ---
  { prefix: '+WIND:', lines: 1, answerTo: ['AT+WIND'], topic: 'boot', note: 'Wavecom AT guide §+WIND: general indications (SIM inserted, ready, ...)' },
  // --- ZTE MF-series sticks (ZTE AT Command Set for Wireless Data Products; ModemManager's ZTE
  // support ignores all five; a recorded MF-series session repeats +ZDONR / +ZPASR every few seconds) ---
  { prefix: '+ZPASR:', lines: 1, topic: 'noise', note: 'ZTE MF series: +ZPASR: "<service>" access technology change ("GSM", "GPRS", "UMTS", "Limited Service" ...)' },
  { prefix: '+ZDONR:', lines: 1, topic: 'noise', note: 'ZTE MF series: +ZDONR: "<operator>",<mcc>,<mnc>,"<domain>","<roam>" operator display' },
  { prefix: '+ZUSIMR:', lines: 1, topic: 'noise', note: 'ZTE MF series: +ZUSIMR:2, repeated until the SMS storage is queried (+CPMS; ModemManager notes it can flood the stick)' },
  { prefix: '+ZPSTM:', lines: 1, topic: 'noise', note: 'ZTE MF series: SIM toolkit asks to build its main menu' },
  { prefix: '+ZEND', exact: true, lines: 1, topic: 'noise', note: 'ZTE MF series: SIM toolkit asks to rebuild its main menu' },
  // --- memory full (sms-receiver.ts MEMORY_FULL_INDICATIONS; +CIEV and +QIND rows are above) ---
  { prefix: '^SMMEMFULL:', lines: 1, topic: 'sms', note: 'HUAWEI MU709 / ME909s AT Command Interface Specification §^SMMEMFULL: SMS memory full, ^SMMEMFULL: <mem_type>' },
];

/**
 * Whether `line` starts an unsolicited code, given the command in flight (or null).
 * @returns the table row, or null when the line belongs to a response.
 */
export function matchUnsolicited(
  line: string,
  pendingCommand: string | null,
  table: readonly UnsolicitedCode[] = UNSOLICITED_CODES,
): UnsolicitedCode | null {
  const command = pendingCommand?.toUpperCase() ?? null;
  for (const row of table) {
    const matches = row.exact ? line === row.prefix : line.startsWith(row.prefix);
    if (!matches) continue;
    if (command !== null && row.answerTo?.some((c) => command.startsWith(c))) return null;
    return row;
  }
  return null;
}

/** `+CMTI:` -> `+CMTI`: the name listeners subscribe to. */
export function unsolicitedCodeName(row: UnsolicitedCode): string {
  return row.prefix.replace(/:$/, '').trim();
}
