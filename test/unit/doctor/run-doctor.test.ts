// The field check on a fake system tree (temp folder): permissions, groups, ModemManager, programs
// holding ports, our gateways' ports. Probing real ports is covered in
// test/integration/cli/doctor-run.test.ts (the modem simulator on a pty); here probe is off.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import type { DoctorUser } from '../../../electron/backend/doctor/etc-group.ts';
import { usableModems } from '../../../electron/backend/doctor/findings.ts';
import { modeAllowsReadWrite } from '../../../electron/backend/doctor/permissions.ts';
import { type DoctorOptions, runDoctor } from '../../../electron/backend/doctor/run-doctor.ts';
import { UDEV_RULE_FILE } from '../../../electron/backend/doctor/udev-rule.ts';
import { type FakeTree, fakeTree } from './fake-tree.ts';

const OUR_PID = 99;
let tree: FakeTree;

beforeEach(() => {
  tree = fakeTree();
});
afterEach(() => tree.remove());

const nurse = (groups: number[] = [1000]): DoctorUser => ({ uid: 1000, gid: 1000, groups, name: 'nurse' });

/** access(2) as the mode bits decide it for `user` (the test runs as whoever; real access would ask the kernel about them). */
const accessAs = (user: DoctorUser) => async (path: string) => {
  try {
    const s = statSync(path);
    return modeAllowsReadWrite({ uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 }, user);
  } catch {
    return false;
  }
};

function doctor(user: DoctorUser | null, options: DoctorOptions = {}) {
  return runDoctor({
    patterns: [join(tree.dev, 'tty*')],
    list: null,
    probe: false,
    ...options,
    system: {
      platform: 'linux',
      procRoot: tree.proc,
      groupFile: tree.groupFile,
      passwdFile: tree.passwdFile,
      udevRuleDirs: [tree.rulesDir],
      user,
      ...(user ? { access: accessAs(user) } : {}),
      pid: OUR_PID,
      ...options.system,
    },
  });
}

const codes = (findings: DoctorFindingDto[]) => findings.map((f) => f.code);

describe('permissions and groups (Linux)', () => {
  it('says permission denied and "not in the group" for a user outside the device group', async () => {
    tree.groups(`dialout:x:${tree.gid}:tech\nnurse:x:1000:\n`);
    tree.passwd(`root:x:${tree.uid}:0::/root:/bin/sh\n`);
    const path = tree.device('ttyACM0', 0o660);
    const report = await doctor(nurse());
    expect(report.platform).toBe('linux');
    expect(report.findings).toEqual([
      { code: 'not-in-group', severity: 'problem', path: null, values: { group: 'dialout' } },
      { code: 'port-permission', severity: 'problem', path, values: { path, group: 'dialout', owner: 'root', mode: '0660', reason: 'not-in-group' } },
    ]);
  });

  it('says "log in again" when /etc/group lists the user but this session lacks the group', async () => {
    tree.groups(`dialout:x:${tree.gid}:tech,nurse\n`);
    const path = tree.device('ttyUSB0');
    const report = await doctor(nurse());
    expect(report.findings.find((f) => f.code === 'relogin-needed')?.values).toEqual({ group: 'dialout' });
    expect(report.findings.find((f) => f.code === 'port-permission')?.values).toMatchObject({ path, reason: 'relogin-needed' });
    expect(codes(report.findings)).not.toContain('not-in-group');
  });

  it('blames the mode when the user has the group but the device does not let the group in', async () => {
    tree.groups(`dialout:x:${tree.gid}:nurse\n`);
    tree.device('ttyUSB0', 0o600);
    const report = await doctor(nurse([1000, tree.gid]));
    expect(report.findings).toEqual([expect.objectContaining({ code: 'port-permission', values: expect.objectContaining({ reason: 'mode', mode: '0600', owner: String(tree.uid) }) })]);
  });

  it('names one group finding for several ports, and nothing for ports the user may use', async () => {
    tree.groups(`dialout:x:${tree.gid}:\n`);
    tree.device('ttyUSB0');
    tree.device('ttyUSB1');
    tree.device('ttyUSB2', 0o666);
    const report = await doctor(nurse());
    expect(codes(report.findings)).toEqual(['not-in-group', 'port-permission', 'port-permission']);
    expect(report.findings.map((f) => f.path)).toEqual([null, join(tree.dev, 'ttyUSB0'), join(tree.dev, 'ttyUSB1')]);
  });

  it('with no port at all, still says the user is not in the serial group (as a warning), and that no port was found', async () => {
    tree.groups('uucp:x:10:\ndialout:x:20:\n');
    const report = await doctor(nurse());
    expect(report.findings).toEqual([
      { code: 'no-candidates', severity: 'problem', path: null, values: { patterns: join(tree.dev, 'tty*') } },
      { code: 'not-in-group', severity: 'warning', path: null, values: { group: 'dialout' } },
    ]);
  });

  it('root needs no group', async () => {
    tree.groups(`dialout:x:${tree.gid}:\n`);
    tree.device('ttyUSB0', 0o600);
    const report = await doctor({ uid: 0, gid: 0, groups: [0], name: 'root' });
    expect(report.findings).toEqual([]);
  });
});

