/**
 * What makes a received SMS-DELIVER (or SMS-STATUS-REPORT) the same one read again (migration 006, received_pdus): the
 * sender and SC time stamp as the PDU gives them, and a SHA-256 of its TPDU. The SMSC field is
 * left out of the hash: it is the modem's framing (27.005 §3.1), not the message.
 */
import { createHash } from 'node:crypto';
import type { DeliverPdu, StatusReportPdu } from '../../../src-shared/sms/index.ts';
import type { RawPdu } from '../gateways/modem/sms-receiver.ts';
import type { PduFingerprint } from '../store/repositories/received-pdu-repository.ts';

/**
 * The TPDU hex of a PDU as printed: the last <length> octets when the hex is longer (an SMSC
 * field first), else all of it. Upper case.
 */
export function tpduHex(raw: Pick<RawPdu, 'hex' | 'length'>): string {
  const hex = raw.hex.trim().toUpperCase();
  const octets = raw.length;
  return octets !== null && octets > 0 && hex.length > octets * 2 ? hex.slice(hex.length - octets * 2) : hex;
}

export function fingerprintOf(gatewayId: string, pdu: DeliverPdu, raw: Pick<RawPdu, 'hex' | 'length'>): PduFingerprint {
  return {
    gateway: gatewayId,
    sender: pdu.sender,
    scTimestamp: pdu.timestamp,
    hash: createHash('sha256').update(tpduHex(raw)).digest('hex'),
  };
}

/**
 * The same for an SMS-STATUS-REPORT (kept in received_pdus too): its TP-RA in the sender column
 * and its TP-SCTS, with the TPDU's hash. A report that says something new (another TP-ST, another
 * discharge time) hashes differently and is applied.
 */
export function reportFingerprintOf(gatewayId: string, report: StatusReportPdu, raw: Pick<RawPdu, 'hex' | 'length'>): PduFingerprint {
  return {
    gateway: gatewayId,
    sender: report.recipient,
    scTimestamp: report.serviceCentreTimestamp,
    hash: createHash('sha256').update(tpduHex(raw)).digest('hex'),
  };
}
