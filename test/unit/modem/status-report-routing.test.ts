import { describe, expect, it } from 'vitest';
import { PROFILES, PROFILE_IDS } from '../../../electron/backend/gateways/modem/profiles.ts';
import { cnmiCandidates, parseCnmiTest, prefersStoredReports, reportRouting } from '../../../electron/backend/gateways/modem/status-report-routing.ts';
import { classifyStored, parseCpmsTest, separateReportStorage } from '../../../electron/backend/gateways/modem/stored-reports.ts';
import { buildDeliverPdus, buildStatusReportPdu } from '../../../electron/modem-sim/sms-pdus.ts';
import { encodeSubmit } from '../../../src-shared/sms/index.ts';

describe('AT+CNMI choice (status-report-routing.ts)', () => {
  it('reads ranges and lists of the test answer', () => {
    expect(parseCnmiTest(['+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)'])).toEqual([[0, 1, 2, 3], [0, 1, 2, 3], [0, 2], [0, 1, 2], [0, 1]]);
    expect(parseCnmiTest(['+CNMI: (0,1,2),(0,1,2,3),(0,2),(0, 1, 2),(0,1)'])?.[3]).toEqual([0, 1, 2]);
    expect(parseCnmiTest(['+CNMI: (0-2), (0-3), (0,2), (0,1), (0,1)'])?.[3]).toEqual([0, 1]);
    expect(parseCnmiTest(['OK'])).toBeNull();
    expect(parseCnmiTest(['+CNMI: 2,1,0,1,0'])).toBeNull();
  });

  it('prefers stored reports when AT+CNMI=? lists <ds> 2 and the profile allows it', () => {
    const listed = ['+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)'];
    const old = ['+CNMI: (0-3),(0-3),(0,2),(0,1),(0,1)'];
    expect(prefersStoredReports(PROFILES.generic, listed)).toBe(true);
    expect(prefersStoredReports(PROFILES.quectel, listed)).toBe(true);
    expect(prefersStoredReports(PROFILES.generic, old)).toBe(false);
    expect(prefersStoredReports(PROFILES.generic, null)).toBe(false);
    // A Huawei lists <ds> 2 but cannot give the report back (MU509 AT spec §6.6).
    expect(prefersStoredReports(PROFILES.huawei, listed)).toBe(false);
    expect(cnmiCandidates(PROFILES.generic, listed)).toEqual(['2,1,0,2,0', '1,1,0,2,0', '2,1,0,1,0', '1,1,0,1,0', '1,1,0,0,0']);
    expect(cnmiCandidates(PROFILES.huawei, listed)).toEqual([...PROFILES.huawei.cnmi]);
    expect(cnmiCandidates(PROFILES.generic, old)[0]).toBe('2,1,0,1,0');
  });

  it('has a row with a note for every profile', () => {
    for (const id of PROFILE_IDS) expect(PROFILES[id].storedReports.note.length).toBeGreaterThan(10);
  });

  it('names the routing of an accepted setting', () => {
    expect(reportRouting('2,1,0,2,0')).toBe('stored');
    expect(reportRouting('2,1,0,1,0')).toBe('direct');
    expect(reportRouting('1,1,0,0,0')).toBe('none');
    expect(reportRouting(null)).toBe('none');
  });
});

describe('listing entries (stored-reports.ts)', () => {
  const report = buildStatusReportPdu({ reference: 7, recipient: '+254712345678' });
  const deliver = buildDeliverPdus({ from: '+254712345678', text: 'Habari' })[0]!;

  it('tells a STATUS-REPORT from a DELIVER by TP-MTI, with or without the SMSC field', () => {
    expect(classifyStored({ stat: 0, pdu: report.hex, length: report.tpduLength })).toBe('status-report');
    expect(classifyStored({ stat: 1, pdu: report.hex.slice(report.hex.length - report.tpduLength * 2), length: report.tpduLength })).toBe('status-report');
    expect(classifyStored({ stat: 0, pdu: deliver.hex, length: deliver.tpduLength })).toBe('deliver');
  });

  it('leaves stored outgoing messages alone whatever their MTI, and says so of garbage', () => {
    const submit = encodeSubmit({ to: '+254712345678', text: 'Habari' })[0]!;
    expect(classifyStored({ stat: 2, pdu: submit.pdu, length: submit.tpduLength })).toBe('outgoing');
    // MTI 10 in an outgoing entry is an SMS-COMMAND, not a report.
    expect(classifyStored({ stat: 3, pdu: report.hex, length: report.tpduLength })).toBe('outgoing');
    expect(classifyStored({ stat: 0, pdu: 'ZZ', length: 1 })).toBe('unreadable');
    expect(classifyStored({ stat: 0, pdu: '', length: 0 })).toBe('unreadable');
  });

  it('finds "SR" among the <mem1> choices of AT+CPMS=?', () => {
    expect(parseCpmsTest(['+CPMS: ("SM","ME","MT","SR"),("SM","ME","MT"),("SM","ME","MT")'])).toEqual(['SM', 'ME', 'MT', 'SR']);
    expect(separateReportStorage(['SM', 'ME', 'SR'], 'SM')).toBe('SR');
    expect(separateReportStorage(['SM', 'ME'], 'SM')).toBeNull();
    expect(separateReportStorage(['SM', 'SR'], 'SR')).toBeNull();
    expect(separateReportStorage(null, 'SM')).toBeNull();
    expect(parseCpmsTest(['OK'])).toBeNull();
  });
});
