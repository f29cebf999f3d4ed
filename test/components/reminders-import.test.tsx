// The Reminders screen's "Import a day list (CSV)": a file chosen in the browser is parsed,
// its columns guessed from the header (English or Swahili) or asked for, dates with the year
// last read day first (and said so), and sent as one appointments.import with each row's line
// in the file; the backend's errors (and ours) listed by line with nothing saved; the same list
// again is "already booked"; a broken file names its line; the words in Swahili too.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../src-shared/contract/commands.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { RemindersScreen } from '../../renderer/screens/reminders/RemindersScreen.tsx';
import { issuesAsRowErrors, parseDayList, readDate, readTime } from '../../renderer/screens/reminders/day-list.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { createBackend, renderWithClient, SETTINGS } from './harness.tsx';
import { atClinicMorning, listLoads } from './reminders-harness.tsx';

atClinicMorning();

type ImportResult = CommandResult<'appointments.import'>;

function renderScreen(overrides: Parameters<typeof createBackend>[0] = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend(overrides);
  renderWithClient(<RemindersScreen />, backend);
  return { backend, user: userEvent.setup() };
}

const csvFile = (text: string, name = 'kesho.csv') => new File([text], name, { type: 'text/csv' });
/** Choose a file, and wait until it has been read (FileReader is asynchronous). */
async function choose(user: ReturnType<typeof userEvent.setup>, file: File, label = 'Day list file (CSV)', reading = 'Reading the file…') {
  await user.upload(await screen.findByLabelText(label), file);
  await waitFor(() => expect(screen.queryByText(reading)).toBeNull());
}
const selected = (label: string) => (screen.getByRole('combobox', { name: label }) as HTMLSelectElement).selectedOptions[0]?.textContent;
const errorLines = () => within(screen.getByRole('list', { name: 'Lines to fix' })).getAllByRole('listitem').map((li) => li.textContent);

// An EMR export: Swahili and English headers, day-first dates, a service that spans two lines
// (so the next record starts on line 4), a blank line, a time without its leading zero.
const EMR_LIST = [
  'Patient,Mobile,Tarehe,Saa,Huduma,MRN,Lugha',
  'Amina Otieno,0712 345 678,04/01/2030,09:30,"ANC',
  'follow-up",MRN-1,Kiswahili',
  'Baraka Mwangi,+254722000111,04/01/2030,9:00,Immunisation,MRN-2,en',
  '',
  'Chausiku Njeri,0733 000 222,13/01/2030,14:30:00,,,',
  '',
].join('\r\n');

