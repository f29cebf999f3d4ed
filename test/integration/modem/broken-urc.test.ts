// A +CMT / +CDS header whose PDU line never comes (the simulator's sendBrokenUrc fault), over the
// REAL serialport package on a pty: the next command's reply, or the AT+CMGS prompt, is never
// taken for the missing PDU line, so the command works at once instead of timing out.
import { afterEach, describe, expect, it } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { ModemDriver } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import type { UnsolicitedEvent } from '../../../electron/backend/gateways/modem/unsolicited.ts';
import { encodeSubmit } from '../../../src-shared/sms/index.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function readyDriver(options: Parameters<typeof ModemSimulator.start>[0] = {}): Promise<{ sim: ModemSimulator; driver: ModemDriver; events: UnsolicitedEvent[] }> {
  const sim = await ModemSimulator.start(options);
  cleanups.push(() => sim.stop());
  const driver = new ModemDriver({ path: sim.path, busyRetryDelayMs: 50 });
  cleanups.push(() => driver.close());
  await driver.open();
  await driver.init();
  const events: UnsolicitedEvent[] = [];
  driver.on('unsolicited', (event) => events.push(event));
  return { sim, driver, events };
}

describe('a two-line URC without its PDU line, through the simulator', () => {
  it('+CMT header right before the "> " prompt: the PDU goes at once, one AT+CMGS, no retry', async () => {
    const { sim, driver, events } = await readyDriver();
    sim.sendBrokenUrc('+CMT', { beforeNextAnswer: true });
    const references = await driver.sendPdus(encodeSubmit({ to: '+254712345678', text: 'Karibu kliniki' }));
    expect(references).toEqual([String(sim.received[0]!.reference)]);
    expect(sim.received.map((r) => r.decoded.text)).toEqual(['Karibu kliniki']);
    expect(sim.commands.filter((c) => c.startsWith('AT+CMGS='))).toHaveLength(1);
    expect(events.filter((e) => e.code === '+CMT')).toEqual([]);
  });

  it('+CMT header while idle: the next command\'s reply is its own (AT+CSQ still reads the signal)', async () => {
    const { sim, driver, events } = await readyDriver({ signalCsq: 17 });
    sim.sendBrokenUrc('+CMT');
    await expect(driver.signal()).resolves.toMatchObject({ csq: 17 });
    expect(events.filter((e) => e.code === '+CMT')).toEqual([]);
  });

  it('+CDS header in front of a reply: the reply is not swallowed either', async () => {
    const { sim, driver } = await readyDriver({ operator: 'Safaricom' });
    sim.sendBrokenUrc('+CDS', { beforeNextAnswer: true });
    await expect(driver.operator()).resolves.toBe('Safaricom');
    // And the next command after it works as usual.
    await expect(driver.signal()).resolves.toMatchObject({ csq: 20 });
  });
});
