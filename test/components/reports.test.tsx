// The Reports screen: a period of clinic days (Last 7 days by default, worked out in the clinic's
// time zone), stats.daily asked for it, totals with the delivery rate, one table row per day,
// another period asked again, custom dates checked before asking, and the CSV download.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../src-shared/contract/commands.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { createBackend, renderApp, resetAll, SETTINGS } from './harness.tsx';

type Day = CommandResult<'stats.daily'>['days'][number];

// Thursday 31 January 2030, 22:30 UTC: already Friday 1 February, 01:30, in Nairobi (UTC+3).
const NOW = '2030-01-31T22:30:00.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  useSettings.getState().set(SETTINGS);
});
afterEach(() => {
  vi.useRealTimers();
  resetAll();
});

const day = (date: string, over: Partial<Day> = {}): Day => ({ date, sent: 0, delivered: 0, failed: 0, received: 0, suppressed: 0, optOuts: 0, confirmed: 0, remindersSent: 0, attended: 0, ...over });

/** The week to 1 February: two busy days, the others left out by the backend. */
const WEEK: Day[] = [
  day('2030-01-28', { sent: 120, delivered: 100, failed: 5, received: 30, suppressed: 2, optOuts: 1, confirmed: 12 }),
  day('2030-02-01', { sent: 80, delivered: 50, failed: 3, received: 10, suppressed: 1, optOuts: 0, confirmed: 4 }),
];

/** jsdom's Blob has no text(). */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

const total = (name: string) => {
  const totals = document.querySelector('dl.reports-totals') as HTMLElement;
  const term = within(totals).getByText(name, { selector: 'dt' });
  return term.nextElementSibling?.textContent;
};

