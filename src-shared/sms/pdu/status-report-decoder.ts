/** SMS-STATUS-REPORT (3GPP TS 23.040 §9.2.2.3): what became of a message we sent. */
import { readTpAddress } from './address.ts';
import { type DecodeOptions, expectMti, MTI_STATUS_REPORT, type OpenedPdu, openPdu } from './open.ts';
import { classifyStatus } from './status.ts';
import { readTimestamp } from './timestamp.ts';
import type { StatusReportPdu } from './types.ts';

/**
 * Decodes an SMS-STATUS-REPORT PDU from hex (as in +CDS or +CMGR, TS 27.005 §3.4.1).
 * @throws PduError (and nothing else) for any malformed input: bad hex, a message type other
 *   than SMS-STATUS-REPORT, truncated fields, bad semi-octets.
 */
export function decodeStatusReportPdu(hex: string, options?: DecodeOptions): StatusReportPdu {
  const opened = openPdu(hex, options);
  expectMti(opened, MTI_STATUS_REPORT, 'SMS-STATUS-REPORT (10)');
  return readStatusReport(opened);
}

/**
 * The rest of an SMS-STATUS-REPORT after its first octet. The optional TP-PI and the fields it
 * announces (§9.2.3.27) are not read: nothing in them changes what happened to the message.
 */
export function readStatusReport({ reader, smsc, firstOctet }: OpenedPdu): StatusReportPdu {
  const reference = reader.readOctet('TP-MR');
  const recipient = readTpAddress(reader, 'TP-RA');
  const serviceCentreTimestamp = readTimestamp(reader, 'TP-SCTS');
  const dischargeTime = readTimestamp(reader, 'TP-DT');
  const status = reader.readOctet('TP-ST');
  const classification = classifyStatus(status);
  return {
    type: 'status-report',
    smsc,
    reference,
    recipient: recipient.address,
    recipientType: recipient.type,
    serviceCentreTimestamp,
    dischargeTime,
    status,
    statusMeaning: classification.meaning,
    outcome: classification.outcome,
    delivered: classification.outcome === 'delivered',
    final: classification.final,
    aboutCommand: (firstOctet & 0x20) !== 0,
  };
}
