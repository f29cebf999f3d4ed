// /proc parsing on a fake tree: /proc/<pid>/comm and /proc/<pid>/fd/<n> symlinks in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProgram, isPtySlave, isUjumbeCommand, listProcesses, readCommandLine, scanOpenDevices } from '../../../electron/backend/doctor/proc-scan.ts';
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
      { pid: 812, program: 'ModemManager', device: '/dev/ttyUSB2', ptyMaster: false, ujumbe: false },
      { pid: 4411, program: 'minicom', device: '/dev/ttyUSB2', ptyMaster: false, ujumbe: false },
    ]);
    expect(scan.holders.get('/dev/ttyUSB0')).toEqual([{ pid: 4411, program: 'minicom', device: '/dev/ttyUSB0', ptyMaster: false, ujumbe: false }]);
    expect(scan.holders.has('/dev/ttyACM0')).toBe(false);
    expect(scan.processes.map((p) => p.pid)).toEqual([50, 99, 812, 4411]);
  });

  it("flags a pty's maker (it holds /dev/ptmx too), so its own slave is not taken for a user of the port", async () => {
    fakeProcess(proc, 300, 'socat', { 5: '/dev/ptmx', 6: '/dev/pts/3', 7: '/dev/ptmx', 8: '/dev/pts/4' });
    fakeProcess(proc, 301, 'minicom', { 3: '/dev/pts/3' });
    const scan = await scanOpenDevices(proc, ['/dev/pts/3']);
    expect(scan.holders.get('/dev/pts/3')).toEqual([
      { pid: 300, program: 'socat', device: '/dev/pts/3', ptyMaster: true, ujumbe: false },
      { pid: 301, program: 'minicom', device: '/dev/pts/3', ptyMaster: false, ujumbe: false },
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

describe('Ujumbe by its command line', () => {
  it('knows `ujumbe serve` however it was started, and the desktop app', () => {
    for (const argv of [
      ['node', 'bin/ujumbe.mjs', 'serve', '--data-dir', '/tmp/x'],
      ['/usr/bin/node', '/home/tech/ujumbe/bin/ujumbe.mjs', 'serve'],
      ['node', '/usr/local/bin/ujumbe', 'serve', '--port', '8765'], // the npm link, through its #! line
      ['/usr/bin/node', '--require', '/w/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///w/node_modules/tsx/dist/loader.mjs', 'electron/cli.ts', 'serve'],
      ['node', '--import', 'tsx', '/w/electron/cli.ts', 'serve'],
      ['/opt/Ujumbe/ujumbe'],
      ['/tmp/.mount_UjumbeAb12/ujumbe', '--no-sandbox'],
      ['/Applications/Ujumbe.app/Contents/MacOS/Ujumbe'],
      ['/w/node_modules/electron/dist/electron', '/w/dist/electron/main.cjs'],
    ]) expect(isUjumbeCommand(argv), argv.join(' ')).toBe(true);
  });

  it('does not take other programs, or other ujumbe commands, for a running Ujumbe', () => {
    for (const argv of [
      [],
      ['node', 'server.js', 'serve'],
      ['node', 'bin/ujumbe.mjs', 'send', '--to', '+254700000000', '--text', 'serve'],
      ['node', 'bin/ujumbe.mjs', 'doctor'],
      ['node', 'bin/ujumbe.mjs'],
      ['minicom', '-D', '/dev/ttyUSB0'],
      ['node', 'other/cli.ts', 'serve'],
      ['/usr/sbin/ModemManager'],
    ]) expect(isUjumbeCommand(argv), argv.join(' ')).toBe(false);
  });

  it('reads /proc/<pid>/cmdline as argv (NUL-separated); none for a process that ended', async () => {
    fakeProcess(proc, 15143, 'node', {}, ['node', 'bin/ujumbe.mjs', 'serve', '--data-dir', '/tmp/x y']);
    expect(await readCommandLine(proc, 15143)).toEqual(['node', 'bin/ujumbe.mjs', 'serve', '--data-dir', '/tmp/x y']);
    expect(await readCommandLine(proc, 1)).toEqual([]);
  });

  it('flags a holder that is Ujumbe', async () => {
    fakeProcess(proc, 15143, 'node', { 21: '/dev/ttyUSB3' }, ['node', 'bin/ujumbe.mjs', 'serve', '--data-dir', '/tmp/x']);
    fakeProcess(proc, 4411, 'node', { 3: '/dev/ttyUSB3' }, ['node', 'flash-tool.js']);
    const scan = await scanOpenDevices(proc, ['/dev/ttyUSB3']);
    expect(scan.holders.get('/dev/ttyUSB3')).toEqual([
      { pid: 4411, program: 'node', device: '/dev/ttyUSB3', ptyMaster: false, ujumbe: false },
      { pid: 15143, program: 'node', device: '/dev/ttyUSB3', ptyMaster: false, ujumbe: true },
    ]);
  });
});
