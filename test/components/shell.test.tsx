import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import { createConnectionStatus } from '../../renderer/host/connect.ts';
import { App } from '../../renderer/app/App.tsx';
import { render } from '@testing-library/react';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';
import { gatewayView } from './contacts-harness.tsx';

afterEach(resetAll);

/** A saved modem that is not plugged in: codes only, as the backend sends them. */
const modem = (over: Parameters<typeof gatewayView>[0] = {}): GatewayView =>
  gatewayView({ id: 'modem:356789012345678', state: 'disconnected', problem: { code: 'waiting-for-modem' }, ...over });
const header = () => screen.getByRole('banner');

describe('the shell', () => {
  it('has a navigation with a link per screen and moves between them', async () => {
    const user = userEvent.setup();
    renderApp(createBackend());
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const names = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(names).toEqual(['Compose', 'Conversations', 'Outbox', 'Reminders', 'Contacts', 'Templates', 'Reports', 'Gateways', 'Settings', 'Audit']);
    expect(within(nav).getByRole('link', { name: 'Compose' }).getAttribute('aria-current')).toBe('page');
    await user.click(within(nav).getByRole('link', { name: 'Outbox' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Outbox & history' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Outbox' }).getAttribute('aria-current')).toBe('page');
    expect(window.location.hash).toBe('#/outbox');
    // Focus moves to the new screen's heading for keyboard and screen-reader users.
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Outbox & history' }));
    await user.click(within(nav).getByRole('link', { name: 'Conversations' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Conversations' })).toBeTruthy();
  });

  it('says how the connection stands', async () => {
    const connection = createConnectionStatus('connected');
    render(<App client={createBackend().client} connection={connection} />);
    const status = screen.getByRole('status', { name: 'Connection' });
    // Said of Ujumbe, so that beside "No modem yet" it is not read as the modem's state.
    expect(status.textContent).toBe('Connected to Ujumbe');
    act(() => connection.set('reconnecting'));
    expect(status.textContent).toBe('Reconnecting to Ujumbe…');
    act(() => connection.set('closed'));
    expect(status.textContent).toBe('Not connected to Ujumbe');
    act(() => connection.set('unauthorised'));
    expect(status.textContent).toBe('Not authorised: open the link Ujumbe printed');
  });

  it('says it waits for the modem to be plugged in, with a way to Gateways', async () => {
    const user = userEvent.setup();
    renderApp(createBackend({ 'gateways.list': () => [modem(), modem({ id: 'modem:2', problem: { code: 'unplugged' } })] }));
    expect(await within(header()).findByText('Waiting for the modem to be plugged in')).toBeTruthy();
    await user.click(within(header()).getByRole('button', { name: 'Go to Gateways' }));
    expect(window.location.hash).toBe('#/gateways');
  });

  it('says "Modem ready" only while a modem runs below its daily cap', async () => {
    const backend = createBackend({ 'gateways.list': () => [modem({ state: 'running', problem: null })] });
    renderApp(backend);
    expect(await within(header()).findByText('Modem ready')).toBeTruthy();
    expect(within(header()).queryByRole('button', { name: 'Go to Gateways' })).toBeNull();
    await act(async () => backend.server.emit('gateway.status', modem({ state: 'running', problem: null, dailyCap: 200, sentToday: 200, dailyCapReached: true })));
    expect(await within(header()).findByText('Daily limit reached: SMS wait in the Outbox until tomorrow')).toBeTruthy();
    expect(within(header()).queryByText('Modem ready')).toBeNull();
  });

  it('says "No modem yet" when none is saved, and ready once detection adds one', async () => {
    const backend = createBackend();
    renderApp(backend);
    expect(await within(header()).findByText('No modem yet. Plug in a USB modem; until then SMS cannot be sent.')).toBeTruthy();
    await act(async () => backend.server.emit('gateway.added', modem({ state: 'running', problem: null })));
    expect(await within(header()).findByText('Modem ready')).toBeTruthy();
    await act(async () => backend.server.emit('gateway.removed', { id: 'modem:356789012345678' }));
    expect(await within(header()).findByText(/^No modem yet/)).toBeTruthy();
  });

  it('says when the only modem is disabled', async () => {
    renderApp(createBackend({ 'gateways.list': () => [modem({ enabled: false, state: 'stopped', problem: { code: 'disabled' } })] }));
    expect(await within(header()).findByText('The modem is disabled: SMS wait in the Outbox')).toBeTruthy();
  });

  it('words any other problem code, and says the state when there is no code', async () => {
    const backend = createBackend({ 'gateways.list': () => [modem({ problem: { code: 'permission-denied' } })] });
    renderApp(backend);
    // A port this user may not open is not "waiting to be plugged in".
    expect(await within(header()).findByText(/^This computer user may not open the modem's port\./)).toBeTruthy();
    await act(async () => backend.server.emit('gateway.status', modem({ state: 'stopped', problem: null })));
    expect(await within(header()).findByText('The modem is stopped. Messages wait in the Outbox.')).toBeTruthy();
  });

  it('never says "Modem ready" while the backend is not connected', async () => {
    const connection = createConnectionStatus('connected');
    render(<App client={createBackend({ 'gateways.list': () => [modem({ state: 'running', problem: null })] }).client} connection={connection} />);
    expect(await within(header()).findByText('Modem ready')).toBeTruthy();
    act(() => connection.set('reconnecting'));
    expect(within(header()).queryByText('Modem ready')).toBeNull();
    expect(within(header()).getByText('Modem state not known while Ujumbe is not connected')).toBeTruthy();
  });

  it('says the demo modem sends nothing real when it is the only one running', async () => {
    renderApp(createBackend({ 'gateways.list': () => [modem({ id: 'demo-modem', state: 'running', problem: null, demo: true, saved: false })] }));
    await screen.findByText('Demo modem ready — sends nothing real');
  });

  it('shows a banner when a recovery event says sends were interrupted', async () => {
    const user = userEvent.setup();
    const backend = createBackend();
    renderApp(backend);
    await act(async () => backend.server.emit('recovery', { policy: 'resend-flag-duplicate', recovered: 3, requeued: 2, failed: 1, recipientIds: [1, 2, 3] }));
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Sending was interrupted');
    expect(banner.textContent).toContain('2 messages were queued again and marked “Possible duplicate”');
    expect(banner.textContent).toContain('1 message was marked failed');
    await user.click(within(banner).getByRole('button', { name: 'View in Outbox' }));
    expect(window.location.hash).toBe('#/outbox');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Sending was interrupted')).toBeNull();
  });

  it('speaks Swahili when the settings say so, English where a string is missing', async () => {
    renderApp(createBackend({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) }));
    const nav = screen.getByRole('navigation');
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Andika' })).toBeTruthy());
    expect(screen.getByRole('combobox', { name: 'Kwa' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Ujumbe' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tuma' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('sw');
  });

  it('reports a failed call in a toast with the backend message', async () => {
    renderApp(createBackend({ 'messages.list': () => { throw new Error('The database is locked.'); } }), '#/outbox');
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(within(toasts).getByRole('alert').textContent).toContain('The database is locked.'));
  });
});
