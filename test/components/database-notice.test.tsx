/**
 * The notice after a start that set a damaged database aside (renderer/app/DatabaseNotice.tsx,
 * app.info's databaseNotice): said once in the header with where the damaged file was kept,
 * in English and Swahili; Dismiss tells the backend.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseNoticeDto } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { createBackend, renderApp, resetAll, SETTINGS, STORAGE_OK } from './harness.tsx';

afterEach(() => {
  setLanguage('en');
  resetAll();
});

const KEPT = '/home/nurse/.local/share/ujumbe/damaged-2026-12-03T09-12-05Z';
const info = (notice?: DatabaseNoticeDto) => () => ({ version: '1', host: 'electron' as const, dataDir: '/d', demo: false, demoAvailable: false, storage: STORAGE_OK, ...(notice ? { databaseNotice: notice } : {}) });
const header = () => screen.getByRole('banner');

describe('the damaged-database notice', () => {
  it('says Ujumbe started empty and where the damaged file is, until dismissed', async () => {
    const user = userEvent.setup();
    const backend = createBackend({
      'app.info': info({ code: 'started-empty', at: '2026-12-03T09:12:05.000Z', keptIn: KEPT, restoredFrom: null }),
      'app.dismissDatabaseNotice': () => ({ dismissed: true }),
    });
    renderApp(backend);
    const alert = await within(header()).findByRole('alert');
    expect(within(alert).getByText('Ujumbe’s database was damaged')).toBeTruthy();
    expect(alert.textContent).toContain('started with an empty one');
    expect(within(alert).getByText(KEPT).tagName).toBe('CODE');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(backend.callsOf('app.dismissDatabaseNotice')).toHaveLength(1));
    expect(within(header()).queryByText('Ujumbe’s database was damaged')).toBeNull();
  });

  it('says which copy was restored, in Swahili too', async () => {
    renderApp(createBackend({ 'settings.get': () => ({ ...SETTINGS, language: 'sw' }), 'app.info': info({ code: 'restored', at: '2026-12-03T09:12:05.000Z', keptIn: KEPT, restoredFrom: '/media/usb/ujumbe.db' }) }));
    const alert = await within(header()).findByRole('alert');
    expect(within(alert).getByText('Hifadhidata ya Ujumbe ilikuwa imeharibika')).toBeTruthy();
    expect(alert.textContent).toContain('ukarejesha nakala /media/usb/ujumbe.db');
    expect(alert.textContent).toContain(KEPT);
  });

  it('says nothing after an ordinary start', async () => {
    const backend = createBackend({ 'app.info': info() });
    renderApp(backend);
    await waitFor(() => expect(backend.callsOf('app.info').length).toBeGreaterThan(0));
    expect(within(header()).queryByRole('alert')).toBeNull();
  });
});
