import { describe, expect, it } from 'vitest';
import { PortWatcher, diffPorts } from '../../../electron/backend/gateways/modem/port-watcher.ts';
import type { PortProber, WatchedModem } from '../../../electron/backend/gateways/modem/port-watcher.ts';

describe('diffPorts', () => {
  it('says which paths are new and which are gone', () => {
    expect(diffPorts(new Set(['/dev/ttyUSB0', '/dev/ttyS0']), ['/dev/ttyS0', '/dev/ttyUSB2', '/dev/ttyUSB3'])).toEqual({
      added: ['/dev/ttyUSB2', '/dev/ttyUSB3'],
      removed: ['/dev/ttyUSB0'],
    });
    expect(diffPorts(new Set(['/dev/ttyS0']), ['/dev/ttyS0'])).toEqual({ added: [], removed: [] });
    expect(diffPorts(new Set(), ['/dev/ttyUSB0', '/dev/ttyUSB0'])).toEqual({ added: ['/dev/ttyUSB0'], removed: [] });
  });
});

function fakeModem(path: string, imei: string, state: string): WatchedModem & { attached: string[]; vanished: number } {
  const modem = {
    id: 'modem-1',
    path,
    imei,
    attached: [] as string[],
    vanished: 0,
    status: () => ({ state }),
    attach: (to: string) => {
      modem.attached.push(to);
      modem.path = to;
      return Promise.resolve(true);
    },
    portVanished: () => {
      modem.vanished += 1;
    },
  };
  return modem;
}

describe('PortWatcher', () => {
  it('probes only new paths; moves a disconnected gateway with the same IMEI; reports others; a vanished path is an unplug', async () => {
    let ports = ['/dev/ttyS0', '/dev/ttyUSB0'];
    const probed: string[] = [];
    const imeis: Record<string, string> = { '/dev/ttyUSB2': '111', '/dev/ttyUSB3': '222' };
    const probe: PortProber = (path) => {
      probed.push(path);
      const imei = imeis[path];
      return Promise.resolve({ path, answers: imei !== undefined, identity: imei === undefined ? null : { manufacturer: 'x', model: 'y', revision: null, imei, imsi: null } });
    };
    const modem = fakeModem('/dev/ttyUSB0', '111', 'running');
    const watcher = new PortWatcher({ list: () => Promise.resolve(ports), probe, modems: () => [modem], intervalMs: 60_000 });
    await watcher.start();
    expect(probed).toEqual([]); // the first list is the starting point

    ports = ['/dev/ttyS0'];
    await watcher.poll();
    expect(modem.vanished).toBe(1);

    ports = ['/dev/ttyS0', '/dev/ttyUSB2', '/dev/ttyUSB3', '/dev/ttyACM0'];
    const running = modem.status;
    modem.status = () => ({ state: 'disconnected' });
    await watcher.poll();
    expect(probed.sort()).toEqual(['/dev/ttyACM0', '/dev/ttyUSB2', '/dev/ttyUSB3']);
    expect(modem.attached).toEqual(['/dev/ttyUSB2']);
    expect(watcher.appeared().map((m) => m.path)).toEqual(['/dev/ttyUSB3']);
    modem.status = running;
    await watcher.stop();
  });
});
