/**
 * Several modems: four simulated modems over real ptys and the real serialport
 * package, prefix rules sending each number through the SIM of its network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, modemGatewayId } from '../../../electron/backend/create-backend.ts';
import type { StatusEvent } from '../../../electron/backend/events.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Four networks, one SIM each (Kenyan mobile prefixes). */
const NETWORKS = ['+25471', '+25473', '+25477', '+25478'] as const;

describe('four modems with prefix rules', () => {
  it('each message reaches the modem of its network', async () => {
    const sims = await Promise.all(NETWORKS.map(() => ModemSimulator.start({ profile: 'generic', networkDelayMs: 20 })));
    for (const sim of sims) cleanups.push(() => sim.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-routing-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const backend = createBackend({ dataDir, modems: sims.map((s) => ({ path: s.path })), reconnectDelayMs: 200 });
    cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
    backend.store.settings.set('routing', 'prefix');
    backend.store.settings.set('prefixRules', NETWORKS.map((prefix, i) => ({ prefix, gatewayId: modemGatewayId(sims[i]!.path) })));
    await backend.start();
    expect(backend.gateways().map((g) => g.status().state)).toEqual(['running', 'running', 'running', 'running']);

    const to = Array.from({ length: 24 }, (_, i) => `${NETWORKS[i % 4]}${String(1000 + i).padStart(7, '0')}`);
    const done = new Promise<StatusEvent[]>((resolve, reject) => {
      const seen: StatusEvent[] = [];
      const timer = setTimeout(() => reject(new Error(`only ${seen.length} of 24 sent`)), 30_000);
      backend.dispatcher.onStatus((e) => {
        if (e.to === 'failed') reject(new Error(`${e.recipientId} failed: ${e.reason}`));
        if (e.to !== 'sent') return;
        seen.push(e);
        if (seen.length === to.length) {
          clearTimeout(timer);
          resolve(seen);
        }
      });
    });
    backend.messaging.send({ content: 'Kliniki imefungwa Jumatatu.', recipients: to.map((address) => ({ address, protocol: 'sms' as const })) });
    const sent = await done;

    sims.forEach((sim, i) => {
      const numbers = sim.received.map((r) => r.decoded.recipient.replace(/^\+?/, '+'));
      expect(numbers).toHaveLength(6);
      for (const n of numbers) expect(n.startsWith(NETWORKS[i]!)).toBe(true);
    });
    expect(new Set(sent.map((e) => e.gateway))).toEqual(new Set(sims.map((s) => modemGatewayId(s.path))));
  }, 40_000);
});
