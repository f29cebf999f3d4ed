// A full disk while Ujumbe runs (issue 10 item 5), through the real serialport to the simulator
// on a pty: the backend says so (storage state `disk-full`), keeps what it cannot write where it
// is safe (the SIM, memory), and resumes by itself as soon as writes succeed again — no restart,
// no waiting for the 60 s backstop sweep or the 5-minute SIM sweep. The "disk" is filled with
// SQLite's max_page_count (test/support/full-disk.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../../../electron/backend/create-backend.ts';
import { ModemSimulator } from '../../../electron/modem-sim/index.ts';
import { fillDisk, freeDisk } from '../../support/full-disk.ts';
import { inbox, send, statusBecomes, until } from '../receiving/fixture.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Writes a full disk refused are tried again this soon (the default is 5 s for the dispatcher,
// 10 s for receiving): short, so the test is quick; both are far below the backstops (60 s and
// 5 min) that today's code waits for.
const WRITE_RETRY_MS = 100;

async function setUp(): Promise<{ sim: ModemSimulator; backend: Backend }> {
  const sim = await ModemSimulator.start({ profile: 'huawei' });
  cleanups.push(() => sim.stop());
  const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-disk-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const backend = createBackend({
    dataDir,
    modems: [{ path: sim.path }],
    reconnectDelayMs: 200,
    detection: false,
    storage: { writeRetryMs: WRITE_RETRY_MS, freeSpace: async () => 40 * 1024 ** 3 },
  });
  cleanups.push(() => backend.stop({ deadlineMs: 2_000 }));
  return { sim, backend };
}

const running = (backend: Backend) => until(() => backend.gateways().every((g) => g.canSend()), 'modem running');

describe('a full disk', () => {
  it('holds a queued message while the claim cannot be written, and sends it as soon as there is room', async () => {
    const { sim, backend } = await setUp();
    // Accepted before the disk filled: it must stay, and go.
    const id = send(backend, '+254712345678', 'Kumbusho: kliniki kesho saa tatu');
    fillDisk(backend.store.db);
    await backend.start();
    await until(() => backend.storage.status().state === 'disk-full', 'the claim refused for a full disk');
    expect(backend.store.recipients.get(id)?.status).toBe('outbox');
    expect(sim.received).toHaveLength(0);

    freeDisk(backend.store.db);
    await statusBecomes(backend, id, 'sent');
    expect(sim.received).toHaveLength(1);
    expect(backend.storage.status().state).toBe('ok');
  });

  it('records a send whose result could not be written, without a restart and without sending it twice', async () => {
    const { sim, backend } = await setUp();
    await backend.start();
    await running(backend);
    // The disk fills while the modem takes the SMS: it went out, `sent` cannot be written.
    sim.once('submit', () => fillDisk(backend.store.db));
    const id = send(backend, '+254712345678', 'Habari');
    await until(() => backend.storage.status().state === 'disk-full', 'the result refused for a full disk');
    expect(sim.received).toHaveLength(1);
    expect(backend.store.recipients.get(id)?.status).toBe('sending');

    freeDisk(backend.store.db);
    await statusBecomes(backend, id, 'sent');
    expect(sim.received).toHaveLength(1);
    expect(backend.store.recipients.get(id)?.gatewayRefs).toEqual([String(sim.received[0]!.reference)]);
  });

  it('leaves an SMS that came while the disk was full on the SIM, and stores it once writes succeed', async () => {
    const { sim, backend } = await setUp();
    await backend.start();
    await running(backend);
    fillDisk(backend.store.db);
    sim.deliverSms({ from: '+254712345678', text: 'Nitakuja kesho asubuhi' });
    await until(() => backend.storage.status().state === 'disk-full', 'the commit refused for a full disk');
    expect(inbox(backend).filter((m) => m.content === 'Nitakuja kesho asubuhi')).toHaveLength(0);
    expect(sim.storage.used).toBe(1);

    freeDisk(backend.store.db);
    await until(() => inbox(backend).some((m) => m.content === 'Nitakuja kesho asubuhi') && sim.storage.used === 0, 'stored, then deleted from the SIM');
    expect(inbox(backend).filter((m) => m.content === 'Nitakuja kesho asubuhi')).toHaveLength(1);
    expect(backend.storage.status().state).toBe('ok');
  });

  it('keeps a delivery report that came while the disk was full, and applies it once writes succeed', async () => {
    const { sim, backend } = await setUp();
    await backend.start();
    await running(backend);
    const id = send(backend, '+254712345678', 'Karibu kliniki');
    await statusBecomes(backend, id, 'sent');
    fillDisk(backend.store.db);
    // Huawei profile: +CDS straight from the network, stored nowhere else.
    sim.reportDelivery(sim.received[0]!.reference, { status: 0x00 });
    await until(() => backend.receiving.diskFull.heldReports === 1, 'the report held in memory');
    expect(backend.store.recipients.get(id)?.status).toBe('sent');
    expect(backend.storage.status().state).toBe('disk-full');

    freeDisk(backend.store.db);
    await statusBecomes(backend, id, 'delivered');
    expect(backend.receiving.diskFull.heldReports).toBe(0);
  });
});
