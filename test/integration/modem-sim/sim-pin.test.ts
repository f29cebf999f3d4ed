import { describe, expect, it } from 'vitest';
import { HELLO_PDU, startModem } from './fixture.ts';

describe('modem simulator: SIM PIN', () => {
  it('is READY when the SIM has no PIN, and refuses a PIN it did not ask for', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0;+CMEE=1');
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK']);
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['+CME ERROR: 3']);
  });

  it('asks for the PIN, refuses SIM work until it is given, then is READY', async () => {
    const { sim, modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0;+CMEE=1');
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: SIM PIN', 'OK']);
    expect(await modem.command('AT+CIMI')).toEqual(['+CME ERROR: 11']);
    expect(await modem.command(`AT+CMGS=${HELLO_PDU.length}`)).toEqual(['+CMS ERROR: 311']);
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 0,0', 'OK']);
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['OK']);
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK']);
    expect(await modem.command('AT+CREG?')).toEqual(['+CREG: 0,1', 'OK']);
    expect(sim.simState).toBe('READY');
  });

  it('answers a wrong PIN with +CME ERROR: 16 (incorrect password)', async () => {
    const { modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0;+CMEE=1');
    expect(await modem.command('AT+CPIN="0000"')).toEqual(['+CME ERROR: 16']);
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: SIM PIN', 'OK']);
    await modem.command('AT+CMEE=2');
    expect(await modem.command('AT+CPIN=0000')).toEqual(['+CME ERROR: incorrect password']);
  });

  it('blocks the SIM after three wrong PINs until the PUK and a new PIN are given', async () => {
    const { modem } = await startModem({ pin: '1234', puk: '87654321' });
    await modem.command('ATE0;+CMEE=1');
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await modem.command('AT+CPIN="9999"')).toEqual(['+CME ERROR: 16']);
    }
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: SIM PUK', 'OK']);
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['+CME ERROR: 12']);
    expect(await modem.command('AT+CIMI')).toEqual(['+CME ERROR: 12']);
    expect(await modem.command('AT+CPIN="11111111","4321"')).toEqual(['+CME ERROR: 16']);
    expect(await modem.command('AT+CPIN="87654321","4321"')).toEqual(['OK']);
    expect(await modem.command('AT+CPIN?')).toEqual(['+CPIN: READY', 'OK']);
  });

  it('sends +CREG: 1 once the PIN lets it register, if AT+CREG=1 asked for it', async () => {
    const { modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0;+CREG=1');
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['OK']);
    expect(await modem.until(/\+CREG: 1\r\n/)).toBe('\r\n+CREG: 1\r\n');
  });
});
