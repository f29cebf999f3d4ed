/** gateways.appeared: modems plugged in that nobody set up, only reported (issue 5). */
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

describe('gateways.appeared through the contract', () => {
  let h: ApiHarness;
  afterEach(() => h.close());

  it('is empty when serial ports are not watched', async () => {
    h = await makeApiHarness();
    expect(h.backend.ports).toBeNull();
    expect(await h.client.call('gateways.appeared', {})).toEqual([]);
  });

  it('lists a modem that answered on a new port (path, maker, model, IMEI) and adds no gateway for it', async () => {
    let paths: string[] = ['/dev/ttyS0'];
    h = await makeApiHarness({
      backend: {
        portWatch: {
          list: () => Promise.resolve(paths),
          probe: (path) => Promise.resolve({ path, answers: true, identity: { manufacturer: 'huawei', model: 'E3131', revision: null, imei: '861234567890123', imsi: null } }),
          intervalMs: 60_000,
        },
      },
    });
    expect(await h.client.call('gateways.appeared', {})).toEqual([]);
    paths = ['/dev/ttyS0', '/dev/ttyUSB3'];
    await h.backend.ports?.poll();
    expect(await h.client.call('gateways.appeared', {})).toEqual([{ path: '/dev/ttyUSB3', manufacturer: 'huawei', model: 'E3131', imei: '861234567890123' }]);
    expect((await h.client.call('gateways.list', {})).map((g) => g.id)).toEqual(['modem-1']);
  });
});
