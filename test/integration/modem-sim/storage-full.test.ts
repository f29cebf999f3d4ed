// The simulator's full storage while the app runs: memory-full indications in each form, the
// network holding messages until a slot frees, AT+CIND, a modem that forgot AT+CNMI, and the
// hang on a chosen command (the crash window between an app's commit and its SIM delete).
import { describe, expect, it } from 'vitest';
import { startModem } from './fixture.ts';

const FORMS = [
  ['ciev', /\+CIEV: 8,1\r\n/, /\+CIEV: 8,0\r\n/],
  ['ciev-named', /\+CIEV: "smsfull",1\r\n/, /\+CIEV: "smsfull",0\r\n/],
  ['huawei', /\^SMMEMFULL: "SM"\r\n/, null],
  ['quectel', /\+QIND: "smsfull","SM"\r\n/, null],
] as const;

describe('modem simulator: a storage that fills while the app runs', () => {
  it.each(FORMS)('says "full" as %s, holds what finds no room, and delivers it after AT+CMGD', async (form, full, room) => {
    const { sim, modem } = await startModem({ storageCapacity: 2, memoryFullIndication: form });
    await modem.command('ATE0');
    await modem.command('AT+CNMI=2,1,0,0,0');
    sim.deliverSms({ from: '+254712345678', text: 'moja' });
    sim.deliverSms({ from: '+254712345678', text: 'mbili' });
    await modem.until(full, 'the full indication');
    sim.deliverSms({ from: '+254712345678', text: 'tatu' });
    expect(sim.storage.used).toBe(2);
    // The vendor forms say it again for the one that found no room; +CIEV is a state, said once.
    if (room === null) await modem.until(full, 'the full indication again');
    expect(await modem.command('AT+CMGD=1')).toEqual(['OK']);
    // The network's retry fills the freed slot (and announces it), so the storage is full again.
    await modem.until(/\+CMTI: "SM",1\r\n/, 'the held one');
    expect(sim.storage.used).toBe(2);
    expect(await modem.command('AT+CMGD=2')).toEqual(['OK']);
    if (room !== null) await modem.until(room, 'the room indication');
    expect(sim.storage.used).toBe(1);
  });

  it('lists its indicators with AT+CIND=? (smsfull is the 8th) and their values with AT+CIND?', async () => {
    const { sim, modem } = await startModem({ storageCapacity: 1 });
    await modem.command('ATE0');
    expect(await modem.command('AT+CIND=?')).toEqual([
      '+CIND: ("battchg",(0-5)),("signal",(0-5)),("service",(0-1)),("sounder",(0-1)),("message",(0-1)),("call",(0-1)),("roam",(0-1)),("smsfull",(0-1))',
      'OK',
    ]);
    expect(await modem.command('AT+CIND?')).toEqual(['+CIND: 5,3,1,0,0,0,0,0', 'OK']);
    sim.storeSms({ from: '+254712345678', text: 'moja' });
    expect(await modem.command('AT+CIND?')).toEqual(['+CIND: 5,3,1,0,0,0,0,1', 'OK']);
    expect(await modem.command('AT+CMER=3,0,0,1')).toEqual(['OK']);
  });

  it('stores new SMS without +CMTI once it forgot AT+CNMI', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    await modem.command('AT+CNMI=2,1,0,0,0');
    sim.loseNewMessageIndications();
    sim.deliverSms({ from: '+254712345678', text: 'kimya' });
    expect(sim.storage.used).toBe(1);
    expect(await modem.command('AT+CNMI?')).toEqual(['+CNMI: 0,0,0,0,0', 'OK']);
    expect(modem.received).not.toContain('+CMTI');
  });

  it('hangs on the chosen command, after letting `skip` of them through, without running it', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    sim.storeSms({ from: '+254712345678', text: 'moja' });
    sim.storeSms({ from: '+254712345678', text: 'mbili' });
    sim.hangOn(/^AT\+CMGD/, { skip: 1 });
    expect(await modem.command('AT+CMGD=1')).toEqual(['OK']);
    modem.write('AT+CMGD=2\r');
    await new Promise<void>((resolve) => sim.once('command', () => resolve()));
    expect(sim.commands.at(-1)).toBe('AT+CMGD=2');
    expect(sim.storage.used).toBe(1);
    sim.hang(false);
    modem.clear();
    expect(await modem.command('AT')).toEqual(['OK']);
    expect(sim.storage.used).toBe(1);
  });

  it('announces a raw PDU delivered from the network like any SMS', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    await modem.command('AT+CNMI=2,1,0,0,0');
    sim.deliverRawPdu('0004FF', 2);
    await modem.until(/\+CMTI: "SM",1\r\n/, '+CMTI');
    expect(await modem.command('AT+CMGR=1')).toEqual(['+CMGR: 0,,2', '0004FF', 'OK']);
  });
});
