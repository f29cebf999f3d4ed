/**
 * A full disk in the renderer (docs/ARCHITECTURE.md "Field survival"): Compose says the refusal
 * where it happens, in the renderer's own words for the code `disk-full` (not the backend's
 * English); the header shows the disk's state while it lasts (app.info, then `storage.status`
 * events) and drops it when the disk has room again. English and Swahili.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../src-shared/contract/dto.ts';
import type { StorageStatusDto } from '../../src-shared/contract/storage.ts';
import { UjumbeError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ComposeScreen } from '../../renderer/screens/compose/ComposeScreen.tsx';
import { SettingsScreen } from '../../renderer/screens/settings/SettingsScreen.tsx';
import { useAppState } from '../../renderer/state/app.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { createBackend, renderApp, renderWithClient, resetAll, SETTINGS, STORAGE_OK } from './harness.tsx';

afterEach(resetAll);

const MIB = 1024 * 1024;
const FULL: StorageStatusDto = { ...STORAGE_OK, state: 'disk-full', freeBytes: 0 };
const LOW: StorageStatusDto = { ...STORAGE_OK, state: 'low-space', freeBytes: 120 * MIB };
// What the backend says in English: the renderer must not need it.
const diskFull = () => new UjumbeError('disk-full', 'backend words', { dataDir: '/data' });

describe('Compose on a full disk', () => {
  it('says the send was refused and nothing was saved, by the Send button, and keeps the draft', async () => {
    const backend = createBackend({
      'messages.send': () => {
        throw diskFull();
      },
    });
    useSettings.getState().set(SETTINGS);
    renderWithClient(<ComposeScreen />, backend);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: 'To' }), '0712345678,');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Kumbusho');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The disk is full: free some space; no message was saved.');
    expect(screen.queryByText('backend words')).toBeNull();
    // The draft is still there to send once there is room.
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Kumbusho');
  });

  it('says it in Swahili', async () => {
    setLanguage('sw');
    const backend = createBackend({
      'messages.send': () => {
        throw diskFull();
      },
    });
    useSettings.getState().set(SETTINGS);
    renderWithClient(<ComposeScreen />, backend);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox'), '0712345678,');
    await user.type(screen.getAllByRole('textbox').at(-1)!, 'Kumbusho');
    await user.click(screen.getByRole('button', { name: 'Tuma' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Diski imejaa: ondoa baadhi ya faili ili kupata nafasi; hakuna ujumbe uliohifadhiwa.');
  });
});

describe('the header on a full disk', () => {
  it('shows the full disk while it lasts, then low space with what is left, then nothing', async () => {
    const backend = createBackend({ 'app.info': () => ({ version: '1', host: 'headless', dataDir: '/data', demo: false, demoAvailable: false, storage: FULL }) });
    renderApp(backend);
    const banner = await screen.findByRole('alert', { name: 'Disk space' });
    expect(banner.textContent).toContain('The disk is full: Ujumbe cannot save new messages.');

    act(() => backend.server.emit('storage.status', LOW));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Disk space' })).toBeNull());
    expect(within(screen.getByRole('status', { name: 'Disk space' })).getByText(/120 MB left/)).toBeTruthy();

    act(() => backend.server.emit('storage.status', STORAGE_OK));
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Disk space' })).toBeNull());
  });

  it('shows nothing while the disk is fine, and the warning in Swahili', async () => {
    // The shell follows the language setting.
    const backend = createBackend({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }) });
    renderApp(backend);
    // app.info's answer (the disk is fine) is in before the events come.
    await waitFor(() => expect(useAppState.getState().storage).toEqual(STORAGE_OK));
    expect(screen.queryByRole('status', { name: 'Nafasi ya diski' })).toBeNull();
    act(() => backend.server.emit('storage.status', LOW));
    expect((await screen.findByRole('status', { name: 'Nafasi ya diski' })).textContent).toContain('zimebaki MB 120');
    act(() => backend.server.emit('storage.status', FULL));
    expect((await screen.findByRole('alert', { name: 'Nafasi ya diski' })).textContent).toContain('Diski imejaa');
  });
});

describe('the low-space threshold in Settings', () => {
  it('saves a new threshold, and refuses one out of bounds before asking the backend', async () => {
    let current: SettingsDto = SETTINGS;
    const backend = createBackend({
      'settings.get': () => current,
      'settings.update': (patch) => {
        current = { ...current, ...(patch as Partial<SettingsDto>) };
        return current;
      },
    });
    renderWithClient(<SettingsScreen />, backend);
    const user = userEvent.setup();
    const field = (await screen.findByRole('textbox', { name: 'Warn when free disk space is under (MB)' })) as HTMLInputElement;
    expect(field.value).toBe('500');
    await user.clear(field);
    await user.type(field, '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write a whole number of MB from 1 to 1000000.');
    expect(backend.callsOf('settings.update')).toHaveLength(0);

    await user.clear(field);
    await user.type(field, '2000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(backend.callsOf('settings.update')).toEqual([{ lowSpaceMb: 2000 }]));
  });
});
