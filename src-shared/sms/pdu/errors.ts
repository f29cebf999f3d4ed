/**
 * Errors of the PDU codec. They extend UjumbeError so they cross the RPC boundary as data
 * (docs/ARCHITECTURE.md "Habits": errors as data) with the field and offset in `details`.
 */
import { UjumbeError } from '../../errors.ts';

/**
 * A PDU that cannot be decoded.
 *
 * `offset` is a character index into the hex string exactly as it was passed to the decoder,
 * so it points at the first hex digit of the offending field (twice its octet index) or at the
 * offending character for bad hex. When the PDU carries an SMSC field, it is counted too.
 */
export class PduError extends UjumbeError {
  constructor(
    /** The field in TS 23.040 terms, e.g. "TP-UDL", "TP-OA", "TP-SCTS", or "hex". */
    readonly field: string,
    /** Character offset into the hex as given (see class doc). */
    readonly offset: number,
    detail: string,
  ) {
    super('sms.pdu-invalid', `${field} at offset ${offset}: ${detail}`, { field, offset });
  }
}

/** Input to the encoder that cannot be sent: names the input field (`to`, `text`, `smsc` ...). */
export class SmsEncodeError extends UjumbeError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super('sms.encode-invalid', `${field}: ${detail}`, { field });
  }
}
