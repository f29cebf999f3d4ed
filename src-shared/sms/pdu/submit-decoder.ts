/** SMS-SUBMIT (3GPP TS 23.040 §9.2.2.2): a message to send, as we build it or a modem stores it. */
import { bytesToHex } from './hex.ts';
import { readTpAddress } from './address.ts';
import { decodeDataCoding } from './dcs.ts';
import { type DecodeOptions, expectMti, MTI_SUBMIT, type OpenedPdu, openPdu } from './open.ts';
import type { PduReader } from './reader.ts';
import { readTimestamp } from './timestamp.ts';
import type { SubmitPdu, SubmitValidity } from './types.ts';
import { readUserData } from './user-data.ts';
import { relativeValidityToMinutes } from './validity.ts';

/**
 * Decodes an SMS-SUBMIT PDU from hex.
 * @throws PduError (and nothing else) for any malformed input: bad hex, a message type other
 *   than SMS-SUBMIT, truncated or impossible fields, bad semi-octets.
 */
export function decodeSubmitPdu(hex: string, options?: DecodeOptions): SubmitPdu {
  const opened = openPdu(hex, options);
  expectMti(opened, MTI_SUBMIT, 'SMS-SUBMIT (01)');
  return readSubmit(opened);
}

/** TP-VP in the format TP-VPF (bits 4-3 of the first octet) gives (§9.2.3.3, §9.2.3.12). */
function readValidity(reader: PduReader, firstOctet: number): SubmitValidity {
  switch ((firstOctet >> 3) & 0x03) {
    case 0b10:
      return { format: 'relative', minutes: relativeValidityToMinutes(reader.readOctet('TP-VP')) };
    case 0b11:
      return { format: 'absolute', timestamp: readTimestamp(reader, 'TP-VP') };
    case 0b01:
      return { format: 'enhanced', hex: bytesToHex(reader.readOctets(7, 'TP-VP')) };
    default:
      return null;
  }
}

/** The rest of an SMS-SUBMIT after its first octet. */
export function readSubmit({ reader, smsc, firstOctet }: OpenedPdu): SubmitPdu {
  const reference = reader.readOctet('TP-MR');
  const recipient = readTpAddress(reader, 'TP-DA');
  reader.readOctet('TP-PID');
  const coding = decodeDataCoding(reader.readOctet('TP-DCS'));
  const validity = readValidity(reader, firstOctet);
  const userData = readUserData(reader, coding.encoding, (firstOctet & 0x40) !== 0);
  const pdu: SubmitPdu = {
    type: 'submit',
    smsc,
    recipient: recipient.address,
    recipientType: recipient.type,
    text: userData.text,
    encoding: coding.encoding,
    reference,
    statusReportRequested: (firstOctet & 0x20) !== 0,
    validity,
    concat: userData.concat,
    dcsClass: coding.messageClass,
    flash: coding.messageClass === 0,
  };
  if (userData.data) pdu.data = userData.data;
  return pdu;
}
