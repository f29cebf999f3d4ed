// ModemDriver.sendText when the modem takes no AT+CSMP: a plain text still goes (the modem's
// own <dcs> is the default alphabet), a text that needs UCS-2 is refused before any AT+CMGS.
import { describe, expect, it } from 'vitest';
import { ModemDriver } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { TextModeUnicodeError } from '../../../electron/backend/gateways/modem/text-mode.ts';
import { FakePort } from '../../support/fake-port.ts';

/** A modem without PDU mode and without AT+CSMP, scripted line by line. */
function textOnlyModem(): FakePort {
  const port = new FakePort();
  let reference = 0;
  port.responder = (data) => {
    if (data.startsWith('\x1b')) return undefined;
    const command = data.replace(/\r$/, '');
    if (data.endsWith('\x1a')) return `\r\n+CMGS: ${reference++}\r\n\r\nOK\r\n`;
    if (command.startsWith('AT+CMGS=')) return '\r\n> ';
    if (command === 'AT+CPIN?') return '\r\n+CPIN: READY\r\n\r\nOK\r\n';
    if (command === 'AT+CSCA?') return '\r\n+CSCA: "+254722500029",145\r\n\r\nOK\r\n';
    if (command === 'AT+CMGF=0' || command.startsWith('AT+CSMP=')) return '\r\nERROR\r\n';
    return '\r\nOK\r\n';
  };
  return port;
}

async function initDriver(port: FakePort): Promise<ModemDriver> {
  const driver = new ModemDriver({ path: '/dev/fake', openPort: () => Promise.resolve(port) });
  await driver.open();
  await driver.init();
  return driver;
}

describe('ModemDriver.sendText without AT+CSMP', () => {
  it('sends a plain text with the modem\'s own parameters', async () => {
    const port = textOnlyModem();
    const driver = await initDriver(port);
    expect(driver.smsMode).toBe('text');
    await expect(driver.sendText('+254712345678', 'Karibu kliniki')).resolves.toEqual(['0']);
    expect(port.written).toContain('Karibu kliniki\x1a');
    await driver.close();
  });

  it('refuses a text that needs UCS-2, before any AT+CMGS', async () => {
    const port = textOnlyModem();
    const driver = await initDriver(port);
    await expect(driver.sendText('+254712345678', 'Salio ✓')).rejects.toBeInstanceOf(TextModeUnicodeError);
    expect(port.written.some((w) => w.startsWith('AT+CMGS='))).toBe(false);
    await driver.close();
  });
});
