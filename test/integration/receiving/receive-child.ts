/**
 * The process the re-read-after-a-crash test kills: a backend on the data folder and the
 * simulated modem, receiving until it is killed.
 * Usage: node --import tsx receive-child.ts <dataDir> <modemPath>
 * It prints one JSON line once started.
 */
import { createBackend } from '../../../electron/backend/create-backend.ts';

const [dataDir, modemPath] = process.argv.slice(2);
if (!dataDir || !modemPath) {
  process.stderr.write('usage: receive-child.ts <dataDir> <modemPath>\n');
  process.exit(2);
}

const backend = createBackend({ dataDir, modems: [{ path: modemPath, profile: 'generic' }], reconnectDelayMs: 500 });
await backend.start();
process.stdout.write(JSON.stringify({ event: 'started' }) + '\n');
// Keeps receiving until SIGKILL.
setInterval(() => undefined, 60_000);
