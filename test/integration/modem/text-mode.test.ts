// A modem that refuses PDU mode (AT+CMGF=0 -> ERROR) sends in text mode (27.005 §3.5.1):
// through the REAL serialport package over a pty, against the project's simulator, which
// decodes what is typed after each prompt per AT+CSMP and AT+CSCS and records it.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import type { ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';
import { ModemDriver } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { ModemGateway } from '../../../electron/backend/gateways/modem/modem-gateway.ts';
import { ModemNotReadyError, PduModeUnavailableError, SendPartsError } from '../../../electron/backend/gateways/modem/modem-errors.ts';
import { CmsError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import { GatewaySendError } from '../../../electron/backend/gateways/gateway.ts';
import type { OutgoingItem } from '../../../electron/backend/gateways/gateway.ts';
import { SmsEncodeError, encodeSubmit } from '../../../src-shared/sms/index.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ pduMode: false, ...options });
  cleanups.push(() => sim.stop());
  return sim;
}

async function initDriver(sim: ModemSimulator): Promise<ModemDriver> {
  const driver = new ModemDriver({ path: sim.path, busyRetryDelayMs: 50 });
  cleanups.push(() => driver.close());
  await driver.open();
  await driver.init();
  return driver;
}

const LONG = 'Kumbusho: chanjo ya mtoto wako ni Jumatatu saa tatu asubuhi katika kliniki ya Mwembeni. '.repeat(4).trim();

describe('ModemDriver on a modem without PDU mode', () => {
  it('inits in text mode and says what that means', async () => {
    const sim = await simulator();
    const driver = new ModemDriver({ path: sim.path });
    cleanups.push(() => driver.close());
    await driver.open();
    const report = await driver.init();
    expect(report.smsMode).toBe('text');
    expect(driver.smsMode).toBe('text');
    expect(report.warnings).toEqual(['The modem refused PDU mode: it sends in text mode, a long message as separate SMS, with no delivery reports.']);
    expect(sim.commands).toContain('AT+CMGF=1');
    expect(sim.commands).toContain('AT+CSCS="GSM"');
  });

  it('sends a GSM-7 text as typed, with AT+CSMP and AT+CMGS="<da>",<toda>', async () => {
    const sim = await simulator();
    const driver = await initDriver(sim);
    const refs = await driver.sendText('+254712345678', 'Karibu kliniki, kesho saa 3.');
    expect(sim.receivedText).toEqual([
      expect.objectContaining({ recipient: '+254712345678', text: 'Karibu kliniki, kesho saa 3.', encoding: 'gsm7', dcs: 0 }),
    ]);
    expect(refs).toEqual([String(sim.receivedText[0]?.reference)]);
    expect(sim.commands).toContain('AT+CSMP=17,173,0,0');
    expect(sim.commands).toContain('AT+CMGS="+254712345678",145');
  });

  it('sends a text with other characters as UCS-2 hex with <dcs> 8, and it arrives whole', async () => {
    const sim = await simulator();
    const driver = await initDriver(sim);
    const text = 'Dawa: 2× kila siku ✓ — KSh 50 @ duka';
    await driver.sendText('0712345678', text);
    expect(sim.receivedText).toEqual([expect.objectContaining({ recipient: '0712345678', text, encoding: 'ucs2', dcs: 8 })]);
    expect(sim.commands).toContain('AT+CMGS="0712345678",129');
  });

  it('sends a long message as separate SMS, in order, after AT+CMMS=1', async () => {
    const sim = await simulator();
    const driver = await initDriver(sim);
    const refs = await driver.sendText('+254712345678', LONG);
    expect(sim.receivedText.length).toBe(3);
    expect(sim.receivedText.map((r) => r.text).join('')).toBe(LONG);
    expect(refs).toEqual(sim.receivedText.map((r) => String(r.reference)));
    expect(sim.commands.indexOf('AT+CMMS=1')).toBeLessThan(sim.commands.findIndex((c) => c.startsWith('AT+CMGS=')));
  });

  it('reports which SMS went out when a later one is refused', async () => {
    const sim = await simulator();
    const driver = await initDriver(sim);
    sim.once('text-submit', () => sim.injectCmsError(42));
    const err = (await driver.sendText('+254712345678', LONG).catch((e: unknown) => e)) as SendPartsError;
    expect(err).toBeInstanceOf(SendPartsError);
    expect(err.failure).toBeInstanceOf(CmsError);
    expect(err).toMatchObject({ failedPart: 1, totalParts: 3, references: [String(sim.receivedText[0]?.reference)] });
  });

  it('refuses an address text mode cannot carry before sending anything', async () => {
    const sim = await simulator();
    const driver = await initDriver(sim);
    await expect(driver.sendText('SAFARICOM', 'x')).rejects.toBeInstanceOf(SmsEncodeError);
    expect(sim.commands.some((c) => c.startsWith('AT+CMGS'))).toBe(false);
  });

  it('keeps the two modes apart: sendPdus on a text-mode modem, sendText on a PDU one', async () => {
    const textSim = await simulator();
    const textDriver = await initDriver(textSim);
    await expect(textDriver.sendPdus(encodeSubmit({ to: '+254712345678', text: 'x' }))).rejects.toBeInstanceOf(PduModeUnavailableError);
    const pduSim = await simulator({ pduMode: true });
    const pduDriver = await initDriver(pduSim);
    await expect(pduDriver.sendText('+254712345678', 'x')).rejects.toBeInstanceOf(ModemNotReadyError);
  });
});

describe('ModemGateway on a modem without PDU mode', () => {
  let nextId = 1;
  const item = (content: string, address = '+254712345678'): OutgoingItem => {
    const id = nextId++;
    return { recipientId: id, messageId: id, address, protocol: 'sms', content, subject: null, options: { statusReport: true }, attempt: 1 };
  };

  it('runs, and sends GSM-7 and UCS-2 messages that the modem records', async () => {
    const sim = await simulator({ profile: 'sim800' });
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0, busyRetryDelayMs: 20 });
    cleanups.push(() => gw.stop());
    await gw.start();
    expect(gw.status()).toMatchObject({ state: 'running', detail: { smsMode: 'text' } });
    expect(gw.canSend()).toBe(true);
    const plain = await gw.send(item('Kumbuka miadi yako kesho saa tatu.'));
    const unicode = await gw.send(item('Salio lako ni KSh 50 ✓', '0712345679'));
    expect(sim.receivedText.map((r) => [r.recipient, r.text, r.encoding])).toEqual([
      ['+254712345678', 'Kumbuka miadi yako kesho saa tatu.', 'gsm7'],
      ['0712345679', 'Salio lako ni KSh 50 ✓', 'ucs2'],
    ]);
    expect([...plain.references, ...unicode.references]).toEqual(sim.receivedText.map((r) => String(r.reference)));
    // No PDU went out, and no delivery report was asked for (text mode has no TP-SRR here).
    expect(sim.received).toEqual([]);
    expect(sim.commands.filter((c) => c.startsWith('AT+CSMP='))).toEqual(['AT+CSMP=17,173,0,0', 'AT+CSMP=17,173,0,8']);
  });

  it('fails a message for an alphanumeric address permanently, without touching the modem', async () => {
    const sim = await simulator();
    const gw = new ModemGateway({ id: 'modem-1', path: sim.path, reconnectDelayMs: 0, healthCheckMs: 0 });
    cleanups.push(() => gw.stop());
    await gw.start();
    const err = await gw.send(item('Habari', 'KLINIKI')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewaySendError);
    expect(err).toMatchObject({ kind: 'permanent' });
    expect(gw.status().state).toBe('running');
  });
});
