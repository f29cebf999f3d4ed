// The standard AT commands the simulator understands: one row per command form.
// Patterns match one command without the AT prefix (see command-line.ts), case-insensitively.
// Vendor commands are rows in profiles.ts.
import { reply } from './command-row.ts';
import type { CommandReply, CommandRow, ModemContext } from './command-row.ts';
import type { SimStorage } from './sim-storage.ts';
import { CME, CMS, ERROR, NO_FINAL_RESULT, OK, cmeError, cmsError } from './result-codes.ts';

const ok = (...info: string[]): CommandReply => reply(OK, ...info);

/** Message storages with their capacities, as +CPMS reports them (27.005 §3.2.2). */
const STORAGE_CAPACITY: Readonly<Record<string, number>> = { SM: 30, ME: 100, MT: 130 };

/**
 * The indicators of AT+CIND=? (27.007 §8.9), in order: +CIEV: <ind>,<value> numbers them from 1.
 * Only `signal`, `service` and `smsfull` say anything real here.
 */
export const INDICATORS = ['battchg', 'signal', 'service', 'sounder', 'message', 'call', 'roam', 'smsfull'] as const;
/** The number of the smsfull indicator in +CIEV (27.007 §8.10). */
export const SMSFULL_INDICATOR = INDICATORS.indexOf('smsfull') + 1;

function indicatorValue(ctx: ModemContext, name: (typeof INDICATORS)[number]): number {
  switch (name) {
    case 'battchg': return 5;
    case 'signal': return ctx.network.signalCsq === 99 ? 0 : Math.min(5, Math.floor(ctx.network.signalCsq / 6));
    case 'service': return ctx.registration() === 1 || ctx.registration() === 5 ? 1 : 0;
    case 'roam': return ctx.registration() === 5 ? 1 : 0;
    case 'smsfull': return ctx.storage.full ? 1 : 0;
    default: return 0;
  }
}

/** <type> of a phone number (23.040 §9.1.2.5): 145 international (leading +), 129 otherwise. */
const numberType = (address: string): number => (address.startsWith('+') ? 145 : 129);

/** The storage of that name, when it holds anything here: "SM", and "SR" on a modem that stores reports apart (27.005 §3.2.2). */
const storageNamed = (ctx: ModemContext, name: string): SimStorage | null => (name === 'SM' ? ctx.storage : name === 'SR' ? ctx.reportStorage : null);
/** <used> of a storage: only "SM" (and "SR") hold messages in the simulator. */
const usedOf = (ctx: ModemContext, name: string): number => storageNamed(ctx, name)?.used ?? 0;
const capacityOf = (ctx: ModemContext, name: string): number => storageNamed(ctx, name)?.capacity ?? STORAGE_CAPACITY[name] ?? 0;
/** Where AT+CMGR, AT+CMGL and AT+CMGD work: <mem1> (27.005 §3.2.2). "ME"/"MT" hold nothing here. */
const readStorage = (ctx: ModemContext): SimStorage | null => storageNamed(ctx, ctx.settings.storages[0]);
/** <mem1> may also be "SR" where the modem has one (27.005 §3.2.2; not <mem2>/<mem3>: reports are never written or received there by choice). */
const mem1Names = (ctx: ModemContext): string[] => [...Object.keys(STORAGE_CAPACITY), ...(ctx.reportStorage ? ['SR'] : [])];

function storageReport(ctx: ModemContext): string {
  return ctx.settings.storages.map((name) => `${usedOf(ctx, name)},${capacityOf(ctx, name)}`).join(',');
}

/** The PDU-mode listing of one slot: `+CMGL: <index>,<stat>,,<length>` then the PDU (27.005 §3.4.2). */
function listing(ctx: ModemContext, wanted: number): string[] {
  const lines: string[] = [];
  for (const [index, message] of readStorage(ctx)?.entries() ?? []) {
    if (wanted !== 4 && message.stat !== wanted) continue;
    lines.push(`+CMGL: ${index},${message.stat},,${message.tpduLength}`, message.pdu);
  }
  return lines;
}

