/**
 * Issue 9: modems are found by themselves. The Gateways screen says what detection tried, port by
 * port, in words; looks again on request; adds a modem by port name; and checks this computer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DiscoveryDto, DoctorReportDto, GatewayView, PortFindingDto } from '../../src-shared/contract/dto.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { EMAIL_SETTINGS } from './harness.tsx';
import { EMPTY_DISCOVERY, SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

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
});

describe('Gateways: check this computer', () => {
  const REPORT: DoctorReportDto = {
    platform: 'linux',
    findings: [
      { code: 'not-in-group', severity: 'problem', path: null, values: { group: 'dialout' } },
      { code: 'port-permission', severity: 'problem', path: '/dev/ttyACM0', values: { group: 'dialout' } },
      { code: 'modemmanager-running', severity: 'warning', path: null, values: {} },
      { code: 'port-held', severity: 'problem', path: '/dev/ttyUSB1', values: { path: '/dev/ttyUSB1', program: 'ModemManager', pid: 812 } },
      { code: 'no-candidates', severity: 'warning', path: null, values: {} },
      { code: 'sim-pin', severity: 'warning', path: '/dev/ttyUSB2', values: {} },
      { code: 'no-network', severity: 'warning', path: '/dev/ttyUSB2', values: {} },
      { code: 'ok-modem', severity: 'ok', path: '/dev/ttyUSB2', values: { model: 'E3131' } },
      { code: 'usb-autosuspend', severity: 'warning', path: '/dev/ttyUSB2', values: { seconds: 2 } },
    ],
  };

  it('words each finding, marks a code it has no words for, and names the program holding a busy port', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...base, 'gateways.list': () => [], 'gateways.discovery': () => TRIED, 'gateways.doctor': () => REPORT });
    h.render(<GatewaysScreen />);
    await user.click(await screen.findByRole('button', { name: 'Check this computer' }));
    const list = await screen.findByRole('list', { name: 'What the check found' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Problem This user is not in the “dialout” group, which may use modems. Run sudo usermod -aG dialout $USER, then log out and in again.',
      'Problem /dev/ttyACM0: this user may not open it (it belongs to the “dialout” group). Run sudo usermod -aG dialout $USER, then log out and in again.',
      'Warning ModemManager is running: it takes USB modems for itself. Stop it with sudo systemctl stop ModemManager (or disable it), then look for modems again.',
      'Problem /dev/ttyUSB1 is held by another program: ModemManager (process 812). Close that program.',
      'Warning No port that could be a modem was found. Plug the modem in (try another USB socket) and check again.',
      "Warning /dev/ttyUSB2: the SIM card asks for its PIN. Enter it on the modem's card.",
      'Warning /dev/ttyUSB2: the modem finds no mobile network. Check the SIM card and the signal where the modem is.',
      'OK /dev/ttyUSB2: a modem answers (E3131).',
      'Warning [untranslated: usb-autosuspend] (seconds: 2, path: /dev/ttyUSB2)',
    ]);
    expect(within(list).getByText(/untranslated: usb-autosuspend/).className).toBe('untranslated');
    expect(h.callsOf('gateways.doctor')).toEqual([{}]);
    // The busy port in the list now names the program the check found.
    expect(lines(await triedList())[3]).toBe('ttyUSB1: port busy — ModemManager holds it; close it, or tell it to leave the modem alone');
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
