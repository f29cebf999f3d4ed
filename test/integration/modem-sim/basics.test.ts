import { describe, expect, it } from 'vitest';
import { startModem } from './fixture.ts';

describe('modem simulator: command basics', () => {
  it('answers AT with OK, echoing the command line until ATE0', async () => {
    const { modem } = await startModem();
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
    expect(await modem.command('ATE0')).toEqual(['ATE0', 'OK']);
    expect(await modem.command('AT')).toEqual(['OK']);
    expect(await modem.command('ATE1')).toEqual(['OK']);
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
  });

  it('frames responses as <CR><LF>text<CR><LF> and echoes the CR as typed', async () => {
    const { modem } = await startModem();
    modem.write('AT+CSQ\r');
    await modem.response();
    expect(modem.received).toBe('AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n');
  });

  it('answers ERROR to a command it does not know, and stops the line there', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.command('AT+NOSUCH')).toEqual(['ERROR']);
    expect(await modem.command('AT+CGMI;+NOSUCH;+CGMM')).toEqual(['UJUMBE', 'ERROR']);
  });

  it('runs several commands on one line with one final OK', async () => {
    const { modem } = await startModem();
    expect(await modem.command('ATE0V1')).toEqual(['ATE0V1', 'OK']);
    expect(await modem.command('AT+CMGF=0;+CNMI=2,1,0,1,0;+CNMI?')).toEqual(['+CNMI: 2,1,0,1,0', 'OK']);
  });

  it('ignores a line without the AT prefix, and characters before it', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    modem.write('\r\n\r');
    expect(await modem.command('\nAT')).toEqual(['OK']);
  });

  it('records every command line it receives, for asserting init sequences', async () => {
    const { sim, modem } = await startModem();
    for (const line of ['ATZ', 'ATE0', 'AT+CMEE=1', 'AT+CPIN?', 'AT+CMGF=0']) await modem.command(line);
    expect(sim.commands).toEqual(['ATZ', 'ATE0', 'AT+CMEE=1', 'AT+CPIN?', 'AT+CMGF=0']);
  });

  it('reports errors as ERROR, numeric or verbose according to AT+CMEE', async () => {
    const { modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CIMI')).toEqual(['ERROR']);
    expect(await modem.command('AT+CMEE=1')).toEqual(['OK']);
    expect(await modem.command('AT+CIMI')).toEqual(['+CME ERROR: 11']);
    expect(await modem.command('AT+CMEE=2')).toEqual(['OK']);
    expect(await modem.command('AT+CIMI')).toEqual(['+CME ERROR: SIM PIN required']);
    expect(await modem.command('AT+CMEE?')).toEqual(['+CMEE: 2', 'OK']);
  });

  it('keeps +CMS ERROR numeric under AT+CMEE=0 (27.005 does not tie it to +CMEE)', async () => {
    const { modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CPMS?')).toEqual(['+CMS ERROR: 311']);
    await modem.command('AT+CMEE=2');
    expect(await modem.command('AT+CPMS?')).toEqual(['+CMS ERROR: SIM PIN required']);
  });

  it('restores defaults on ATZ: echo back on, numeric errors off', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    await modem.command('AT+CMEE=2');
    expect(await modem.command('ATZ')).toEqual(['OK']);
    expect(await modem.command('AT+CMEE?')).toEqual(['AT+CMEE?', '+CMEE: 0', 'OK']);
  });

  it('tells who it is: manufacturer, model, revision, IMEI, IMSI', async () => {
    const { modem } = await startModem({ imei: '490154203237518', imsi: '639027000000001' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CGMI')).toEqual(['UJUMBE', 'OK']);
    expect(await modem.command('AT+CGMM')).toEqual(['MODEM-SIM', 'OK']);
    expect(await modem.command('AT+CGMR')).toEqual(['1.0', 'OK']);
    expect(await modem.command('AT+CGSN')).toEqual(['490154203237518', 'OK']);
    expect(await modem.command('AT+CIMI')).toEqual(['639027000000001', 'OK']);
    expect(await modem.command('ATI')).toEqual(['UJUMBE', 'MODEM-SIM', 'Revision: 1.0', 'OK']);
  });

  it('answers the SMS set-up commands of an init sequence', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.command('AT+CMGF?')).toEqual(['+CMGF: 0', 'OK']);
    expect(await modem.command('AT+CMGF=1')).toEqual(['OK']);
    expect(await modem.command('AT+CMGF?')).toEqual(['+CMGF: 1', 'OK']);
    expect(await modem.command('AT+CPMS="SM","SM","SM"')).toEqual(['+CPMS: 0,30,0,30,0,30', 'OK']);
    expect(await modem.command('AT+CPMS="ME"')).toEqual(['+CPMS: 0,100,0,30,0,30', 'OK']);
    expect(await modem.command('AT+CPMS?')).toEqual(['+CPMS: "ME",0,100,"SM",0,30,"SM",0,30', 'OK']);
    expect(await modem.command('AT+CPMS="XX"')).toEqual(['+CMS ERROR: 303']);
    expect(await modem.command('AT+CSCA?')).toEqual(['+CSCA: "+254722500029",145', 'OK']);
    expect(await modem.command('AT+CSCA="+254700000001",145')).toEqual(['OK']);
    expect(await modem.command('AT+CSCA?')).toEqual(['+CSCA: "+254700000001",145', 'OK']);
    expect(await modem.command('AT+CMMS=1')).toEqual(['OK']);
    expect(await modem.command('AT+CMMS?')).toEqual(['+CMMS: 1', 'OK']);
    expect(await modem.command('AT+CSMP=49,167,0,0')).toEqual(['OK']);
    expect(await modem.command('AT+CSMP?')).toEqual(['+CSMP: 49,167,0,0', 'OK']);
    expect(await modem.command('AT+CSMS=0')).toEqual(['+CSMS: 1,1,1', 'OK']);
  });
});

