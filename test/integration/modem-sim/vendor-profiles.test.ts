import { describe, expect, it } from 'vitest';
import { PROFILES, PROFILE_NAMES } from '../../../electron/modem-sim/index.ts';
import { startModem } from './fixture.ts';

describe('modem simulator: vendor profiles', () => {
  it.each(PROFILE_NAMES)('%s introduces itself with its vendor strings', async (name) => {
    const { modem } = await startModem({ profile: name, noise: false });
    const profile = PROFILES[name];
    await modem.command('ATE0');
    expect(await modem.command('AT+CGMI')).toEqual([profile.manufacturer, 'OK']);
    expect(await modem.command('AT+CGMM')).toEqual([profile.model, 'OK']);
    expect(await modem.command('AT+CGMR')).toEqual([profile.revision, 'OK']);
  });

  it('accepts a vendor command only on that vendor\'s modem', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.command('AT^CURC=0')).toEqual(['ERROR']);
    expect(await modem.command('AT+QURCCFG="urcport","usbat"')).toEqual(['ERROR']);
  });
});

describe('modem simulator: Huawei noise', () => {
  it('puts a ^RSSI line between a command\'s information text and its OK', async () => {
    const { modem } = await startModem({ profile: 'huawei', noise: { everyMs: 0, midResponseEvery: 1 } });
    await modem.command('ATE0');
    expect(await modem.command('AT+CSQ')).toEqual(['+CSQ: 20,99', '^RSSI:20', 'OK']);
    expect(await modem.command('AT+CGMM')).toEqual(['E3131', '^BOOT:20952423,0,0,0,72', 'OK']);
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 0,1', '^MODE:5,4', 'OK']);
  });

  it('stops its noise after AT^CURC=0', async () => {
    const { modem } = await startModem({ profile: 'huawei', noise: { everyMs: 0, midResponseEvery: 1 } });
    await modem.command('ATE0');
    expect(await modem.command('AT^CURC=0')).toEqual(['OK']);
    expect(await modem.command('AT+CSQ')).toEqual(['+CSQ: 20,99', 'OK']);
    expect(await modem.command('AT^CURC?')).toEqual(['^CURC: 0', 'OK']);
  });

  it('sends ^RSSI, ^BOOT and ^MODE periodically while idle', async () => {
    const { modem } = await startModem({ profile: 'huawei', noise: { everyMs: 20 } });
    expect(await modem.until(/\^MODE:5,4\r\n/)).toBe('\r\n^RSSI:20\r\n\r\n^BOOT:20952423,0,0,0,72\r\n\r\n^MODE:5,4\r\n');
  });

  it('reports a signal change as ^RSSI', async () => {
    const { sim, modem } = await startModem({ profile: 'huawei', noise: { everyMs: 0 } });
    sim.setSignal(9);
    expect(await modem.until(/\^RSSI:9\r\n/)).toBe('\r\n^RSSI:9\r\n');
  });
});

describe('modem simulator: power-on banners', () => {
  it('SIM800 announces RDY, +CFUN, +CPIN, Call Ready and SMS Ready when it resets', async () => {
    const { sim, modem } = await startModem({ profile: 'sim800' });
    sim.reboot();
    expect(await modem.until(/SMS Ready\r\n/)).toBe(
      '\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n',
    );
  });

  it('SIM800 with a PIN stops at +CPIN: SIM PIN, and is ready once the PIN is given', async () => {
    const { sim, modem } = await startModem({ profile: 'sim800', pin: '1234' });
    sim.reboot();
    expect(await modem.until(/\+CPIN: SIM PIN\r\n/)).toBe('\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: SIM PIN\r\n');
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['AT+CPIN="1234"', 'OK']);
    expect(await modem.until(/SMS Ready\r\n/)).toBe('\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n');
  });

  it('resets on AT+CFUN=1,1: OK, then the banner, with echo back on', async () => {
    const { modem } = await startModem({ profile: 'sim800' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CFUN=1,1')).toEqual(['OK']);
    await modem.until(/SMS Ready\r\n/);
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
  });

  it('Quectel EC25 reports +QIND when SMS is ready, and numeric errors by default', async () => {
    const { sim, modem } = await startModem({ profile: 'quectel' });
    sim.reboot();
    expect(await modem.until(/PB DONE\r\n/)).toBe(
      '\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n\r\n+QIND: PB DONE\r\n',
    );
    await modem.command('ATE0');
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['+CME ERROR: 3']);
    expect(await modem.command('AT+QURCCFG="urcport"')).toEqual(['+QURCCFG: "urcport","usbat"', 'OK']);
  });

  it('Wavecom reports its +WIND indications', async () => {
    const { sim, modem } = await startModem({ profile: 'wavecom' });
    sim.reboot();
    expect(await modem.until(/\+WIND: 4\r\n/)).toBe('\r\n+WIND: 1\r\n\r\n+WIND: 3\r\n\r\n+WIND: 4\r\n');
  });
});
