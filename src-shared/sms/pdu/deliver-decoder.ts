/** SMS-DELIVER (3GPP TS 23.040 §9.2.2.1): a message received from the network. */
import { readTpAddress } from './address.ts';
import { decodeDataCoding } from './dcs.ts';
import { type DecodeOptions, expectMti, MTI_DELIVER, type OpenedPdu, openPdu } from './open.ts';
import { readTimestamp } from './timestamp.ts';
import type { DeliverPdu } from './types.ts';
import { readUserData } from './user-data.ts';

/**
 * Decodes an SMS-DELIVER PDU from hex.
 * @throws PduError (and nothing else) for any malformed input: bad hex, a message type other
 *   than SMS-DELIVER, truncated or impossible fields, bad semi-octets.
 */
export function decodeDeliverPdu(hex: string, options?: DecodeOptions): DeliverPdu {
  const opened = openPdu(hex, options);
  expectMti(opened, MTI_DELIVER, 'SMS-DELIVER (00)');
  return readDeliver(opened);
}

/** The rest of an SMS-DELIVER after its first octet. */
export function readDeliver({ reader, smsc, firstOctet }: OpenedPdu): DeliverPdu {
  const sender = readTpAddress(reader, 'TP-OA');
  const protocolId = reader.readOctet('TP-PID');
  const coding = decodeDataCoding(reader.readOctet('TP-DCS'));
  const timestamp = readTimestamp(reader, 'TP-SCTS');
  const userData = readUserData(reader, coding.encoding, (firstOctet & 0x40) !== 0);
  const pdu: DeliverPdu = {
    type: 'deliver',
    smsc,
    sender: sender.address,
    senderType: sender.type,
    text: userData.text,
    encoding: coding.encoding,
    timestamp,
    concat: userData.concat,
    dcsClass: coding.messageClass,
    protocolId,
    // TP-MMS is inverted: 0 means "more messages are waiting" (§9.2.3.2).
    moreMessagesToSend: (firstOctet & 0x04) === 0,
    statusReportIndication: (firstOctet & 0x20) !== 0,
  };
  if (userData.data) pdu.data = userData.data;
  return pdu;
}
