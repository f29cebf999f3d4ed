/**
 * Status reports the modem stored (AT+CNMI <ds>=2): what a stored entry is, and reading a storage
 * other than the one messages are read from. 27.005 §3.2.2 (AT+CPMS): received status reports are
 * stored in "SR" (or a manufacturer's storage) unless routed to the terminal, and AT+CMGR, AT+CMGL
 * and AT+CMGD work on <mem1> only — so a `+CDSI: "SR",3` is read by switching <mem1> to "SR",
 * reading and deleting there, and switching back. Qualcomm firmware (Huawei, Quectel, ZTE sticks)
 * and Telit say "SR"; others store reports with the messages ("SM"), where the ordinary sweep finds
 * them. docs/ARCHITECTURE.md "Receiving and delivery reports".
 */
import { PduError } from '../../../../src-shared/sms/index.ts';
import { MTI_DELIVER, MTI_STATUS_REPORT, MTI_SUBMIT, openPdu } from '../../../../src-shared/sms/pdu/open.ts';
import { AtTimeoutError, PortClosedError } from './at-errors.ts';
import type { StoredSms } from './modem-driver.ts';
import type { SmsStorage } from './sms-receiver.ts';

/**
 * What one stored entry of a listing is, by <stat> and the TPDU's TP-MTI (23.040 §9.2.3.1):
 * <stat> 2/3 are stored outgoing messages (27.005 §3.1), not ours to take whatever their MTI (10
 * there is an SMS-COMMAND); received entries are DELIVERs (MTI 00) or STATUS-REPORTs (MTI 10).
 */
export type StoredKind = 'deliver' | 'status-report' | 'outgoing' | 'other' | 'unreadable';

/** The first TPDU octet, with or without the SMSC field in front (27.005 §3.1; `<length>` counts the TPDU only). */
function firstTpduOctet(hex: string, length: number | null): number {
  const bare = length !== null && hex.length / 2 === length;
  try {
    return openPdu(hex, { hasSmsc: !bare }).firstOctet;
  } catch (first) {
    if (!(first instanceof PduError)) throw first;
    return openPdu(hex, { hasSmsc: bare }).firstOctet;
  }
}

/** Classifies a listing entry without decoding it all. Pure; never throws. */
export function classifyStored(sms: Pick<StoredSms, 'stat' | 'pdu' | 'length'>): StoredKind {
  if (sms.stat === 2 || sms.stat === 3) return 'outgoing';
  let octet: number;
  try {
    octet = firstTpduOctet(sms.pdu.trim(), sms.length);
  } catch {
    return 'unreadable';
  }
  switch (octet & 0x03) {
    case MTI_DELIVER:
      return 'deliver';
    case MTI_STATUS_REPORT:
      return 'status-report';
    case MTI_SUBMIT:
      // A received MTI 01 would be an SMS-SUBMIT-REPORT, which is never stored.
      return 'other';
    default:
      return 'unreadable';
  }
}

/**
 * The <mem1> choices of an AT+CPMS=? answer (`+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")`),
 * upper case, or null when it cannot be read.
 */
export function parseCpmsTest(lines: readonly string[]): string[] | null {
  const line = lines.find((l) => l.startsWith('+CPMS:'));
  if (line === undefined) return null;
  const first = /\(([^)]*)\)/.exec(line)?.[1];
  if (first === undefined) return null;
  return [...first.matchAll(/"([^"]+)"/g)].map((m) => (m[1] ?? '').toUpperCase());
}

/** The storage that holds reports apart from the messages: "SR" when <mem1> may be it. */
export function separateReportStorage(mem1Choices: readonly string[] | null, readStorage: string | null): string | null {
  if (mem1Choices === null || !mem1Choices.includes('SR')) return null;
  return readStorage?.toUpperCase() === 'SR' ? null : 'SR';
}

/**
 * Runs `work` with <mem1> switched to `mem` (AT+CPMS="<mem>": <mem2> and <mem3> are left as they
 * are), then switches back to `back` whatever happened. A modem that will not switch (the storage
 * is not readable, e.g. a Huawei's "SR", MU509 AT spec §6.6) gets `null` and nothing is run.
 * @throws AtTimeoutError | PortClosedError (the switch back may then not have happened: the next
 *   init's AT+CPMS sets <mem1> again), and whatever `work` throws.
 */
export async function inReadStorage<T>(storage: SmsStorage, mem: string, back: string, work: () => Promise<T>): Promise<T | null> {
  if (!storage.command) return null;
  try {
    await storage.command(`AT+CPMS="${mem}"`, { timeout: 'sim' });
  } catch (err) {
    if (err instanceof AtTimeoutError || err instanceof PortClosedError) throw err;
    return null;
  }
  try {
    return await work();
  } finally {
    await storage.command(`AT+CPMS="${back}"`, { timeout: 'sim' });
  }
}
