import { describe, expect, it } from 'vitest';
import { UNSOLICITED_CODES, matchUnsolicited, unsolicitedCodeName } from '../../../electron/backend/gateways/modem/unsolicited.ts';

describe('unsolicited table', () => {
  it('has a note for every row and no duplicate prefix', () => {
    for (const row of UNSOLICITED_CODES) expect(row.note.length).toBeGreaterThan(5);
    const prefixes = UNSOLICITED_CODES.map((row) => row.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each([
    ['+CMTI: "SM",3', '+CMTI', 1],
    ['+CMT: ,24', '+CMT', 2],
    ['+CDS: 25', '+CDS', 2],
    ['+CDSI: "SM",4', '+CDSI', 1],
    ['+CBM: 88', '+CBM', 2],
    ['RING', 'RING', 1],
    ['+CLIP: "+254712345678",145', '+CLIP', 1],
    ['+CUSD: 0,"Balance 10",15', '+CUSD', 1],
    ['^RSSI:18', '^RSSI', 1],
    ['^BOOT:20952423,0,0,0,72', '^BOOT', 1],
    ['^MODE:5,4', '^MODE', 1],
    ['^HCSQ:"WCDMA",30,30,58', '^HCSQ', 1],
    ['^SRVST:2', '^SRVST', 1],
    ['^SIMST:1', '^SIMST', 1],
    ['RDY', 'RDY', 1],
    ['Call Ready', 'Call Ready', 1],
    ['SMS Ready', 'SMS Ready', 1],
    ['+CFUN: 1', '+CFUN', 1],
    ['+CPIN: READY', '+CPIN', 1],
    ['+WIND: 4', '+WIND', 1],
    ['+QIND: SMS DONE', '+QIND', 1],
    ['NO CARRIER', 'NO CARRIER', 1],
  ])('%s is the URC %s spanning %i line(s) when nothing is in flight', (line, code, lines) => {
    const row = matchUnsolicited(line, null);
    expect(row).not.toBeNull();
    expect(unsolicitedCodeName(row!)).toBe(code);
    expect(row!.lines).toBe(lines);
  });

  it('does not confuse +CMTI with +CMT, nor +CDSI with +CDS', () => {
    expect(unsolicitedCodeName(matchUnsolicited('+CMTI: "SM",1', null)!)).toBe('+CMTI');
    expect(unsolicitedCodeName(matchUnsolicited('+CDSI: "SM",1', null)!)).toBe('+CDSI');
  });

  it('routes +CREG to the response while AT+CREG? is in flight, and to the URCs otherwise', () => {
    expect(matchUnsolicited('+CREG: 0,1', 'AT+CREG?')).toBeNull();
    expect(matchUnsolicited('+CREG: 1', 'AT+CSQ')?.prefix).toBe('+CREG:');
    expect(matchUnsolicited('+CREG: 1,"00C3","0010"', null)?.prefix).toBe('+CREG:');
  });

  it('routes +CPIN to the response of AT+CPIN? but treats the SIM800 boot +CPIN as a URC', () => {
    expect(matchUnsolicited('+CPIN: SIM PIN', 'AT+CPIN?')).toBeNull();
    expect(matchUnsolicited('+CPIN: READY', 'AT+CMGF=0')?.prefix).toBe('+CPIN:');
  });

  it('never takes an ordinary response line for a URC', () => {
    for (const line of ['+CSQ: 18,99', '+CMGS: 12', 'OK', '+COPS: 0,0,"Safaricom",2', 'huawei', '> ']) {
      expect(matchUnsolicited(line, 'AT')).toBeNull();
    }
  });

  it('knows the ZTE MF-series chatter as noise, +ZEND as a whole word', () => {
    expect(matchUnsolicited('+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"', 'AT+CSQ')).toMatchObject({ prefix: '+ZDONR:', topic: 'noise' });
    expect(matchUnsolicited('+ZPASR: "UMTS"', null)).toMatchObject({ prefix: '+ZPASR:', topic: 'noise' });
    expect(matchUnsolicited('+ZUSIMR:2', 'AT+CPMS?')).toMatchObject({ prefix: '+ZUSIMR:', topic: 'noise' });
    expect(matchUnsolicited('+ZPSTM: 1', null)).toMatchObject({ topic: 'noise' });
    expect(matchUnsolicited('+ZEND', null)).toMatchObject({ prefix: '+ZEND', topic: 'noise' });
    expect(matchUnsolicited('+ZENDX', null)).toBeNull();
  });

  it('matches exact words exactly', () => {
    expect(matchUnsolicited('RINGING', null)).toBeNull();
    expect(matchUnsolicited('RDY2', null)).toBeNull();
  });
});
