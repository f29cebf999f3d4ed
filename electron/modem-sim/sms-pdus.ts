// Builds the PDUs a network hands a modem: SMS-DELIVER (3GPP TS 23.040 §9.2.2.1) and
// SMS-STATUS-REPORT (§9.2.2.3), with the SMSC field first as modems print them in +CMGR, +CMGL,
// +CMT and +CDS (TS 27.005 §3.1 <pdu>). Test code: the app never builds these.
import { encodeSmscAddress, encodeTpAddress, encodeAlphanumericAddress } from '../../src-shared/sms/pdu/address.ts';
import { encodeDataCoding } from '../../src-shared/sms/pdu/dcs.ts';
import { bytesToHex } from '../../src-shared/sms/pdu/hex.ts';
import { encodeTimestamp } from '../../src-shared/sms/pdu/timestamp.ts';
import { encodeUserData } from '../../src-shared/sms/pdu/user-data.ts';
import { chooseEncoding, type TextEncoding } from '../../src-shared/sms/index.ts';

export interface DeliverSpec {
  /** "+254712345678", "0712345678", or an alphanumeric sender such as "SAFARICOM". */
  from: string;
  text: string;
  /** SC time stamp, ISO with offset. Default 2025-03-03T11:00:00+03:00. */
  timestamp?: string;
  /** Default: GSM-7 when every character fits, else UCS-2. */
  encoding?: TextEncoding;
  /** Concatenation reference; default 0x2A. */
  ref?: number;
  /** 8 (IEI 00, §9.2.3.24.1) or 16 (IEI 08, §9.2.3.24.8). Default 8. */
  refBits?: 8 | 16;
  /** Force a split into parts of at most this many characters (default: split only when needed). */
  partLength?: number;
  /** The SMSC field: a number, or null for "00". Default +254722500029. */
  smsc?: string | null;
}

export interface BuiltPdu {
  /** Hex, SMSC field first. */
  hex: string;
  /** TPDU octets (27.005 <length>: the SMSC field not counted). */
  tpduLength: number;
}

const DEFAULT_TIMESTAMP = '2025-03-03T11:00:00+03:00';
const DEFAULT_SMSC = '+254722500029';

function senderOctets(from: string): number[] {
  return /^\+?[0-9*#]+$/.test(from) ? encodeTpAddress(from, 'from') : encodeAlphanumericAddress(from);
}

function chunks(text: string, size: number): string[] {
  const units = [...text];
  const out: string[] = [];
  for (let i = 0; i < units.length; i += size) out.push(units.slice(i, i + size).join(''));
  return out;
}

function built(smsc: string | null | undefined, tpdu: number[]): BuiltPdu {
  const head = encodeSmscAddress(smsc === undefined ? DEFAULT_SMSC : smsc ?? undefined);
  return { hex: bytesToHex([...head, ...tpdu]).toUpperCase(), tpduLength: tpdu.length };
}

/**
 * The SMS-DELIVER PDU(s) of one message, in part order. Long texts are cut into plain character
 * chunks (150 GSM-7 / 65 UCS-2 characters, which fit beside either header): simpler than the
 * sender-side segmentation, and enough for tests that use no escape characters.
 */
export function buildDeliverPdus(spec: DeliverSpec): BuiltPdu[] {
  const encoding = spec.encoding ?? chooseEncoding(spec.text);
  const single = encoding === 'gsm7' ? 160 : 70;
  const size = spec.partLength ?? (encoding === 'gsm7' ? 150 : 65);
  const texts = spec.partLength === undefined && [...spec.text].length <= single ? [spec.text] : chunks(spec.text, size);
  const concatenated = texts.length > 1;
  const ref = spec.ref ?? 0x2a;
  const sender = senderOctets(spec.from);
  const scts = encodeTimestamp(spec.timestamp ?? DEFAULT_TIMESTAMP);
  // TP-MTI 00, TP-MMS set (no more messages), TP-UDHI when concatenated (§9.2.3.1-.2, .23).
  const firstOctet = 0x04 | (concatenated ? 0x40 : 0);
  return texts.map((text, index) => {
    const header = !concatenated ? []
      : spec.refBits === 16 ? [0x06, 0x08, 0x04, (ref >> 8) & 0xff, ref & 0xff, texts.length, index + 1]
      : [0x05, 0x00, 0x03, ref & 0xff, texts.length, index + 1];
    const tpdu = [firstOctet, ...sender, 0x00, encodeDataCoding(encoding, false), ...scts, ...encodeUserData(text, encoding, header)];
    return built(spec.smsc, tpdu);
  });
}

export interface StatusReportSpec {
  /** TP-MR of the SUBMIT reported on. */
  reference: number;
  /** TP-RA: the recipient, as the SC gives it. */
  recipient: string;
  /** TP-ST (§9.2.3.15): 0x00 delivered, 0x21 pending, 0x46 expired ... Default 0. */
  status?: number;
  timestamp?: string;
  /** null for "00"; false to leave the SMSC field out entirely (as some modems print +CDS). */
  smsc?: string | null | false;
}

/** One SMS-STATUS-REPORT PDU. */
export function buildStatusReportPdu(spec: StatusReportSpec): BuiltPdu {
  const time = encodeTimestamp(spec.timestamp ?? DEFAULT_TIMESTAMP);
  // TP-MTI 10, TP-MMS set; TP-SRQ clear: a report about an SMS-SUBMIT (§9.2.3.26).
  const tpdu = [0x06, spec.reference & 0xff, ...encodeTpAddress(spec.recipient, 'recipient'), ...time, ...time, spec.status ?? 0];
  if (spec.smsc === false) return { hex: bytesToHex(tpdu).toUpperCase(), tpduLength: tpdu.length };
  return built(spec.smsc, tpdu);
}
