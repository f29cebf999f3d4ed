/** The steps every decoder starts with: hex to octets, the SMSC field, the first octet's MTI. */
import { readSmscAddress } from './address.ts';
import { hexToBytes } from './hex.ts';
import { PduReader } from './reader.ts';

export interface DecodeOptions {
  /**
   * Whether the hex starts with the SMSC field, as modems print PDUs in +CMGL, +CMGR, +CMT and
   * +CDS (TS 27.005 §3.1). Default true. Pass false for a bare TPDU.
   */
  hasSmsc?: boolean;
}

/** TP-MTI (TS 23.040 §9.2.3.1) as seen by a mobile: bits 1-0 of the first TPDU octet. */
export const MTI_DELIVER = 0b00;
export const MTI_SUBMIT = 0b01;
export const MTI_STATUS_REPORT = 0b10;

export interface OpenedPdu {
  reader: PduReader;
  smsc: string | null;
  firstOctet: number;
  /** Octet position of the first TPDU octet. */
  firstOctetPosition: number;
}

/**
 * Parses hex, the SMSC field (when present) and the first TPDU octet.
 * @throws PduError for bad hex, a bad SMSC field or an empty TPDU.
 */
export function openPdu(hex: string, options: DecodeOptions = {}): OpenedPdu {
  const reader = new PduReader(hexToBytes(hex));
  const smsc = options.hasSmsc === false ? null : readSmscAddress(reader);
  const firstOctetPosition = reader.octetPosition;
  const firstOctet = reader.readOctet('TP-MTI');
  return { reader, smsc, firstOctet, firstOctetPosition };
}

/**
 * Checks that the MTI is `expected`.
 * @throws PduError "TP-MTI" otherwise.
 */
export function expectMti(opened: OpenedPdu, expected: number, name: string): void {
  const mti = opened.firstOctet & 0x03;
  if (mti !== expected) {
    throw opened.reader.error('TP-MTI', opened.firstOctetPosition, `message type ${mti.toString(2).padStart(2, '0')} is not ${name}`);
  }
}