describe('modem simulator: network', () => {
  it('reports signal, registration and operator', async () => {
    const { modem } = await startModem({ signalCsq: 17, operator: 'Airtel KE' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CSQ')).toEqual(['+CSQ: 17,99', 'OK']);
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 0,1', 'OK']);
    expect(await modem.command('AT+COPS?')).toEqual(['+COPS: 0,0,"Airtel KE",2', 'OK']);
  });

  it('adds location area and cell with AT+CREG=2', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    await modem.command('AT+CREG=2');
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 2,1,"00C3","1A2B3C"', 'OK']);
  });

  it('reports no operator while not registered', async () => {
    const { modem } = await startModem({ registration: 2 });
    await modem.command('ATE0');
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 0,2', 'OK']);
    expect(await modem.command('AT+COPS?')).toEqual(['+COPS: 0', 'OK']);
  });

  it('sends +CREG: <stat> when registration changes, once AT+CREG=1 asked for it', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    sim.setRegistration(3);
    await modem.command('AT+CREG=1');
    sim.setRegistration(0);
    expect(await modem.until(/\+CREG: 0\r\n/)).toBe('\r\n+CREG: 0\r\n');
    sim.setRegistration(5);
    expect(await modem.until(/\+CREG: 5\r\n/)).toBe('\r\n+CREG: 5\r\n');
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 1,5', 'OK']);
  });

  it('reports a new signal strength in +CSQ', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    sim.setSignal(5);
    expect(await modem.command('AT+CSQ')).toEqual(['+CSQ: 5,99', 'OK']);
  });

  it('passes any unsolicited line to the app', async () => {
    const { sim, modem } = await startModem();
    sim.emitUnsolicited('+CUSD: 0,"Balance KES 10",15');
    expect(await modem.until(/\+CUSD[^\r]*\r\n/)).toBe('\r\n+CUSD: 0,"Balance KES 10",15\r\n');
  });
});
