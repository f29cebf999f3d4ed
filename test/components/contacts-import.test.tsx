import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ContactsScreen } from '../../renderer/screens/contacts/ContactsScreen.tsx';
import { chunkRows, guessMapping, mergeChunkResult, parseContactsCsv, prepareImport } from '../../renderer/screens/contacts/csv-import.ts';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const baseStubs = {
  'settings.get': () => SETTINGS,
  'groups.list': () => [],
  'contacts.list': () => ({ contacts: [], total: 0 }),
};

const csvFile = (text: string, name = 'wagonjwa.csv') => new File([text], name, { type: 'text/csv' });
const selectedText = (select: HTMLElement) => (select as HTMLSelectElement).selectedOptions[0]?.textContent;

// A Swahili header; row 2 has a number the backend refuses; row 4 has an unquoted comma.
const CLINIC_CSV = [
  'Jina,Namba ya simu,Barua pepe,Maelezo,Kundi',
  'Amina Njeri,0712 345 678,amina@example.org,Prefers mornings,Mothers',
  'Baraka Otieno,0799,,,',
  '"Chao, Wanjiru",+254733000111,,,ANC',
  'Zawadi,0722 000 000,,Twins, due in May,Mothers',
  '',
].join('\r\n');

describe('CSV import', () => {
  it('previews, guesses the columns from a Swahili header, imports the mapped rows and lists every problem row', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      ...baseStubs,
      'contacts.import': (p) => ({ created: p.rows.length - 1, duplicates: 0, errors: [{ row: 2, field: 'phone', message: 'This is not a valid phone number in Kenya.' }] }),
    });
    h.render(<ContactsScreen />);
    await user.upload(await screen.findByLabelText('Import contacts from CSV'), csvFile(CLINIC_CSV));

    const preview = await screen.findByRole('table', { name: 'The first 4 of 4 rows' });
    expect(within(preview).getAllByRole('row')).toHaveLength(5);
    expect(within(preview).getByRole('cell', { name: 'Chao, Wanjiru' })).toBeTruthy();

    expect(selectedText(screen.getByRole('combobox', { name: 'Name column' }))).toBe('Jina');
    expect(selectedText(screen.getByRole('combobox', { name: 'Phone column' }))).toBe('Namba ya simu');
    expect(selectedText(screen.getByRole('combobox', { name: 'E-mail column' }))).toBe('Barua pepe');
    expect(selectedText(screen.getByRole('combobox', { name: 'Notes column' }))).toBe('Maelezo');
    expect(selectedText(screen.getByRole('combobox', { name: 'Group column' }))).toBe('Kundi');
    expect(screen.getByText(/1 row cannot be imported as it is/)).toBeTruthy();

    // Leave the notes out: the mapping decides what is sent.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Notes column' }), '(not in this file)');
    await user.click(screen.getByRole('button', { name: 'Import 3 contacts' }));

    const summary = await screen.findByText('Imported 2 · 0 duplicates · 2 rows with problems');
    expect(summary.getAttribute('role')).toBe('status');
    expect(h.callsOf('contacts.import')).toEqual([
      {
        rows: [
          { name: 'Amina Njeri', phone: '0712 345 678', email: 'amina@example.org', group: 'Mothers' },
          { name: 'Baraka Otieno', phone: '0799' },
          { name: 'Chao, Wanjiru', phone: '+254733000111', group: 'ANC' },
        ],
      },
    ]);
    const problems = screen.getByRole('table', { name: 'Rows with problems' });
    const rows = within(problems).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['2', 'Phone', 'This is not a valid phone number in Kenya.'],
      ['4', 'Whole row', 'This row has 6 values but the header has 5 columns. A comma inside a value must be in quotes.'],
    ]);
  });

  it('imports in chunks with a progress bar, and numbers problem rows by their place in the file', async () => {
    const user = userEvent.setup();
    const release: Array<() => void> = [];
    const h = setupScreen({
      ...baseStubs,
      'contacts.import': (p) =>
        new Promise((resolve) => {
          release.push(() => resolve({ created: p.rows.length - 1, duplicates: 1, errors: [{ row: 1, field: 'phone', message: 'Bad number.' }] }));
        }),
    });
    h.render(<ContactsScreen />);
    const lines = ['name,phone', ...Array.from({ length: 4_500 }, (_, i) => `Patient ${i + 1},07${String(10_000_000 + i)}`)];
    await user.upload(await screen.findByLabelText('Import contacts from CSV'), csvFile(lines.join('\n')));
    await user.click(await screen.findByRole('button', { name: 'Import 4,500 contacts' }));

    const bar = await screen.findByRole('progressbar', { name: 'Imported 0 of 4,500 rows…' });
    expect(bar.getAttribute('aria-valuemax')).toBe('4500');
    await waitFor(() => expect(release).toHaveLength(1));
    release[0]!();
    expect(await screen.findByRole('progressbar', { name: 'Imported 2,000 of 4,500 rows…' })).toBeTruthy();
    await waitFor(() => expect(release).toHaveLength(2));
    release[1]!();
    await waitFor(() => expect(release).toHaveLength(3));
    release[2]!();

    expect(await screen.findByText('Imported 4,497 · 3 duplicates · 3 rows with problems')).toBeTruthy();
    expect(h.callsOf('contacts.import').map((p) => p.rows.length)).toEqual([2_000, 2_000, 500]);
    const problems = screen.getByRole('table', { name: 'Rows with problems' });
    expect(within(problems).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['1', '2001', '4001']);
  });

  it('explains a broken file in place and imports nothing', async () => {
    const user = userEvent.setup();
    const h = setupScreen(baseStubs);
    h.render(<ContactsScreen />);
    const input = await screen.findByLabelText('Import contacts from CSV');

    await user.upload(input, csvFile('name,phone\n"Amina Njeri,0712345678\nBaraka,0799\n', 'broken.csv'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^broken\.csv cannot be imported: it is not a valid CSV file/);

    await user.upload(input, csvFile('name,phone\n\n', 'header-only.csv'));
    expect((await screen.findByRole('alert')).textContent).toBe('header-only.csv cannot be imported: it has a header but no contacts under it.');

    await user.upload(input, csvFile('', 'empty.csv'));
    expect((await screen.findByRole('alert')).textContent).toBe('empty.csv cannot be imported: the file is empty.');
    expect(screen.queryByRole('combobox', { name: 'Name column' })).toBeNull();
    expect(h.callsOf('contacts.import')).toHaveLength(0);
  });

  it('asks for a name column and a way to reach people before importing', async () => {
    const user = userEvent.setup();
    setupScreen(baseStubs).render(<ContactsScreen />);
    await user.upload(await screen.findByLabelText('Import contacts from CSV'), csvFile('Kitambulisho,Simu\nA-1,0712345678\n'));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose the column that holds the names.');
    expect((screen.getByRole('button', { name: 'Import 1 contact' }) as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Name column' }), 'Kitambulisho');
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('button', { name: 'Import 1 contact' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('CSV import: the pure steps', () => {
  it('guesses English and Swahili headers, each column once', () => {
    expect(guessMapping(['Full Name', 'Mobile', 'E-mail Address', 'Notes', 'Group'])).toEqual({ name: 0, phone: 1, email: 2, notes: 3, group: 4 });
    expect(guessMapping(['simu', 'jina', 'barua pepe', 'kikundi'])).toEqual({ name: 1, phone: 0, email: 2, notes: null, group: 3 });
    expect(guessMapping(['Patient name', 'Phone number (mobile)', 'Remarks'])).toEqual({ name: 0, phone: 1, email: null, notes: 2, group: null });
    expect(guessMapping(['id', 'x'])).toEqual({ name: null, phone: null, email: null, notes: null, group: null });
  });

  it('refuses more than 50,000 rows and strips a byte-order mark', () => {
    const big = ['name', ...Array.from({ length: 50_001 }, (_, i) => `P${i}`)].join('\n');
    expect(parseContactsCsv(big)).toEqual({ ok: false, problem: { kind: 'too-many-rows', count: 50_001 } });
    const parsed = parseContactsCsv('\ufeffname\nAmina\n');
    expect(parsed.ok && parsed.csv.headers).toEqual(['name']);
  });

  it('keeps back values longer than the contract allows, so one row cannot fail a whole chunk', () => {
    const parsed = parseContactsCsv(`name,phone\n${'x'.repeat(501)},0712345678\nAmina,0712345678\n`);
    if (!parsed.ok) throw new Error('should parse');
    const prepared = prepareImport(parsed.csv, guessMapping(parsed.csv.headers));
    expect(prepared.rows).toEqual([{ row: 2, data: { name: 'Amina', phone: '0712345678' } }]);
    expect(prepared.problems).toEqual([{ row: 1, field: 'name', code: 'too-long', values: { max: 500 } }]);
  });

  it('maps each chunk\'s row numbers back to the file', () => {
    const chunks = chunkRows([10, 11, 12, 13, 14], 2);
    expect(chunks).toEqual([[10, 11], [12, 13], [14]]);
    const merged = mergeChunkResult({ created: 1, duplicates: 0, errors: [] }, { created: 1, duplicates: 1, errors: [{ row: 2, field: 'email', message: 'Bad' }] }, [12, 13]);
    expect(merged).toEqual({ created: 2, duplicates: 1, errors: [{ row: 13, field: 'email', message: 'Bad' }] });
  });
});
