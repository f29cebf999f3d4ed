import { describe, expect, it } from 'vitest';
import { PROFILES, PROFILE_IDS, detectProfile, isNoise } from '../../../electron/backend/gateways/modem/profiles.ts';

describe('vendor profiles', () => {
  it.each([
    ['huawei', 'E3131', 'huawei'],
    ['HUAWEI', 'E173', 'huawei'],
    ['SIMCOM_Ltd', 'SIMCOM_SIM800', 'sim800'],
    ['Quectel', 'EC25', 'quectel'],
    ['WAVECOM MODEM', 'MULTIBAND  900E  1800', 'wavecom'],
    ['ZTE CORPORATION', 'MF190', 'zte'],
    ['ZTE INCORPORATED', 'K3565-Z', 'zte'],
    [null, 'MF667', 'zte'],
    ['UJUMBE', 'MODEM-SIM', 'generic'],
    [null, null, 'generic'],
    [null, 'SIM800L', 'sim800'],
  ])('detects %s / %s as %s', (manufacturer, model, id) => {
    expect(detectProfile(manufacturer, model)).toBe(id);
  });

  it('has a note, CNMI and CPMS choices for every profile', () => {
    for (const id of PROFILE_IDS) {
      const profile = PROFILES[id];
      expect(profile.note.length).toBeGreaterThan(10);
      expect(profile.cnmi[0]).toBe('2,1,0,1,0');
      expect(profile.cpms.length).toBeGreaterThan(0);
      for (const extra of profile.initCommands) expect(extra.note.length).toBeGreaterThan(10);
    }
  });

  it('silences Huawei chatter with ^CURC=0 and calls ^BOOT noise, but not ^RSSI', () => {
    expect(PROFILES.huawei.initCommands.map((c) => c.command)).toContain('AT^CURC=0');
    expect(isNoise(PROFILES.huawei, '^BOOT')).toBe(true);
    expect(isNoise(PROFILES.huawei, '^RSSI')).toBe(false);
    expect(isNoise(PROFILES.generic, '^BOOT')).toBe(false);
  });

  it('treats the ZTE +Z reports as noise on a ZTE, and never writes its NV settings', () => {
    for (const code of ['+ZPASR', '+ZDONR', '+ZUSIMR', '+ZPSTM', '+ZEND']) expect(isNoise(PROFILES.zte, code)).toBe(true);
    expect(isNoise(PROFILES.generic, '+ZPASR')).toBe(false);
    expect(PROFILES.zte.initCommands.some((c) => /ZCDRUN|ZOPRT/i.test(c.command))).toBe(false);
  });
});
