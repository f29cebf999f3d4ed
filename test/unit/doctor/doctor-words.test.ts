// The CLI's English words for the field check: one line per finding, the fix after the dash.
import { describe, expect, it } from 'vitest';
import type { DoctorFindingCode } from '../../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import { DOCTOR_CODE_LIST, DOCTOR_CODES, type DoctorFindingInput, finding } from '../../../electron/backend/doctor/findings.ts';
import { DOCTOR_WORDS, describeReport, portName, summaryWords, ujumbeHeldPorts } from '../../../electron/cli/doctor-words.ts';

const linux = (...findings: DoctorFindingDto[]) => describeReport({ platform: 'linux', findings });

describe('doctor words', () => {
  it('has words for every code, each one line with a fix after a dash, using every value it carries', () => {
    for (const code of DOCTOR_CODE_LIST) {
      const given = finding(code, null, Object.fromEntries(DOCTOR_CODES[code].values.map((name) => [name, `<${name}>`])) as DoctorFindingInput<typeof code>);
      const line = DOCTOR_WORDS[code](given.values, given, { platform: 'linux', hostPid: null });
      expect(line, code).not.toContain('\n');
      expect(line, code).toMatch(/ — .+\.$/);
      expect(line, code).not.toContain('undefined');
    }
  });

  it('words the brief examples', () => {
    expect(linux(finding('port-permission', '/dev/ttyACM0', { path: '/dev/ttyACM0', group: 'dialout', owner: 'root', mode: '0660', reason: 'not-in-group' }))).toEqual([
      'ttyACM0: permission denied (owner root, group dialout, mode 0660) — run `sudo usermod -aG dialout $USER` and log in again.',
    ]);
    expect(linux(finding('port-held', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', program: 'ModemManager', pid: 812 }))).toEqual([
      'port busy: another program (ModemManager, process 812) holds /dev/ttyUSB2 — stop it with `sudo systemctl stop ModemManager`, or install Ujumbe\'s udev rule (see docs/PACKAGING.md).',
    ]);
  });

  it('leaves out a group line that a port line already gives the fix of', () => {
    const lines = linux(
      finding('not-in-group', null, { group: 'dialout' }),
      finding('port-permission', '/dev/ttyUSB0', { path: '/dev/ttyUSB0', group: 'dialout', owner: 'root', mode: '0660', reason: 'not-in-group' }),
    );
    expect(lines).toHaveLength(1);
    expect(linux(finding('relogin-needed', null, { group: 'dialout' }))).toEqual([
      'You were added to the dialout group, but this login does not have it yet — log out and in again (or restart the computer).',
    ]);
  });

  it('words a busy port for the system it is on', () => {
    const busy = finding('port-busy', 'COM4', { path: 'COM4' });
    expect(describeReport({ platform: 'win32', findings: [busy] })[0]).toContain('Mobile Partner');
    expect(linux(busy)[0]).toContain('ModemManager');
  });

  it('gives the copy command for a missing udev rule when the file is known', () => {
    expect(linux(finding('udev-rule-missing', null, { rule: '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules', target: '/etc/udev/rules.d' }))[0]).toContain(
      "`sudo cp '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules' /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger`",
    );
  });

  it('reads well when a value is not known (left out of the finding)', () => {
    // Every value the backend may not know, left out; the others given.
    const cases: Array<[DoctorFindingDto, string]> = [
      [finding('ok-modem', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', model: null, manufacturer: null }), 'ttyUSB2: a modem answers (model unknown) — ready to use in Ujumbe.'],
      [finding('ok-modem', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', model: 'E3131', manufacturer: null }), 'ttyUSB2: a modem answers (E3131) — ready to use in Ujumbe.'],
      [finding('ok-port-in-use', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', gatewayId: 'modem:1', model: null, by: null, pid: null }), 'ttyUSB2: in use by Ujumbe (gateway modem:1) — not opened by this check.'],
      [finding('ok-port-in-use', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', gatewayId: 'modem:1', model: 'E3131', by: null, pid: null }), 'ttyUSB2: in use by Ujumbe (gateway modem:1, E3131) — not opened by this check.'],
      [finding('ok-port-in-use', '/dev/ttyUSB2', { path: '/dev/ttyUSB2', gatewayId: null, model: null, by: null, pid: null }), 'ttyUSB2: in use by the running Ujumbe — not opened by this check.'],
      [finding('port-permission', '/dev/ttyUSB0', { path: '/dev/ttyUSB0', group: null, owner: null, mode: null, reason: 'unknown' }), 'ttyUSB0: permission denied — give your user read and write access to it (see docs/PACKAGING.md).'],
      [finding('port-held', '/dev/ttyUSB1', { path: '/dev/ttyUSB1', program: null, pid: 700 }), 'port busy: another program (process 700) holds /dev/ttyUSB1 — close that program (or `kill 700`) and run the check again.'],
      [finding('open-failed', '/dev/ttyUSB1', { path: '/dev/ttyUSB1', error: null }), 'ttyUSB1: could not be opened (no reason given) — unplug the modem, plug it in again and run the check again.'],
      [finding('no-candidates', null, { patterns: null }), 'No serial port found (looked at the system list) — plug the modem in, wait ten seconds and run the check again (see docs/PACKAGING.md).'],
      [finding('host-running', null, { pid: 3100, url: 'http://127.0.0.1:8765/', running: null, gateways: null }), 'Ujumbe is already running (process 3100, http://127.0.0.1:8765/) and holds its modems, so no port was opened — use "Check this computer" in its Gateways panel for them.'],
    ];
    for (const [f, line] of cases) {
      expect(Object.values(f.values)).not.toContain('');
      expect(linux(f)).toEqual([line]);
    }
    expect(linux(finding('udev-rule-missing', null, { rule: null, target: '/etc/udev/rules.d' }))[0]).toContain('copy 60-ujumbe-modems.rules from Ujumbe\'s resources/udev folder to /etc/udev/rules.d');
  });

  it('says a port Ujumbe holds is Ujumbe\'s, never a program to kill', () => {
    const held = finding('ok-port-in-use', '/tmp/modems/ttyUSB3', { path: '/tmp/modems/ttyUSB3', gatewayId: null, model: null, by: 'ujumbe', pid: 15143 });
    const [line = ''] = linux(held);
    expect(line).toBe(
      '/tmp/modems/ttyUSB3: in use by Ujumbe (process 15143), not by another program — do not close it: use "Check this computer" in that Ujumbe\'s Gateways panel (or run `ujumbe doctor --data-dir` with its data folder).',
    );
    expect(line).not.toMatch(/kill|port busy/);
    // The Ujumbe this check found for the data folder already has its line (host-running) with the panel.
    const host = finding('host-running', null, { pid: 15143, url: 'http://127.0.0.1:8765/', running: 1, gateways: 1 });
    expect(linux(host, held)[1]).toBe('/tmp/modems/ttyUSB3: in use by the running Ujumbe (process 15143) — not opened by this check; its Gateways panel checks that modem.');
    expect(ujumbeHeldPorts({ platform: 'linux', findings: [host, held] })).toEqual(['/tmp/modems/ttyUSB3']);
  });

  it('shows an unknown code as it is', () => {
    // A report of a newer Ujumbe: the contract's type does not know its code.
    expect(linux({ code: 'new-thing' as DoctorFindingCode, severity: 'warning', path: '/dev/x', values: { a: 1 } })).toEqual(['new-thing (/dev/x): {"a":1}']);
  });

  it('shortens /dev names only', () => {
    expect(portName('/dev/ttyUSB2')).toBe('ttyUSB2');
    expect(portName('/dev/serial/by-id/usb-HUAWEI-if02-port0')).toBe('/dev/serial/by-id/usb-HUAWEI-if02-port0');
    expect(portName('COM4')).toBe('COM4');
  });

  it('sums up', () => {
    expect(summaryWords(['/dev/ttyUSB2'], null)).toBe('Ready: Ujumbe can use the modem on /dev/ttyUSB2.');
    expect(summaryWords([], 2)).toContain('2 gateways working');
    expect(summaryWords([], 0)).toContain('no gateway working');
    expect(summaryWords([], null)).toContain('No usable modem found');
    expect(summaryWords([], null, ['/tmp/modems/ttyUSB3'])).toBe(
      "No modem is free for this check: Ujumbe holds /tmp/modems/ttyUSB3; whether it works there, that Ujumbe's Gateways panel says (or `ujumbe doctor --data-dir` with its data folder).",
    );
  });
});
