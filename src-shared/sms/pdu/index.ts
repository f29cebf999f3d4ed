/** The PDU codec: SMS-SUBMIT encoder, and decoders for what a modem hands back. */
export { PduError, SmsEncodeError } from './errors.ts';
export { encodeSubmit, type EncodedPart, type SubmitInput } from './submit-encoder.ts';
export { decodePdu } from './decode.ts';
export { decodeDeliverPdu } from './deliver-decoder.ts';
export { decodeSubmitPdu } from './submit-decoder.ts';
export { decodeStatusReportPdu } from './status-report-decoder.ts';
export type { DecodeOptions } from './open.ts';
export { classifyStatus, type StatusClassification } from './status.ts';
export { minutesToRelativeValidity, relativeValidityToMinutes, DEFAULT_VALIDITY_MINUTES } from './validity.ts';
export { bytesToHex, hexToBytes } from './hex.ts';
export { encodeTimestamp } from './timestamp.ts';
export { encodeAlphanumericAddress } from './address.ts';
export type {
  AddressType,
  ConcatInfo,
  DecodedPdu,
  DeliverPdu,
  DeliveryOutcome,
  StatusReportPdu,
  SubmitPdu,
  SubmitValidity,
  UserDataEncoding,
} from './types.ts';
