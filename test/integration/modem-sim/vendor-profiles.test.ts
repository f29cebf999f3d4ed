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

  it('ZTE reports +ZUSIMR and its network mode when it resets', async () => {
    const { sim, modem } = await startModem({ profile: 'zte', noise: { everyMs: 0 } });
    sim.reboot();
    expect(await modem.until(/\+ZPASR: "UMTS"\r\n/)).toBe(
      '\r\n+ZUSIMR:2\r\n\r\n+ZPASR: "No Service"\r\n\r\n+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"\r\n\r\n+ZPASR: "UMTS"\r\n',
    );
  });
});

describe('modem simulator: Wavecom AT+CPIN? without a final OK', () => {
  it('answers AT+CPIN? with +CPIN: READY and nothing after it, as the recorded Wavecom modems do', async () => {
    const { modem } = await startModem({ profile: 'wavecom' });
    await modem.command('ATE0');
    modem.write('AT+CPIN?\r');
    expect(await modem.until(/\+CPIN: READY\r\n/)).toBe('\r\n+CPIN: READY\r\n');
    // The next answer is the next command's: no OK was pending in between.
    expect(await modem.command('AT+CGMI')).toEqual(['WAVECOM MODEM', 'OK']);
    expect(modem.received).not.toMatch(/READY\r\n\r\nOK/);
  });

  it('says SIM PIN the same way while the SIM is locked', async () => {
    const { modem } = await startModem({ profile: 'wavecom', pin: '1234' });
    await modem.command('ATE0');
    modem.write('AT+CPIN?\r');
    expect(await modem.until(/\+CPIN: SIM PIN\r\n/)).toBe('\r\n+CPIN: SIM PIN\r\n');
    expect(await modem.command('AT')).toEqual(['OK']);
  });

  it('sends the OK with the cpinFinalOk option, and on every other profile', async () => {
    const withOk = await startModem({ profile: 'wavecom', cpinFinalOk: true });
    await withOk.modem.command('ATE0');
    expect(await withOk.modem.command('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK']);
    const generic = await startModem({ profile: 'generic' });
    await generic.modem.command('ATE0');
    expect(await generic.modem.command('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK']);
  });
});

describe('modem simulator: ZTE noise', () => {
  it('sends +ZPASR, +ZDONR and the +ZUSIMR nag while idle', async () => {
    const { modem } = await startModem({ profile: 'zte', noise: { everyMs: 20 } });
    expect(await modem.until(/\+ZUSIMR:2\r\n/)).toBe('\r\n+ZPASR: "UMTS"\r\n\r\n+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"\r\n\r\n+ZUSIMR:2\r\n');
  });

  it('stops the +ZUSIMR nag once the SMS storage was asked for (AT+CPMS), but not the rest', async () => {
    const { modem } = await startModem({ profile: 'zte', noise: { everyMs: 0, midResponseEvery: 1 } });
    await modem.command('ATE0');
    expect(await modem.command('AT+CSQ')).toEqual(['+CSQ: 20,99', '+ZPASR: "UMTS"', 'OK']);
    expect(await modem.command('AT+CGMM')).toEqual(['MF190', '+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"', 'OK']);
    expect(await modem.command('AT+CGMR')).toEqual(['BD_MF190V1.0.0B05', '+ZUSIMR:2', 'OK']);
    await modem.command('AT+CPMS?');
    const after = [];
    for (let i = 0; i < 6; i++) after.push((await modem.command('AT+CSQ'))[1]);
    expect(after.filter((line) => line === '+ZUSIMR:2')).toEqual([]);
    expect(new Set(after)).toEqual(new Set(['+ZPASR: "UMTS"', '+ZDONR: "Safaricom",639,2,"CS_PS","ROAM_OFF"']));
  });

  it('answers its vendor queries', async () => {
    const { modem } = await startModem({ profile: 'zte', noise: false });
    await modem.command('ATE0');
    expect(await modem.command('AT+ZPAS?')).toEqual(['+ZPAS: "UMTS","CS_PS"', 'OK']);
    expect(await modem.command('AT+ZCDRUN=8')).toEqual(['OK']);
  });
});
