import { describe, expect, it } from 'vitest';
import { maskDigits, maskTraffic } from '../../../electron/backend/gateways/modem/traffic-mask.ts';
import type { TrafficDirection, TrafficEntry } from '../../../electron/backend/gateways/modem/traffic-mask.ts';
import { TrafficLog } from '../../../electron/backend/gateways/modem/traffic-log.ts';

const AT = '2026-11-25T10:00:00.000Z';
const log = (...lines: Array<[TrafficDirection, string]>): TrafficEntry[] => lines.map(([direction, line]) => ({ at: AT, direction, line }));
const masked = (...lines: Array<[TrafficDirection, string]>): string[] => maskTraffic(log(...lines), false).map((e) => e.line);
const revealed = (...lines: Array<[TrafficDirection, string]>): string[] => maskTraffic(log(...lines), true).map((e) => e.line);

const PDU = '0011000C915247214365870000AD0BC8329BFD06DDDF723619';

describe('traffic masking', () => {
  it('keeps the shape of a number: first four and last two digits', () => {
    expect(maskDigits('254712345678')).toBe('2547******78');
    expect(maskDigits('1234567')).toBe('1234*67');
    expect(maskDigits('12345')).toBe('1***5');
    expect(maskDigits('100')).toBe('***');
  });

  it('masks + numbers and runs of 7+ digits anywhere', () => {
    expect(masked(['in', '+CSCA: "+254722500029",145'])).toEqual(['+CSCA: "+2547******29",145']);
    expect(masked(['in', '356938035643809'])).toEqual(['3569*********09']);
    expect(masked(['in', 'Call 0712345678 now'])).toEqual(['Call 0712****78 now']);
    // Short numbers that are not phone numbers stay readable.
    expect(masked(['in', '+CSQ: 20,99'], ['in', '+CMGS: 12'], ['out', 'AT+CMGS=23'])).toEqual(['+CSQ: 20,99', '+CMGS: 12', 'AT+CMGS=23']);
  });

  it('masks quoted numbers in +CMGS, +CLIP and +CMT, however short', () => {
    expect(masked(['out', 'AT+CMGS="+254712345678"'])).toEqual(['AT+CMGS="+2547******78"']);
    expect(masked(['urc', '+CLIP: "0712345678",129,,,"",0'])).toEqual(['+CLIP: "0712****78",129,,,"",0']);
    expect(masked(['urc', '+CMT: "12345",,"26/11/25,10:00:00+12"'], ['urc', 'Hello'])).toEqual(['+CMT: "1***5",,"26/11/25,10:00:00+12"', '<text 5 chars>']);
  });

  it('masks the PDU written after the prompt, with its length in octets', () => {
    expect(masked(['out', 'AT+CMGS=24'], ['in', '> '], ['out', PDU], ['in', '+CMGS: 7'], ['in', 'OK'])).toEqual([
      'AT+CMGS=24',
      '> ',
      `<PDU ${PDU.length / 2} octets>`,
      '+CMGS: 7',
      'OK',
    ]);
  });

  it('expects no body after an AT+CMGS refused before its prompt', () => {
    expect(masked(['out', 'AT+CMGS=24'], ['in', '+CMS ERROR: 330'], ['out', 'AT+CSQ'])).toEqual(['AT+CMGS=24', '+CMS ERROR: 330', 'AT+CSQ']);
  });

  it('masks a text-mode body after the prompt', () => {
    expect(masked(['out', 'AT+CMGS="+254712345678"'], ['in', '> '], ['out', 'Your appointment is tomorrow'])).toEqual(['AT+CMGS="+2547******78"', '> ', '<text 28 chars>']);
  });

  it('masks the PDU line of +CMGR, +CMGL, +CMT and +CDS', () => {
    expect(masked(['out', 'AT+CMGR=1'], ['in', '+CMGR: 0,,24'], ['in', '07915247'], ['in', 'OK'])).toEqual(['AT+CMGR=1', '+CMGR: 0,,24', '<PDU 4 octets>', 'OK']);
    expect(masked(['in', '+CMGL: 1,1,,24'], ['in', PDU], ['in', '+CMGL: 2,1,,24'], ['in', PDU])).toEqual(['+CMGL: 1,1,,24', '<PDU 25 octets>', '+CMGL: 2,1,,24', '<PDU 25 octets>']);
    expect(masked(['urc', '+CMT: ,24'], ['urc', PDU])).toEqual(['+CMT: ,24', '<PDU 25 octets>']);
    expect(masked(['urc', '+CDS: 25'], ['urc', '0006'])).toEqual(['+CDS: 25', '<PDU 2 octets>']);
  });

  it('masks a text-mode message read from the SIM', () => {
    expect(masked(['in', '+CMGR: "REC UNREAD","+254712345678",,"26/11/25,10:00:00+12"'], ['in', 'I will come'])).toEqual([
      '+CMGR: "REC UNREAD","+2547******78",,"26/11/25,10:00:00+12"',
      '<text 11 chars>',
    ]);
  });

  it('masks USSD answers whole and numbers in USSD codes', () => {
    expect(masked(['urc', '+CUSD: 0,"Balance: KSh 50.00",15'])).toEqual(['+CUSD: 0,"<USSD 18 chars>",15']);
    expect(masked(['out', 'AT+CUSD=1,"*100#",15'])).toEqual(['AT+CUSD=1,"*100#",15']);
    expect(masked(['out', 'AT+CUSD=1,"*140*0712345678#",15'])).toEqual(['AT+CUSD=1,"*140*0712****78#",15']);
  });

  it('masks the PIN always, revealed or not', () => {
    for (const show of [masked, revealed]) {
      expect(show(['out', 'AT+CPIN="1234"'])).toEqual(['AT+CPIN="****"']);
      expect(show(['out', 'AT+CPIN="12345678","4321"'])).toEqual(['AT+CPIN="****"']);
      expect(show(['out', 'AT+CPWD="SC","1234","5678"'])).toEqual(['AT+CPWD="SC","****","****"']);
      expect(show(['out', 'AT+CLCK="SC",0,"1234"'])).toEqual(['AT+CLCK="SC",0,"****"']);
    }
    expect(revealed(['out', 'AT+CPIN?'], ['in', '+CPIN: READY'])).toEqual(['AT+CPIN?', '+CPIN: READY']);
  });

  it('shows everything else as it was when revealed', () => {
    const lines: Array<[TrafficDirection, string]> = [['out', 'AT+CMGS=24'], ['in', '> '], ['out', PDU], ['urc', '+CLIP: "0712345678",129']];
    expect(revealed(...lines)).toEqual(lines.map(([, line]) => line));
  });

  it('keeps time and direction', () => {
    expect(maskTraffic(log(['urc', 'RING']), false)).toEqual([{ at: AT, direction: 'urc', line: 'RING' }]);
  });
});

