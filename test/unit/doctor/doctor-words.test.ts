// The CLI's English words for the field check: one line per finding, the fix after the dash.
import { describe, expect, it } from 'vitest';
import type { DoctorFindingCode, DoctorFindingValues } from '../../../src-shared/contract/doctor-codes.ts';
import type { DoctorFindingDto } from '../../../src-shared/contract/dto.ts';
import { DOCTOR_CODE_LIST, DOCTOR_CODES, finding } from '../../../electron/backend/doctor/findings.ts';
import { DOCTOR_WORDS, describeReport, portName, summaryWords } from '../../../electron/cli/doctor-words.ts';

const linux = (...findings: DoctorFindingDto[]) => describeReport({ platform: 'linux', findings });

describe('doctor words', () => {
  it('has words for every code, each one line with a fix after a dash, using every value it carries', () => {
    for (const code of DOCTOR_CODE_LIST) {
      const values = Object.fromEntries(DOCTOR_CODES[code].values.map((name) => [name, `<${name}>`])) as DoctorFindingValues<typeof code>;
      const line = DOCTOR_WORDS[code](values, finding(code, null, values), { platform: 'linux' });
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
  });
});