describe('Import a day list: a good file', () => {
  it('guesses the columns, says how it read the dates, previews, and sends every row with its line and the date converted', async () => {
    const release: Array<() => void> = [];
    const { backend, user } = renderScreen({
      'appointments.import': (p) => new Promise<ImportResult>((resolve) => release.push(() => resolve({ booked: p.rows.length, unchanged: 0, reminders: 2 * p.rows.length, errors: [] }))),
    });
    await waitFor(() => expect(listLoads(backend)).toHaveLength(1));
    expect(screen.getByRole('heading', { level: 2, name: 'Import a day list (CSV)' })).toBeTruthy();
    await choose(user, csvFile(EMR_LIST));

    expect(selected('Name column')).toBe('Patient');
    expect(selected('Phone column')).toBe('Mobile');
    expect(selected('Date column')).toBe('Tarehe');
    expect(selected('Time column')).toBe('Saa');
    expect(selected('Service column (optional)')).toBe('Huduma');
    expect(selected('External id column (optional)')).toBe('MRN');
    expect(selected('Language column (optional)')).toBe('Lugha');
    expect(screen.getByText(/^Dates with the year last are read as day\/month\/year: 04\/01\/2030 is (4 January 2030|January 4, 2030)\.$/)).toBeTruthy();

    const preview = screen.getByRole('table', { name: 'kesho.csv: the first 3 of 3 appointments, as they will be imported' });
    const cells = within(preview).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(cells).toEqual([
      ['2', 'Amina Otieno', '0712 345 678', '2030-01-04', '09:30', 'ANC\r\nfollow-up', 'MRN-1', 'sw'],
      ['4', 'Baraka Mwangi', '+254722000111', '2030-01-04', '09:00', 'Immunisation', 'MRN-2', 'en'],
      ['6', 'Chausiku Njeri', '0733 000 222', '2030-01-13', '14:30', '', '', ''],
    ]);

    const button = screen.getByRole('button', { name: 'Import 3 appointments' });
    await user.click(button);
    // One call that takes a while: a busy button and words that say what is going on.
    expect(await screen.findByText('Importing 3 appointments… A long list takes a few seconds.')).toBeTruthy();
    expect(button.getAttribute('aria-busy')).toBe('true');
    await user.click(button);
    expect(backend.callsOf('appointments.import')).toHaveLength(1);
    expect(backend.callsOf('appointments.import')[0]).toEqual({
      rows: [
        { name: 'Amina Otieno', phone: '0712 345 678', date: '2030-01-04', time: '09:30', service: 'ANC\r\nfollow-up', externalId: 'MRN-1', language: 'sw', line: 2 },
        { name: 'Baraka Mwangi', phone: '+254722000111', date: '2030-01-04', time: '09:00', service: 'Immunisation', externalId: 'MRN-2', language: 'en', line: 4 },
        { name: 'Chausiku Njeri', phone: '0733 000 222', date: '2030-01-13', time: '14:30', line: 6 },
      ],
    });

    release.forEach((go) => go());
    const status = await screen.findByText('Booked 3 appointments, 6 reminders scheduled.');
    expect(status.getAttribute('role')).toBe('status');
    expect(button.getAttribute('aria-busy')).toBeNull();
    // The list is asked again, so the new appointments show.
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
  });

  it('reads month-first dates when the file shows them, and lets the person change the order', async () => {
    const { backend, user } = renderScreen({ 'appointments.import': (p) => ({ booked: p.rows.length, unchanged: 0, reminders: p.rows.length, errors: [] }) });
    await choose(user, csvFile('name,phone,date,time\nAmina,0712345678,01/13/2030,10:00\nBaraka,0722000111,01/04/2030,11:00\n'));
    expect(screen.getByText(/^Dates with the year last are read as month\/day\/year: 01\/13\/2030 is (13 January 2030|January 13, 2030)\.$/)).toBeTruthy();
    expect(selected('Dates with the year last are written as')).toBe('month/day/year');
    await user.click(screen.getByRole('button', { name: 'Import 2 appointments' }));
    await screen.findByText('Booked 2 appointments, 2 reminders scheduled.');
    expect(backend.callsOf('appointments.import')[0]!.rows.map((r) => r.date)).toEqual(['2030-01-13', '2030-01-04']);
  });
});

describe('Import a day list: the columns', () => {
  it('asks for a required column it did not find, and imports once it is chosen', async () => {
    const { backend, user } = renderScreen({ 'appointments.import': (p) => ({ booked: p.rows.length, unchanged: 0, reminders: 0, errors: [] }) });
    await choose(user, csvFile('Jina,Simu,Siku ya miadi,Kliniki\nAmina Otieno,0712345678,2030-01-04,ANC\n', 'orodha.csv'));

    expect(selected('Date column')).toBe('Siku ya miadi');
    expect(selected('Time column')).toBe('(not in this file)');
    expect(screen.getByRole('alert').textContent).toBe('No column of this file looks like the time: choose the column that holds it.');
    const button = screen.getByRole('button', { name: 'Import 1 appointment' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Dates are read as year-month-day (2026-12-04).')).toBeTruthy();

    // The "time" is in the fourth column after all (a spreadsheet someone named oddly).
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service column (optional)' }), '(not in this file)');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time column' }), 'Kliniki');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button.disabled).toBe(false);
    expect(backend.callsOf('appointments.import')).toHaveLength(0);
  });

  it('names every missing column at once', async () => {
    const { user } = renderScreen();
    await choose(user, csvFile('Who,Contact,When\nAmina,0712345678,2030-01-04 10:00\n'));
    expect(screen.getByRole('alert').textContent).toBe('No columns of this file look like the name, phone, date, and time: choose the columns that hold them.');
  });
});

