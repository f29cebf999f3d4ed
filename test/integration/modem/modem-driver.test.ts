// The driver through the REAL serialport package over a pty, against the project's simulator.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import type { ProfileName } from '../../../electron/modem-sim/index.ts';
import { ModemDriver } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { AtChannel } from '../../../electron/backend/gateways/modem/at-channel.ts';
import { openSerialPort } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import {
  SendPartsError,
  SimPinRejectedError,
  SimPinRequiredError,
} from '../../../electron/backend/gateways/modem/modem-errors.ts';
import { CmsError } from '../../../electron/backend/gateways/modem/at-errors.ts';
import type { UnsolicitedEvent } from '../../../electron/backend/gateways/modem/unsolicited.ts';
import { encodeSubmit } from '../../../src-shared/sms/index.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: Parameters<typeof ModemSimulator.start>[0] = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start(options);
  cleanups.push(() => sim.stop());
  return sim;
}

async function openDriver(sim: ModemSimulator, options: Partial<ConstructorParameters<typeof ModemDriver>[0]> = {}): Promise<ModemDriver> {
  const driver = new ModemDriver({ path: sim.path, busyRetryDelayMs: 50, ...options });
  cleanups.push(() => driver.close());
  await driver.open();
  return driver;
}

/**
 * The AT+CNMI each profile ends with: stored reports (<ds> 2) where the simulated modem lists them
 * and the driver's profile allows them (status-report-routing.ts), +CDS (<ds> 1) elsewhere.
 */
const CNMI: Record<ProfileName, string> = {
  generic: '2,1,0,1,0',
  huawei: '2,1,0,1,0',
  sim800: '2,1,0,1,0',
  quectel: '2,1,0,2,0',
  wavecom: '2,1,0,1,0',
  zte: '2,1,0,2,0',
};

const VENDOR_COMMAND: Record<ProfileName, string | null> = {
  generic: null,
  huawei: 'AT^CURC=0',
  sim800: null,
  quectel: 'AT+QURCCFG="urcport","usbat"',
  wavecom: 'AT+WIND=0',
  zte: null,
};

