import { describe, expect, it } from 'vitest';
import { decodeDeliverPdu, decodePdu, decodeStatusReportPdu, decodeSubmitPdu, PduError } from '../../../src-shared/sms/index.ts';
import type { DecodeOptions } from '../../../src-shared/sms/index.ts';

// Offsets are character indices into the hex as given (twice the octet index).
function errorOf(decode: () => unknown): PduError {
  try {
    decode();
  } catch (err) {
    if (err instanceof PduError) return err;
    throw new Error(`threw ${String(err)} instead of a PduError`, { cause: err });
  }
  throw new Error('did not throw');
}

function expectPduError(hex: string, field: string, offset: number, options?: DecodeOptions): PduError {
  const err = errorOf(() => decodePdu(hex, options));
  expect({ field: err.field, offset: err.offset }).toEqual({ field, offset });
  expect(err.message).toContain(`${field} at offset ${offset}`);
  expect(err.code).toBe('sms.pdu-invalid');
  return err;
}

// dreamfabric "hellohello" SUBMIT and DELIVER (see decode-examples.test.ts for the source).
const SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
const DELIVER = '07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37';

describe('PduError: every malformed input names its field and offset', () => {
  it('odd number of hex digits', () => {
    expectPduError(SUBMIT.slice(0, -1), 'hex', SUBMIT.length - 2);
  });

  it('a character that is not a hex digit, at its own index', () => {
    expectPduError('0011G0', 'hex', 4);
    expectPduError(' 0011', 'hex', 0);
  });

  it('empty input: the SMSC length is missing', () => {
    expectPduError('', 'SMSC', 0);
    expectPduError('', 'TP-MTI', 0, { hasSmsc: false });
  });

  it('an SMSC field longer than 11 octets', () => {
    expectPduError('0C91' + '11'.repeat(11) + '04', 'SMSC', 0);
  });

  it('the reserved message type 11', () => {
    expectPduError('0003', 'TP-MTI', 2);
  });

  it('a decoder for one type given another', () => {
    const err = errorOf(() => decodeDeliverPdu(SUBMIT));
    expect([err.field, err.offset]).toEqual(['TP-MTI', 2]);
    expect(errorOf(() => decodeSubmitPdu(DELIVER)).field).toBe('TP-MTI');
    expect(errorOf(() => decodeStatusReportPdu(DELIVER)).field).toBe('TP-MTI');
  });

  it('a truncated destination address', () => {
    // 00 | 11 | 00 | 0B 91 then only one of six address octets.
    expectPduError('0011000B9164', 'TP-DA', 10);
  });

  it('an address length over 20 digits', () => {
    expectPduError('00110015' + '91' + '11'.repeat(11) + '0000AA00', 'TP-DA', 6);
  });

  it('a filler semi-octet in the middle of a number', () => {
    // The second address octet 0x0F has its low nibble F where a digit is due.
    expectPduError('0011000B9164F7281553F80000AA0AE8329BFD4697D9EC37', 'TP-DA', 12);
  });

  it('a time stamp semi-octet that is not a decimal digit', () => {
    expectPduError(DELIVER.replace('99309251619580', 'A9309251619580'), 'TP-SCTS', 38);
  });

  it('a time stamp value out of range (month 13)', () => {
    expectPduError(DELIVER.replace('99309251619580', '99319251619580'), 'TP-SCTS', 40);
  });

  it('a truncated time stamp', () => {
    expectPduError(DELIVER.slice(0, 46), 'TP-SCTS', 38);
  });

  it('a user data length beyond the data', () => {
    // UDL 0x20 (32 septets = 28 octets) where 9 octets follow; UDL is octet 14.
    expectPduError(SUBMIT.replace('AA0AE8', 'AA20E8'), 'TP-UDL', 28);
  });

  it('an impossible user data length (over 160 septets)', () => {
    const err = expectPduError(SUBMIT.replace('AA0AE8', 'AAA1E8'), 'TP-UDL', 28);
    expect(err.message).toContain('161');
  });

  it('an impossible UCS-2 user data length (over 140 octets)', () => {
    expectPduError('0001000C91527421436587' + '0008' + '8D' + '00'.repeat(141), 'TP-UDL', 26);
  });

  it('a UCS-2 text of an odd number of octets', () => {
    expectPduError('0001000C91527421436587' + '0008' + '03' + '004100', 'TP-UD', 28);
  });

  it('a missing user data length', () => {
    expectPduError('0001000C915274214365870000', 'TP-UDL', 26);
  });

  it('a header length beyond the user data', () => {
    // UDHI set, 8-bit data of 3 octets whose UDHL says 5.
    expectPduError('0041000C91527421436587' + '0004' + '03' + '050003', 'TP-UDHL', 28);
  });

  it('an information element running past the header', () => {
    // UDHL 3: IEI 00 says 3 octets of data but only 1 is in the header.
    expectPduError('0041000C91527421436587' + '0004' + '06' + '0300030A0203', 'TP-UDH', 30);
  });

  it('a GSM-7 length shorter than its own header', () => {
    // UDL 3 septets cannot hold a 6-octet (7-septet) header; 3 septets = 3 octets hold UDHL 2.
    expectPduError('0041000C91527421436587' + '0000' + '03' + '020000', 'TP-UDL', 26);
  });
});
