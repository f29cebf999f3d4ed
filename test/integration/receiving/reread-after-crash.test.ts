// Issue 10 item 9: a kill between the commit and the SIM delete must not store an incoming SMS
// twice at the next start, nor leave a phantom "incomplete" message made of a long message's last
// part. A child process receives through the simulator; the modem hangs on the AT+CMGD that
// follows the commit (the crash window) and the child is killed with SIGKILL there. The next
// start sweeps the SIM, finds the PDU's fingerprint and only deletes the SIM copy.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataFolderDatabase } from '../../support/data-folder-database.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { backendFor, inbox, simulator, until } from './fixture.ts';

const CHILD = fileURLToPath(new URL('./receive-child.ts', import.meta.url));
const LONG = 'Habari. Kliniki itafunguliwa saa mbili asubuhi kesho, tafadhali leta kadi yako. '.repeat(4).trim();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the child until the modem has hung on the `deletesBeforeCrash + 1`-th AT+CMGD, then kills it
 * with SIGKILL. `arrive` makes the SMS come once the child listens.
 */
async function crashBeforeDelete(sim: ModemSimulator, dataDir: string, deletesBeforeCrash: number, arrive: () => void): Promise<void> {
  sim.hangOn(/^AT\+CMGD/, { skip: deletesBeforeCrash });
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, sim.path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const started = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('"started"') && resolve()));
  await Promise.race([started, exited.then(() => Promise.reject(new Error(`the child exited: ${stderr}`)))]);
  arrive();
  const deletes = (): number => sim.commands.filter((c) => c.startsWith('AT+CMGD')).length;
  await until(() => deletes() === deletesBeforeCrash + 1, 'the child committed and asked for the delete', 15_000);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  sim.hang(false);
}

function storedBy(dataDir: string): { messages: string[]; parts: number } {
  const db = openDataFolderDatabase(dataDir, { readonly: true });
  try {
    const messages = db.prepare<[], string>("SELECT content FROM messages WHERE direction = 'in' ORDER BY id").pluck().all();
    const parts = db.prepare<[], number>('SELECT COUNT(*) FROM sms_parts').pluck().get()!;
    return { messages, parts };
  } finally {
    db.close();
  }
}

describe('an SMS read again after a crash between its commit and its SIM delete', () => {
  it('is stored once', async () => {
    const sim = await simulator();
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-reread-'));
    dirs.push(dataDir);
    await crashBeforeDelete(sim, dataDir, 0, () => sim.deliverSms({ from: '0712345678', text: 'Nitakuja kesho' }));
    // The crash window: committed, still on the SIM.
    expect(storedBy(dataDir).messages).toEqual(['Nitakuja kesho']);
    expect(sim.storage.used).toBe(1);

    const backend = backendFor(sim, dataDir);
    await backend.start();
    await until(() => sim.storage.used === 0, 'the SIM copy deleted at the next start');
    expect(inbox(backend)).toEqual([{ content: 'Nitakuja kesho', sender: '+254712345678', flags: '[]', status: 'received' }]);
  }, 30_000);

  it('leaves no phantom part of a long message, whose last part was read again', async () => {
    const sim = await simulator();
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-reread-'));
    dirs.push(dataDir);
    // Parts 1 and 2 are committed and deleted; the kill comes after part 3 completed the message.
    await crashBeforeDelete(sim, dataDir, 2, () => sim.deliverSms({ from: '+254712345678', text: LONG }));
    expect(storedBy(dataDir)).toEqual({ messages: [LONG], parts: 0 });
    expect(sim.storage.used).toBe(1);

    const backend = backendFor(sim, dataDir);
    await backend.start();
    await until(() => sim.storage.used === 0, 'the SIM copy deleted at the next start');
    expect(inbox(backend).map((m) => [m.content, m.flags])).toEqual([[LONG, '[]']]);
    // Nothing waits to become an "incomplete" message when the multipart timeout runs out.
    expect(backend.store.db.prepare('SELECT COUNT(*) FROM sms_parts').pluck().get()).toBe(0);
    expect(backend.receiving.reassembly.flushExpired()).toEqual([]);
  }, 30_000);
});