describe('ModemManager and programs holding ports (Linux /proc)', () => {
  it('names the program and pid holding a port, and skips our own process', async () => {
    tree.groups(`dialout:x:${tree.gid}:\n`);
    const usb2 = tree.device('ttyUSB2', 0o666);
    const usb3 = tree.device('ttyUSB3', 0o666);
    tree.process(812, 'ModemManager', { 7: usb2 });
    tree.process(OUR_PID, 'node', { 21: usb3 });
    tree.process(4411, 'minicom', { 3: '/dev/null' });
    const report = await doctor(nurse());
    expect(report.findings.filter((f) => f.path === usb2)).toEqual([
      { code: 'port-held', severity: 'problem', path: usb2, values: { path: usb2, program: 'ModemManager', pid: 812 } },
    ]);
    expect(report.findings.find((f) => f.code === 'modemmanager-running')).toEqual({ code: 'modemmanager-running', severity: 'warning', path: null, values: { pid: 812 } });
    expect(report.findings.find((f) => f.code === 'udev-rule-missing')?.values).toEqual({ target: '/etc/udev/rules.d' });
    expect(report.findings.filter((f) => f.path === usb3)).toEqual([]);
  });

  it('with the udev rule in place and ModemManager holding nothing, ModemManager is only a note', async () => {
    tree.process(812, 'ModemManager', { 0: '/dev/null' });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(tree.rulesDir, UDEV_RULE_FILE), '# rule\n');
    tree.device('ttyUSB0', 0o666);
    const report = await doctor(nurse(), { udevRuleSource: '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules' });
    expect(report.findings).toEqual([{ code: 'modemmanager-running', severity: 'ok', path: null, values: { pid: 812 } }]);
  });

  it('gives the rule file to copy when the rule is missing', async () => {
    tree.process(812, 'ModemManager');
    const report = await doctor(nurse(), { udevRuleSource: '/tmp/.mount_Ujumbe/resources/udev/60-ujumbe-modems.rules' });
    expect(report.findings.find((f) => f.code === 'udev-rule-missing')).toEqual({
      code: 'udev-rule-missing', severity: 'warning', path: null, values: { rule: '/tmp/.mount_Ujumbe/resources/udev/60-ujumbe-modems.rules', target: '/etc/udev/rules.d' },
    });
  });

  it('a port held by a running Ujumbe (appPids) is in use, not held by another program', async () => {
    const usb0 = tree.device('ttyUSB0', 0o666);
    tree.process(4242, 'node', { 30: usb0 });
    const report = await doctor(nurse(), { appPids: [4242] });
    expect(report.findings).toEqual([{ code: 'ok-port-in-use', severity: 'ok', path: usb0, values: { path: usb0, by: 'ujumbe', pid: 4242 } }]);
    // What its modem does is that Ujumbe's to say.
    expect(usableModems(report)).toEqual([]);
  });

  it('a port held by a Ujumbe the caller does not know (`ujumbe serve --data-dir /tmp/x`) is in use by Ujumbe, not a program to kill', async () => {
    const usb3 = tree.device('ttyUSB3', 0o666);
    tree.process(15143, 'node', { 21: usb3 }, ['node', 'bin/ujumbe.mjs', 'serve', '--data-dir', '/tmp/x']);
    const report = await doctor(nurse());
    expect(report.findings).toEqual([{ code: 'ok-port-in-use', severity: 'ok', path: usb3, values: { path: usb3, by: 'ujumbe', pid: 15143 } }]);
    expect(usableModems(report)).toEqual([]);
  });

  it('the desktop app (its executable is named ujumbe) holding a port is Ujumbe too', async () => {
    const acm0 = tree.device('ttyACM0', 0o666);
    tree.process(3100, 'ujumbe', { 40: acm0 }, ['/opt/Ujumbe/ujumbe']);
    const report = await doctor(nurse());
    expect(report.findings).toEqual([{ code: 'ok-port-in-use', severity: 'ok', path: acm0, values: { path: acm0, by: 'ujumbe', pid: 3100 } }]);
  });

  it('another node program on the port is still a program holding it; beside a Ujumbe, both are said', async () => {
    const usb0 = tree.device('ttyUSB0', 0o666);
    const usb1 = tree.device('ttyUSB1', 0o666);
    tree.process(500, 'node', { 3: usb0 }, ['node', 'flash-modem.js', usb0]);
    tree.process(600, 'node', { 3: usb1 }, ['node', '/srv/ujumbe/bin/ujumbe.mjs', 'serve']);
    tree.process(601, 'minicom', { 3: usb1 }, ['minicom', '-D', usb1]);
    tree.process(700, '', { 3: usb1 }); // no comm, no cmdline: it ended meanwhile
    const report = await doctor(nurse());
    expect(report.findings.map((f) => [f.code, f.values])).toEqual([
      ['port-held', { path: usb0, program: 'node', pid: 500 }],
      ['ok-port-in-use', { path: usb1, by: 'ujumbe', pid: 600 }],
      ['port-held', { path: usb1, program: 'minicom', pid: 601 }],
      // A program whose name is not known: left out, not "unknown".
      ['port-held', { path: usb1, pid: 700 }],
    ]);
  });
});

