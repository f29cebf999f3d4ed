// serialport can miss an unplug: a hung-up tty reads 0 bytes, which @serialport/bindings-cpp
// retries for ever, so `close` never comes (docs/ARCHITECTURE.md "This machine"). The driver
// asks the port whether its device is still the one at its path; sameDeviceCheck answers that
// from inodes. Real files for the check; a scripted port and a fake clock for the driver.
import { closeSync, mkdtempSync, openSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModemDriver, sameDeviceCheck } from '../../../electron/backend/gateways/modem/modem-driver.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakePort } from '../../support/fake-port.ts';

const dirs: string[] = [];
const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openedLink(): { link: string; target: string; dir: string; fd: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ujumbe-port-gone-'));
  dirs.push(dir);
  const target = join(dir, 'pts-1');
  writeFileSync(target, '');
  const link = join(dir, 'ttyModem');
  symlinkSync(target, link);
  const fd = openSync(link, 'r');
  fds.push(fd);
  return { link, target, dir, fd };
}

describe.skipIf(process.platform === 'win32')('sameDeviceCheck', () => {
  it('is true while the path still leads to the open device', () => {
    const { link, fd } = openedLink();
    expect(sameDeviceCheck(link, fd)?.()).toBe(true);
  });

  it('is false once the path is gone', () => {
    const { link, fd } = openedLink();
    const check = sameDeviceCheck(link, fd)!;
    unlinkSync(link);
    expect(check()).toBe(false);
  });

  it('is false when the path now leads to another device (re-plugged: a new node)', () => {
    const { link, target, dir, fd } = openedLink();
    const check = sameDeviceCheck(link, fd)!;
    renameSync(target, join(dir, 'old'));
    writeFileSync(target, '');
    expect(check()).toBe(false);
  });

  it('gives no check without a descriptor', () => {
    expect(sameDeviceCheck('/dev/ttyUSB0', undefined)).toBeNull();
  });
});

describe('the driver checks its port', () => {
  it('says disconnected when the device is gone although the port never closed', async () => {
    const clock = new FakeClock();
    let there = true;
    const port = Object.assign(new FakePort(), { stillThere: () => there });
    const driver = new ModemDriver({ path: '/dev/ttyUSB0', openPort: async () => port, timers: clock, portCheckMs: 2_000 });
    let disconnected = 0;
    driver.on('disconnected', () => (disconnected += 1));
    await driver.open();
    clock.advance(6_000);
    expect(disconnected).toBe(0);
    there = false;
    clock.advance(2_000);
    expect(disconnected).toBe(1);
    clock.advance(10_000);
    expect(disconnected).toBe(1);
    await driver.close();
  });

  it('stops checking once closed', async () => {
    const clock = new FakeClock();
    let asked = 0;
    const port = Object.assign(new FakePort(), { stillThere: () => (asked += 1) > 0 });
    const driver = new ModemDriver({ path: '/dev/ttyUSB0', openPort: async () => port, timers: clock, portCheckMs: 2_000 });
    await driver.open();
    clock.advance(4_000);
    expect(asked).toBe(2);
    await driver.close();
    clock.advance(10_000);
    expect(asked).toBe(2);
  });
});
