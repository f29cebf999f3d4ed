import { describe, expect, it } from 'vitest';
import { INFORMATION_LINE_ENDINGS, endsOnInformationLine, parseFinalResult } from '../../../electron/backend/gateways/modem/final-results.ts';
import { atErrorCodeFromText } from '../../../electron/backend/gateways/modem/at-error-table.ts';

describe('parseFinalResult', () => {
  it('reads OK and ERROR', () => {
    expect(parseFinalResult('OK')).toEqual({ type: 'ok' });
    expect(parseFinalResult('ERROR')).toEqual({ type: 'error', text: 'ERROR' });
  });

  it('reads numeric +CME and +CMS errors', () => {
    expect(parseFinalResult('+CME ERROR: 11')).toEqual({ type: 'cme', code: 11, text: '11' });
    expect(parseFinalResult('+CMS ERROR: 500')).toEqual({ type: 'cms', code: 500, text: '500' });
  });

  it('maps verbose errors (+CMEE=2) to their number through the error table', () => {
    expect(parseFinalResult('+CME ERROR: SIM PIN required', atErrorCodeFromText)).toEqual({ type: 'cme', code: 11, text: 'SIM PIN required' });
    expect(parseFinalResult('+CMS ERROR: SIM not inserted', atErrorCodeFromText)).toMatchObject({ type: 'cms', code: 310 });
    expect(parseFinalResult('+CME ERROR: something odd', atErrorCodeFromText)).toEqual({ type: 'cme', code: null, text: 'something odd' });
  });

  it('knows the vendor spellings of ERROR', () => {
    expect(parseFinalResult('COMMAND NOT SUPPORT')).toMatchObject({ type: 'error' });
    expect(parseFinalResult('MODEM ERROR: 3')).toMatchObject({ type: 'error' });
  });

  it('knows the call progress results', () => {
    expect(parseFinalResult('NO CARRIER')).toMatchObject({ type: 'call' });
    expect(parseFinalResult('BUSY')).toMatchObject({ type: 'call' });
    expect(parseFinalResult('NO ANSWER')).toMatchObject({ type: 'call' });
  });

  it('leaves information lines alone', () => {
    for (const line of ['+CSQ: 18,99', 'OKAY', 'ERRORS', 'huawei', '+CMGS: 4']) expect(parseFinalResult(line)).toBeNull();
  });
});

describe('endsOnInformationLine', () => {
  it('ends the read form AT+CPIN? at its +CPIN: line, whatever the modem (27.007 §8.3: one line)', () => {
    expect(endsOnInformationLine('AT+CPIN?', '+CPIN: READY')).toBe(true);
    expect(endsOnInformationLine('at+cpin?', '+CPIN: SIM PIN')).toBe(true);
  });

  it('leaves the set form, other commands and other lines to their final result', () => {
    expect(endsOnInformationLine('AT+CPIN="1234"', '+CPIN: READY')).toBe(false);
    expect(endsOnInformationLine('AT+CPIN=?', '+CPIN: READY')).toBe(false);
    expect(endsOnInformationLine('AT+CSQ', '+CSQ: 20,99')).toBe(false);
    expect(endsOnInformationLine('AT+CPIN?', 'READY')).toBe(false);
  });

  it('says for every row which device or document it comes from', () => {
    for (const row of INFORMATION_LINE_ENDINGS) expect(row.note.length).toBeGreaterThan(20);
  });
});
