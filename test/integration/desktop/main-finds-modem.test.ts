/**
 * The desktop host against the stand-in `electron` module (the real binary cannot run here):
 * the same composition root as `ujumbe serve`, so a modem plugged in where UJUMBE_MODEM_SEARCH
 * points is found, adopted and used, and what the window asks through IPC sees it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDesktopRig, type DesktopRig } from './desktop-rig.ts';

let rig: DesktopRig;

beforeAll(async () => {
  rig = await createDesktopRig({ prefix: 'ujumbe-desktop-', modem: 'simulator' });
  await rig.launch();
});

// Quitting stops the backend (the modem's port closes) before the app exits.
afterAll(() => rig.close());

describe('the desktop host finds the modem by itself', () => {
  it('adopts the modem plugged in, lists it through IPC, and sends through it', async () => {
    // The first request starts the backend (main.ts waits for the page).
    expect(await rig.ask('app.info', {})).toMatchObject({ ok: true, result: { host: 'electron' } });
    await vi.waitFor(
      async () => {
        const list = await rig.ask('gateways.list', {});
        expect(list.result).toEqual([expect.objectContaining({ id: 'modem:356938035643809', kind: 'modem', state: 'running', saved: true })]);
      },
      { timeout: 15_000, interval: 50 },
    );
    const discovery = await rig.ask('gateways.discovery', {});
    expect(discovery.result).toMatchObject({ searchFromEnvironment: true, search: [rig.modemSearch], ports: [expect.objectContaining({ path: rig.sim.path, outcome: 'in-use' })] });
    const sent = await rig.ask('messages.send', { to: [{ kind: 'address', address: '+254712345678', protocol: 'sms' }], text: 'from the desktop' });
    expect(sent.ok).toBe(true);
    await vi.waitFor(() => expect(rig.sim.received.map((r) => r.decoded.text)).toEqual(['from the desktop']), { timeout: 15_000, interval: 50 });
  });
});
