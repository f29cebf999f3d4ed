// /proc parsing on a fake tree: /proc/<pid>/comm and /proc/<pid>/fd/<n> symlinks in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProgram, isPtySlave, listProcesses, scanOpenDevices } from '../../../electron/backend/doctor/proc-scan.ts';
import { fakeProcess } from './fake-tree.ts';

let proc: string;

beforeEach(() => {
  proc = mkdtempSync(join(tmpdir(), 'ujumbe-proc-'));
});
afterEach(() => rmSync(proc, { recursive: true, force: true }));

describe('listProcesses', () => {
  it('lists numeric folders with their comm, sorted by pid; other entries are not processes', async () => {
    fakeProcess(proc, 812, 'ModemManager');
    fakeProcess(proc, 1, 'systemd');
    fakeProcess(proc, 4411, null); // ended between readdir and read
    mkdirSync(join(proc, 'self'));
    writeFileSync(join(proc, 'uptime'), '1.0 1.0\n');
    await expect(listProcesses(proc)).resolves.toEqual([
      { pid: 1, program: 'systemd' },
      { pid: 812, program: 'ModemManager' },
      { pid: 4411, program: '' },
    ]);
  });

  it('is empty when /proc cannot be read', async () => {
    expect(await listProcesses(join(proc, 'missing'))).toEqual([]);
  });

  it('finds a program by its exact name', async () => {
    fakeProcess(proc, 812, 'ModemManager');
    fakeProcess(proc, 813, 'ModemManagerX');
    expect(findProgram(await listProcesses(proc), 'ModemManager')).toEqual([{ pid: 812, program: 'ModemManager' }]);
  });
});

describe('scanOpenDevices', () => {
  it('names the processes holding each device, once per process, skipping the given pids', async () => {
    fakeProcess(proc, 812, 'ModemManager', { 0: '/dev/null', 7: '/dev/ttyUSB2', 9: '/dev/ttyUSB2', 10: 'socket:[123]' });
    fakeProcess(proc, 4411, 'minicom', { 3: '/dev/ttyUSB0', 4: '/dev/ttyUSB2' });
    fakeProcess(proc, 99, 'node', { 20: '/dev/ttyUSB0' }); // ourselves
    fakeProcess(proc, 50, 'bash', { 0: '/dev/pts/1' });
    const scan = await scanOpenDevices(proc, ['/dev/ttyUSB0', '/dev/ttyUSB2', '/dev/ttyACM0'], [99]);
    expect(scan.holders.get('/dev/ttyUSB2')).toEqual([
      { pid: 812, program: 'ModemManager', device: '/dev/ttyUSB2', ptyMaster: false },
      { pid: 4411, program: 'minicom', device: '/dev/ttyUSB2', ptyMaster: false },
    ]);
    expect(scan.holders.get('/dev/ttyUSB0')).toEqual([{ pid: 4411, program: 'minicom', device: '/dev/ttyUSB0', ptyMaster: false }]);
    expect(scan.holders.has('/dev/ttyACM0')).toBe(false);
    expect(scan.processes.map((p) => p.pid)).toEqual([50, 99, 812, 4411]);
  });

  it("flags a pty's maker (it holds /dev/ptmx too), so its own slave is not taken for a user of the port", async () => {
    fakeProcess(proc, 300, 'socat', { 5: '/dev/ptmx', 6: '/dev/pts/3', 7: '/dev/ptmx', 8: '/dev/pts/4' });
    fakeProcess(proc, 301, 'minicom', { 3: '/dev/pts/3' });
    const scan = await scanOpenDevices(proc, ['/dev/pts/3']);
    expect(scan.holders.get('/dev/pts/3')).toEqual([
      { pid: 300, program: 'socat', device: '/dev/pts/3', ptyMaster: true },
      { pid: 301, program: 'minicom', device: '/dev/pts/3', ptyMaster: false },
    ]);
    expect(isPtySlave('/dev/pts/3')).toBe(true);
    expect(isPtySlave('/dev/ptmx')).toBe(false);
    expect(isPtySlave('/dev/ttyUSB0')).toBe(false);
  });

  it('skips a process whose fd folder is not a folder, and asks nothing when no device is wanted', async () => {
    mkdirSync(join(proc, '77'));
    writeFileSync(join(proc, '77', 'comm'), 'odd\n');
    writeFileSync(join(proc, '77', 'fd'), 'not a folder');
    fakeProcess(proc, 78, 'cat', { 3: '/dev/ttyUSB0' });
    expect((await scanOpenDevices(proc, ['/dev/ttyUSB0'])).holders.get('/dev/ttyUSB0')?.map((h) => h.pid)).toEqual([78]);
    const none = await scanOpenDevices(proc, []);
    expect(none.holders.size).toBe(0);
    expect(none.processes).toHaveLength(2);
  });
});