describe('Import a day list: errors', () => {
  it('lists the backend’s errors and its own by line, nothing saved, and the fixed file imports', async () => {
    let calls = 0;
    const { backend, user } = renderScreen({
      'appointments.import': (p) => {
        calls += 1;
        if (calls === 1) {
          return {
            booked: 0,
            unchanged: 0,
            reminders: 0,
            errors: [
              { line: 3, field: 'phone', rule: 'phone.invalid', reason: 'The number 0799 is too short for Kenya.' },
              // What the backend says of the row we sent without its date: ours is shown instead.
              { line: 4, field: 'date', rule: 'time.invalid', reason: '" 10:00" is not a date and time.' },
              { line: 4, field: 'phone', rule: 'phone.empty', reason: 'The phone is empty.' },
            ],
          };
        }
        return { booked: p.rows.length, unchanged: 0, reminders: p.rows.length * 2, errors: [] };
      },
    });
    await waitFor(() => expect(listLoads(backend)).toHaveLength(1));
    const bad = 'name,phone,date,time\nAmina,0712345678,04/01/2030,09:00\nBaraka,0799,04/01/2030,09:30\nChausiku,,31/02/2030,10:00\nDaudi,0744000333,04/01/2030,half past ten\n';
    await choose(user, csvFile(bad));
    expect(screen.getByText(/^2 lines cannot be read as they are\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import 4 appointments' }));

    expect(await screen.findByText('Nothing was saved: 3 lines of kesho.csv have problems.')).toBeTruthy();
    expect(errorLines()).toEqual([
      // Worded by its rule, not the backend's English reason.
      'Line 3, phone: this is not a valid phone number: check the digits, or write it with the country code (+254…).',
      'Line 4, phone: it is empty.',
      'Line 4, date: “31/02/2030” is not a real date (read as day/month/year).',
      'Line 5, time: “half past ten” is not a time: write it as 09:30 (24-hour clock).',
    ]);
    // The rows with a problem of ours went without their date, so the backend refused the list whole.
    expect(backend.callsOf('appointments.import')[0]!.rows).toEqual([
      { name: 'Amina', phone: '0712345678', date: '2030-01-04', time: '09:00', line: 2 },
      { name: 'Baraka', phone: '0799', date: '2030-01-04', time: '09:30', line: 3 },
      { name: 'Chausiku', time: '10:00', line: 4 },
      { name: 'Daudi', phone: '0744000333', line: 5 },
    ]);
    // Nothing was booked: the list is not asked again.
    expect(listLoads(backend)).toHaveLength(1);

    // Fixed in the spreadsheet and chosen again.
    const fixed = 'name,phone,date,time\nAmina,0712345678,04/01/2030,09:00\nBaraka,0799123456,04/01/2030,09:30\nChausiku,0733000222,28/02/2030,10:00\nDaudi,0744000333,04/01/2030,10:30\n';
    await choose(user, csvFile(fixed));
    expect(screen.queryByRole('list', { name: 'Lines to fix' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Import 4 appointments' }));
    expect(await screen.findByText('Booked 4 appointments, 8 reminders scheduled.')).toBeTruthy();
    expect(backend.callsOf('appointments.import')[1]!.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
  });

  it('keeps back a value longer than the contract takes, so the call is not refused whole', async () => {
    const { backend, user } = renderScreen({
      'appointments.import': (p) => ({
        booked: 0,
        unchanged: 0,
        reminders: 0,
        errors: p.rows.filter((r) => r.name === undefined).flatMap((r) => [
          { line: r.line!, field: 'name', rule: 'name.empty', reason: 'The name is empty.' },
          { line: r.line!, field: 'date', rule: 'time.invalid', reason: 'Not a date.' },
        ]),
      }),
    });
    await choose(user, csvFile(`name,phone,date,time\nAmina,0712345678,2030-01-04,09:00\n${'A'.repeat(501)},0712345679,2030-01-04,09:00\n`));
    await user.click(screen.getByRole('button', { name: 'Import 2 appointments' }));
    expect(await screen.findByText('Nothing was saved: 1 line of kesho.csv has a problem.')).toBeTruthy();
    expect(errorLines()).toEqual(['Line 3, name: it is longer than 500 characters.']);
    expect(backend.callsOf('appointments.import')[0]!.rows[1]).toEqual({ phone: '0712345679', time: '09:00', line: 3 });
  });

  it('turns the contract’s own refusal (rows.N.field) into lines', () => {
    const rows = [{ line: 2 }, { line: 5 }];
    expect(issuesAsRowErrors([{ where: 'rows.1.name', rule: 'text.broken', message: 'Broken character.' }], rows)).toEqual([{ line: 5, field: 'name', rule: 'text.broken', reason: 'Broken character.' }]);
    expect(issuesAsRowErrors([{ where: 'rows', rule: 'too-many', message: 'Too many.' }], rows)).toBeNull();
  });

  it('says a broken CSV is broken, with its line', async () => {
    const { backend, user } = renderScreen();
    await choose(user, csvFile('name,phone,date,time\nAmina,0712345678,2030-01-04,09:00\n"Baraka,0722000111,2030-01-04,09:30\nChausiku,0733000222,2030-01-04,10:00\n', 'broken.csv'));
    expect((await screen.findByRole('alert')).textContent).toBe('broken.csv is not a valid CSV file near line 3: a value opened with a quote (") is never closed.');
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(backend.callsOf('appointments.import')).toHaveLength(0);
  });

  it('says a failed call in words, and that importing again books nothing twice', async () => {
    const { user } = renderScreen({
      'appointments.import': () => {
        throw new Error('The database is locked.');
      },
    });
    await choose(user, csvFile('name,phone,date,time\nAmina,0712345678,2030-01-04,09:00\n'));
    await user.click(screen.getByRole('button', { name: 'Import 1 appointment' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The import did not finish: .+ Importing the same file again never books an appointment twice\.$/);
  });
});

describe('Import a day list: the backend’s errors worded by their rule', () => {
  // One line per rule the backend names (import-check.ts, protocols/sms.ts, reminder-texts.ts), and one it does not know.
  const ERRORS: ImportResult['errors'] = [
    { line: 2, field: 'name', rule: 'name.empty', reason: 'The name is empty.' },
    { line: 3, field: 'phone', rule: 'phone.empty', reason: 'The phone number is empty.' },
    { line: 4, field: 'phone', rule: 'phone.characters', reason: 'A phone number may only contain digits, spaces, dashes and a leading +.' },
    { line: 5, field: 'phone', rule: 'phone.invalid', reason: 'This is not a valid phone number in Kenya: check the digits, or type the number with its country code (+…).' },
    { line: 6, field: 'phone', rule: 'phone.short-code', reason: '22222 is a short code, not a patient’s phone.' },
    { line: 7, field: 'date', rule: 'time.past', reason: 'This appointment time has already passed.' },
    { line: 8, field: 'date', rule: 'time.invalid', reason: '"x y" is not a date and time: write the date as 2026-12-04 and the time as 10:00.' },
    { line: 9, field: 'service', rule: 'empty-field', reason: '{service} is empty for this patient, and the template "Reminder" needs it.' },
    { line: 10, field: 'clinic', rule: 'empty-field', reason: '{clinic} is empty for this patient, and the template "Reminder" needs it.' },
    { line: 11, field: 'template', rule: 'template.unknown', reason: 'The reminder plan "Default" names a template that does not exist: "gone".' },
    { line: 12, field: 'template', rule: 'template.empty', reason: 'The template "Reminder" has no text.' },
    { line: 13, field: 'template', rule: 'content.too-many-parts', reason: 'The message needs 12 SMS parts; the most allowed is 10. Shorten it.' },
    { line: 14, field: 'template', rule: 'unknown-field', reason: '{doctor} is not a merge field: check the template "Reminder".' },
    { line: 15, field: 'template', rule: 'content.empty', reason: 'The message is empty.' },
    { line: 16, field: 'phone', rule: 'phone.newer-rule', reason: 'A rule from a newer backend.' },
  ];
  const FILE = ['name,phone,date,time', ...ERRORS.map((e) => `P${e.line},0712345678,2030-01-04,09:00`)].join('\n');

  it('words every rule in English, and shows the backend’s reason only for a rule it does not know', async () => {
    const { user } = renderScreen({ 'appointments.import': () => ({ booked: 0, unchanged: 0, reminders: 0, errors: ERRORS }) });
    await choose(user, csvFile(FILE));
    await user.click(screen.getByRole('button', { name: 'Import 15 appointments' }));
    expect(await screen.findByText('Nothing was saved: 15 lines of kesho.csv have problems.')).toBeTruthy();
    expect(errorLines()).toEqual([
      'Line 2, name: the name is empty: write the patient’s name.',
      'Line 3, phone: the phone number is empty: write the patient’s phone number.',
      'Line 4, phone: a phone number may only have digits, spaces, dashes and a + at the start.',
      'Line 5, phone: this is not a valid phone number: check the digits, or write it with the country code (+254…).',
      'Line 6, phone: this is a short code, not a patient’s phone: write the patient’s own number.',
      'Line 7, date: this appointment time has already passed.',
      'Line 8, date: this is not a date and time: write the date as 2026-12-04 and the time as 10:00.',
      'Line 9, service: the reminder text needs {service}, but it is empty for this patient: fill it in, or change the template on the Templates screen.',
      'Line 10, clinic’s name: the reminder text needs {clinic}, but the clinic’s name is not set: set it in Settings.',
      'Line 11, reminder text: the reminder plan names a template that does not exist: correct the plan on the Templates screen.',
      'Line 12, reminder text: a reminder template has no text for this patient: write it on the Templates screen.',
      'Line 13, reminder text: the reminder text for this patient is too long (too many SMS parts): shorten the template on the Templates screen.',
      'Line 14, reminder text: a reminder template uses a merge field that does not exist: correct the template on the Templates screen.',
      'Line 15, reminder text: the reminder text for this patient would be empty: check the template on the Templates screen.',
      'Line 16, phone: A rule from a newer backend.',
    ]);
  });

  it('words every rule in Swahili: no English reason on the screen but the unknown rule’s', async () => {
    const { user } = renderScreen({ 'appointments.import': () => ({ booked: 0, unchanged: 0, reminders: 0, errors: ERRORS }) });
    setLanguage('sw');
    await choose(user, csvFile(FILE), 'Faili ya orodha ya siku (CSV)', 'Inasoma faili…');
    await user.click(screen.getByRole('button', { name: 'Leta miadi 15' }));
    expect(await screen.findByText('Hakuna kilichohifadhiwa: mistari 15 ya kesho.csv ina matatizo.')).toBeTruthy();
    const lines = within(screen.getByRole('list', { name: 'Mistari ya kurekebisha' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines[0]).toBe('Mstari 2, jina: jina liko tupu: andika jina la mgonjwa.');
    expect(lines[3]).toBe('Mstari 5, simu: hii si namba sahihi ya simu: kagua tarakimu, au iandike na msimbo wa nchi (+254…).');
    expect(lines[7]).toBe('Mstari 9, huduma: ujumbe wa kikumbusho unahitaji {service}, lakini iko tupu kwa mgonjwa huyu: ijaze, au badilisha kiolezo kwenye skrini ya Violezo.');
    expect(lines[11]).toBe('Mstari 13, ujumbe wa kikumbusho: ujumbe wa kikumbusho kwa mgonjwa huyu ni mrefu mno (sehemu nyingi za SMS): fupisha kiolezo kwenye skrini ya Violezo.');
    expect(lines[14]).toBe('Mstari 16, simu: A rule from a newer backend.');
    // Only the unknown rule's reason is the backend's English.
    const english = ERRORS.slice(0, -1).map((e) => e.reason);
    for (const line of lines) for (const reason of english) expect(line).not.toContain(reason);
    expect(lines.join(' ')).not.toMatch(/Kenya|empty|template|merge field|Line /);
  });

  it('writes the country code of the clinic’s own country', async () => {
    useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi', defaultCountry: 'TZ' });
    const backend = createBackend({ 'appointments.import': () => ({ booked: 0, unchanged: 0, reminders: 0, errors: [{ ...ERRORS[3]!, line: 2 }] }) });
    renderWithClient(<RemindersScreen />, backend);
    const user = userEvent.setup();
    await choose(user, csvFile('name,phone,date,time\nAmina,0799,2030-01-04,09:00\n'));
    await user.click(screen.getByRole('button', { name: 'Import 1 appointment' }));
    await screen.findByRole('list', { name: 'Lines to fix' });
    expect(errorLines()).toEqual(['Line 2, phone: this is not a valid phone number: check the digits, or write it with the country code (+255…).']);
  });
});

describe('Import a day list: the same list twice', () => {
  it('says "already booked" and changes nothing', async () => {
    const booked = new Set<string>();
    const { backend, user } = renderScreen({
      'appointments.import': (p) => {
        let newOnes = 0;
        for (const r of p.rows) {
          const key = r.externalId ?? `${r.phone} ${r.date} ${r.time}`;
          if (!booked.has(key)) newOnes += 1;
          booked.add(key);
        }
        return { booked: newOnes, unchanged: p.rows.length - newOnes, reminders: newOnes * 2, errors: [] };
      },
    });
    const list = 'name,phone,date,time,id\nAmina,0712345678,04/01/2030,09:00,A-1\nBaraka,0722000111,04/01/2030,09:30,A-2\n';
    await choose(user, csvFile(list));
    await user.click(screen.getByRole('button', { name: 'Import 2 appointments' }));
    expect(await screen.findByText('Booked 2 appointments, 4 reminders scheduled.')).toBeTruthy();

    await choose(user, csvFile(list));
    await user.click(screen.getByRole('button', { name: 'Import 2 appointments' }));
    expect(await screen.findByText('All 2 appointments were already booked: nothing changed.')).toBeTruthy();
    expect(backend.callsOf('appointments.import')[1]).toEqual(backend.callsOf('appointments.import')[0]);

    // One more line added to the same list: only it is new.
    await choose(user, csvFile(`${list}Chausiku,0733000222,04/01/2030,10:00,A-3\n`));
    await user.click(screen.getByRole('button', { name: 'Import 3 appointments' }));
    expect(await screen.findByText('Booked 1 appointment, 2 reminders scheduled; 2 already booked.')).toBeTruthy();
  });
});

describe('Import a day list: in Swahili', () => {
  it('words the part, the mapping, the result and the errors in Swahili', async () => {
    let calls = 0;
    const { user } = renderScreen({
      'appointments.import': (p) => {
        calls += 1;
        return calls === 1
          ? { booked: 0, unchanged: 0, reminders: 0, errors: [{ line: 2, field: 'phone', rule: 'phone.invalid', reason: 'The number 0799 is too short for Kenya.' }] }
          : { booked: p.rows.length, unchanged: 0, reminders: p.rows.length * 2, errors: [] };
      },
    });
    setLanguage('sw');
    const chooseSw = (file: File) => choose(user, file, 'Faili ya orodha ya siku (CSV)', 'Inasoma faili…');
    expect(await screen.findByRole('heading', { level: 2, name: 'Leta orodha ya siku (CSV)' })).toBeTruthy();
    await chooseSw(csvFile('Jina,Simu,Tarehe,Saa\nAmina,0799,04/01/2030,9:00\nBaraka,0722000111,04/01/2030,09:30\n'));
    expect(selected('Safu ya Jina')).toBe('Jina');
    expect(selected('Safu ya Simu')).toBe('Simu');
    expect(screen.getByText(/^Tarehe zenye mwaka mwishoni zinasomwa kama siku\/mwezi\/mwaka: 04\/01\/2030 ni /)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Leta miadi 2' }));
    expect(await screen.findByText('Hakuna kilichohifadhiwa: mstari 1 wa kesho.csv una tatizo.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Mistari ya kurekebisha' })).getByText('Mstari 2, simu: hii si namba sahihi ya simu: kagua tarakimu, au iandike na msimbo wa nchi (+254…).')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/too short|Kenya/);
    await chooseSw(csvFile('Jina,Simu,Tarehe,Saa\nAmina,0799123456,04/01/2030,9:00\nBaraka,0722000111,04/01/2030,09:30\n'));
    await user.click(screen.getByRole('button', { name: 'Leta miadi 2' }));
    expect(await screen.findByText('Miadi 2 imepangwa, vikumbusho 4 vimepangwa.')).toBeTruthy();
  });
});

describe('day-list.ts', () => {
  it('reads dates and times in the forms a spreadsheet writes', () => {
    expect(readDate('2030-1-4', 'dmy')).toEqual({ ok: true, value: '2030-01-04' });
    expect(readDate('4/1/30', 'dmy')).toEqual({ ok: true, value: '2030-01-04' });
    expect(readDate('04.01.2030', 'mdy')).toEqual({ ok: true, value: '2030-04-01' });
    expect(readDate('31/02/2030', 'dmy')).toEqual({ ok: false, code: 'date-not-real' });
    expect(readDate('tomorrow', 'dmy')).toEqual({ ok: false, code: 'date-unreadable' });
    expect(readTime('2:30 PM')).toEqual({ ok: true, value: '14:30' });
    expect(readTime('12:05 am')).toEqual({ ok: true, value: '00:05' });
    expect(readTime('24:00')).toEqual({ ok: false, code: 'time-unreadable' });
  });

  it('numbers records by their line in the file, with \\n, \\r\\n and lone \\r line ends', () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const parsed = parseDayList(['a,b', '1,"x', 'y"', '', '3,4'].join(br));
      expect(parsed.ok && parsed.csv.records.map((r) => r.line)).toEqual([2, 5]);
    }
    const bom = parseDayList('\ufeff\nname,phone\nAmina,1\n');
    expect(bom.ok && [bom.csv.headerLine, bom.csv.records[0]!.line]).toEqual([2, 3]);
  });
});
