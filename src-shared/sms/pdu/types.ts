/**
 * The decoded shapes of the three TPDUs a modem hands us (3GPP TS 23.040 §9.2.2).
 * Every time stamp is ISO 8601 local time with the offset the SC sent,
 * e.g. "2026-11-25T10:15:00+03:00".
 */
import type { AddressType } from './address.ts';
import type { UserDataEncoding } from './dcs.ts';
import type { DeliveryOutcome } from './status.ts';
import type { ConcatInfo } from './udh.ts';

export type { AddressType, ConcatInfo, DeliveryOutcome, UserDataEncoding };

/** SMS-DELIVER (§9.2.2.1): a message received. */
export interface DeliverPdu {
  type: 'deliver';
  /** The SMSC that delivered it, or null when the PDU had no SMSC field. */
  smsc: string | null;
  /** "+" and digits for international numbers; digits as sent otherwise; text when alphanumeric. */
  sender: string;
  senderType: AddressType;
  /** The text; '' for 8-bit data (see `data`). */
  text: string;
  encoding: UserDataEncoding;
  /** The payload after any header, for 8-bit data. */
  data?: Uint8Array;
  /** TP-SCTS (§9.2.3.11). */
  timestamp: string;
  concat: ConcatInfo | null;
  /** Message class from the DCS (TS 23.038 §4), 0 for flash; null when none is given. */
  dcsClass: number | null;
  /** TP-PID (§9.2.3.9). */
  protocolId: number;
  /** TP-MMS (§9.2.3.2): more messages are waiting in the SC. */
  moreMessagesToSend: boolean;
  /** TP-SRI (§9.2.3.4): the sender asked for a status report. */
  statusReportIndication: boolean;
}

/** The validity period of an SMS-SUBMIT (§9.2.3.12), or null when TP-VPF says none. */
export type SubmitValidity =
  | { format: 'relative'; minutes: number }
  | { format: 'absolute'; timestamp: string }
  | { format: 'enhanced'; hex: string }
  | null;

/** SMS-SUBMIT (§9.2.2.2): a message to send, e.g. one we built, or one stored in the modem. */
export interface SubmitPdu {
  type: 'submit';
  smsc: string | null;
  recipient: string;
  recipientType: AddressType;
  text: string;
  encoding: UserDataEncoding;
  data?: Uint8Array;
  /** TP-MR (§9.2.3.6). */
  reference: number;
  /** TP-SRR (§9.2.3.5). */
  statusReportRequested: boolean;
  validity: SubmitValidity;
  concat: ConcatInfo | null;
  dcsClass: number | null;
  /** Message class 0 (TS 23.038 §4). */
  flash: boolean;
}

/** SMS-STATUS-REPORT (§9.2.2.3): what became of a message we sent. */
export interface StatusReportPdu {
  type: 'status-report';
  smsc: string | null;
  /** TP-MR of the SMS-SUBMIT this reports on. */
  reference: number;
  /** TP-RA: the recipient of that message. */
  recipient: string;
  recipientType: AddressType;
  /** TP-SCTS: when the SC received the message. */
  serviceCentreTimestamp: string;
  /** TP-DT (§9.2.3.13): when the status below came about. */
  dischargeTime: string;
  /** TP-ST (§9.2.3.15), raw. */
  status: number;
  /** Plain words for `status`, after §9.2.3.15. */
  statusMeaning: string;
  outcome: DeliveryOutcome;
  /** The message reached the recipient (transaction completed, 0x00-0x1F). */
  delivered: boolean;
  /** No further report follows: false only while the SC is still trying (0x20-0x3F). */
  final: boolean;
  /** TP-SRQ (§9.2.3.26): the report is about an SMS-COMMAND rather than an SMS-SUBMIT. */
  aboutCommand: boolean;
}

export type DecodedPdu = DeliverPdu | SubmitPdu | StatusReportPdu;
