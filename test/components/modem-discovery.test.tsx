/**
 * Modems are found by themselves. The Gateways screen says what detection tried, port by
 * port, in words; looks again on request; adds a modem by port name; and checks this computer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DOCTOR_FINDING_CODE_LIST, DOCTOR_FINDING_CODES, type DoctorFindingCode, type DoctorFindingValues } from '../../src-shared/contract/doctor-codes.ts';
import type { DiscoveryDto, DoctorFindingDto, DoctorReportDto, GatewayView, PortFindingDto } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { DoctorCheck } from '../../renderer/screens/gateways/DoctorCheck.tsx';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { EMAIL_SETTINGS } from './harness.tsx';
import { EMPTY_DISCOVERY, SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const AT = '2026-03-02T08:00:00.000Z';
const port = (path: string, outcome: PortFindingDto['outcome'], over: Partial<PortFindingDto> = {}): PortFindingDto => ({
  path, outcome, manufacturer: null, model: null, imei: null, gatewayId: null, technical: null, at: AT, ...over,
});
const TRIED: DiscoveryDto = {
  ...EMPTY_DISCOVERY,
  lastScanAt: AT,
  ports: [
    port('/dev/ttyUSB0', 'no-answer'),
    port('/dev/ttyUSB2', 'offered', { manufacturer: 'huawei', model: 'E3131', imei: '861234567890123' }),
    port('/dev/ttyACM0', 'permission-denied', { technical: 'EACCES: permission denied, open /dev/ttyACM0' }),
    port('/dev/ttyUSB1', 'port-busy', { technical: 'Error: cannot lock port' }),
    port('COM4', 'garbage'),
  ],
};

const base = { 'settings.get': () => SETTINGS, 'email.getSettings': () => EMAIL_SETTINGS };
const triedList = () => screen.findByRole('list', { name: 'What Ujumbe tried' });
const lines = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => li.querySelector('.tried-port__line')?.textContent);

describe('Gateways: what detection tried', () => {
  it('lists every port in plain words while no modem is saved, with the fix for a refused permission and a busy port', async () => {
    setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => TRIED }).render(<GatewaysScreen />);
    const list = await triedList();
    expect(lines(list)).toEqual([
      'ttyUSB0: no answer',
      'ttyUSB2: Huawei E3131 — a modem, waiting for “Use this modem”',
      'ttyACM0: permission denied — run sudo usermod -aG dialout $USER and log in again (the usual fix on Linux)',
      'ttyUSB1: port busy — another program (often ModemManager) holds it; “Check this computer” says which',
      'COM4: answers, but not like a modem',
    ]);
    const items = within(list).getAllByRole('listitem');
    // The short name leads; the full path and the system's own words are there for a technician.
    expect(items[0]?.getAttribute('title')).toBe('/dev/ttyUSB0');
    expect(within(items[2] as HTMLElement).getByText('sudo usermod -aG dialout $USER').tagName).toBe('CODE');
    expect(within(items[2] as HTMLElement).getByText('/dev/ttyACM0 · EACCES: permission denied, open /dev/ttyACM0')).toBeTruthy();
    expect(items[4]?.querySelector('.tried-port__path')).toBeNull();
  });

  it('names a modem as people write it, not as it shouts its maker ("SIMCom SIM800", "ZTE MF190")', async () => {
    const ports = [
      port('/dev/ttyUSB7', 'offered', { manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800' }),
      port('/dev/ttyUSB8', 'ignored', { manufacturer: 'ZTE CORPORATION', model: 'ZTE MF190' }),
    ];
    setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => ({ ...TRIED, ports }) }).render(<GatewaysScreen />);
    expect(lines(await triedList())).toEqual(['ttyUSB7: SIMCom SIM800 — a modem, waiting for “Use this modem”', 'ttyUSB8: ZTE MF190 — ignored (forgotten or set aside)']);
  });

  it('folds the list away once a modem is saved, and follows gateway.discovery events', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...base, 'gateways.list': () => [gatewayView()] });
    h.render(<GatewaysScreen />);
    await screen.findByRole('article', { name: 'Huawei E173' });
    h.emit('gateway.discovery', { ...TRIED, ports: [port('/dev/ttyUSB2', 'in-use', { manufacturer: 'huawei', model: 'E173', gatewayId: gatewayView().id })] });
    await user.click(screen.getByText('What Ujumbe tried'));
    const list = await triedList();
    await waitFor(() => expect(lines(list)).toEqual(['ttyUSB2: Huawei E173 — in use']));
  });

  it('looks again on request: busy with progress while scanning, then the list', async () => {
    const user = userEvent.setup();
    let finish: (d: DiscoveryDto) => void = () => undefined;
    const h = setupScreen({ ...base, 'gateways.list': () => [], 'gateways.rescan': () => new Promise<DiscoveryDto>((resolve) => (finish = resolve)) });
    h.render(<GatewaysScreen />);
    expect(await screen.findByText('Ujumbe has not looked yet.')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Look for modems again' });
    await user.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    // Detection says what it is doing while it scans.
    h.emit('gateway.discovery', { ...EMPTY_DISCOVERY, scanning: true, ports: [port('/dev/ttyUSB0', 'no-answer'), port('/dev/ttyUSB1', 'pending')] });
    expect(await screen.findByRole('progressbar', { name: 'Looked at 1 of 2 ports' })).toBeTruthy();
    expect(screen.getAllByText('Looking for modems…').length).toBeGreaterThan(0);
    expect(lines(await triedList())).toEqual(['ttyUSB0: no answer', 'ttyUSB1: being checked…']);

    finish({ ...TRIED, ports: [port('/dev/ttyUSB0', 'no-answer'), port('/dev/ttyUSB1', 'no-answer')] });
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBeNull());
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(lines(await triedList())).toEqual(['ttyUSB0: no answer', 'ttyUSB1: no answer']);
    expect(screen.getByText(/^Last looked: /)).toBeTruthy();
    expect(h.callsOf('gateways.rescan')).toEqual([{}]);
  });

  it('says so when looking again fails', async () => {
    const user = userEvent.setup();
    setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.rescan': () => {
        throw new UjumbeError('timeout', 'late');
      },
    }).render(<GatewaysScreen />);
    await user.click(await screen.findByRole('button', { name: 'Look for modems again' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ujumbe could not look for modems: Ujumbe did not answer in time. Try again.');
  });

  it('says it when what was tried cannot be read', async () => {
    setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.discovery': () => {
        throw new UjumbeError('unknown-command', 'no such command');
      },
    }).render(<GatewaysScreen />);
    expect((await screen.findByRole('alert')).textContent).toBe('What Ujumbe tried could not be read: This part of Ujumbe is newer than the backend: update Ujumbe.');
    // Without detection's answer, the empty state does not claim it looks by itself.
    expect(screen.getByText(/then press “Look for modems again”/)).toBeTruthy();
  });
});

describe('Gateways: add by port name', () => {
  it('shows what the contract refuses by the field, and adds the card on success', async () => {
    const user = userEvent.setup();
    const added: GatewayView = gatewayView({ id: 'modem:861234567890123', label: 'Huawei E3131', detail: { port: '/dev/ttyUSB5', model: 'E3131' } });
    const h = setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.addPort': ({ path }) => {
        if (path === '/dev/ttyUSB2') throw new UjumbeError('conflict', 'A gateway already has /dev/ttyUSB2.');
        return added;
      },
    });
    h.render(<GatewaysScreen />);
    const open = await screen.findByRole('button', { name: 'Add by port name' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await user.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const field = screen.getByRole('textbox', { name: 'Port name' });
    expect(document.activeElement).toBe(field);

    // A wildcard is a search pattern, not a port: the contract's schema says so, under the field.
    await user.type(field, '/dev/ttyUSB*');
    await user.click(screen.getByRole('button', { name: 'Add this modem' }));
    const error = await screen.findByText('A port name has no control characters or wildcards, e.g. /dev/ttyUSB2 or COM4.');
    expect(error.getAttribute('role')).toBe('alert');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect(h.callsOf('gateways.addPort')).toEqual([]);

    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Add this modem' }));
    expect(await screen.findByText('Write the port\'s name, e.g. /dev/ttyUSB2 or COM4.')).toBeTruthy();

    await user.type(field, '/dev/ttyUSB2');
    await user.click(screen.getByRole('button', { name: 'Add this modem' }));
    expect(await screen.findByText('A modem is already saved on this port.')).toBeTruthy();

    await user.clear(field);
    await user.type(field, ' /dev/ttyUSB5 {Enter}');
    expect(await screen.findByRole('article', { name: 'Huawei E3131' })).toBeTruthy();
    expect(h.callsOf('gateways.addPort')).toEqual([{ path: '/dev/ttyUSB2' }, { path: '/dev/ttyUSB5' }]);
    expect(screen.queryByRole('textbox', { name: 'Port name' })).toBeNull();
    expect(await screen.findByText('Modem added on ttyUSB5.')).toBeTruthy();
  });

  it('closes on Escape and gives the keyboard back to the button that opened it', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...base, 'gateways.list': () => [] });
    h.render(<GatewaysScreen />);
    const open = await screen.findByRole('button', { name: 'Add by port name' });
    await user.click(open);
    await user.type(screen.getByRole('textbox', { name: 'Port name' }), '/dev/ttyUSB9');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Port name' })).toBeNull();
    expect(open.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(open);
    expect(h.callsOf('gateways.addPort')).toEqual([]);
    // Opened again, it starts empty.
    await user.click(open);
    expect((screen.getByRole('textbox', { name: 'Port name' }) as HTMLInputElement).value).toBe('');
  });
});

describe('Gateways: check this computer', () => {
  const REPORT: DoctorReportDto = {
    platform: 'linux',
    findings: [
      { code: 'not-in-group', severity: 'problem', path: null, values: { group: 'dialout' } },
      { code: 'port-permission', severity: 'problem', path: '/dev/ttyACM0', values: { path: '/dev/ttyACM0', group: 'dialout', owner: 'root', mode: '0660', reason: 'not-in-group' } },
      { code: 'modemmanager-running', severity: 'warning', path: null, values: { pid: 655 } },
      { code: 'udev-rule-missing', severity: 'warning', path: null, values: { rule: '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules', target: '/etc/udev/rules.d' } },
      { code: 'port-held', severity: 'problem', path: '/dev/ttyUSB1', values: { path: '/dev/ttyUSB1', program: 'ModemManager', pid: 812 } },
      { code: 'sim-pin', severity: 'warning', path: '/dev/ttyUSB2', values: { path: '/dev/ttyUSB2' } },
      // An older backend may leave values out: placeholders, never "{{registration}}".
      { code: 'no-network', severity: 'problem', path: '/dev/ttyUSB2', values: {} },
      { code: 'ok-modem', severity: 'ok', path: '/dev/ttyUSB2', values: { path: '/dev/ttyUSB2', model: 'E3131', manufacturer: 'huawei' } },
      { code: 'usb-autosuspend' as DoctorFindingCode, severity: 'warning', path: '/dev/ttyUSB2', values: { seconds: 2 } },
    ],
  };

  it('words each finding of each severity, marks a code it has no words for, and names the program holding a busy port', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => TRIED, 'gateways.doctor': () => REPORT });
    h.render(<GatewaysScreen />);
    await user.click(await screen.findByRole('button', { name: 'Check this computer' }));
    const list = await screen.findByRole('list', { name: 'What the check found' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Problem This user is not in the “dialout” group, which may use modems. Run sudo usermod -aG dialout $USER, then log out and in again.',
      'Problem /dev/ttyACM0: this user may not open it (it belongs to the “dialout” group). Run sudo usermod -aG dialout $USER, then log out and in again.',
      'Warning ModemManager is running (process 655): it takes USB modems for itself. Stop it with sudo systemctl stop ModemManager (or disable it), then look for modems again.',
      "Warning Ujumbe's udev rule is not installed, so ModemManager may take the modem. Run sudo cp '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules' /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger, then plug the modem in again.",
      "Problem /dev/ttyUSB1 is held by ModemManager (process 812). Stop it with sudo systemctl stop ModemManager, or install Ujumbe's udev rule so that it leaves modems alone.",
      "Warning /dev/ttyUSB2: the SIM card asks for its PIN. Enter it on the modem's card.",
      'Problem /dev/ttyUSB2: the modem finds no mobile network. Check the SIM card and the signal where the modem is.',
      // Detection only offers ttyUSB2 (TRIED): it waits for "Use this modem", it does not "need nothing".
      'OK /dev/ttyUSB2: a modem answers (Huawei E3131). Ujumbe does not use it yet: it is waiting for “Use this modem” above.',
      'Warning [untranslated: usb-autosuspend] (seconds: 2, path: /dev/ttyUSB2)',
    ]);
    // Each severity has its own badge and look.
    expect(items.map((li) => li.className.replace('doctor-finding ', ''))).toEqual([
      'doctor-finding--problem', 'doctor-finding--problem', 'doctor-finding--warning', 'doctor-finding--warning', 'doctor-finding--problem',
      'doctor-finding--warning', 'doctor-finding--problem', 'doctor-finding--ok', 'doctor-finding--warning',
    ]);
    // A command to copy is code, whole.
    expect(within(items[3] as HTMLElement).getByText(/^sudo cp /).tagName).toBe('CODE');
    expect(within(list).getByText(/untranslated: usb-autosuspend/).className).toBe('untranslated');
    expect(h.callsOf('gateways.doctor')).toEqual([{}]);
    // The busy port in the list now names the program the check found.
    expect(lines(await triedList())[3]).toBe('ttyUSB1: port busy — ModemManager holds it; close it, or tell it to leave the modem alone');
  });

  /** Values a real check sends for each code (the type asks for one entry per code, with every value it carries). */
  const SAMPLE: { [C in DoctorFindingCode]: DoctorFindingValues<C> } = {
    'ok-modem': { path: '/dev/ttyUSB2', model: 'E3131', manufacturer: 'huawei' },
    'ok-port-in-use': { path: '/dev/ttyUSB3', gatewayId: 'modem:861234567890123', model: 'E173' },
    'second-port': { path: '/dev/ttyUSB0', primary: '/dev/ttyUSB2' },
    'port-permission': { path: '/dev/ttyACM0', group: 'dialout', owner: 'root', mode: '0660', reason: 'not-in-group' },
    'not-in-group': { group: 'dialout' },
    'relogin-needed': { group: 'uucp' },
    'modemmanager-running': { pid: 655 },
    'udev-rule-missing': { rule: '/opt/Ujumbe/resources/udev/60-ujumbe-modems.rules', target: '/etc/udev/rules.d' },
    'port-held': { path: '/dev/ttyUSB1', program: 'minicom', pid: 4242 },
    'port-busy': { path: '/dev/ttyUSB4' },
    'no-candidates': { patterns: '/dev/ttyUSB*, /dev/ttyACM*' },
    'list-failed': { error: 'udevadm: not found' },
    'no-answer': { path: '/dev/ttyUSB5' },
    garbage: { path: '/dev/ttyS1' },
    'open-failed': { path: '/dev/ttyUSB6', error: 'EIO' },
    vanished: { path: '/dev/ttyUSB7' },
    'sim-pin': { path: '/dev/ttyUSB2' },
    'sim-puk': { path: '/dev/ttyUSB2' },
    'no-sim': { path: '/dev/ttyUSB2' },
    'sim-problem': { path: '/dev/ttyUSB2', state: 'phone-locked' },
    'no-network': { path: '/dev/ttyUSB2', registration: 'denied' },
    'weak-signal': { path: '/dev/ttyUSB2', bars: 1, dBm: -105 },
    'check-unavailable': { check: 'programs', platform: 'darwin' },
    'host-running': { pid: 3100, url: 'http://127.0.0.1:8765', running: 1, gateways: 2 },
    'database-ok': { path: '/home/nurse/.local/share/ujumbe/ujumbe.db' },
    'database-damaged': { path: '/home/nurse/.local/share/ujumbe/ujumbe.db', reason: 'cut-short', said: 'the file is 8192 bytes' },
  };
  /** The other sentences of codes that have variants (DOCTOR_VARIANTS): other values, severities, systems. */
  const VARIANTS: Array<{ code: DoctorFindingCode; values: Record<string, string | number>; severity?: DoctorFindingDto['severity']; platform?: string }> = [
    { code: 'ok-port-in-use', values: { path: '/dev/ttyUSB3', gatewayId: '', model: '' } },
    { code: 'port-permission', values: { path: '/dev/ttyACM0', group: 'dialout', owner: 'root', mode: '0660', reason: 'relogin-needed' } },
    { code: 'port-permission', values: { path: '/dev/ttyACM0', group: 'dialout', owner: 'root', mode: '0600', reason: 'mode' } },
    { code: 'port-permission', values: { path: '/dev/ttyACM0', group: '', owner: '', mode: '', reason: 'unknown' } },
    { code: 'modemmanager-running', values: { pid: 655 }, severity: 'ok' },
    { code: 'udev-rule-missing', values: { rule: '', target: '/etc/udev/rules.d' } },
    { code: 'port-held', values: { path: '/dev/ttyUSB1', program: 'ModemManager', pid: 812 } },
    { code: 'port-busy', values: { path: 'COM4' }, platform: 'win32' },
    { code: 'port-busy', values: { path: '/dev/cu.usbmodem1' }, platform: 'darwin' },
    { code: 'no-candidates', values: { patterns: 'COM*' }, platform: 'win32' },
    { code: 'no-answer', values: { path: '/dev/ttyS0' }, severity: 'ok' },
    { code: 'sim-problem', values: { path: '/dev/ttyUSB2', state: 'pin2-required' } },
    { code: 'sim-problem', values: { path: '/dev/ttyUSB2', state: 'failure' } },
    { code: 'no-network', values: { path: '/dev/ttyUSB2', registration: 'searching' } },
    { code: 'no-network', values: { path: '/dev/ttyUSB2', registration: 'emergency-only' } },
    { code: 'no-network', values: { path: '/dev/ttyUSB2', registration: 'not-registered' } },
    { code: 'check-unavailable', values: { check: 'permissions', platform: 'win32' }, platform: 'win32' },
  ];
  const findingOf = (code: DoctorFindingCode, values: Record<string, string | number>, severity?: DoctorFindingDto['severity']): DoctorFindingDto => ({
    code,
    severity: severity ?? DOCTOR_FINDING_CODES[code].severity,
    path: typeof values.path === 'string' ? values.path : null,
    values,
  });
  /** One report per system: every code once on Linux, each variant on its own system. */
  const REPORTS: DoctorReportDto[] = ['linux', 'win32', 'darwin'].map((platform) => ({
    platform,
    findings: [
      ...(platform === 'linux' ? DOCTOR_FINDING_CODE_LIST.map((code) => findingOf(code, SAMPLE[code])) : []),
      ...VARIANTS.filter((v) => (v.platform ?? 'linux') === platform).map((v) => findingOf(v.code, v.values, v.severity)),
    ],
  }));

  const shownLines = (report: DoctorReportDto, lng: string) => {
    const h = setupScreen(base);
    setLanguage(lng);
    const view = h.render(<DoctorCheck report={report} onReport={() => undefined} />);
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    const shown = items.map((li) => li.textContent ?? '');
    view.unmount();
    return shown;
  };

  it('words every code of the list, and every variant, in English and Swahili: none untranslated, no placeholder left', () => {
    expect(REPORTS[0]?.findings.map((f) => f.code).slice(0, DOCTOR_FINDING_CODE_LIST.length)).toEqual([...DOCTOR_FINDING_CODE_LIST]);
    for (const report of REPORTS) {
      const english = shownLines(report, 'en');
      const swahili = shownLines(report, 'sw');
      report.findings.forEach((f, i) => {
        const name = `${report.platform} ${f.code} ${JSON.stringify(f.values)}`;
        for (const [lng, line = ''] of [['en', english[i]], ['sw', swahili[i]]] as const) {
          expect(line, `${lng} ${name}`).not.toMatch(/untranslated|\{\{|\}\}|undefined|NaN|\[object/);
          // What was found, then its fix: more than a bare label.
          expect(line.length, `${lng} ${name}`).toBeGreaterThan(40);
          // The port the finding is about is named.
          if (f.path !== null) expect(line, `${lng} ${name}`).toContain(f.path);
        }
        // Swahili words of its own, not the English fallback.
        expect(swahili[i], name).not.toBe(english[i]);
        expect(swahili[i], name).toMatch(/^(Sawa|Tahadhari|Tatizo) /);
      });
      // Each variant says something else than the code's plain sentence.
      expect(new Set(english).size, report.platform).toBe(english.length);
    }
    setLanguage('en');
  });

  it('puts the values each code carries into its words', () => {
    const [linux] = REPORTS as [DoctorReportDto];
    const english = shownLines(linux, 'en');
    const line = (code: DoctorFindingCode) => english[linux.findings.findIndex((f) => f.code === code)];
    expect(line('weak-signal')).toBe('Warning /dev/ttyUSB2: weak signal (1 of 5 bars, -105 dBm). Move the modem, on a USB extension cable, near a window or higher up.');
    expect(line('port-held')).toBe('Problem /dev/ttyUSB1 is held by another program: minicom (process 4242). Close that program (or run kill 4242), then check again.');
    expect(line('second-port')).toBe('OK /dev/ttyUSB0: another port of the modem on /dev/ttyUSB2. Nothing to do: Ujumbe uses /dev/ttyUSB2.');
    expect(line('check-unavailable')).toBe("OK Which program holds a port cannot be checked on macOS. If a port shows as busy, close the modem's own dashboard app.");
    expect(line('host-running')).toContain('(process 3100, http://127.0.0.1:8765; 1 of 2 gateways working)');
    expect(line('no-network')).toBe('Problem /dev/ttyUSB2: the network refused the SIM card. Call the operator: the SIM card may be barred, unpaid or not activated.');
    expect(line('relogin-needed')).toContain('“uucp” group');
    expect(line('list-failed')).toContain('(udevadm: not found)');
    expect(line('no-candidates')).toContain('(looked at /dev/ttyUSB*, /dev/ttyACM*)');
    const swahili = shownLines(linux, 'sw');
    expect(swahili[linux.findings.findIndex((f) => f.code === 'weak-signal')]).toBe(
      'Tahadhari /dev/ttyUSB2: mawimbi ni hafifu (mistari 1 kati ya 5, -105 dBm). Sogeza modemu, kwa waya wa kurefusha USB, karibu na dirisha au juu zaidi.',
    );
    setLanguage('en');
  });

  it('says "nothing to do" for a modem that answers only when detection does not offer it', async () => {
    const user = userEvent.setup();
    const ok: DoctorReportDto = { platform: 'linux', findings: [
      { code: 'ok-modem', severity: 'ok', path: '/dev/ttyUSB2', values: { path: '/dev/ttyUSB2', model: 'E3131', manufacturer: 'huawei' } },
      { code: 'ok-modem', severity: 'ok', path: '/dev/ttyUSB4', values: { path: '/dev/ttyUSB4', model: 'SIMCOM_SIM800', manufacturer: 'SIMCOM_Ltd' } },
    ] };
    // ttyUSB2 is offered only in DiscoveryDto.offered here (no port line yet); ttyUSB4 is not offered.
    const discovery: DiscoveryDto = { ...EMPTY_DISCOVERY, lastScanAt: AT, offered: [{ path: '/dev/ttyUSB2', manufacturer: 'huawei', model: 'E3131', imei: null }] };
    setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => discovery, 'gateways.doctor': () => ok }).render(<GatewaysScreen />);
    await user.click(await screen.findByRole('button', { name: 'Check this computer' }));
    const list = await screen.findByRole('list', { name: 'What the check found' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'OK /dev/ttyUSB2: a modem answers (Huawei E3131). Ujumbe does not use it yet: it is waiting for “Use this modem” above.',
      'OK /dev/ttyUSB4: a modem answers (SIMCom SIM800). Nothing to do: Ujumbe can use it.',
    ]);
    setLanguage('sw');
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]?.textContent).toBe('Sawa /dev/ttyUSB2: modemu inajibu (Huawei E3131). Ujumbe bado hauitumii: inasubiri “Tumia modemu hii” hapo juu.'));
    setLanguage('en');
  });

  it('says why the check could not run', async () => {
    const user = userEvent.setup();
    setupScreen({
      ...base,
      'gateways.list': () => [],
      'gateways.doctor': () => {
        throw new Error('spawn failed');
      },
    }).render(<GatewaysScreen />);
    await user.click(await screen.findByRole('button', { name: 'Check this computer' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The check could not run: spawn failed');
  });
});