describe('TrafficLog ring buffer', () => {
  it('keeps only the last `capacity` lines, oldest first', () => {
    let now = 0;
    const ring = new TrafficLog(3, { now: () => now });
    for (let i = 1; i <= 5; i++) {
      now = i * 1000;
      ring.record('in', `line ${i}`);
    }
    expect(ring.raw().map((e) => e.line)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(ring.raw()[0]?.at).toBe('1970-01-01T00:00:03.000Z');
  });

  it('holds 500 lines by default', () => {
    const ring = new TrafficLog();
    for (let i = 0; i < 1_234; i++) ring.record('out', `AT+X${i}`);
    const lines = ring.raw();
    expect(lines).toHaveLength(500);
    expect(lines[0]?.line).toBe('AT+X734');
    expect(lines.at(-1)?.line).toBe('AT+X1233');
  });

  it('never holds the PIN', () => {
    const ring = new TrafficLog(10);
    ring.record('out', 'AT+CPIN="1234"');
    expect(ring.raw()[0]?.line).toBe('AT+CPIN="****"');
  });

  it('masks on read unless revealed, and can be cleared', () => {
    const ring = new TrafficLog(10);
    ring.record('urc', '+CLIP: "+254712345678",145');
    expect(ring.entries()[0]?.line).toBe('+CLIP: "+2547******78",145');
    expect(ring.entries(true)[0]?.line).toBe('+CLIP: "+254712345678",145');
    ring.clear();
    expect(ring.raw()).toEqual([]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new TrafficLog(0)).toThrow(RangeError);
  });
});