describe("our gateways' ports", () => {
  it('reports what the gateway knows and never looks at the port', async () => {
    const usb2 = tree.device('ttyUSB2', 0o600); // would be denied if it were looked at
    const acm0 = join(tree.dev, 'ttyACM0'); // not even present in /dev: a gateway's port is reported as it is
    const report = await doctor(nurse(), {
      held: [
        { path: usb2, gatewayId: 'modem:1', model: 'E3131', sim: 'ready', registration: 'home', signalBars: 1, signalDbm: -105 },
        { path: acm0, gatewayId: 'modem:2', model: null, sim: 'pin-required', registration: null },
      ],
    });
    expect(report.findings).toEqual([
      { code: 'ok-port-in-use', severity: 'ok', path: usb2, values: { path: usb2, gatewayId: 'modem:1', model: 'E3131' } },
      { code: 'weak-signal', severity: 'warning', path: usb2, values: { path: usb2, bars: 1, dBm: -105 } },
      // The model is not known: left out, not ''.
      { code: 'ok-port-in-use', severity: 'ok', path: acm0, values: { path: acm0, gatewayId: 'modem:2' } },
      { code: 'sim-pin', severity: 'warning', path: acm0, values: { path: acm0 } },
    ]);
    // A SIM that only needs its PIN still counts as usable (the panel asks for it).
    expect(usableModems(report)).toEqual([usb2, acm0]);
  });

  it('turns SIM and network states into findings; a problem makes the modem unusable', async () => {
    const path = (n: number) => join(tree.dev, `ttyUSB${n}`);
    const report = await doctor(nurse(), {
      held: [
        { path: path(0), gatewayId: 'a', model: null, sim: 'puk-required', registration: null },
        { path: path(1), gatewayId: 'b', model: null, sim: 'not-inserted', registration: null },
        { path: path(2), gatewayId: 'c', model: null, sim: 'phone-locked', registration: null },
        { path: path(3), gatewayId: 'd', model: null, sim: 'ready', registration: 'denied' },
        { path: path(4), gatewayId: 'e', model: null, sim: 'ready', registration: 'roaming' },
      ],
    });
    expect(report.findings.filter((f) => f.code !== 'ok-port-in-use').map((f) => [f.code, f.values])).toEqual([
      ['sim-puk', { path: path(0) }],
      ['no-sim', { path: path(1) }],
      ['sim-problem', { path: path(2), state: 'phone-locked' }],
      ['no-network', { path: path(3), registration: 'denied' }],
    ]);
    expect(usableModems(report)).toEqual([path(4)]);
  });

  it('reports SIM, network and signal of every held port, as a probed modem gets them; a port also held in /proc is said once', async () => {
    const usb0 = tree.device('ttyUSB0', 0o666);
    const usb1 = tree.device('ttyUSB1', 0o666);
    const usb2 = tree.device('ttyUSB2', 0o666);
    // The host itself has them open: its gateways' state is what counts, not "in use by process 4242".
    tree.process(4242, 'node', { 30: usb0, 31: usb1, 32: usb2 }, ['node', 'bin/ujumbe.mjs', 'serve']);
    const report = await doctor(nurse(), {
      appPids: [4242],
      held: [
        { path: usb0, gatewayId: 'modem:1', imei: '356938035643809', model: 'E3131', sim: 'ready', registration: 'searching', signalBars: 0, signalDbm: -113 },
        { path: usb1, gatewayId: 'modem:2', model: 'SIM800', sim: 'pin-required', registration: null, signalBars: null, signalDbm: null },
        // rssi 99 ("not known"): bars 0 with no dBm is no reading, not a weak signal.
        { path: usb2, gatewayId: 'modem:3', model: null, sim: null, registration: 'home', signalBars: 0, signalDbm: null },
      ],
    });
    expect(report.findings.map((f) => [f.code, f.path, f.values])).toEqual([
      ['ok-port-in-use', usb0, { path: usb0, gatewayId: 'modem:1', model: 'E3131' }],
      ['no-network', usb0, { path: usb0, registration: 'searching' }],
      ['weak-signal', usb0, { path: usb0, bars: 0, dBm: -113 }],
      ['ok-port-in-use', usb1, { path: usb1, gatewayId: 'modem:2', model: 'SIM800' }],
      ['sim-pin', usb1, { path: usb1 }],
      ['ok-port-in-use', usb2, { path: usb2, gatewayId: 'modem:3' }],
    ]);
    expect(usableModems(report)).toEqual([usb1, usb2]);
  });
});

