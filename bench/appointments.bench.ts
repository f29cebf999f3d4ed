/**
 * Booking a day list (issue 11 "Tests and benchmark"): 10,000 appointments imported through
 * AppointmentService.importRows with a 3-step plan (day before 09:00, on the day 07:00, 2 hours
 * before), i.e. 30,000 scheduled SMS. Reported: total time (goal ≤ 1 s), the longest event-loop
 * block while it runs (goal ≤ 50 ms: the import yields between chunks, measured by a 1 ms
 * setInterval probe), heap before and after, and the same list again (nothing changes).
 * A real SQLite file (WAL, synchronous=FULL) in a temp folder; no modem (the rows wait as
 * scheduled, so nothing is sent). A 20-row list is imported first, as a running app has
 * checked numbers before (the phone metadata's first load is not the import's cost).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/create-backend.ts';
import { ScriptedGateway } from '../test/support/scripted-gateway.ts';
import { msBetween, now } from './scoped.ts';
import type { BenchSuite } from './suites.ts';
import { printTable } from './timing.ts';

const APPOINTMENTS = 10_000;

function dayList(startDay: Date, first = 0): Array<{ name: string; phone: string; date: string; time: string; service: string; externalId: string; language: string }> {
  const date = startDay.toISOString().slice(0, 10);
  const languages = ['sw', 'en', 'fr'];
  return Array.from({ length: APPOINTMENTS }, (_, n) => n + first).map((i) => ({
    name: `Mgonjwa ${i} Otieno`,
    phone: `+2547${String(10_000_000 + i).padStart(8, '0').slice(-8)}`,
    date,
    time: `${String(8 + Math.floor((i % 540) / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    service: 'ANC',
    externalId: `EMR-${i}`,
    language: languages[i % 3]!,
  }));
}

/** Heap in use after a full collection (the bench runs with --expose-gc; without it, as it is). */
function heapAfterGc(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** The longest gap between 1 ms ticks while `work` runs: how long the event loop was held. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockMs: number }> {
  let last = now();
  let longest = 0;
  const probe = setInterval(() => {
    const t = now();
    longest = Math.max(longest, msBetween(last, t));
    last = t;
  }, 1);
  try {
    const result = await work();
    return { result, blockMs: longest };
  } finally {
    clearInterval(probe);
  }
}

export const appointmentsSuite: BenchSuite = {
  name: 'appointments',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-bench-appointments-'));
    const backend = createBackend({ dataDir, detection: false, dataFolderLock: false, gateways: [new ScriptedGateway({ id: 'modem-1' })] });
    try {
      backend.store.settings.set('timeZone', 'Africa/Nairobi');
      backend.store.reminderPlans.put(
        {
          id: 'default',
          name: 'Three steps',
          services: [],
          steps: [
            { kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' },
            { kind: 'days-before', days: 0, at: '07:00', template: 'reminder-on-the-day' },
            { kind: 'hours-before', hours: 2, template: 'reminder-on-the-day' },
          ],
        },
        new Date().toISOString(),
      );
      // A running app has checked numbers and filled texts before: warm the phone metadata and
      // the code paths with a 20-row list a week later, so the figures are the import's own.
      await backend.appointments.importRows(dayList(new Date(Date.now() + 10 * 86_400_000)).slice(0, 20).map((r, i) => ({ ...r, externalId: `WARM-${i}`, phone: `+2547${String(20_000_000 + i).slice(-8)}` })));
      const rows = dayList(new Date(Date.now() + 3 * 86_400_000));
      const heapBefore = heapAfterGc();
      const started = now();
      const { result, blockMs } = await longestBlock(() => backend.appointments.importRows(rows));
      const totalMs = msBetween(started, now());
      const againStarted = now();
      const again = await backend.appointments.importRows(rows);
      const againMs = msBetween(againStarted, now());
      if (result.errors.length > 0 || result.booked !== APPOINTMENTS) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 300)}`);
      rows.length = 0;
      const heapWith30k = heapAfterGc();
      // Another day's list, other patients: 60,000 reminders now wait. The heap should not follow.
      const second = await backend.appointments.importRows(dayList(new Date(Date.now() + 4 * 86_400_000), APPOINTMENTS));
      if (second.booked !== APPOINTMENTS) throw new Error(`second import failed: ${JSON.stringify(second).slice(0, 300)}`);
      const heapWith60k = heapAfterGc();
      printTable(
        ['figure', 'value', 'goal'],
        [
          ['appointments booked', String(result.booked), String(APPOINTMENTS)],
          ['reminders scheduled', String(result.reminders), String(APPOINTMENTS * 3)],
          ['total time (ms)', totalMs.toFixed(0), '≤ 1000'],
          ['rows per second', ((APPOINTMENTS / totalMs) * 1000).toFixed(0), ''],
          ['longest event-loop block (ms)', blockMs.toFixed(1), '≤ 50'],
          ['heap after GC: none / 30,000 / 60,000 waiting (MiB)', [heapBefore, heapWith30k, heapWith60k].map((h) => (h / 2 ** 20).toFixed(1)).join(' / '), 'flat'],
          ['same list again (ms)', againMs.toFixed(0), `${again.unchanged} unchanged, ${again.booked} booked`],
        ],
      );
    } finally {
      await backend.stop({ deadlineMs: 1_000 });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
