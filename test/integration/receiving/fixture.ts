// A backend (createBackend: SQLite file, dispatcher, ModemGateway, ReceivingService) over the
// real serialport package to one simulated modem on a pty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { RecipientStatus } from '../../../src-shared/model.ts';
import { type Backend, createBackend } from '../../../electron/backend/create-backend.ts';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../electron/modem-sim/index.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function simulator(options: ModemSimulatorOptions = {}): Promise<ModemSimulator> {
  const sim = await ModemSimulator.start({ profile: 'generic', ...options });
  cleanups.push(() => sim.stop());
  return sim;
}

export function backendFor(sim: ModemSimulator, dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-receive-'))): Backend {
  const backend = createBackend({ dataDir, modems: [{ path: sim.path }], reconnectDelayMs: 200 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return backend;
}

export interface InboxRow {
  content: string;
  sender: string;
  flags: string;
  status: string;
}

export function inbox(backend: Backend): InboxRow[] {
  return backend.store.db
    .prepare(`SELECT m.content, m.sender, r.flags, r.status FROM messages m JOIN message_recipients r ON r.message_id = m.id WHERE m.direction = 'in' ORDER BY m.id`)
    .all() as InboxRow[];
}

export async function until(check: () => boolean, what: string, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const send = (backend: Backend, to: string, content: string): number =>
  backend.messaging.send({ content, recipients: [{ address: to, protocol: 'sms' }] }).recipients[0]!.id;

export async function statusBecomes(backend: Backend, recipientId: number, status: RecipientStatus): Promise<void> {
  await until(() => backend.store.recipients.get(recipientId)?.status === status, `recipient ${recipientId} ${status}`);
}