describe('ModemDriver init, per profile', () => {
  it.each(['generic', 'huawei', 'sim800', 'quectel', 'wavecom', 'zte'] as const)('%s: detects the profile and runs the init sequence', async (profile) => {
    const sim = await simulator({ profile });
    const driver = await openDriver(sim);
    const report = await driver.init();
    expect(report).toMatchObject({ profile, simState: 'ready', smsMode: 'pdu', cnmi: CNMI[profile], serviceCentre: '+254722500029', warnings: [] });
    expect(report.statusReports).toBe(CNMI[profile].endsWith(',2,0') ? 'stored' : 'direct');

    const commands = sim.commands.map((c) => (c.startsWith('\x1b') ? c.slice(1) : c)); // the ESC init sends first
    const order = ['ATZ', 'ATE0', 'AT+CMEE=1', 'AT+CPIN?', 'AT+CMGF=0', `AT+CNMI=${CNMI[profile]}`, 'AT+CSCA?'];
    const positions = order.map((c) => commands.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const vendor = VENDOR_COMMAND[profile];
    if (vendor) expect(commands).toContain(vendor);
    // The DCS travels in the PDU: the driver never relies on (or sets) +CSMP.
    expect(commands.some((c) => c.startsWith('AT+CSMP'))).toBe(false);
  });

  it('reads identity and signal', async () => {
    const sim = await simulator({ profile: 'huawei', signalCsq: 20 });
    const driver = await openDriver(sim);
    await driver.init();
    expect(await driver.identity()).toEqual({
      manufacturer: 'huawei',
      model: 'E3131',
      revision: '21.158.13.01.209',
      imei: '356938035643809',
      imsi: '639021234567890',
    });
    expect(await driver.signal()).toEqual({ csq: 20, dBm: -73, bars: 4 });
    expect(await driver.registration()).toMatchObject({ stat: 1, registered: true, words: 'registered (home network)' });
    expect(await driver.operator()).toBe('Safaricom');
  });

  it('enters a configured PIN once', async () => {
    const sim = await simulator({ pin: '4321' });
    const driver = await openDriver(sim);
    await expect(driver.init({ pin: '4321' })).resolves.toMatchObject({ simState: 'ready' });
    expect(sim.commands.filter((c) => c.startsWith('AT+CPIN=')).length).toBe(1);
  });

  it('throws SimPinRequiredError when the SIM wants a PIN and none is configured', async () => {
    const sim = await simulator({ pin: '4321' });
    const driver = await openDriver(sim);
    await expect(driver.init()).rejects.toBeInstanceOf(SimPinRequiredError);
    expect(sim.commands.some((c) => c.startsWith('AT+CPIN='))).toBe(false);
  });

  it('never retries a wrong PIN', async () => {
    const sim = await simulator({ pin: '4321' });
    const driver = await openDriver(sim);
    await expect(driver.init({ pin: '1111' })).rejects.toBeInstanceOf(SimPinRejectedError);
    expect(sim.commands.filter((c) => c.startsWith('AT+CPIN=')).length).toBe(1);
  });
});

describe('ModemDriver on a Wavecom whose AT+CPIN? ends without OK', () => {
  it('inits with the profile detected from AT+CGMI (the simulator answers as the recordings do)', async () => {
    const sim = await simulator({ profile: 'wavecom' });
    const driver = await openDriver(sim);
    await expect(driver.init()).resolves.toMatchObject({ profile: 'wavecom', simState: 'ready', smsMode: 'pdu', cnmi: '2,1,0,1,0', serviceCentre: '+254722500029' });
  });

  it('inits with the profile configured, and with the generic one (the rule is not tied to the profile)', async () => {
    for (const profile of ['wavecom', 'generic'] as const) {
      const sim = await simulator({ profile: 'wavecom' });
      const driver = await openDriver(sim, { profile });
      await expect(driver.init()).resolves.toMatchObject({ profile, simState: 'ready', serviceCentre: '+254722500029' });
    }
  });

  it('reads the SIM state before init, as the read-only probe does', async () => {
    const sim = await simulator({ profile: 'wavecom' });
    const driver = await openDriver(sim);
    await driver.command('ATE0');
    expect(await driver.simState()).toBe('ready');
    expect(await driver.command('AT+CGMI')).toEqual(['WAVECOM MODEM']);
  });

  it('enters the PIN when +CPIN: SIM PIN comes without OK', async () => {
    const sim = await simulator({ profile: 'wavecom', pin: '4321' });
    const driver = await openDriver(sim);
    await expect(driver.init({ pin: '4321' })).resolves.toMatchObject({ simState: 'ready' });
    expect(sim.commands.filter((c) => c.startsWith('AT+CPIN=')).length).toBe(1);
  });

  it('does not take a Wavecom\'s late OK for the answer of the next command', async () => {
    const sim = await simulator({ profile: 'wavecom', cpinFinalOk: true });
    const driver = await openDriver(sim);
    await expect(driver.init()).resolves.toMatchObject({ profile: 'wavecom', simState: 'ready', cnmi: '2,1,0,1,0', serviceCentre: '+254722500029' });
    expect(await driver.simState()).toBe('ready');
    expect(await driver.command('AT+CGMM')).toEqual(['MULTIBAND  900E  1800']);
    const refs = await driver.sendPdus(encodeSubmit({ to: '+254712345678', text: 'Karibu' }));
    expect(refs).toEqual([String(sim.received[0]?.reference)]);
  });
});

describe('ModemDriver on a ZTE MF stick', () => {
  it('inits while the stick chatters +ZPASR / +ZDONR / +ZUSIMR, even between a reply and its OK, and passes none of it on', async () => {
    const sim = await simulator({ profile: 'zte', noise: { everyMs: 5, midResponseEvery: 1 } });
    const driver = await openDriver(sim);
    const events: UnsolicitedEvent[] = [];
    const report = await driver.init();
    driver.on('unsolicited', (event) => events.push(event));
    expect(report).toMatchObject({ profile: 'zte', simState: 'ready', smsMode: 'pdu', serviceCentre: '+254722500029', warnings: [] });
    expect(await driver.identity()).toMatchObject({ manufacturer: 'ZTE CORPORATION', model: 'MF190', imei: '356938035643809' });
    expect(await driver.signal()).toMatchObject({ csq: 20 });
    const refs = await driver.sendPdus(encodeSubmit({ to: '+254712345678', text: 'Karibu kliniki' }));
    expect(refs).toEqual([String(sim.received[0]?.reference)]);
    expect(events.filter((e) => e.code.startsWith('+Z'))).toEqual([]);
    // The standard init's AT+CPMS is what stops the +ZUSIMR nag (simulated as ModemManager notes).
    expect(sim.commands.some((c) => c.startsWith('AT+CPMS='))).toBe(true);
  });
});

describe('ModemDriver.sendPdus', () => {
  it('sends one part and returns its reference', async () => {
    const sim = await simulator();
    const driver = await openDriver(sim);
    await driver.init();
    const refs = await driver.sendPdus(encodeSubmit({ to: '+254712345678', text: 'Karibu kliniki' }));
    expect(refs).toEqual([String(sim.received[0]?.reference)]);
    expect(sim.received[0]?.decoded).toMatchObject({ recipient: '+254712345678', text: 'Karibu kliniki' });
    expect(sim.commands).not.toContain('AT+CMMS=1');
  });

  it('reports which parts went out when a later part fails', async () => {
    const sim = await simulator();
    const driver = await openDriver(sim);
    await driver.init();
    const parts = encodeSubmit({ to: '+254712345678', text: 'x'.repeat(400) });
    expect(parts.length).toBe(3);
    // The first part goes out; then the network refuses.
    sim.once('submit', () => sim.injectCmsError(42));
    const err = (await driver.sendPdus(parts).catch((e: unknown) => e)) as SendPartsError;
    expect(err).toBeInstanceOf(SendPartsError);
    expect(err.failure).toBeInstanceOf(CmsError);
    expect(err).toMatchObject({ failedPart: 1, totalParts: 3, references: [String(sim.received[0]?.reference)] });
  });
});

describe('AtChannel over a real pty', () => {
  it('emits a Huawei ^RSSI that arrives in the middle of a response as an event, not as response text', async () => {
    const sim = await simulator({ profile: 'huawei', noise: { midResponseEvery: 1, everyMs: 0 } });
    const channel = new AtChannel(await openSerialPort(sim.path, 115200));
    cleanups.push(() => channel.close());
    const events: UnsolicitedEvent[] = [];
    channel.on('unsolicited', (event) => events.push(event));
    await channel.send('ATE0');
    const lines = await channel.send('AT+CSQ');
    expect(lines).toEqual(['+CSQ: 20,99']);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => !e.lines.some((l) => l.startsWith('+CSQ')))).toBe(true);
    expect(events.map((e) => e.code)).toContain('^RSSI');
  });
});
