import { describe, expect, it } from 'vitest';
import { parseFinalResult } from '../../../electron/backend/gateways/modem/final-results.ts';
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
