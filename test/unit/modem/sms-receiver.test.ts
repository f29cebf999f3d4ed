import { describe, expect, it } from 'vitest';
import { decodeModemPdu } from '../../../electron/backend/gateways/modem/sms-receiver.ts';
import { PduError } from '../../../src-shared/sms/index.ts';
import { buildStatusReportPdu } from '../../../electron/modem-sim/sms-pdus.ts';

describe('decodeModemPdu (27.005 §3.1: <length> counts the TPDU only)', () => {
  it('reads a +CDS PDU with the SMSC field and one without it', () => {
    const withSmsc = buildStatusReportPdu({ reference: 9, recipient: '+254712345678' });
    const bare = buildStatusReportPdu({ reference: 9, recipient: '+254712345678', smsc: false });
    expect(decodeModemPdu(withSmsc.hex, withSmsc.tpduLength)).toMatchObject({ type: 'status-report', reference: 9, smsc: '+254722500029' });
    expect(decodeModemPdu(bare.hex, bare.tpduLength)).toMatchObject({ type: 'status-report', reference: 9, smsc: null });
  });

  it('tries the other reading when the length is missing', () => {
    const bare = buildStatusReportPdu({ reference: 9, recipient: '+254712345678', smsc: false });
    expect(decodeModemPdu(bare.hex, null)).toMatchObject({ type: 'status-report', reference: 9 });
  });

  it('throws PduError when neither reading decodes', () => {
    expect(() => decodeModemPdu('0004FF', 2)).toThrow(PduError);
  });
});
