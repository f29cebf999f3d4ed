/**
 * The desktop host on a full disk (issue 10 item 5), against the stand-in `electron` module: the
 * same composition root as `ujumbe serve`, so a send the full disk refuses comes back through IPC
 * as `disk-full`, app.info and the `storage.status` event carry the disk's state, and sending
 * resumes by itself once there is room. The "disk" is filled with SQLite's max_page_count on the
 * app's own connection (test/support/full-disk.ts), reached by spying on Store.observeWrites.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/rpc/bridge.ts';
import { Store } from '../../../electron/backend/store/store.ts';
import { fillDisk, freeDisk } from '../../support/full-disk.ts';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

// statfs stands in: 40 GiB free, whatever this machine has.
vi.mock('../../../electron/backend/disk/free-space.ts', () => ({ statfsFreeSpace: async () => 40 * 1024 ** 3 }));

let rig: DesktopRig;
/** The app's Store, as createBackend hands it its write observer. */
const stores: Store[] = [];

function storageEvents(): Array<{ state: string }> {
  return rig
    .window()
    .webContents.send.mock.calls.filter(([channel, envelope]) => channel === IPC_CHANNELS.event && (envelope as { event?: string }).event === 'storage.status')
    .map(([, envelope]) => (envelope as { payload: { state: string } }).payload);
}

const sms = (text: string) => ({ to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text });

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-disk-', modem: 'simulator' });
  const observe = Store.prototype.observeWrites;
  vi.spyOn(Store.prototype, 'observeWrites').mockImplementation(function (this: Store, observer) {
    if (observer !== null) stores.push(this);
    observe.call(this, observer);
  });
  await rig.launch();
});

afterAll(() => rig.close());

describe('the desktop host on a full disk', () => {
  it('refuses a send with disk-full through IPC, announces the state, and sends again once there is room', async () => {
    // The first request starts the backend; its first look at the free space follows at once.
    await vi.waitFor(async () => expect(await rig.ask('app.info', {})).toMatchObject({ ok: true, result: { host: 'electron', storage: { state: 'ok', freeBytes: 40 * 1024 ** 3 } } }));
    await vi.waitFor(async () => expect((await rig.ask('gateways.list', {})).result).toEqual([expect.objectContaining({ state: 'running' })]), { timeout: 15_000, interval: 50 });
    expect((await rig.ask('messages.send', sms('before'))).ok).toBe(true);
    await vi.waitFor(() => expect(rig.sim.received).toHaveLength(1), { timeout: 15_000, interval: 50 });

    fillDisk(stores[0]!.db);
    const refused = await rig.ask('messages.send', sms('while full'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk-full', message: 'The disk is full: free some space; no message was saved.', details: { dataDir: rig.dataDir } } });
    expect(await rig.ask('app.info', {})).toMatchObject({ result: { storage: { state: 'disk-full' } } });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'disk-full' });

    freeDisk(stores[0]!.db);
    expect((await rig.ask('messages.send', sms('after'))).ok).toBe(true);
    await vi.waitFor(() => expect(rig.sim.received.map((r) => r.decoded.text)).toEqual(['before', 'after']), { timeout: 15_000, interval: 50 });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'ok' });
  });

  it('warns when the free space is under the threshold (setting lowSpaceMb)', async () => {
    expect(await rig.ask('settings.update', { lowSpaceMb: 100_000 })).toMatchObject({ ok: true, result: { lowSpaceMb: 100_000 } });
    expect(await rig.ask('app.info', {})).toMatchObject({ result: { storage: { state: 'low-space', lowSpaceBytes: 100_000 * 1024 ** 2 } } });
    expect(storageEvents().at(-1)).toMatchObject({ state: 'low-space' });
    expect((await rig.ask('settings.update', { lowSpaceMb: 0 })).error).toMatchObject({ code: 'invalid-params' });
  });
});
