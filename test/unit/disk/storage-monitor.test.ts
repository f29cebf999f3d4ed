// The storage monitor (electron/backend/disk/storage-monitor.ts): the state from the facts, free
// space looked at on the slow named timer (fake clock, injected statfs), `disk-full` set by a
// failed write and cleared by the next write that succeeds.
import { describe, expect, it } from 'vitest';
import type { StorageStatusDto } from '../../../src-shared/contract/storage.ts';
import { STORAGE_TIMERS, StorageMonitor, storageState } from '../../../electron/backend/disk/storage-monitor.ts';
import { DiskFullError } from '../../../electron/backend/store/disk-full.ts';
import { flush } from '../../support/backbone.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const MIB = 1024 * 1024;

describe('storageState', () => {
  it('puts a failed write first, then the free space against the threshold', () => {
    expect(storageState({ diskFull: true, freeBytes: 10_000 * MIB, lowSpaceBytes: 500 * MIB })).toBe('disk-full');
    expect(storageState({ diskFull: false, freeBytes: 499 * MIB, lowSpaceBytes: 500 * MIB })).toBe('low-space');
    expect(storageState({ diskFull: false, freeBytes: 500 * MIB, lowSpaceBytes: 500 * MIB })).toBe('ok');
    // Not known (an in-memory database): nothing to warn about until a write fails.
    expect(storageState({ diskFull: false, freeBytes: null, lowSpaceBytes: 500 * MIB })).toBe('ok');
  });
});

function monitor(free: { bytes: number }, lowSpaceMb = 500) {
  const clock = new FakeClock();
  const settings = { lowSpaceMb };
  const m = new StorageMonitor({ dataDir: '/data', lowSpaceMb: () => settings.lowSpaceMb, freeSpace: async () => free.bytes, clock, timers: clock });
  const changes: StorageStatusDto[] = [];
  const recovered: StorageStatusDto[] = [];
  m.onChange((s) => changes.push(s));
  m.onRecovered((s) => recovered.push(s));
  return { clock, m, changes, recovered, settings };
}

describe('StorageMonitor', () => {
  it('looks at the free space at start and on the slow timer, and warns under the threshold', async () => {
    const free = { bytes: 2_000 * MIB };
    const { clock, m, changes } = monitor(free);
    m.start();
    await flush();
    expect(m.status()).toEqual({ state: 'ok', freeBytes: 2_000 * MIB, lowSpaceBytes: 500 * MIB, checkedAt: clock.iso() });
    expect(changes).toEqual([]);
    expect(clock.pendingDelays()).toEqual([STORAGE_TIMERS.freeSpaceCheck]);

    free.bytes = 100 * MIB;
    clock.advance(STORAGE_TIMERS.freeSpaceCheck);
    await flush();
    expect(changes.map((c) => c.state)).toEqual(['low-space']);
    expect(m.spaceLow()).toBe(true);
    m.stop();
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('follows the threshold setting when it changes', async () => {
    const { m, changes, settings } = monitor({ bytes: 2_000 * MIB });
    m.start();
    await flush();
    settings.lowSpaceMb = 5_000;
    m.thresholdChanged();
    expect(changes.map((c) => c.state)).toEqual(['low-space']);
    expect(m.status().lowSpaceBytes).toBe(5_000 * MIB);
    m.stop();
  });

  it('is disk-full from a failed write until a write succeeds, and says when writes recovered', async () => {
    const { m, changes, recovered } = monitor({ bytes: 0 });
    m.start();
    await flush();
    expect(m.status().state).toBe('low-space');
    m.writeFailed(new DiskFullError('/data'));
    m.writeFailed(new DiskFullError('/data'));
    expect(m.status().state).toBe('disk-full');
    m.writeSucceeded();
    expect(m.status().state).toBe('low-space');
    await flush();
    // Each move once (a look while the state is not `ok` repeats it, with the new figure).
    expect(changes.map((c) => c.state).filter((state, i, all) => state !== all[i - 1])).toEqual(['low-space', 'disk-full', 'low-space']);
    expect(recovered).toHaveLength(1);
    // A success while all is well is no news.
    m.writeSucceeded();
    expect(recovered).toHaveLength(1);
    m.stop();
  });

  it('never looks without a data folder (an in-memory database)', async () => {
    const clock = new FakeClock();
    const m = new StorageMonitor({ dataDir: null, lowSpaceMb: () => 500, freeSpace: async () => 1, clock, timers: clock });
    m.start();
    await flush();
    expect(m.status()).toMatchObject({ state: 'ok', freeBytes: null, checkedAt: null });
    expect(clock.pendingDelays()).toEqual([]);
  });
});