describe('Reports', () => {
  it('is in the navigation and asks the last 7 clinic days by default, with totals, the delivery rate and a row per day', async () => {
    const backend = createBackend({ 'stats.daily': () => ({ days: WEEK }) });
    renderApp(backend, '#/reports');
    expect(screen.getByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Period' }).value).toBe('last7');

    await screen.findByRole('heading', { level: 2, name: 'Jan 26, 2030 – Feb 1, 2030' });
    expect(backend.callsOf('stats.daily')).toEqual([{ from: '2030-01-26', to: '2030-02-01' }]);

    expect(total('Sent')).toBe('200');
    expect(total('Delivered')).toBe('150');
    expect(total('Delivery rate')).toBe('75%');
    expect(total('Failed')).toBe('8');
    expect(total('Received')).toBe('40');
    expect(total('Not sent (opted out)')).toBe('3');
    expect(total('Opt-outs')).toBe('1');
    expect(total('Confirmations')).toBe('16');

    const chart = screen.getByRole('img', { name: /^Messages per day, Jan 26, 2030 – Feb 1, 2030: 200 sent, 150 delivered, 8 failed, 40 received\./ });
    expect(chart.querySelectorAll('rect')).toHaveLength(7 * 4);

    const table = screen.getByRole('table', { name: 'Messages per day, Jan 26, 2030 – Feb 1, 2030' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.querySelector('time')?.getAttribute('dateTime'))).toEqual(['2030-01-26', '2030-01-27', '2030-01-28', '2030-01-29', '2030-01-30', '2030-01-31', '2030-02-01']);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['120', '100', '5', '30', '2', '1', '12']);
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });

  it('asks again for another period, and says when nothing was sent', async () => {
    const user = userEvent.setup();
    const backend = createBackend({ 'stats.daily': () => ({ days: [] }) });
    renderApp(backend, '#/reports');
    await waitFor(() => expect(backend.callsOf('stats.daily')).toHaveLength(1));
    expect(await screen.findByText('Nothing was sent or received in this period.')).toBeTruthy();

    const period = screen.getByRole('combobox', { name: 'Period' });
    await user.selectOptions(period, 'last30');
    await waitFor(() => expect(backend.callsOf('stats.daily').at(-1)).toEqual({ from: '2030-01-03', to: '2030-02-01' }));
    await user.selectOptions(period, 'thisMonth');
    await waitFor(() => expect(backend.callsOf('stats.daily').at(-1)).toEqual({ from: '2030-02-01', to: '2030-02-01' }));
    await user.selectOptions(period, 'lastMonth');
    await waitFor(() => expect(backend.callsOf('stats.daily').at(-1)).toEqual({ from: '2030-01-01', to: '2030-01-31' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Jan 1, 2030 – Jan 31, 2030' })).toBeTruthy();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 31);
    expect(total('Delivery rate')).toBe('—');
  });

  it('asks for custom dates once they make a period, and says why they do not', async () => {
    const user = userEvent.setup();
    const backend = createBackend();
    renderApp(backend, '#/reports');
    await waitFor(() => expect(backend.callsOf('stats.daily')).toHaveLength(1));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'custom');
    const from = screen.getByLabelText<HTMLInputElement>('From');
    const to = screen.getByLabelText<HTMLInputElement>('To');
    expect([from.value, to.value]).toEqual(['2030-01-26', '2030-02-01']);

    await user.clear(from);
    await user.type(from, '2030-01-10');
    await waitFor(() => expect(backend.callsOf('stats.daily').at(-1)).toEqual({ from: '2030-01-10', to: '2030-02-01' }));

    const asked = backend.callsOf('stats.daily').length;
    await user.clear(to);
    await user.type(to, '2030-01-05');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'The “To” date is before the “From” date.');
    expect(backend.callsOf('stats.daily')).toHaveLength(asked);
  });

  it('downloads the per-day figures as CSV', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    const names: string[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:report';
    };
    URL.revokeObjectURL = () => {};
    // jsdom cannot navigate to a blob: URL; the click is what a browser turns into a download.
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      renderApp(createBackend({ 'stats.daily': () => ({ days: WEEK }) }), '#/reports');
      await screen.findByRole('table');
      await user.click(screen.getByRole('button', { name: 'Download CSV' }));
      expect(clicks).toHaveBeenCalledTimes(1);
      expect(names).toEqual(['ujumbe-report-2030-01-26-to-2030-02-01.csv']);
      expect(created).toHaveLength(1);
      expect(created[0]!.type).toBe('text/csv;charset=utf-8');
      const text = (await readBlob(created[0]!)).replace(/^\ufeff/, '');
      expect(text.split('\r\n')).toEqual([
        'date,sent,delivered,failed,received,suppressed,optOuts,confirmed',
        '2030-01-26,0,0,0,0,0,0,0',
        '2030-01-27,0,0,0,0,0,0,0',
        '2030-01-28,120,100,5,30,2,1,12',
        '2030-01-29,0,0,0,0,0,0,0',
        '2030-01-30,0,0,0,0,0,0,0',
        '2030-01-31,0,0,0,0,0,0,0',
        '2030-02-01,80,50,3,10,1,0,4',
        '',
      ]);
    } finally {
      clicks.mockRestore();
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
  });

  it('prints, and speaks Swahili', async () => {
    const user = userEvent.setup();
    const print = vi.fn();
    const originalPrint = window.print;
    window.print = print;
    try {
      renderApp(createBackend({ 'stats.daily': () => ({ days: WEEK }) }), '#/reports');
      await screen.findByRole('table');
      await user.click(screen.getByRole('button', { name: 'Print' }));
      expect(print).toHaveBeenCalledTimes(1);
      act(() => setLanguage('sw'));
      expect(await screen.findByRole('heading', { level: 1, name: 'Ripoti' })).toBeTruthy();
      expect(total('Vimetumwa')).toBe('200');
      expect(total('Vimefika')).toBe('150');
      expect(screen.getByRole('button', { name: 'Pakua CSV' })).toBeTruthy();
    } finally {
      window.print = originalPrint;
    }
  });
});
