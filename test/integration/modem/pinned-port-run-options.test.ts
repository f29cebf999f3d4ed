// A port named for this run (`ujumbe send --modem PATH --pin 1234`, `createBackend({ modems })`)
// that an earlier run already saved: createBackend builds the saved modems first, so the pinned
// port's gateway existed before its run options were known, and the PIN, timeouts and baud rate
// of every run after the first were ignored (the modem then asks for its PIN). Found by the fault
// loop of `npm run test:reliability` (test/reliability/README.md). Nothing here measures time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a pinned port saved by an earlier run', () => {
  it("gets this run's PIN at every start, not only the first", async () => {
    const sim = await ModemSimulator.start({ profile: 'generic', pin: '1234' });
    cleanups.push(() => sim.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-pinned-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    for (const run of [1, 2]) {
      // A power cycle: the SIM asks for its PIN again.
      await sim.replug();
      // No SecretStore, as in `ujumbe send`: the PIN is this run's, never saved.
      const backend = createBackend({ dataDir, detection: false, reconnectDelayMs: 0, modems: [{ path: sim.path, pin: '1234' }] });
      await backend.start();
      const [gateway] = backend.gateways();
      await until(() => gateway!.status().state !== 'starting', `run ${run}: the modem started`);
      expect(backend.gateways()).toHaveLength(1);
      expect({ run, state: gateway!.status().state, problem: gateway!.status().problem }).toEqual({ run, state: 'running', problem: null });
      await backend.stop();
    }
  });
});
