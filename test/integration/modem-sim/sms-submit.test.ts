import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { encodeSubmit } from '../../../src-shared/sms/index.ts';
import type { SubmitRecord } from '../../../electron/modem-sim/index.ts';
import { GNOKII_PDU, HELLO_PDU, startModem } from './fixture.ts';

describe('modem simulator: AT+CMGS in PDU mode', () => {
  it('prompts with "> " and no line end, takes the PDU to Ctrl-Z, answers +CMGS: <mr>', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    modem.write(`AT+CMGS=${HELLO_PDU.length}\r`);
    expect(await modem.until(/> /)).toBe('\r\n> ');
    modem.write(`${HELLO_PDU.pdu}\x1a`);
    expect(await modem.response()).toEqual(['+CMGS: 0', 'OK']);
    expect(modem.received.endsWith('\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n')).toBe(true);

    expect(sim.received).toHaveLength(1);
    const [record] = sim.received;
    expect(record).toMatchObject({ pdu: HELLO_PDU.pdu, tpduLength: 23, reference: 0 });
    expect(record?.decoded).toMatchObject({
      type: 'submit',
      smsc: null,
      recipient: '+46708251358',
      text: 'hellohello',
      encoding: 'gsm7',
      statusReportRequested: false,
      concat: null,
      flash: false,
    });
    expect(record?.at).toBeInstanceOf(Date);
  });

  it('counts the TPDU without the SMSC field', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.sendPdu(GNOKII_PDU.length, GNOKII_PDU.pdu)).toEqual(['+CMGS: 0', 'OK']);
    expect(sim.received[0]?.decoded).toMatchObject({ smsc: '+12063130004', recipient: '2833219', text: '123' });
  });

  it('answers +CMS ERROR: 304 when <length> does not match the TPDU, and records why', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    // The gnokii bug: the SMSC field counted into <length>.
    expect(await modem.sendPdu(22, GNOKII_PDU.pdu)).toEqual(['+CMS ERROR: 304']);
    expect(sim.received).toEqual([]);
    expect(sim.rejected).toEqual([
      expect.objectContaining({ pdu: GNOKII_PDU.pdu, declaredLength: 22, code: 304, reason: 'AT+CMGS=22 but the TPDU has 15 octets' }),
    ]);
  });

  it('answers +CMS ERROR: 304 to a PDU that is not hex or does not decode', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.sendPdu(2, '00ZZ11')).toEqual(['+CMS ERROR: 304']);
    // Right length, but the TPDU stops after TP-VP: no TP-UDL, no user data.
    expect(await modem.sendPdu(13, '0011000B916407281553F80000AA')).toEqual(['+CMS ERROR: 304']);
    expect(sim.rejected.map((rejection) => rejection.code)).toEqual([304, 304]);
    expect(sim.rejected[1]?.reason).toMatch(/^undecodable: /);
  });

  it('cancels on ESC and answers OK, sending nothing', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    await modem.command(`AT+CMGS=${HELLO_PDU.length}`);
    modem.write(`${HELLO_PDU.pdu}\x1b`);
    expect(await modem.response()).toEqual(['OK']);
    expect(sim.received).toEqual([]);
    expect(await modem.command('AT')).toEqual(['OK']);
  });

  it('emits "submit" with the record, so tests can wait for a message', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    const submitted = once(sim, 'submit') as Promise<[SubmitRecord]>;
    await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu);
    const [record] = await submitted;
    expect(record.decoded.text).toBe('hellohello');
  });

  it('decodes what the project encoder builds: a two-part UCS-2 message with a status report', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    const text = 'Habari ya asubuhi 🌅 '.repeat(4);
    const parts = encodeSubmit({ to: '+254712345678', text, statusReport: true, concatReference: 7 });
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(await modem.sendPdu(part.tpduLength, part.pdu)).toEqual([expect.stringMatching(/^\+CMGS: \d+$/), 'OK']);
    expect(sim.received.map((record) => record.decoded.concat)).toEqual([
      expect.objectContaining({ ref: 7, part: 1, total: 2 }),
      expect.objectContaining({ ref: 7, part: 2, total: 2 }),
    ]);
    expect(sim.received.map((record) => record.decoded.text).join('')).toBe(text);
    expect(sim.received.every((record) => record.decoded.statusReportRequested && record.decoded.encoding === 'ucs2')).toBe(true);
  });

  it('answers the next <count> sends with an injected +CMS ERROR after their PDU', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    sim.injectCmsError(42, { count: 2 });
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMS ERROR: 42']);
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMS ERROR: 42']);
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMGS: 0', 'OK']);
    expect(sim.rejected.map((rejection) => [rejection.code, rejection.reason])).toEqual([
      [42, 'injected by the test'],
      [42, 'injected by the test'],
    ]);
    await modem.command('AT+CMEE=2');
    sim.injectCmsError(331);
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMS ERROR: no network service']);
  });

  it('answers +CMS ERROR: 331 (no network service) while not registered', async () => {
    const { sim, modem } = await startModem({ registration: 0 });
    await modem.command('ATE0');
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMS ERROR: 331']);
    sim.setRegistration(1);
    expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual(['+CMGS: 0', 'OK']);
  });

  it('waits networkDelayMs before answering, and takes commands typed meanwhile in order', async () => {
    const { sim, modem } = await startModem({ networkDelayMs: 200 });
    await modem.command('ATE0');
    await modem.command(`AT+CMGS=${HELLO_PDU.length}`);
    modem.write(`${HELLO_PDU.pdu}\x1a`);
    modem.write('AT+CSQ\r');
    expect(await modem.response()).toEqual(['+CMGS: 0', 'OK']);
    expect(await modem.response()).toEqual(['+CSQ: 20,99', 'OK']);
    expect(sim.received).toHaveLength(1);
  });

  it('echoes the PDU while echo is on, as modems do', async () => {
    const { modem } = await startModem();
    expect(await modem.command(`AT+CMGS=${HELLO_PDU.length}`)).toEqual([`AT+CMGS=${HELLO_PDU.length}`, '> ']);
    modem.write(`${HELLO_PDU.pdu}\x1a`);
    expect(await modem.response()).toEqual([HELLO_PDU.pdu, '+CMGS: 0', 'OK']);
  });

  it('takes hundreds of pipelined sends, with message references wrapping after 255', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0');
    const count = 300;
    for (let i = 0; i < count; i++) {
      expect(await modem.sendPdu(HELLO_PDU.length, HELLO_PDU.pdu)).toEqual([`+CMGS: ${i % 256}`, 'OK']);
    }
    expect(sim.received).toHaveLength(count);
    expect(sim.received.at(-1)?.reference).toBe((count - 1) % 256);
  });
});

