/**
 * gateways.* that change what is saved, through the contract (in-memory transport, real
 * handlers, in-memory SQLite): detection's findings come from an injected list and probe, and a
 * port never opens (the modem gateways' openPort refuses), so only the configuration is tested.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ModemIdentity } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import type { PortProbeResult } from '../../../electron/backend/gateways/modem/discovery/port-probe.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

const identity = (imei: string, model = 'E3131'): ModemIdentity => ({ manufacturer: 'huawei', model, revision: null, imei, imsi: null });

describe('gateway configuration through the contract', () => {
  let h: ApiHarness;
  let plugged: Record<string, string> = {};
  afterEach(() => h.close());

  /** COM-style names: the system's list is all there is (no file to look at, as on Windows). */
  async function harness(): Promise<ApiHarness> {
    const probe = async (path: string): Promise<PortProbeResult> =>
      plugged[path] ? { path, outcome: 'modem', identity: identity(plugged[path]!), smsPort: true, technical: null } : { path, outcome: 'no-answer', identity: null, smsPort: null, technical: 'nothing answered AT' };
    h = await makeApiHarness({
      gateways: [],
      backend: {
        detection: { patterns: [], list: async () => Object.keys(plugged).map((path) => ({ path, vendorId: '12d1' })), probe, watch: false, pollMs: 60_000, listEveryMs: 0, retryDelaysMs: [] },
        openPort: () => Promise.reject(new Error('Error: No such file or directory, cannot open')),
      },
    });
    return h;
  }

  it('adopts the first modem found without a click and announces it; the list shows what was tried', async () => {
    plugged = { COM7: '356938035643809', COM9: '' };
    await harness();
    const added = h.nextEvent('gateway.added');
    const report = await h.client.call('gateways.rescan', {});
    expect((await added)).toMatchObject({ id: 'modem:356938035643809', kind: 'modem', saved: true, enabled: true, label: 'Huawei E3131' });
    expect(report.ports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'COM7', outcome: 'in-use', gatewayId: 'modem:356938035643809', imei: '356938035643809' }),
        expect.objectContaining({ path: 'COM9', outcome: 'no-answer', technical: 'nothing answered AT' }),
      ]),
    );
    expect(await h.client.call('gateways.discovery', {})).toMatchObject({ scanning: false, lastScanAt: expect.any(String), offered: [] });
    // A saved modem that is not plugged in is listed, waiting for its modem.
    expect(await h.client.call('gateways.list', {})).toEqual([expect.objectContaining({ id: 'modem:356938035643809', state: 'disconnected', problem: { code: 'waiting-for-modem' } })]);
  });

  it('offers a later modem when automatic use is off: Use this modem adopts it, Ignore never offers it again', async () => {
    plugged = { COM7: '356938035643809' };
    await harness();
    await h.client.call('gateways.rescan', {});
    await h.client.call('settings.update', { autoAdoptModems: false });
    plugged = { COM7: '356938035643809', COM8: '861234567890123', COM10: '861234567890999' };
    const report = await h.client.call('gateways.rescan', {});
    expect(report.offered.map((o) => o.path).sort()).toEqual(['COM10', 'COM8']);
    expect(await h.client.call('gateways.adopt', { path: 'COM8' })).toMatchObject({ id: 'modem:861234567890123', saved: true });
    const ignored = await h.client.call('gateways.ignore', { path: 'COM10' });
    expect(ignored.offered).toEqual([]);
    expect(ignored.ports.find((p) => p.path === 'COM10')).toMatchObject({ outcome: 'ignored' });
    expect((await h.client.call('gateways.rescan', {})).ports.find((p) => p.path === 'COM10')).toMatchObject({ outcome: 'ignored' });
    expect(await failureOf(h.client.call('gateways.adopt', { path: 'COM10' }))).toMatchObject({ code: 'not-found' });
    expect((await h.client.call('gateways.list', {})).map((g) => g.id)).toEqual(['modem:356938035643809', 'modem:861234567890123']);
  });

  it('renames, disables and enables a saved modem; a disabled one is listed from its row with its port closed', async () => {
    plugged = { COM7: '356938035643809' };
    await harness();
    await h.client.call('gateways.rescan', {});
    const id = 'modem:356938035643809';
    const renamed = h.nextEvent('gateway.status', (v) => v.label === 'Front desk');
    expect(await h.client.call('gateways.rename', { id, label: '  Front desk ' })).toMatchObject({ label: 'Front desk' });
    await renamed;
    const disabled = await h.client.call('gateways.setEnabled', { id, enabled: false });
    expect(disabled).toMatchObject({ id, enabled: false, state: 'stopped', problem: { code: 'disabled' }, label: 'Front desk', detail: { imei: '356938035643809', port: 'COM7' } });
    expect(h.backend.gateways()).toEqual([]);
    expect((await h.client.call('gateways.rescan', {})).ports[0]).toMatchObject({ path: 'COM7', outcome: 'disabled', gatewayId: id });
    expect(h.backend.gateways()).toEqual([]);
    expect(await h.client.call('gateways.setEnabled', { id, enabled: true })).toMatchObject({ id, enabled: true });
    expect(h.backend.gateways().map((g) => g.id)).toEqual([id]);
    expect(await failureOf(h.client.call('gateways.rename', { id: 'nope', label: 'x' }))).toMatchObject({ code: 'not-found' });
    expect(await failureOf(h.client.call('gateways.rename', { id, label: '   ' }))).toMatchObject({ code: 'invalid-params' });
  });

  it('forgets a modem: gone from the list, announced, and detection leaves it alone from then on', async () => {
    plugged = { COM7: '356938035643809' };
    await harness();
    await h.client.call('gateways.rescan', {});
    const removed = h.nextEvent('gateway.removed');
    expect(await h.client.call('gateways.forget', { id: 'modem:356938035643809' })).toEqual({ id: 'modem:356938035643809' });
    expect(await removed).toEqual({ id: 'modem:356938035643809' });
    expect(await h.client.call('gateways.list', {})).toEqual([]);
    expect((await h.client.call('gateways.rescan', {})).ports[0]).toMatchObject({ outcome: 'ignored' });
    expect(await h.client.call('gateways.list', {})).toEqual([]);
    expect(await failureOf(h.client.call('gateways.forget', { id: 'modem:356938035643809' }))).toMatchObject({ code: 'not-found' });
  });

  it('adds a modem by port name: saved and pinned; a wildcard, a port that is not there, or one already saved is refused', async () => {
    plugged = {};
    await harness();
    // /dev/null stands in for a device file that exists (the port never opens in this test).
    expect(await h.client.call('gateways.addPort', { path: '/dev/null' })).toMatchObject({ id: 'modem:/dev/null', saved: true, detail: { port: '/dev/null' } });
    expect(h.backend.manager.record('modem:/dev/null')).toMatchObject({ pinned: true, lastPath: '/dev/null' });
    expect(await failureOf(h.client.call('gateways.addPort', { path: '/dev/ttyUSB*' }))).toMatchObject({ code: 'invalid-params' });
    expect(await failureOf(h.client.call('gateways.addPort', { path: '' }))).toMatchObject({ code: 'invalid-params' });
    expect(await failureOf(h.client.call('gateways.addPort', { path: '/dev/ttyNOPE9' }))).toMatchObject({ code: 'validation', details: { issues: [{ where: 'path', rule: 'port.not-found' }] } });
    expect(await failureOf(h.client.call('gateways.addPort', { path: '/dev/null' }))).toMatchObject({ code: 'conflict', details: { gatewayId: 'modem:/dev/null' } });
    // A COM name has no file to look at: taken as given.
    expect(await h.client.call('gateways.addPort', { path: 'COM12' })).toMatchObject({ id: 'modem:COM12' });
    expect(h.backend.manager.records().map((r) => r.id)).toEqual(['modem:/dev/null', 'modem:COM12']);
  });

  it('the demo modem is not saved: it cannot be renamed or disabled', async () => {
    plugged = {};
    await harness();
    h.backend.manager.addUnsavedModem('demo-modem', '/tmp/nowhere');
    expect(await failureOf(h.client.call('gateways.rename', { id: 'demo-modem', label: 'x' }))).toMatchObject({ code: 'not-supported' });
    expect(await failureOf(h.client.call('gateways.setEnabled', { id: 'demo-modem', enabled: false }))).toMatchObject({ code: 'not-supported' });
  });
});
