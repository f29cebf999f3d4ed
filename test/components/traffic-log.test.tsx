import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TrafficLogDto } from '../../src-shared/contract/dto.ts';
import { TrafficLog, trafficFileName } from '../../renderer/screens/gateways/TrafficLog.tsx';
import { GatewaysScreen } from '../../renderer/screens/gateways/GatewaysScreen.tsx';
import { createBackend, renderWithClient, resetAll } from './harness.tsx';
import { SETTINGS, gatewayView, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(() => {
  resetAll();
  resetScreens();
});

const ID = gatewayView().id;
const AT = '2026-11-25T10:00:00.000Z';
const MASKED: TrafficLogDto = {
  masked: true,
  entries: [
    { at: AT, direction: 'out', line: 'AT+CMGS=24' },
    { at: AT, direction: 'in', line: '> ' },
    { at: AT, direction: 'out', line: '<PDU 25 octets>' },
    { at: AT, direction: 'urc', line: '+CLIP: "+2547******78",145' },
  ],
};
const REVEALED: TrafficLogDto = {
  masked: false,
  entries: [
    { at: AT, direction: 'out', line: 'AT+CMGS=24' },
    { at: AT, direction: 'in', line: '> ' },
    { at: AT, direction: 'out', line: '0011000C915247214365870000AD0BC8329BFD06DDDF723619' },
    { at: AT, direction: 'urc', line: '+CLIP: "+254712345678",145' },
  ],
};

/** jsdom's Blob has no text(). */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

function stubDownload() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (blob: Blob) => {
    blobs.push(blob);
    return 'blob:traffic';
  };
  URL.revokeObjectURL = () => {};
  // jsdom cannot navigate to a blob: URL; the click is what a browser turns into a download.
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return {
    blobs,
    names,
    restore() {
      clicks.mockRestore();
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    },
  };
}

describe('Gateways: AT traffic log', () => {
  it('is behind "Show AT traffic" on a modem card', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ 'settings.get': () => SETTINGS, 'gateways.list': () => [gatewayView()], 'gateways.traffic': () => MASKED });
    h.render(<GatewaysScreen />);
    const article = await screen.findByRole('article', { name: 'Huawei E173' });
    expect(h.callsOf('gateways.traffic')).toEqual([]);
    await user.click(within(article).getByRole('button', { name: 'Show AT traffic' }));
    expect(await within(article).findByText(/<PDU 25 octets>/)).toBeTruthy();
    expect(h.callsOf('gateways.traffic')).toEqual([{ id: ID, reveal: false }]);
  });

  it('shows masked lines, reveals with the toggle, hides again, and refreshes', async () => {
    const user = userEvent.setup();
    const backend = createBackend({ 'gateways.traffic': ({ reveal }) => (reveal ? REVEALED : MASKED) });
    renderWithClient(<TrafficLog gatewayId={ID} />, backend);
    await user.click(screen.getByRole('button', { name: 'Show AT traffic' }));
    const list = await screen.findByRole('list', { name: 'AT traffic (for a technician)' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(within(list).getByText(/\+CLIP: "\+2547\*{6}78",145/)).toBeTruthy();
    expect(screen.queryByText(/0011000C91/)).toBeNull();

    const toggle = screen.getByRole('button', { name: 'Show numbers and texts' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await user.click(toggle);
    expect(await screen.findByText(/0011000C915247214365870000AD0BC8329BFD06DDDF723619/)).toBeTruthy();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/are shown: patient data/)).toBeTruthy();

    await user.click(toggle);
    expect(await screen.findByText(/<PDU 25 octets>/)).toBeTruthy();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(backend.callsOf('gateways.traffic')).toEqual([
      { id: ID, reveal: false },
      { id: ID, reveal: true },
      { id: ID, reveal: false },
      { id: ID, reveal: false },
    ]));
  });

  it('downloads a text file whose name and first line say whether it is masked', async () => {
    const user = userEvent.setup();
    const download = stubDownload();
    try {
      const backend = createBackend({ 'gateways.traffic': ({ reveal }) => (reveal ? REVEALED : MASKED) });
      renderWithClient(<TrafficLog gatewayId={ID} />, backend);
      await user.click(screen.getByRole('button', { name: 'Show AT traffic' }));
      await screen.findByText(/<PDU 25 octets>/);
      await user.click(screen.getByRole('button', { name: 'Download log' }));
      expect(download.names[0]).toMatch(/^ujumbe-at-traffic-modem-356789012345678-masked-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.txt$/);
      expect(download.blobs[0]!.type).toBe('text/plain;charset=utf-8');
      const text = await readBlob(download.blobs[0]!);
      const [header, ...lines] = text.trimEnd().split('\n');
      expect(header).toMatch(/^# Ujumbe AT traffic, gateway modem:356789012345678, .*numbers and texts masked, 4 lines$/);
      expect(lines).toEqual([
        `${AT} <- AT+CMGS=24`,
        `${AT} -> > `,
        `${AT} <- <PDU 25 octets>`,
        `${AT} => +CLIP: "+2547******78",145`,
      ]);

      await user.click(screen.getByRole('button', { name: 'Show numbers and texts' }));
      await screen.findByText(/0011000C91/);
      await user.click(screen.getByRole('button', { name: 'Download log' }));
      expect(download.names[1]).toContain('-REVEALED-');
      expect(await readBlob(download.blobs[1]!)).toMatch(/^# .*numbers and texts REVEALED[\s\S]*0011000C915247214365870000AD0BC8329BFD06DDDF723619/);
    } finally {
      download.restore();
    }
  });

  it('says why the log could not be read', async () => {
    const user = userEvent.setup();
    const backend = createBackend({
      'gateways.traffic': () => {
        throw new Error('boom');
      },
    });
    renderWithClient(<TrafficLog gatewayId={ID} />, backend);
    await user.click(screen.getByRole('button', { name: 'Show AT traffic' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The AT traffic could not be read: /);
  });

  it('names files safely', () => {
    expect(trafficFileName('modem:/dev/ttyUSB2', false, new Date('2026-11-25T10:11:12.345Z'))).toBe('ujumbe-at-traffic-modem-dev-ttyUSB2-REVEALED-2026-11-25T10-11-12Z.txt');
  });
});
