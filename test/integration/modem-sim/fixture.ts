// One simulator and one client per test, both closed when the test ends, pass or fail.
import { onTestFinished } from 'vitest';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import type { ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';
import { AtTestClient } from './at-test-client.ts';

export async function startModem(options: ModemSimulatorOptions = {}): Promise<{ sim: ModemSimulator; modem: AtTestClient }> {
  const sim = await ModemSimulator.start(options);
  onTestFinished(() => sim.stop());
  const modem = await AtTestClient.open(sim.path);
  onTestFinished(() => modem.close());
  return { sim, modem };
}

/** Opens one more client (after a replug, say), closed when the test ends. */
export async function openClient(path: string): Promise<AtTestClient> {
  const client = await AtTestClient.open(path);
  onTestFinished(() => client.close());
  return client;
}

/**
 * "hellohello" to +46708251358, no SMSC field: the SMS-SUBMIT example of the widely cited
 * dreamfabric.com PDU tutorial (TPDU 23 octets).
 */
export const HELLO_PDU = { pdu: '0011000B916407281553F80000AA0AE8329BFD4697D9EC37', length: 23 } as const;

/**
 * "123" to 2833219 with SMSC +12063130004 (8-octet SMSC field, TPDU 15 octets), from a gnokii
 * users' list report where the driver sent AT+CMGS=22 and got +CMS ERROR: 304.
 */
export const GNOKII_PDU = { pdu: '07912160130300F411000781823312F90000AA0331D90C', length: 15 } as const;
