/**
 * The "nothing is lost" invariant under the worst kind of stop: SIGKILL at random moments while
 * the dispatcher is sending through a (simulated) modem, again and again, then a final run that
 * is left to finish. Every recipient must end `sent`, every message must have reached the modem,
 * and wherever the modem received a message twice the recipient must carry the visible
 * `possible-duplicate` flag (the default crash-recovery policy: resend and flag).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataFolderDatabase } from '../../support/data-folder-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/create-backend.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
// Seeded, so a failing run can be replayed with the same kill times (CRASH_SEED).
import { mulberry32 } from '../../support/seeded-random.ts';

const CHILD = fileURLToPath(new URL('./dispatch-child.ts', import.meta.url));
const MESSAGES = 60;
const KILLS = 20;

interface ChildRun {
  child: ChildProcess;
  started: Promise<{ recovered: number }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startChild(dataDir: string, modemPath: string): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, modemPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let resolveStarted!: (v: { recovered: number }) => void;
  const started = new Promise<{ recovered: number }>((resolve) => (resolveStarted = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const line of stdout.split('\n')) {
      if (line.includes('"started"')) resolveStarted(JSON.parse(line) as { recovered: number });
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, started, exited };
}

const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);

describe(`SIGKILL mid-dispatch, ${KILLS} times (seed ${seed})`, () => {
  let sim: ModemSimulator;
  let dataDir: string;

  beforeAll(async () => {
    // 30 ms per part keeps a send in flight most of the time, so most kills land mid-send.
    sim = await ModemSimulator.start({ profile: 'generic', networkDelayMs: 30 });
    dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-crash-'));
    const backend = createBackend({ dataDir, modems: [{ path: sim.path }] });
    for (let i = 0; i < MESSAGES; i++) {
      const number = `+2547${String(10_000_000 + i).padStart(8, '0')}`;
      backend.messaging.send({ content: `Crash test reminder ${String(i).padStart(3, '0')}`, recipients: [{ address: number, protocol: 'sms' }] });
    }
    await backend.stop();
  });

  afterAll(async () => {
    await sim?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no recipient and flags every possible duplicate', async () => {
    const random = mulberry32(seed);
    let recoveredTotal = 0;
    let kills = 0;
    while (kills < KILLS) {
      const run = startChild(dataDir, sim.path);
      const outcome = await Promise.race([run.started.then(() => 'started' as const), run.exited.then(() => 'exited' as const)]);
      if (outcome === 'exited') {
        const { code, stderr } = await run.exited;
        // Everything went out before we could kill it: the test has nothing more to break.
        expect(code, stderr).toBe(0);
        break;
      }
      recoveredTotal += (await run.started).recovered;
      await new Promise((resolve) => setTimeout(resolve, 20 + random() * 250));
      run.child.kill('SIGKILL');
      const { signal, code, stderr } = await run.exited;
      if (signal === 'SIGKILL') {
        kills++;
        continue;
      }
      // It finished everything before the kill came: nothing is left to interrupt.
      expect(code, stderr).toBe(0);
      break;
    }

    const final = startChild(dataDir, sim.path);
    recoveredTotal += (await final.started).recovered;
    const { code, stderr } = await final.exited;
    expect(code, stderr).toBe(0);

    const db = openDataFolderDatabase(dataDir, { readonly: true });
    try {
      const rows = db
        .prepare<[], { id: number; content: string; status: string; flags: string }>(
          'SELECT r.id, m.content, r.status, r.flags FROM message_recipients r JOIN messages m ON m.id = r.message_id ORDER BY r.id',
        )
        .all();
      expect(rows).toHaveLength(MESSAGES);
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);

      const submits = new Map<string, number>();
      for (const record of sim.received) submits.set(record.decoded.text, (submits.get(record.decoded.text) ?? 0) + 1);
      for (const row of rows) {
        const times = submits.get(row.content) ?? 0;
        expect(times, `${row.content} reached the modem`).toBeGreaterThanOrEqual(1);
        if (times > 1) expect(JSON.parse(row.flags), `${row.content} went out ${times} times`).toContain('possible-duplicate');
      }

      // Every status change is explained: each log row starts where the previous one ended.
      const log = db.prepare<[], { recipient_id: number; from_status: string | null; to_status: string }>(
        'SELECT recipient_id, from_status, to_status FROM status_log ORDER BY id',
      ).all();
      const last = new Map<number, string | null>();
      for (const entry of log) {
        expect(entry.from_status).toBe(last.get(entry.recipient_id) ?? null);
        last.set(entry.recipient_id, entry.to_status);
      }
      for (const row of rows) expect(last.get(row.id)).toBe('sent');
    } finally {
      db.close();
    }

    const duplicates = [...new Set(sim.received.map((r) => r.decoded.text))].filter((t) => sim.received.filter((r) => r.decoded.text === t).length > 1);
    console.info(`crash test: ${kills} kills, ${recoveredTotal} interrupted sends recovered, ${duplicates.length} messages reached the modem twice (all flagged)`);
    // The test only means something if kills really landed mid-send.
    expect(kills).toBeGreaterThan(0);
    expect(recoveredTotal).toBeGreaterThan(0);
  }, 240_000);
});
