/**
 * The default way the modem gateway turns an outgoing item into PDU parts: the project's
 * SMS-SUBMIT encoder (src-shared/sms), with the DCS, UDH and status-report flag inside each PDU.
 */
import { encodeSubmit } from '../../../../src-shared/sms/index.ts';
import type { OutgoingItem } from '../gateway.ts';
import type { PduPart } from './modem-driver.ts';

export type EncodeItem = (item: OutgoingItem) => PduPart[];

/**
 * Encodes one recipient's message. The concatenation reference comes from the message id, so
 * the parts of a retried message carry the same reference as the first attempt's, and two long
 * messages sent back to back never share one (unless 256 apart).
 * @throws SmsEncodeError the address or text cannot be encoded (see encodeSubmit)
 */
export const encodeSmsItem: EncodeItem = (item) =>
  encodeSubmit({
    to: item.address,
    text: item.content,
    statusReport: item.options.statusReport ?? false,
    flash: item.options.flash ?? false,
    concatReference: item.messageId & 0xff,
  });
