import { describe, expect, it } from 'vitest';
import { modemName } from '../../../src-shared/modem-names.ts';

describe('modemName', () => {
  it.each([
    ['huawei', 'E3131', 'Huawei E3131'],
    ['SIMCOM_Ltd', 'SIMCOM_SIM800', 'SIMCom SIM800'],
    ['ZTE CORPORATION', 'MF190', 'ZTE MF190'],
    ['WAVECOM MODEM', 'MULTIBAND  900E  1800', 'Wavecom MULTIBAND 900E 1800'],
    ['Quectel', 'EC25', 'Quectel EC25'],
    ['acme', null, 'Acme'],
    [null, 'X1', 'X1'],
    [null, null, null],
  ])('%s %s -> %s', (maker, model, name) => {
    expect(modemName(maker, model)).toBe(name);
  });
});
