/** One entry point for any PDU a modem prints: read the MTI and hand over to the right decoder. */
import { readDeliver } from './deliver-decoder.ts';
import { type DecodeOptions, MTI_DELIVER, MTI_STATUS_REPORT, MTI_SUBMIT, openPdu } from './open.ts';
import { readStatusReport } from './status-report-decoder.ts';
import { readSubmit } from './submit-decoder.ts';
import type { DecodedPdu } from './types.ts';

/**
 * Decodes an SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT from hex, by its TP-MTI
 * (TS 23.040 §9.2.3.1; MTI 01 is read as SMS-SUBMIT, as stored messages are, never as the
 * SMS-SUBMIT-REPORT that shares it).
 * @throws PduError (and nothing else) for any malformed input, including the reserved MTI 11.
 *   Never loops forever: every loop is bounded by a length read from the PDU.
 */
export function decodePdu(hex: string, options?: DecodeOptions): DecodedPdu {
  const opened = openPdu(hex, options);
  switch (opened.firstOctet & 0x03) {
    case MTI_DELIVER:
      return readDeliver(opened);
    case MTI_SUBMIT:
      return readSubmit(opened);
    case MTI_STATUS_REPORT:
      return readStatusReport(opened);
    default:
      throw opened.reader.error('TP-MTI', opened.firstOctetPosition, 'message type 11 is reserved');
  }
}
