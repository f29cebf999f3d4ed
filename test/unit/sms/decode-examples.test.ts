import { describe, expect, it } from 'vitest';
import { decodeDeliverPdu, decodePdu, decodeStatusReportPdu, decodeSubmitPdu, encodeAlphanumericAddress, bytesToHex } from '../../../src-shared/sms/index.ts';

describe('published SMS-DELIVER examples', () => {
  it('decodes the classic "hellohello" DELIVER', () => {
    // Source: dreamfabric.com/sms (Lars Pettersson, "SMS messages and the PDU format"), also on
    // subnets.ru/saved/sms_pdu_format.html: SMSC +27381000015, sender 27838890001 (TOA C8),
    // time stamp 99 30 92 51 61 95 80, 10 septets "hellohello".
    const pdu = decodeDeliverPdu('07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37');
    expect(pdu).toMatchObject({
      type: 'deliver',
      smsc: '+27381000015',
      sender: '27838890001',
      // TOA 0xC8: type of number 100 (subscriber), which we report as 'unknown'.
      senderType: 'unknown',
      text: 'hellohello',
      encoding: 'gsm7',
      // Semi-octets swapped: 99-03-29 15:16:59, zone "08" quarters = +2 h.
      timestamp: '1999-03-29T15:16:59+02:00',
      concat: null,
      dcsClass: null,
      moreMessagesToSend: false,
    });
  });

  it('decodes the node-pdu README DELIVER "Hello, world!"', () => {
    // Source: node-pdu README (github.com/JulianWowra/node-pdu), "Parse a PDU string".
    const pdu = decodePdu('07919730071111F1000B919746121611F10000811170021222230DC8329BFD6681EE6F399B1C02');
    expect(pdu).toMatchObject({
      type: 'deliver',
      smsc: '+79037011111',
      sender: '+79642161111',
      senderType: 'international',
      text: 'Hello, world!',
      // Zone octet 0x23 -> "32" quarters = +8 h.
      timestamp: '2018-11-07T20:21:22+08:00',
      // First octet 0x00: TP-MMS 0 means more messages wait in the SC (§9.2.3.2).
      moreMessagesToSend: true,
    });
  });

  it('decodes an alphanumeric sender with UCS-2 text, part 1 of 3 (8-bit reference)', () => {
    // Source: Stack Overflow question 40373979 "decode sender id" (+CMGL output from an
    // Etisalat SIM; the phone showed the sender as "etisalat", time 16/10/29,10:36:09+00).
    const pdu = decodeDeliverPdu(
      '0791021197003899440ED0657A7A1E6687E93408610192016390004205000365030106440642062F002006270633062A064706440643062A0020064306440020062706440648062D062F0627062A0020062706440645062C06270646064A',
    );
    expect(pdu).toMatchObject({
      smsc: '+201179008399',
      sender: 'etisalat',
      senderType: 'alphanumeric',
      encoding: 'ucs2',
      timestamp: '2016-10-29T10:36:09+00:00',
      concat: { ref: 0x65, part: 1, total: 3, refBits: 8 },
    });
    expect(pdu.text).toHaveLength(30);
    expect(pdu.text.startsWith('لقد ')).toBe(true);
  });

  it('reads an alphanumeric address as GSM-7 packed, its length in semi-octets (§9.1.2.5)', () => {
    expect(bytesToHex(encodeAlphanumericAddress('etisalat'))).toBe('0ED0657A7A1E6687E934'.slice(0, 18));
  });
});

