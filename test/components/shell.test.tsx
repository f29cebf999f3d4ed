import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayView } from '../../src-shared/contract/dto.ts';
import { createConnectionStatus } from '../../renderer/host/connect.ts';
import { App } from '../../renderer/app/App.tsx';
import { render } from '@testing-library/react';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

afterEach(resetAll);

const modem = (over: Partial<GatewayView> = {}): GatewayView => ({
  id: 'modem:/dev/ttyUSB0',
  protocol: 'sms',
  kind: 'modem',
  state: 'disconnected',
  problem: 'The modem was unplugged.',
  detail: {},
  queueLength: 3,
  sentToday: 0,
  lastError: null,
  demo: false,
  dailyCap: null,
  dailyLimit: null,
  ...over,
});

describe('the shell', () => {
  it('has a navigation with a link per screen and moves between them', async () => {
    const user = userEvent.setup();
    renderApp(createBackend());
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const names = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(names).toEqual(['Compose', 'Conversations', 'Outbox', 'Contacts', 'Gateways', 'Settings']);
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
    expect(status.textContent).toBe('Connected');
    act(() => connection.set('reconnecting'));
    expect(status.textContent).toBe('Reconnecting…');
    act(() => connection.set('unauthorised'));
    expect(status.textContent).toBe('Not authorised: open the link Ujumbe printed');
  });

  it('says in words why no modem is running, with a way to Gateways', async () => {
    const user = userEvent.setup();
    renderApp(createBackend({ 'gateways.list': () => [modem()] }));
    await screen.findByText('The modem was unplugged.');
    await user.click(screen.getByRole('button', { name: 'Go to Gateways' }));
    expect(window.location.hash).toBe('#/gateways');
  });

  it('says the state in words when the gateway gives no reason', async () => {
    renderApp(createBackend({ 'gateways.list': () => [modem({ state: 'stopped', problem: null })] }));
    await screen.findByText('The modem is stopped. Messages wait in the Outbox.');
  });

  it('says so when no modem is set up, and stops warning once one runs', async () => {
    const backend = createBackend();
    renderApp(backend);
    await screen.findByText('No modem is set up. Messages wait in the Outbox until one is.');
    await act(async () => backend.server.emit('gateway.status', modem({ state: 'running', problem: null })));
    await screen.findByText('Modem ready');
    expect(screen.queryByRole('button', { name: 'Go to Gateways' })).toBeNull();
  });

  it('says the demo modem sends nothing real when it is the only one running', async () => {
    renderApp(createBackend({ 'gateways.list': () => [modem({ id: 'demo-modem', state: 'running', problem: null, demo: true })] }));
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
