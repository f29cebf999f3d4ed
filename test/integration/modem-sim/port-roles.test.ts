// One USB modem, several ttys (a Huawei E3131 shows three, two answering AT), and ttys that are
// no modem at all: the simulator's port roles, for the port detection tests.
import { describe, expect, it, onTestFinished } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { openClient, startModem } from './fixture.ts';

const IMEI = '861234567890123';

describe('modem simulator: a diagnostic port of the same modem (diagnosticPort)', () => {
  it('answers AT and identity with the same IMEI, and ERROR to the SMS set-up commands', async () => {
    const { sim, modem } = await startModem({ profile: 'huawei', imei: IMEI, diagnosticPort: true, noise: false });
    expect(sim.diagnosticPath).not.toBeNull();
    expect(sim.diagnosticPath).not.toBe(sim.path);
    const diag = await openClient(sim.diagnosticPath!);
    await diag.command('ATE0');
    expect(await diag.command('AT')).toEqual(['OK']);
    expect(await diag.command('AT+CGMI')).toEqual(['huawei', 'OK']);
    expect(await diag.command('AT+CGMM')).toEqual(['E3131', 'OK']);
    expect(await diag.command('AT+CGSN')).toEqual([IMEI, 'OK']);
    expect(await diag.command('AT+CIMI')).toEqual(['639021234567890', 'OK']);
    for (const command of ['AT+CNMI=2,1,0,1,0', 'AT+CNMI=?', 'AT+CMGF=0', 'AT+CMGF=?', 'AT+CMGF=1', 'AT+CPMS="SM"', 'AT+CMGS=23']) {
      expect(await diag.command(command)).toEqual(['ERROR']);
    }
    // The modem's own port takes them.
    await modem.command('ATE0');
    expect(await modem.command('AT+CGSN')).toEqual([IMEI, 'OK']);
    expect(await modem.command('AT+CNMI=?')).toEqual(['+CNMI: (0-3),(0-3),(0,2),(0-2),(0,1)', 'OK']);
    expect(await modem.command('AT+CMGF=0')).toEqual(['OK']);
    expect(sim.diagnostic?.commands).toContain('AT+CNMI=?');
  });

  it('shares the SIM: a PIN entered on the modem port unlocks the diagnostic one too', async () => {
    const { sim, modem } = await startModem({ pin: '1234', diagnosticPort: true });
    const diag = await openClient(sim.diagnosticPath!);
    await diag.command('ATE0;+CMEE=1');
    expect(await diag.command('AT+CIMI')).toEqual(['+CME ERROR: 11']);
    await modem.command('ATE0');
    expect(await modem.command('AT+CPIN="1234"')).toEqual(['OK']);
    expect(await diag.command('AT+CIMI')).toEqual(['639021234567890', 'OK']);
  });

  it('sends no unsolicited codes on the diagnostic port', async () => {
    const { sim, modem } = await startModem({ profile: 'huawei', diagnosticPort: true, noise: { everyMs: 10 } });
    const diag = await openClient(sim.diagnosticPath!);
    await modem.command('AT+CNMI=2,1,0,1,0');
    sim.deliverSms({ from: '+254712345678', text: 'Habari' });
    await modem.until(/\+CMTI: "SM",1\r\n/);
    await modem.until(/\^RSSI/);
    expect(await diag.command('AT')).toEqual(['AT', 'OK']);
    expect(diag.received).toBe('AT\r\r\nOK\r\n');
  });

  it('goes away and comes back with its modem', async () => {
    const { sim } = await startModem({ diagnosticPort: true });
    const diag = await openClient(sim.diagnosticPath!);
    await sim.unplug();
    expect(sim.diagnostic?.plugged).toBe(false);
    expect((await diag.disconnection()).disconnected).toBe(true);
    await sim.replug();
    expect(sim.diagnostic?.plugged).toBe(true);
    const again = await openClient(sim.diagnosticPath!);
    expect(await again.command('AT')).toEqual(['AT', 'OK']);
  });

  it('is also a role of its own: a second simulator started with the same IMEI', async () => {
    const { modem } = await startModem({ imei: IMEI, portRole: 'diagnostic' });
    await modem.command('ATE0');
    expect(await modem.command('AT+CGSN')).toEqual([IMEI, 'OK']);
    expect(await modem.command('AT+CMGF=?')).toEqual(['ERROR']);
  });
});

describe('modem simulator: a tty that is not a modem (portRole: not-a-modem)', () => {
  it('answers every line with bytes that are no AT answer', async () => {
    const { sim, modem } = await startModem({ portRole: 'not-a-modem' });
    modem.write('AT\r');
    await modem.until(/\r\n[\x80-\xff]+$/);
    modem.write('AT+CGMI\r');
    await modem.until(/\r\n[\x80-\xff]{12}$/);
    expect(modem.received).not.toMatch(/OK|ERROR|> /);
    expect(modem.received.replace(/\r\n/g, '')).toMatch(/^[\x80-\xff]+$/);
    expect(sim.commands).toEqual(['AT', 'AT+CGMI']);
  });

  it('stops with stop(), like any simulator', async () => {
    const sim = await ModemSimulator.start({ portRole: 'not-a-modem' });
    onTestFinished(() => sim.stop());
    expect(sim.portRole).toBe('not-a-modem');
    await sim.stop();
    expect(sim.plugged).toBe(false);
  });
});
