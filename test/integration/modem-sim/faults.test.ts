import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { HELLO_PDU, openClient, startModem } from './fixture.ts';

function tempLink(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ujumbe-replug-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'ttyUSB7');
}

describe('modem simulator: a hung modem', () => {
  it('answers nothing while hung, and answers again once revived', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    sim.hang();
    const dropped = once(sim, 'dropped');
    modem.write('AT+CGMI\r');
    await dropped;
    sim.hang(false);
    modem.clear();
    expect(await modem.command('AT+CGMM')).toEqual(['MODEM-SIM', 'OK']);
    // Nothing of the AT+CGMI sent while hung ever came back.
    expect(modem.received).toBe('\r\nMODEM-SIM\r\n\r\nOK\r\n');
    expect(sim.commands).toEqual(['ATE0', 'AT+CGMM']);
  });

  it('does not answer an AT+CMGS whose network wait it hung in', async () => {
    const { sim, modem } = await startModem({ networkDelayMs: 100 });
    await modem.command(`AT+CMGS=${HELLO_PDU.length}`);
    modem.write(`${HELLO_PDU.pdu}\x1a`);
    await modem.until(new RegExp(HELLO_PDU.pdu)); // the echo: the modem has the PDU
    sim.hang();
    await once(sim, 'submit');
    sim.hang(false);
    modem.clear();
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
    expect(modem.received).toBe('AT\r\r\nOK\r\n');
  });
});

describe('modem simulator: unplug and replug', () => {
  it('closes the app port with disconnected: true when unplugged, and removes the link', async () => {
    const { sim, modem } = await startModem();
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
    await sim.unplug();
    expect(await modem.disconnection()).toEqual({ disconnected: true });
    expect(sim.plugged).toBe(false);
    expect(existsSync(sim.path)).toBe(false);
  });

  it('comes back on a new link as the same modem, freshly powered on', async () => {
    const { sim, modem } = await startModem({ pin: '1234' });
    await modem.command('ATE0;+CMEE=2');
    await modem.command('AT+CPIN="1234"');
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMGS: 0', 'OK']);
    await sim.unplug();
    await modem.disconnection();

    const link = tempLink();
    const replugged = once(sim, 'replug');
    await sim.replug({ link });
    expect(await replugged).toEqual([link]);
    expect(sim.path).toBe(link);
    const again = await openClient(link);
    // Echo is back on, the SIM asks for its PIN again, the IMEI and the reference counter carry on.
    expect(await again.command('AT+CGSN')).toEqual(['AT+CGSN', '356938035643809', 'OK']);
    expect(await again.command('AT+CPIN?')).toEqual(['AT+CPIN?', '+CPIN: SIM PIN', 'OK']);
    await again.command('ATE0;+CPIN=1234');
    expect(await again.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMGS: 1', 'OK']);
    expect(sim.received).toHaveLength(2);
  });

  it('replugs on the same link when none is given, unplugging first if needed', async () => {
    const { sim, modem } = await startModem();
    const path = sim.path;
    await sim.replug();
    expect(await modem.disconnection()).toEqual({ disconnected: true });
    const again = await openClient(path);
    expect(await again.command('AT')).toEqual(['AT', 'OK']);
  });

  it('forgets a send the network had not answered when the modem was pulled out', async () => {
    const { sim, modem } = await startModem({ networkDelayMs: 200 });
    await modem.command(`AT+CMGS=${HELLO_PDU.length}`);
    modem.write(`${HELLO_PDU.pdu}\x1a`);
    await modem.until(new RegExp(HELLO_PDU.pdu));
    await sim.unplug();
    await modem.disconnection();
    await sim.replug();
    const again = await openClient(sim.path);
    expect(await again.command('AT')).toEqual(['AT', 'OK']);
    expect(sim.received).toEqual([]);
  });

  it('lets the app close and reopen its port without unplugging the modem', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    await modem.close();
    expect(await modem.closed).toEqual({ disconnected: false });
    const again = await openClient(sim.path);
    expect(await again.command('AT')).toEqual(['OK']);
  });
});

describe('modem simulator: stop', () => {
  it('removes its link and temporary directory, and can be stopped twice', async () => {
    const sim = await ModemSimulator.start();
    const modem = await openClient(sim.path);
    expect(existsSync(sim.path)).toBe(true);
    await sim.stop();
    expect(await modem.disconnection()).toEqual({ disconnected: true });
    expect(existsSync(sim.path)).toBe(false);
    expect(existsSync(join(sim.path, '..'))).toBe(false);
    await sim.stop();
  });

  it('replaces a stale link left by a killed run', async () => {
    const link = tempLink();
    const first = await ModemSimulator.start({ link });
    onTestFinished(() => first.stop());
    const second = await ModemSimulator.start({ link });
    onTestFinished(() => second.stop());
    const modem = await openClient(link);
    expect(await modem.command('AT')).toEqual(['AT', 'OK']);
  });
});
