/**
 * The process the crash test kills. It opens the backend on the data folder and the simulated
 * modem, dispatches until no recipient is left in `outbox` or `sending`, then exits 0.
 * Usage: node --import tsx dispatch-child.ts <dataDir> <modemPath>
 * It prints one JSON line when started (with crash recovery's summary) and one when done.
 */
import { createBackend } from '../../../electron/backend/create-backend.ts';

const [dataDir, modemPath] = process.argv.slice(2);
if (!dataDir || !modemPath) {
  process.stderr.write('usage: dispatch-child.ts <dataDir> <modemPath>\n');
  process.exit(2);
}

const backend = createBackend({ dataDir, modems: [{ path: modemPath, profile: 'generic' }], reconnectDelayMs: 500 });
const unfinished = backend.store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM message_recipients WHERE status IN ('outbox', 'sending')");

let finishing = false;
async function finishIfDone(): Promise<void> {
  if (finishing || (unfinished.get()?.n ?? 1) > 0) return;
  finishing = true;
  await backend.stop({ deadlineMs: 5_000 });
  process.stdout.write(JSON.stringify({ event: 'done' }) + '\n');
  process.exit(0);
}

backend.dispatcher.onStatus(() => void finishIfDone());
const recovery = await backend.start();
process.stdout.write(JSON.stringify({ event: 'started', recovered: recovery.recovered, requeued: recovery.requeued }) + '\n');
await finishIfDone();