describe('other systems', () => {
  it('macOS: the program check is said to be unavailable; permissions are still checked', async () => {
    const path = tree.device('cu.usbmodem14101', 0o600);
    const report = await doctor(nurse(), { system: { platform: 'darwin' }, patterns: [join(tree.dev, 'cu.*')] });
    expect(report.findings).toEqual([
      { code: 'check-unavailable', severity: 'ok', path: null, values: { check: 'programs', platform: 'darwin' } },
      { code: 'port-permission', severity: 'problem', path, values: { path, group: String(tree.gid), owner: String(tree.uid), mode: '0600', reason: 'unknown' } },
    ]);
  });

  it('Windows: neither programs nor permissions are checked; no port means no-candidates', async () => {
    const report = await doctor(null, { system: { platform: 'win32' }, patterns: [] });
    expect(report.findings).toEqual([
      { code: 'no-candidates', severity: 'problem', path: null, values: {} },
      { code: 'check-unavailable', severity: 'ok', path: null, values: { check: 'programs', platform: 'win32' } },
      { code: 'check-unavailable', severity: 'ok', path: null, values: { check: 'permissions', platform: 'win32' } },
    ]);
  });

  it('says when the system port list failed, and still searches the patterns', async () => {
    const path = tree.device('ttyUSB0', 0o666);
    const report = await doctor(nurse(), { list: async () => { throw new Error('spawn udevadm ENOENT'); } });
    expect(report.findings).toEqual([{ code: 'list-failed', severity: 'warning', path: null, values: { error: 'spawn udevadm ENOENT' } }]);
    expect(report.findings.some((f) => f.path === path)).toBe(false);
  });
});
