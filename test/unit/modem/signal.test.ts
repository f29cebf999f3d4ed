import { describe, expect, it } from 'vitest';
import {
  csqToBars,
  csqToDbm,
  isRegistered,
  parseCops,
  parseCpin,
  parseCreg,
  parseCsq,
  registrationWords,
  signalFromCsq,
} from '../../../electron/backend/gateways/modem/signal.ts';

describe('+CSQ', () => {
  it('maps rssi to dBm per 27.007 §8.5', () => {
    expect(csqToDbm(0)).toBe(-113);
    expect(csqToDbm(1)).toBe(-111);
    expect(csqToDbm(2)).toBe(-109);
    expect(csqToDbm(30)).toBe(-53);
    expect(csqToDbm(31)).toBe(-51);
    expect(csqToDbm(99)).toBeNull();
    expect(csqToDbm(-1)).toBeNull();
  });

  it('gives 0 to 5 bars, 0 for unknown', () => {
    expect([0, 1, 2, 9, 10, 14, 15, 19, 20, 24, 25, 31, 99].map(csqToBars)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0]);
  });

  it('parses +CSQ and Huawei ^RSSI lines', () => {
    expect(parseCsq('+CSQ: 18,99')).toBe(18);
    expect(parseCsq('^RSSI:7')).toBe(7);
    expect(parseCsq('+CREG: 1')).toBeNull();
    expect(signalFromCsq(99)).toEqual({ csq: 99, dBm: null, bars: 0 });
  });
});

describe('+CREG', () => {
  it('reads the answer to AT+CREG? (with <n>) and the URC (without)', () => {
    expect(parseCreg('+CREG: 0,1', true)).toMatchObject({ stat: 1, registered: true, words: 'registered (home network)' });
    expect(parseCreg('+CREG: 5', false)).toMatchObject({ stat: 5, registered: true, words: 'registered (roaming)' });
    expect(parseCreg('+CREG: 2,"00C3","0010"', false)).toMatchObject({ stat: 2, registered: false, lac: '00C3', cellId: '0010' });
    expect(parseCreg('+CREG: 2,1,"00C3","0010"', true)).toMatchObject({ stat: 1, lac: '00C3', cellId: '0010' });
  });

  it('words every stat', () => {
    expect(registrationWords(0)).toMatch(/not registered/);
    expect(registrationWords(2)).toMatch(/searching/);
    expect(registrationWords(3)).toMatch(/denied/);
    expect(registrationWords(null)).toBe('unknown');
    expect(isRegistered(3)).toBe(false);
    expect(isRegistered(6)).toBe(true);
  });
});

describe('+COPS and +CPIN', () => {
  it('reads the operator name, null when not registered', () => {
    expect(parseCops('+COPS: 0,0,"Safaricom",2')).toBe('Safaricom');
    expect(parseCops('+COPS: 0,0,"Airtel, KE"')).toBe('Airtel, KE');
    expect(parseCops('+COPS: 0')).toBeNull();
  });

  it('reads the SIM states', () => {
    expect(parseCpin('+CPIN: READY')).toBe('ready');
    expect(parseCpin('+CPIN: SIM PIN')).toBe('pin-required');
    expect(parseCpin('+CPIN: SIM PUK')).toBe('puk-required');
    expect(parseCpin('+CPIN: PH-SIM PIN')).toBe('phone-locked');
    expect(parseCpin('+CPIN: NOT READY')).toBe('not-inserted');
    expect(parseCpin('OK')).toBeNull();
  });
});