/** `+CREG: [<n>,]<stat>[,<lac>,<ci>]`: the read answer (with <n>) or the URC (without). */
export function registrationReport(ctx: ModemContext, withMode: boolean): string {
  const stat = ctx.registration();
  const mode = ctx.settings.registrationReports;
  const head = withMode ? `+CREG: ${mode},${stat}` : `+CREG: ${stat}`;
  // <lac>,<ci> only with <n>=2 and only when registered (27.007 §7.2).
  const registered = stat === 1 || stat === 5;
  return mode === 2 && registered ? `${head},"${ctx.network.lac}","${ctx.network.cellId}"` : head;
}

export const STANDARD_COMMANDS: readonly CommandRow[] = [
  // --- V.250 basic commands ---
  { pattern: /^E([01]?)$/i, source: 'V.250 §6.2.4 ATE', handle: (ctx, m) => {
    ctx.settings.echo = m[1] !== '0' && m[1] !== '';
    return ok();
  } },
  { pattern: /^V1?$/i, source: 'V.250 §6.2.6 ATV1 (verbose results; the only form simulated)', handle: () => ok() },
  { pattern: /^V0$/i, source: 'V.250 §6.2.6 ATV0: numeric results are not simulated', handle: () => reply(ERROR) },
  { pattern: /^Q0?$/i, source: 'V.250 §6.2.5 ATQ0', handle: () => ok() },
  { pattern: /^X\d?$/i, source: 'V.250 §6.2.7 ATX', handle: () => ok() },
  { pattern: /^(?:Z0?|&F0?)$/i, source: 'V.250 §6.1.1 ATZ, §6.1.2 AT&F', handle: (ctx) => {
    ctx.resetSettings();
    return ok();
  } },
  { pattern: /^&[CDKW]\d*$/i, source: 'V.250 §6.2.8-6.2.9 AT&C/&D; vendor &K flow control, &W store', handle: () => ok() },
  { pattern: /^S\d+=\d*$/i, source: 'V.250 §6.2.1-6.2.5 S-parameters', handle: () => ok() },
  { pattern: /^I0?$/i, source: 'V.250 §6.1.3 ATI', handle: (ctx) => ok(ctx.manufacturer, ctx.model, `Revision: ${ctx.revision}`) },

  // --- Identity, 27.007 §5 ---
  { pattern: /^\+C?GMI$/i, source: '27.007 §5.1 +CGMI', handle: (ctx) => ok(ctx.manufacturer) },
  { pattern: /^\+C?GMM$/i, source: '27.007 §5.2 +CGMM', handle: (ctx) => ok(ctx.model) },
  { pattern: /^\+C?GMR$/i, source: '27.007 §5.3 +CGMR', handle: (ctx) => ok(ctx.revision) },
  { pattern: /^\+C?GSN$/i, source: '27.007 §5.4 +CGSN (IMEI)', handle: (ctx) => ok(ctx.identity.imei) },
  { pattern: /^\+CIMI$/i, source: '27.007 §5.6 +CIMI (needs the SIM unlocked)', needsSim: 'cme', handle: (ctx) => ok(ctx.identity.imsi) },
  { pattern: /^\+C(?:GM[IMR]|GSN|IMI)=\?$/i, source: '27.007 §5 test forms', handle: () => ok() },
  { pattern: /^\+GCAP$/i, source: 'V.250 §6.1.9 +GCAP', handle: () => ok('+GCAP: +CGSM') },
  { pattern: /^\+CSCS\?$/i, source: '27.007 §5.5 +CSCS', handle: (ctx) => ok(`+CSCS: "${ctx.settings.characterSet}"`) },
  { pattern: /^\+CSCS="(GSM|IRA|UCS2|HEX|8859-1)"$/i, source: '27.007 §5.5 +CSCS', handle: (ctx, m) => {
    ctx.settings.characterSet = (m[1] ?? 'GSM').toUpperCase();
    return ok();
  } },
  { pattern: /^\+CSCS=\?$/i, source: '27.007 §5.5 +CSCS', handle: () => ok('+CSCS: ("GSM","IRA","UCS2")') },

  // --- Errors and SIM, 27.007 §8-9 ---
  { pattern: /^\+CMEE=([012]?)$/i, source: '27.007 §9.1 +CMEE (empty value means 0)', handle: (ctx, m) => {
    ctx.settings.errorMode = Number(m[1] || '0') as 0 | 1 | 2;
    return ok();
  } },
  { pattern: /^\+CMEE\?$/i, source: '27.007 §9.1 +CMEE', handle: (ctx) => ok(`+CMEE: ${ctx.settings.errorMode}`) },
  { pattern: /^\+CMEE=\?$/i, source: '27.007 §9.1 +CMEE', handle: () => ok('+CMEE: (0-2)') },
  { pattern: /^\+CPIN\?$/i, source: '27.007 §8.3 +CPIN; Wavecom leaves the OK out (profiles.ts cpinWithoutOk)', handle: (ctx) =>
    reply(ctx.cpinWithoutOk ? NO_FINAL_RESULT : OK, `+CPIN: ${ctx.sim.state}`) },
  { pattern: /^\+CPIN=\?$/i, source: '27.007 §8.3 +CPIN', handle: () => ok() },
  { pattern: /^\+CPIN="?([0-9A-Za-z]+)"?(?:,"?([0-9A-Za-z]+)"?)?$/i, source: '27.007 §8.3 +CPIN=<pin>[,<newpin>]', handle: (ctx, m) => {
    const [, first = '', second] = m;
    const state = ctx.sim.state;
    if (state === 'READY') return reply(cmeError(CME.operationNotAllowed));
    if (state === 'SIM PUK' && second === undefined) return reply(cmeError(CME.simPukRequired));
    const attempt = state === 'SIM PUK' ? ctx.sim.enterPuk(first, second ?? '') : ctx.sim.enterPin(first);
    if (attempt !== 'unlocked') return reply(cmeError(CME.incorrectPassword));
    ctx.simUnlocked();
    return ok();
  } },
  { pattern: /^\+CFUN\?$/i, source: '27.007 §8.2 +CFUN', handle: () => ok('+CFUN: 1') },
  { pattern: /^\+CFUN=\?$/i, source: '27.007 §8.2 +CFUN', handle: () => ok('+CFUN: (0,1,4),(0,1)') },
  { pattern: /^\+CFUN=([014])(?:,([01]))?$/i, source: '27.007 §8.2 +CFUN=<fun>[,<rst>] (only the reset is simulated)', handle: (ctx, m) => {
    if (m[2] === '1') ctx.scheduleReboot();
    return ok();
  } },

  // --- Network, 27.007 §7-8 ---
  { pattern: /^\+CSQ$/i, source: '27.007 §8.5 +CSQ: <rssi>,<ber> (99 = unknown)', handle: (ctx) => ok(`+CSQ: ${ctx.network.signalCsq},99`) },
  { pattern: /^\+CSQ=\?$/i, source: '27.007 §8.5 +CSQ', handle: () => ok('+CSQ: (0-31,99),(0-7,99)') },
  { pattern: /^\+CREG=([012]?)$/i, source: '27.007 §7.2 +CREG=<n>', handle: (ctx, m) => {
    ctx.settings.registrationReports = Number(m[1] || '0') as 0 | 1 | 2;
    return ok();
  } },
  { pattern: /^\+CREG\?$/i, source: '27.007 §7.2 +CREG: <n>,<stat>[,<lac>,<ci>]', handle: (ctx) => ok(registrationReport(ctx, true)) },
  { pattern: /^\+CREG=\?$/i, source: '27.007 §7.2 +CREG', handle: () => ok('+CREG: (0-2)') },
  { pattern: /^\+COPS\?$/i, source: '27.007 §7.3 +COPS: <mode>[,<format>,<oper>[,<AcT>]]', handle: (ctx) => {
    const stat = ctx.registration();
    if (stat !== 1 && stat !== 5) return ok('+COPS: 0');
    const act = ctx.accessTechnology === null ? '' : `,${ctx.accessTechnology}`;
    return ok(`+COPS: 0,0,"${ctx.network.operator}"${act}`);
  } },
  { pattern: /^\+COPS=[0-4](?:,.*)?$/i, source: '27.007 §7.3 +COPS=<mode> (accepted; the simulator stays on its network)', handle: () => ok() },
  { pattern: /^\+COPS=\?$/i, source: '27.007 §7.3 +COPS test: the one network in range', handle: (ctx) =>
    ok(`+COPS: (2,"${ctx.network.operator}","${ctx.network.operator}","${ctx.identity.imsi.slice(0, 5)}"),,(0-4),(0-2)`) },

  // --- SMS, 27.005 §3 ---
  { pattern: /^\+CSMS=([01])$/i, source: '27.005 §3.2.1 +CSMS', handle: () => ok('+CSMS: 1,1,1') },
  { pattern: /^\+CSMS\?$/i, source: '27.005 §3.2.1 +CSMS: <service>,<mt>,<mo>,<bm>', handle: (ctx) => ok(`+CSMS: ${ctx.smsService},1,1,1`) },
  { pattern: /^\+CSMS=\?$/i, source: '27.005 §3.2.1 +CSMS', handle: () => ok('+CSMS: (0,1)') },
  { pattern: /^\+CMGF=([01]?)$/i, source: '27.005 §3.2.3 +CMGF (empty value means 0); a modem without PDU mode refuses 0', handle: (ctx, m) => {
    const format = m[1] === '1' ? 1 : 0;
    if (format === 0 && !ctx.pduMode) return reply(ERROR);
    ctx.settings.messageFormat = format;
    return ok();
  } },
  { pattern: /^\+CMGF\?$/i, source: '27.005 §3.2.3 +CMGF', handle: (ctx) => ok(`+CMGF: ${ctx.settings.messageFormat}`) },
  { pattern: /^\+CMGF=\?$/i, source: '27.005 §3.2.3 +CMGF', handle: (ctx) => ok(ctx.pduMode ? '+CMGF: (0,1)' : '+CMGF: (1)') },
  { pattern: /^\+CNMI=(\d(?:,\d){0,4})$/i, source: '27.005 §3.4.1 +CNMI=<mode>[,<mt>[,<bm>[,<ds>[,<bfr>]]]]', handle: (ctx, m) => {
    const given = (m[1] ?? '').split(',');
    if (ctx.storedStatusReports && given[3] === '1') return reply(cmsError(CMS.operationNotSupported));
    if (!ctx.storesStatusReports && given[3] === '2') return reply(cmsError(CMS.operationNotSupported));
    const current = ctx.settings.newMessageIndications.split(',');
    ctx.settings.newMessageIndications = current.map((value, i) => given[i] ?? value).join(',');
    return ok();
  } },
  { pattern: /^\+CNMI\?$/i, source: '27.005 §3.4.1 +CNMI', handle: (ctx) => ok(`+CNMI: ${ctx.settings.newMessageIndications}`) },
  { pattern: /^\+CNMI=\?$/i, source: '27.005 §3.4.1 +CNMI: <ds> 2 only on a modem that stores reports (profile statusReports)', handle: (ctx) =>
    ok(`+CNMI: (0-3),(0-3),(0,2),${ctx.storesStatusReports ? '(0-2)' : '(0,1)'},(0,1)`) },
  { pattern: /^\+CPMS="(\w+)"(?:,"(\w+)")?(?:,"(\w+)")?$/i, source: '27.005 §3.2.2 +CPMS=<mem1>[,<mem2>[,<mem3>]]', needsSim: 'cms', handle: (ctx, m) => {
    const wanted = [m[1], m[2], m[3]].map((name) => name?.toUpperCase());
    if (wanted.some((name, i) => name !== undefined && !(i === 0 ? mem1Names(ctx) : Object.keys(STORAGE_CAPACITY)).includes(name))) {
      return reply(cmsError(CMS.operationNotSupported));
    }
    const [mem1, mem2, mem3] = ctx.settings.storages;
    ctx.settings.storages = [wanted[0] ?? mem1, wanted[1] ?? mem2, wanted[2] ?? mem3];
    return ok(`+CPMS: ${storageReport(ctx)}`);
  } },
  { pattern: /^\+CPMS\?$/i, source: '27.005 §3.2.2 +CPMS: <mem1>,<used1>,<total1>,...', needsSim: 'cms', handle: (ctx) => {
    const parts = ctx.settings.storages.map((name) => `"${name}",${usedOf(ctx, name)},${capacityOf(ctx, name)}`);
    return ok(`+CPMS: ${parts.join(',')}`);
  } },
  { pattern: /^\+CPMS=\?$/i, source: '27.005 §3.2.2 +CPMS ("SR" for <mem1> only, where there is one)', handle: (ctx) => {
    const list = (names: readonly string[]) => `(${names.map((name) => `"${name}"`).join(',')})`;
    const names = list(Object.keys(STORAGE_CAPACITY));
    return ok(`+CPMS: ${list(mem1Names(ctx))},${names},${names}`);
  } },
  { pattern: /^\+CSCA\?$/i, source: '27.005 §3.3.1 +CSCA: <sca>,<tosca>', needsSim: 'cms', handle: (ctx) =>
    ok(`+CSCA: "${ctx.network.smscAddress}",${numberType(ctx.network.smscAddress)}`) },
  { pattern: /^\+CSCA="(\+?\d{1,20})"(?:,(\d+))?$/i, source: '27.005 §3.3.1 +CSCA=<sca>[,<tosca>]', needsSim: 'cms', handle: (ctx, m) => {
    ctx.network.smscAddress = m[1] ?? '';
    return ok();
  } },
  { pattern: /^\+CSMP=([\d,]*)$/i, source: '27.005 §3.3.2 +CSMP=<fo>,<vp>,<pid>,<dcs> (text mode only)', handle: (ctx, m) => {
    ctx.settings.textModeParameters = m[1] ?? '';
    return ok();
  } },
  { pattern: /^\+CSMP\?$/i, source: '27.005 §3.3.2 +CSMP', handle: (ctx) => ok(`+CSMP: ${ctx.settings.textModeParameters}`) },
  { pattern: /^\+CMMS=([012]?)$/i, source: '27.005 §3.5.6 +CMMS', handle: (ctx, m) => {
    ctx.settings.moreMessagesToSend = Number(m[1] || '0');
    return ok();
  } },
  { pattern: /^\+CMMS\?$/i, source: '27.005 §3.5.6 +CMMS', handle: (ctx) => ok(`+CMMS: ${ctx.settings.moreMessagesToSend}`) },
  { pattern: /^\+CMMS=\?$/i, source: '27.005 §3.5.6 +CMMS', handle: () => ok('+CMMS: (0-2)') },
  { pattern: /^\+CMGS=(\d+)$/i, source: '27.005 §3.5.1 +CMGS=<length> (PDU mode): prompt, PDU, Ctrl-Z', needsSim: 'cms', handle: (ctx, m) => {
    if (ctx.settings.messageFormat !== 0) return reply(cmsError(CMS.invalidTextModeParameter));
    const declaredLength = Number(m[1]);
    // A SUBMIT TPDU is at most 164 octets (23.040 §9.2.2.2, 140 octets of user data).
    if (declaredLength < 1 || declaredLength > 164) return reply(cmsError(CMS.invalidPduModeParameter));
    return { onBody: (body: string) => ctx.submitPdu(declaredLength, body) };
  } },
  { pattern: /^\+CMGS="(\+?\d{1,20})"(?:,\d+)?$/i, source: '27.005 §3.5.1 +CMGS=<da>[,<toda>] (text mode)', needsSim: 'cms', handle: (ctx, m) => {
    if (ctx.settings.messageFormat !== 1) return reply(cmsError(CMS.invalidPduModeParameter));
    const recipient = m[1] ?? '';
    return { onBody: (body: string) => ctx.submitText(recipient, body) };
  } },
  { pattern: /^\+CMGS=\?$/i, source: '27.005 §3.5.1 +CMGS', handle: () => ok() },
  { pattern: /^\+CMGL=([0-4])$/i, source: '27.005 §3.4.2 +CMGL=<stat> (PDU mode): +CMGL: <index>,<stat>,[<alpha>],<length> + PDU', needsSim: 'cms', handle: (ctx, m) => {
    if (ctx.settings.messageFormat !== 0) return reply(cmsError(CMS.invalidTextModeParameter));
    return ok(...listing(ctx, Number(m[1])));
  } },
  { pattern: /^\+CMGL$/i, source: '27.005 §3.4.2 +CMGL: default <stat> 0 (received unread)', needsSim: 'cms', handle: (ctx) => ok(...listing(ctx, 0)) },
  { pattern: /^\+CMGR=(\d+)$/i, source: '27.005 §3.4.3 +CMGR=<index> (PDU mode): +CMGR: <stat>,[<alpha>],<length> + PDU', needsSim: 'cms', handle: (ctx, m) => {
    const index = Number(m[1]);
    const storage = readStorage(ctx);
    const message = storage?.get(index);
    // An empty slot: +CMS ERROR: 321 invalid memory index (27.005 §3.2.5).
    if (storage === null || message === undefined) return reply(cmsError(321));
    const line = `+CMGR: ${message.stat},,${message.tpduLength}`;
    storage.markRead(index);
    return ok(line, message.pdu);
  } },
  { pattern: /^\+CMGD=(\d+)(?:,([0-4]))?$/i, source: '27.005 §3.5.4 +CMGD=<index>[,<delflag>] (delflag 4: all)', needsSim: 'cms', handle: (ctx, m) => {
    const storage = readStorage(ctx);
    if (storage !== null) {
      if (m[2] === '4') for (const [index] of storage.entries()) storage.delete(index);
      else storage.delete(Number(m[1]));
    }
    ctx.storageFreed();
    return ok();
  } },
  { pattern: /^\+CIND=\?$/i, source: '27.007 §8.9 +CIND=?: ("<descr>",(<values>)),...', handle: () =>
    ok(`+CIND: ${INDICATORS.map((name) => `("${name}",(${name === 'battchg' || name === 'signal' ? '0-5' : '0-1'}))`).join(',')}`) },
  { pattern: /^\+CIND\?$/i, source: '27.007 §8.9 +CIND?: <ind>,<ind>,...', needsSim: 'cme', handle: (ctx) =>
    ok(`+CIND: ${INDICATORS.map((name) => indicatorValue(ctx, name)).join(',')}`) },
  { pattern: /^\+CMER=[\d,]*$/i, source: '27.007 §8.10 +CMER=[<mode>[,<keyp>[,<disp>[,<ind>[,<bfr>]]]]] (accepted; +CIEV follows the memoryFullIndication option)', handle: () => ok() },
  { pattern: /^\+CNMA$/i, source: '27.005 §3.4.4 +CNMA: acknowledge a +CMT (only with +CSMS service 1)', handle: (ctx) =>
    ctx.acknowledge() ? ok() : reply(cmsError(340)) },
];
