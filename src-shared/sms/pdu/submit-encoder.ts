/**
 * Builds SMS-SUBMIT PDUs (3GPP TS 23.040 §9.2.2.2) for AT+CMGS in PDU mode (TS 27.005 §3.5.1):
 * one PDU per part, each with the SMSC field first and the TPDU length AT+CMGS wants.
 */
import { MAX_CONCAT_PARTS } from '../limits.ts';
import { type EncodingChoice, splitIntoParts } from '../segment.ts';
import { encodeSmscAddress, encodeTpAddress } from './address.ts';
import { encodeDataCoding } from './dcs.ts';
import { SmsEncodeError } from './errors.ts';
import { bytesToHex } from './hex.ts';
import { concatHeader8 } from './udh.ts';
import { encodeUserData } from './user-data.ts';
import { DEFAULT_VALIDITY_MINUTES, minutesToRelativeValidity } from './validity.ts';

export interface SubmitInput {
  /** "+254712345678" (international) or digits as dialled, e.g. "0712345678" or "100". */
  to: string;
  text: string;
  /** The SMSC number; omitted: "00", the modem uses the SMSC stored on the SIM. */
  smsc?: string;
  /** Ask for an SMS-STATUS-REPORT (TP-SRR). */
  statusReport?: boolean;
  /** Class 0 "flash" message, shown at once and not stored. */
  flash?: boolean;
  /**
   * TP-VP, relative format. Omitted: 7 days. null: no validity period (TP-VPF 00), the SC's
   * default applies. Rounded up to a value TP-VP can express (see minutesToRelativeValidity).
   */
  validity?: { relativeMinutes: number } | null;
  /** TP-MR, 0-255. Default 0: modems put their own reference in (TS 27.005 §3.5.1). */
  messageReference?: number;
  /**
   * The concatenated short message reference (0-255) shared by the parts of one message.
   * Omitted: a random one. Callers that send many long messages should pass a counter so two
   * messages to one recipient in flight never share a reference.
   */
  concatReference?: number;
  /** 'auto' (default): GSM-7 when every character fits, else UCS-2. 'ucs2' forces UCS-2. */
  encoding?: EncodingChoice;
}

export interface EncodedPart {
  /** Uppercase hex, the SMSC field first ("00" when none). */
  pdu: string;
  /** Octets of the TPDU alone, without the SMSC field: the <length> of AT+CMGS. */
  tpduLength: number;
}

// First octet of SMS-SUBMIT (§9.2.3.1-§9.2.3.5, §9.2.3.23).
const MTI_SUBMIT = 0x01;
const VPF_RELATIVE = 0x10;
const SRR = 0x20;
const UDHI = 0x40;

function checkOctet(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new SmsEncodeError(field, `${value} is not an integer from 0 to 255`);
  }
  return value;
}

function validityOctets(validity: SubmitInput['validity']): number[] {
  if (validity === null) return [];
  const minutes = validity === undefined ? DEFAULT_VALIDITY_MINUTES : validity.relativeMinutes;
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new SmsEncodeError('validity', `${minutes} minutes is not a positive duration`);
  }
  return [minutesToRelativeValidity(minutes)];
}

/**
 * Encodes a text to one or more SMS-SUBMIT PDUs. Text that does not fit one part is split
 * (see splitIntoParts) and every part carries an 8-bit-reference concatenation header
 * (§9.2.3.24.1). Empty text gives one PDU with empty user data.
 * @throws SmsEncodeError naming the input field: `to`/`smsc` not a number or over 20 digits,
 *   `messageReference`/`concatReference` out of 0-255, `validity` not positive, `text` needing
 *   more than 255 parts.
 */
export function encodeSubmit(input: SubmitInput): EncodedPart[] {
  const smsc = encodeSmscAddress(input.smsc);
  const destination = encodeTpAddress(input.to, 'to');
  const messageReference = checkOctet(input.messageReference, 'messageReference') ?? 0;
  const validity = validityOctets(input.validity);
  const { encoding, parts } = splitIntoParts(input.text, input.encoding ?? 'auto');
  if (parts.length > MAX_CONCAT_PARTS) {
    throw new SmsEncodeError('text', `needs ${parts.length} parts; one message can have at most ${MAX_CONCAT_PARTS}`);
  }
  const texts = parts.length === 0 ? [''] : parts;
  const concatenated = texts.length > 1;
  const concatReference = concatenated
    ? (checkOctet(input.concatReference, 'concatReference') ?? Math.floor(Math.random() * 256))
    : 0;

  let firstOctet = MTI_SUBMIT;
  if (validity.length > 0) firstOctet |= VPF_RELATIVE;
  if (input.statusReport) firstOctet |= SRR;
  if (concatenated) firstOctet |= UDHI;
  const head = [firstOctet, messageReference, ...destination, 0x00 /* TP-PID: plain SME-to-SME */, encodeDataCoding(encoding, input.flash === true), ...validity];
  const smscHex = bytesToHex(smsc);

  return texts.map((text, index) => {
    const header = concatenated ? concatHeader8(concatReference, index + 1, texts.length) : [];
    const tpdu = [...head, ...encodeUserData(text, encoding, header)];
    return { pdu: smscHex + bytesToHex(tpdu), tpduLength: tpdu.length };
  });
}