describe('modem simulator: AT+CMGS in text mode', () => {
  it('takes a quoted number and text to Ctrl-Z', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0;+CMGF=1');
    expect(await modem.command('AT+CMGS="+254712345678"')).toEqual(['> ']);
    modem.write('Karibu kliniki\x1a');
    expect(await modem.response()).toEqual(['+CMGS: 0', 'OK']);
    expect(sim.receivedText).toEqual([expect.objectContaining({ recipient: '+254712345678', text: 'Karibu kliniki', reference: 0 })]);
  });

  it('decodes a UCS-2 text typed as hex when AT+CSMP says <dcs> 8, and records how it came', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0;+CMGF=1;+CSMP=17,173,0,8');
    expect(await modem.command('AT+CMGS="0712345678",129')).toEqual(['> ']);
    modem.write('00530061006C0069006F00202713\x1a');
    expect(await modem.response()).toEqual(['+CMGS: 0', 'OK']);
    expect(sim.receivedText[0]).toMatchObject({ recipient: '0712345678', text: 'Salio ✓', encoding: 'ucs2', dcs: 8, body: '00530061006C0069006F00202713' });
  });

  it('refuses a text longer than one SMS with +CMS ERROR: 305', async () => {
    const { sim, modem } = await startModem();
    await modem.command('ATE0;+CMGF=1');
    await modem.command('AT+CMGS="+254712345678"');
    modem.write(`${'x'.repeat(161)}\x1a`);
    expect(await modem.response()).toEqual(['+CMS ERROR: 305']);
    expect(sim.receivedText).toEqual([]);
  });

  it('refuses a PDU-mode AT+CMGS=<length> in text mode and the other way round', async () => {
    const { modem } = await startModem();
    await modem.command('ATE0');
    expect(await modem.command('AT+CMGS="+254712345678"')).toEqual(['+CMS ERROR: 304']);
    await modem.command('AT+CMGF=1');
    expect(await modem.command('AT+CMGS=23')).toEqual(['+CMS ERROR: 305']);
  });
});

describe('modem simulator: a modem without PDU mode (pduMode: false)', () => {
  it('refuses AT+CMGF=0, offers only text mode, and starts in it', async () => {
    const { modem } = await startModem({ pduMode: false });
    await modem.command('ATE0');
    expect(await modem.command('AT+CMGF?')).toEqual(['+CMGF: 1', 'OK']);
    expect(await modem.command('AT+CMGF=0')).toEqual(['ERROR']);
    expect(await modem.command('AT+CMGF=?')).toEqual(['+CMGF: (1)', 'OK']);
    expect(await modem.command('AT+CMGF=1')).toEqual(['OK']);
    expect(await modem.command('ATZ')).toEqual(['OK']);
    expect(await modem.command('AT+CMGF?')).toEqual(['AT+CMGF?', '+CMGF: 1', 'OK']);
  });
});
