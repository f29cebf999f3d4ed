import { describe, expect, it } from 'vitest';
import { classifyStatus, decodePdu, decodeStatusReportPdu } from '../../../src-shared/sms/index.ts';

// The +CDS example from amro.blogspot.com/2007/09/receiving-sms-status-report-message.html with
// the SMSC field of the dreamfabric example in front (as +CDS prints it with AT+CSDH=1) and the
// TP-ST octet (last) replaced to pin each outcome.
const SMSC = '07917283010010F5';
const reportWithStatus = (status: string): string => SMSC + '06000B910221815716F27090215101218070902151017180' + status;

describe('SMS-STATUS-REPORT outcomes (TS 23.040 §9.2.3.15)', () => {
  it('reads 0x00 as delivered and final', () => {
    expect(decodePdu(reportWithStatus('00'))).toMatchObject({
      type: 'status-report',
      smsc: '+27381000015',
      reference: 0,
      recipient: '+20121875612',
      status: 0,
      delivered: true,
      final: true,
      outcome: 'delivered',
    });
  });

  it('reads 0x21 "SME busy" as pending: the SC is still trying, another report will follow', () => {
    expect(decodeStatusReportPdu(reportWithStatus('21'))).toMatchObject({
      status: 0x21,
      statusMeaning: 'SME busy; the SC is still trying',
      delivered: false,
      final: false,
      outcome: 'pending',
    });
  });

  it('reads 0x46 "validity period expired" as failed and final', () => {
    expect(decodeStatusReportPdu(reportWithStatus('46'))).toMatchObject({
      status: 0x46,
      statusMeaning: 'SM validity period expired',
      delivered: false,
      final: true,
      outcome: 'failed',
    });
  });

  it('reads 0x62 "no response, SC stopped trying" as failed and final', () => {
    expect(decodeStatusReportPdu(reportWithStatus('62'))).toMatchObject({ outcome: 'failed', final: true, delivered: false });
  });

  it('ignores the optional TP-PI and what follows it', () => {
    expect(decodeStatusReportPdu(reportWithStatus('00') + '0700000100')).toMatchObject({ delivered: true });
  });

  it('classifies every value into exactly one outcome by its range', () => {
    for (let status = 0; status <= 0xff; status++) {
      const c = classifyStatus(status);
      const expected = status <= 0x1f ? 'delivered' : status <= 0x3f ? 'pending' : 'failed';
      expect(c.outcome, `status 0x${status.toString(16)}`).toBe(expected);
      expect(c.final).toBe(expected !== 'pending');
      expect(c.meaning.length).toBeGreaterThan(0);
    }
  });
});
