/**
 * Several modems: SMS per minute with 4 simulated modems against 1, at a realistic
 * network delay (1000 ms per part), through the whole sending path (createBackend: SQLite in a
 * temp data folder, MessagingService, OutboxDispatcher with its default round-robin routing,
 * ModemGateway) over real ptys and the real `serialport` package. Printed as a ratio.
 *
 * Each run enqueues one message to N recipients at once (a broadcast) and times enqueue -> the
 * last `sent` event. N is sized so each run takes about 30 s (the network delay sets the pace).
 * The simulators run in this process and share its event loop with the backend.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/create-backend.ts';
import { ModemSimulator } from '../electron/modem-sim/index.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const NETWORK_DELAY_MS = 1_000;
/** One part in GSM-7. */
const TEXT = 'Kumbuka miadi yako ya kliniki kesho saa tatu asubuhi.';
const RUNS: ReadonlyArray<{ modems: number; messages: number }> = [
  { modems: 1, messages: 30 },
  { modems: 4, messages: 120 },
];

interface RunResult {
  modems: number;
  messages: number;
  seconds: number;
  perMinute: number;
  /** Messages each modem sent, in order. */
  perModem: number[];
}

async function run(modems: number, messages: number): Promise<RunResult> {
  const cleanups: Array<() => unknown> = [];
  try {
    const sims: ModemSimulator[] = [];
    for (let i = 0; i < modems; i++) {
      const sim = await ModemSimulator.start({ profile: 'generic', networkDelayMs: NETWORK_DELAY_MS });
      cleanups.push(() => sim.stop());
      sims.push(sim);
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const backend = createBackend({ dataDir, modems: sims.map((s) => ({ path: s.path })), reconnectDelayMs: 0 });
    cleanups.push(() => backend.stop());
    await backend.start();
    const states = backend.gateways().map((g) => g.status().state);
    if (states.some((s) => s !== 'running')) throw new Error(`Not every modem started: ${states.join(', ')}`);

    let sent = 0;
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${messages - sent} of ${messages} not sent in time`)), messages * NETWORK_DELAY_MS * 3 + 30_000);
      cleanups.push(() => clearTimeout(timer));
      cleanups.push(backend.dispatcher.onStatus((e) => {
        if (e.to === 'failed' || (e.from === 'sending' && e.to === 'outbox')) reject(new Error(`${e.recipientId}: ${e.from ?? '-'} -> ${e.to}: ${e.reason}`));
        if (e.to === 'sent' && ++sent === messages) resolve();
      }));
    });
    const recipients = Array.from({ length: messages }, (_, i) => ({ address: `+25471${String(i).padStart(7, '0')}`, protocol: 'sms' as const }));
    const start = process.hrtime.bigint();
    backend.messaging.send({ content: TEXT, recipients });
    await done;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { modems, messages, seconds, perMinute: (messages / seconds) * 60, perModem: sims.map((s) => s.received.length) };
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`bench cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export const fourModemsSuite: BenchSuite = {
  name: 'four-modems',
  async run() {
    console.log(`\n## four-modems: SMS per minute, ${NETWORK_DELAY_MS} ms network delay per part, one broadcast per run\n`);
    const results: RunResult[] = [];
    for (const { modems, messages } of RUNS) results.push(await run(modems, messages));
    printTable(
      ['modems', 'messages', 'seconds', 'SMS/min', 'per modem'],
      results.map((r) => [String(r.modems), String(r.messages), r.seconds.toFixed(1), r.perMinute.toFixed(1), r.perModem.join(' / ')]),
    );
    const one = results.find((r) => r.modems === 1)!;
    const four = results.find((r) => r.modems === 4)!;
    console.log(`\nratio 4 modems : 1 modem = ${(four.perMinute / one.perMinute).toFixed(2)} (ideal 4.00; the network bound is ${(60_000 / NETWORK_DELAY_MS).toFixed(0)} SMS/min per modem)`);
  },
};