describe('user data headers', () => {
  // Built by hand for this suite: SMSC "00", first octet 0x44 (TP-UDHI, no more messages),
  // sender +254712345678, PID 00, DCS 00, time stamp 2026-11-25 10:15:00 +03:00.
  const head = '00440C91527421436587000062115201510021';

  it('skips the fill bit after a 6-octet header with an 8-bit reference', () => {
    // UDL 9 septets = 7 for the header (48 bits + 1 fill bit) + "Hi". 'H' (0x48) starts at
    // bit 49, so the 7th octet is 0x48 << 1 = 0x90 (§9.2.3.24).
    const pdu = decodeDeliverPdu(head + '09' + '0500032A0201' + '9069');
    expect(pdu).toMatchObject({
      sender: '+254712345678',
      text: 'Hi',
      timestamp: '2026-11-25T10:15:00+03:00',
      concat: { ref: 0x2a, part: 1, total: 2, refBits: 8 },
    });
  });

  it('reads a 16-bit reference (IEI 0x08, §9.2.3.24.8) with no fill bits after a 7-octet header', () => {
    const pdu = decodeDeliverPdu(head + '0A' + '06080412340201' + 'C834');
    expect(pdu).toMatchObject({ text: 'Hi', concat: { ref: 0x1234, part: 1, total: 2, refBits: 16 } });
  });

  it('steps over other information elements and still finds the concatenation', () => {
    // UDHL 10: IEI 0x0A (text formatting, 3 octets), then IEI 0x00 (ref 7, part 3 of 3).
    // 11 octets = 88 bits -> 13 septets (3 fill bits). 'H' (0x48) at bit 91: octet 11 gets
    // 0x40, octet 12 gets 0x02 | 'i' (0x69) << 2 = 0xA6, octet 13 gets 0x69 >> 6 = 0x01.
    const header = '0A' + '0A03000000' + '0003070303';
    const pdu = decodeDeliverPdu(head + '0F' + header + '40A601');
    expect(pdu).toMatchObject({ text: 'Hi', concat: { ref: 7, part: 3, total: 3, refBits: 8 } });
  });

  it('ignores a concatenation element with part 0 or part above total (§9.2.3.24.1)', () => {
    expect(decodeDeliverPdu(head + '09' + '0500032A0200' + '9069').concat).toBeNull();
    expect(decodeDeliverPdu(head + '09' + '0500032A0203' + '9069').concat).toBeNull();
  });

  it('hands 8-bit data out as bytes', () => {
    // DCS 0x04: 8-bit data, no header (first octet 0x04).
    const pdu = decodeDeliverPdu('00040C9152742143658700046211520151002103CAFE01');
    expect(pdu.encoding).toBe('8bit');
    expect(pdu.text).toBe('');
    expect(Array.from(pdu.data ?? [])).toEqual([0xca, 0xfe, 0x01]);
  });

  it('reads a negative time zone and flash class 0', () => {
    // Zone octet 0x0A: sign bit (0x08) + tens 2, units 0 -> -20 quarters = -05:00. DCS 0x10: class 0.
    const pdu = decodeDeliverPdu('00040C915274214365870010621152015100' + '0A' + '02C834');
    expect(pdu).toMatchObject({ timestamp: '2026-11-25T10:15:00-05:00', dcsClass: 0, text: 'Hi' });
  });
});

describe('published SMS-SUBMIT examples', () => {
  it('decodes the classic "hellohello" SUBMIT', () => {
    // Source: dreamfabric.com/sms (see above): to +46708251358, TP-VP 0xAA = 4 days.
    expect(decodeSubmitPdu('0011000B916407281553F80000AA0AE8329BFD4697D9EC37')).toMatchObject({
      type: 'submit',
      smsc: null,
      recipient: '+46708251358',
      text: 'hellohello',
      encoding: 'gsm7',
      reference: 0,
      statusReportRequested: false,
      validity: { format: 'relative', minutes: 4 * 24 * 60 },
      concat: null,
      flash: false,
    });
  });

  it('decodes a SUBMIT to a short code with a message reference and TP-VP 0xFF', () => {
    // Source: accessvba.blogsky.com "GSM 3.0" walk-through: SMSC +8613800280500, MR 0x51,
    // to 1861 (TOA 81), TP-VP FF = 63 weeks, "Hello,my pretty world!".
    expect(decodePdu('0891683108200805F01151048181160000FF16C8329BFD66B5F320B8BC4CA7E741F7B79C4D0E01')).toMatchObject({
      type: 'submit',
      smsc: '+8613800280500',
      recipient: '1861',
      recipientType: 'unknown',
      reference: 0x51,
      validity: { format: 'relative', minutes: 63 * 7 * 24 * 60 },
      text: 'Hello,my pretty world!',
    });
  });
});

describe('published SMS-STATUS-REPORT example', () => {
  it('decodes a delivered report (+CDS, no SMSC field)', () => {
    // Source: amro.blogspot.com/2007/09/receiving-sms-status-report-message.html:
    // +CDS: 06000B910221815716F2709021510121807090215101718000
    expect(decodeStatusReportPdu('06000B910221815716F2709021510121807090215101718000', { hasSmsc: false })).toEqual({
      type: 'status-report',
      smsc: null,
      reference: 0,
      recipient: '+20121875612',
      recipientType: 'international',
      serviceCentreTimestamp: '2007-09-12T15:10:12+02:00',
      dischargeTime: '2007-09-12T15:10:17+02:00',
      status: 0,
      statusMeaning: 'Short message received by the SME',
      outcome: 'delivered',
      delivered: true,
      final: true,
      aboutCommand: false,
    });
  });
});
