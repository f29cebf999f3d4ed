// The Reminders screen: today's and the coming days' appointments from appointments.list, in
// clinic time, with their reminders; booking (clinic time -> instant, backend issues under the
// field they name); move / attended / cancel (only after a confirmation) through
// appointments.update; the words in Swahili too.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UjumbeError, ValidationError } from '../../src-shared/errors.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { RemindersScreen } from '../../renderer/screens/reminders/RemindersScreen.tsx';
import { PauseAutomated } from '../../renderer/screens/reminders/PauseAutomated.tsx';
import { useAppState } from '../../renderer/state/app.ts';
import { useSettings } from '../../renderer/state/settings.ts';
import { ToastViewport } from '../../renderer/ui/Toast.tsx';
import { createBackend, renderWithClient, SETTINGS } from './harness.tsx';
import { atClinicMorning, listLoads, NOW, appointment } from './reminders-harness.tsx';

atClinicMorning();

// Today at 10:00 clinic time: the day-before reminder was skipped, the morning one sent.
const AMINA = appointment({
  id: 1,
  start: '2030-01-03T07:00:00.000Z',
  service: 'Antenatal care',
  patient: { contactId: 11, name: 'Amina Otieno', phone: '+254712345678', language: 'sw' },
  reminders: [
    { step: 0, sendAt: '2030-01-02T06:00:00.000Z', status: 'skipped', text: null, messageId: null },
    { step: 1, sendAt: '2030-01-03T04:00:00.000Z', status: 'sent', text: 'Habari Amina, kumbusho: miadi yako kliniki ni leo saa 4:00 asubuhi.', messageId: 31 },
  ],
});
// Tomorrow at 14:30: two reminders waiting.
const BARAKA = appointment({
  id: 2,
  start: '2030-01-04T11:30:00.000Z',
  service: 'Immunisation',
  patient: { contactId: 12, name: 'Baraka Mwangi', phone: '+254722000111', language: null },
  reminders: [
    { step: 0, sendAt: '2030-01-03T06:00:00.000Z', status: 'scheduled', text: 'Reminder: your clinic appointment is tomorrow at 14:30.', messageId: 32 },
    { step: 1, sendAt: '2030-01-04T04:00:00.000Z', status: 'scheduled', text: 'Reminder: your clinic appointment is today at 14:30.', messageId: 33 },
  ],
});
// Saturday: the patient asked for another time.
const CHAUSIKU = appointment({
  id: 3,
  start: '2030-01-05T06:00:00.000Z',
  status: 'reschedule-requested',
  patient: { contactId: 13, name: 'Chausiku Njeri', phone: '+254733000222', language: 'sw' },
  reminders: [{ step: 0, sendAt: '2030-01-04T06:00:00.000Z', status: 'scheduled', text: 'Kumbusho: miadi yako ni kesho.', messageId: 34 }],
});

function renderReminders(overrides: Parameters<typeof createBackend>[0] = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const backend = createBackend({ 'appointments.list': () => ({ items: [BARAKA, CHAUSIKU, AMINA] }), ...overrides });
  renderWithClient(
    <>
      <RemindersScreen />
      <ToastViewport />
    </>,
    backend,
  );
  return { backend, user: userEvent.setup() };
}

const card = (name: string) => screen.getByRole('article', { name });

describe('Reminders: the lists', () => {
  it('shows today, the coming days and what needs attention from appointments.list, in clinic time', async () => {
    const { backend } = renderReminders();
    const today = await screen.findByRole('list', { name: 'Today’s appointments' });
    expect(backend.callsOf('appointments.list')).toEqual([
      { from: '2030-01-03', to: '2030-01-10' },
      // Requests for another time are looked for a month back and a year ahead.
      { from: '2029-12-03', to: '2031-01-04', status: 'reschedule-requested' },
    ]);
    expect(screen.getByRole('heading', { level: 2, name: /^Today — Thursday,? (3 January|January 3)$/ })).toBeTruthy();

    const amina = within(today).getByRole('article', { name: 'Amina Otieno' });
    // 07:00Z is 10:00 in Nairobi.
    expect(amina.querySelector('.appointment__when')?.textContent).toMatch(/^Thu.*10:00$/);
    expect(within(amina).getByText('+254712345678')).toBeTruthy();
    expect(within(amina).getByText('Antenatal care')).toBeTruthy();
    expect(within(amina).getByText('Booked')).toBeTruthy();
    const reminders = within(within(amina).getByRole('list', { name: 'Reminders to Amina Otieno' })).getAllByRole('listitem');
    expect(reminders.map((r) => r.querySelector('.badge')?.textContent)).toEqual(['Skipped: its time had passed', 'Sent']);
    expect(reminders[1]!.textContent).toMatch(/07:00/);
    // The text is there on expand (a <details>); a skipped step has none.
    expect(within(reminders[0]!).queryByText('Show the text')).toBeNull();
    expect(within(reminders[1]!).getByText('Show the text').closest('details')?.textContent).toContain('Habari Amina');

    const coming = screen.getByRole('list', { name: /^Appointments on Friday,? (4 January|January 4)$/ });
    const baraka = within(coming).getByRole('article', { name: 'Baraka Mwangi' });
    expect(baraka.querySelector('.appointment__when')?.textContent).toMatch(/^Fri.*14:30$/);
    expect(within(baraka).getAllByText('Scheduled')).toHaveLength(2);

    const attention = screen.getByRole('list', { name: 'Appointments that need attention' });
    expect(within(attention).getByRole('article', { name: 'Chausiku Njeri' })).toBeTruthy();
    expect(within(attention).getByText('Asked for another time')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Needs attention (1)' })).toBeTruthy();
    // Shown once, at the top: not again in its day.
    expect(screen.getAllByRole('article', { name: 'Chausiku Njeri' })).toHaveLength(1);
    // No raw code anywhere.
    expect(document.body.textContent).not.toMatch(/reschedule-requested|skipped|untranslated/);
  });

  it('reloads once for a burst of status events about its reminders, and not for others', async () => {
    const { backend } = renderReminders();
    await screen.findByRole('article', { name: 'Baraka Mwangi' });
    const event = (messageId: number, to: 'sent' | 'sending') => ({ recipientId: messageId, messageId, from: 'outbox' as const, to, reason: '', gateway: null, at: NOW, flags: [] });
    act(() => {
      backend.server.emit('message.status', event(99, 'sent'));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(listLoads(backend)).toHaveLength(1);
    act(() => {
      backend.server.emit('message.status', event(32, 'sending'));
      backend.server.emit('message.status', event(32, 'sent'));
      backend.server.emit('message.status', event(33, 'sending'));
    });
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 300));
    expect(listLoads(backend)).toHaveLength(2);
  });

  it('reloads when appointments change elsewhere (the HTTP API, an import)', async () => {
    const { backend } = renderReminders();
    await screen.findByRole('article', { name: 'Baraka Mwangi' });
    act(() => {
      backend.server.emit('appointment.changed', { ids: [41] });
      backend.server.emit('appointment.changed', { ids: [42, 43] });
    });
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
  });

  it('reloads after a reconnect: events missed meanwhile are not replayed', async () => {
    act(() => useAppState.getState().setConnection('connected'));
    const { backend } = renderReminders();
    await screen.findByRole('article', { name: 'Baraka Mwangi' });
    act(() => useAppState.getState().setConnection('reconnecting'));
    act(() => useAppState.getState().setConnection('connected'));
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
  });

  it('shows 7 more days on request, says how far it shows, and keeps that range when appointments change', async () => {
    // Sunday 13 January: beyond the first 7 days.
    const LATER = appointment({ id: 6, start: '2030-01-13T08:00:00.000Z', patient: { contactId: 16, name: 'Faraji Ochieng', phone: '+254766000555', language: null } });
    const { backend, user } = renderReminders({ 'appointments.list': (p) => ({ items: p.status ? [] : [AMINA, BARAKA, ...(p.to >= '2030-01-13' ? [LATER] : [])] }) });
    await screen.findByRole('article', { name: 'Baraka Mwangi' });
    expect(screen.getByText(/^Showing appointments until Thursday,? (10 January|January 10)\.$/)).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Faraji Ochieng' })).toBeNull();

    // By keyboard: the button is reached with Tab like any other and pressed with Enter.
    const more = screen.getByRole('button', { name: 'Show 7 more days' });
    more.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(listLoads(backend).at(-1)).toEqual({ from: '2030-01-03', to: '2030-01-17' }));
    expect(await screen.findByRole('article', { name: 'Faraji Ochieng' })).toBeTruthy();
    expect(screen.getByRole('list', { name: /^Appointments on Sunday,? (13 January|January 13)$/ })).toBeTruthy();
    const until = screen.getByText(/^Showing appointments until Thursday,? (17 January|January 17)\.$/);
    expect(until.getAttribute('role')).toBe('status');
    expect(more.getAttribute('aria-describedby')).toBe(until.id);
    // The keyboard stays on the button, to look further again.
    expect(document.activeElement).toBe(more);

    // A change elsewhere reloads the extended range, not the first 7 days.
    const before = listLoads(backend).length;
    act(() => {
      backend.server.emit('appointment.changed', { ids: [6] });
    });
    await waitFor(() => expect(listLoads(backend).length).toBe(before + 1));
    expect(listLoads(backend).at(-1)).toEqual({ from: '2030-01-03', to: '2030-01-17' });
    expect(screen.getByRole('article', { name: 'Faraji Ochieng' })).toBeTruthy();

    await user.click(more);
    await waitFor(() => expect(listLoads(backend).at(-1)).toEqual({ from: '2030-01-03', to: '2030-01-24' }));
    expect(screen.getByText(/^Showing appointments until Thursday,? (24 January|January 24)\.$/)).toBeTruthy();
  });

  it('says “Show 7 more days” and how far it shows in Swahili', async () => {
    setLanguage('sw');
    renderReminders();
    expect(await screen.findByRole('button', { name: 'Onyesha siku 7 zaidi' })).toBeTruthy();
    expect(screen.getByText(/^Inaonyesha miadi hadi .+\.$/)).toBeTruthy();
  });

  it('says when there is nothing today or in the coming days', async () => {
    renderReminders({ 'appointments.list': () => ({ items: [] }) });
    expect(await screen.findByText('No appointments today.')).toBeTruthy();
    expect(screen.getByText('No appointments in the next 7 days.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Needs attention/ })).toBeNull();
  });
});

describe('Reminders: booking', () => {
  const form = () => screen.getByRole('form', { name: 'Book an appointment' });

  it('books with the clinic time turned into an instant, and says how many reminders were scheduled', async () => {
    const { backend, user } = renderReminders({
      'appointments.book': (p) => ({ ...BARAKA, id: 9, created: true, start: p.start, patient: { contactId: 19, name: p.patient.name, phone: '+254712345678', language: p.patient.language ?? null } }),
    });
    await screen.findByRole('list', { name: 'Today’s appointments' });
    const f = form();
    await user.type(within(f).getByLabelText('Patient’s name'), 'Amina Otieno');
    await user.type(within(f).getByLabelText('Phone'), '0712 345 678');
    await user.selectOptions(within(f).getByLabelText('Language of the reminders (optional)'), 'Kiswahili');
    const date = within(f).getByLabelText('Date') as HTMLInputElement;
    // Tomorrow at 08:00 to start with: where a reminder usually goes.
    expect(date.value).toBe('2030-01-04');
    expect(within(f).getByText('Clinic time (Africa/Nairobi), 24-hour clock')).toBeTruthy();
    await user.clear(date);
    await user.type(date, '2030-01-07');
    const time = within(f).getByLabelText('Time') as HTMLInputElement;
    await user.clear(time);
    await user.type(time, '10:30');
    await user.type(within(f).getByLabelText('Service (optional)'), 'ANC');
    await user.click(within(f).getByRole('button', { name: 'Book' }));

    await waitFor(() =>
      expect(backend.callsOf('appointments.book')).toEqual([
        // 10:30 in Nairobi is 07:30Z.
        { patient: { name: 'Amina Otieno', phone: '0712 345 678', language: 'sw' }, start: '2030-01-07T07:30:00.000Z', service: 'ANC' },
      ]),
    );
    expect(await screen.findByText('Booked for Amina Otieno: 2 reminders scheduled.')).toBeTruthy();
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
    // Ready for the next patient: the patient's fields empty, the day kept.
    expect((within(f).getByLabelText('Patient’s name') as HTMLInputElement).value).toBe('');
    expect((within(f).getByLabelText('Date') as HTMLInputElement).value).toBe('2030-01-07');
  });

  // Typed on the 24-hour clock, never drawn by the machine's locale as AM/PM (ui/clock-time.ts).
  it('takes the time as 24-hour text: says under it what is not a time, and reads 930 as 09:30', async () => {
    const { backend, user } = renderReminders({
      'appointments.book': (p) => ({ ...BARAKA, id: 9, created: true, start: p.start, patient: { contactId: 19, name: p.patient.name, phone: '+254712345678', language: null } }),
    });
    await screen.findByRole('list', { name: 'Today’s appointments' });
    const f = form();
    await user.type(within(f).getByLabelText('Patient’s name'), 'Amina Otieno');
    await user.type(within(f).getByLabelText('Phone'), '0712 345 678');
    const time = within(f).getByLabelText('Time') as HTMLInputElement;
    expect(time.type).toBe('text');
    expect(time.inputMode).toBe('numeric');
    await user.clear(time);
    await user.type(time, '7:30 PM');
    await user.click(within(f).getByRole('button', { name: 'Book' }));
    const words = '“7:30 PM” is not a time: write hours and minutes on the 24-hour clock, as 09:30 or 14:30.';
    expect(within(f).getByRole('alert').textContent).toBe(words);
    expect(time.getAttribute('aria-invalid')).toBe('true');
    expect(time.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(words);
    expect(document.activeElement).toBe(time);
    // The date is not what is wrong.
    expect(within(f).getByLabelText('Date').getAttribute('aria-invalid')).toBeNull();
    expect(backend.callsOf('appointments.book')).toEqual([]);

    await user.clear(time);
    expect(within(f).queryByRole('alert')).toBeNull();
    await user.type(time, '930');
    await user.tab();
    expect(time.value).toBe('09:30');
    await user.click(within(f).getByRole('button', { name: 'Book' }));
    // Tomorrow (the form's first date) at 09:30 in Nairobi is 06:30Z.
    await waitFor(() => expect(backend.callsOf('appointments.book')).toMatchObject([{ start: '2030-01-04T06:30:00.000Z' }]));
  });

  it('says in Swahili that a time on the move form is not a time', async () => {
    setLanguage('sw');
    try {
      const { backend, user } = renderReminders();
      await screen.findByRole('list', { name: 'Miadi ya leo' });
      await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Hamisha' }));
      const moveForm = within(card('Amina Otieno')).getByRole('form');
      const time = within(moveForm).getByLabelText('Saa mpya') as HTMLInputElement;
      expect(time.type).toBe('text');
      await user.clear(time);
      await user.type(time, '25:00');
      await user.click(within(moveForm).getByRole('button', { name: 'Hifadhi muda mpya' }));
      expect(within(moveForm).getByRole('alert').textContent).toBe('“25:00” si saa: andika saa na dakika kwa saa 24, kama 09:30 au 14:30 (14:30 ni saa 8:30 mchana).');
      expect(backend.callsOf('appointments.update')).toEqual([]);
    } finally {
      setLanguage('en');
    }
  });

  it('puts the backend’s phone issue under the phone field and clears nothing', async () => {
    const { backend, user } = renderReminders({
      'appointments.book': () => {
        throw new ValidationError([{ where: 'patient.phone', rule: 'phone.invalid', message: '0712: This is not a valid phone number in Kenya.' }]);
      },
    });
    await screen.findByRole('list', { name: 'Today’s appointments' });
    const f = form();
    await user.type(within(f).getByLabelText('Patient’s name'), 'Amina Otieno');
    await user.type(within(f).getByLabelText('Phone'), '0712');
    await user.type(within(f).getByLabelText('Service (optional)'), 'ANC');
    await user.click(within(f).getByRole('button', { name: 'Book' }));

    const phone = (await within(f).findByLabelText('Phone')) as HTMLInputElement;
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    const errorId = phone.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('This is not a valid phone number: check the digits, or write it with its country code (+…).');
    expect(document.activeElement).toBe(phone);
    expect(backend.callsOf('appointments.book')).toHaveLength(1);
    expect(within(f).getByLabelText('Patient’s name').getAttribute('aria-invalid')).toBeNull();
    expect((within(f).getByLabelText('Patient’s name') as HTMLInputElement).value).toBe('Amina Otieno');
    expect(phone.value).toBe('0712');
    expect((within(f).getByLabelText('Service (optional)') as HTMLInputElement).value).toBe('ANC');
  });

  it('places a template field empty for the patient under its field, and catches an empty name without a call', async () => {
    const { backend, user } = renderReminders({
      'appointments.book': () => {
        throw new ValidationError([{ where: 'template.reminder-day-before.service', rule: 'empty-field', message: '{service} is empty for this patient.' }]);
      },
    });
    await screen.findByRole('list', { name: 'Today’s appointments' });
    const f = form();
    await user.click(within(f).getByRole('button', { name: 'Book' }));
    expect(within(f).getByText('Write the patient’s name.')).toBeTruthy();
    expect(within(f).getByText('Write the patient’s phone number.')).toBeTruthy();
    expect(backend.callsOf('appointments.book')).toEqual([]);

    await user.type(within(f).getByLabelText('Patient’s name'), 'Amina Otieno');
    await user.type(within(f).getByLabelText('Phone'), '0712345678');
    await user.click(within(f).getByRole('button', { name: 'Book' }));
    const service = within(f).getByLabelText('Service (optional)');
    await waitFor(() => expect(service.getAttribute('aria-invalid')).toBe('true'));
    expect(within(f).getByText('The reminder text uses {service}, which is empty for this patient: fill it in, or change the template.')).toBeTruthy();
  });
});

describe('Reminders: booking without a modem', () => {
  it('says why above Book, in words, and keeps what was typed', async () => {
    const { user } = renderReminders({
      'appointments.book': () => {
        throw new UjumbeError('no-gateway', 'No gateway is set up to send SMS.', { protocols: ['sms'] });
      },
    });
    await screen.findByRole('list', { name: 'Today’s appointments' });
    const f = screen.getByRole('form', { name: 'Book an appointment' });
    await user.type(within(f).getByLabelText('Patient’s name'), 'Amina Otieno');
    await user.type(within(f).getByLabelText('Phone'), '0712345678');
    await user.click(within(f).getByRole('button', { name: 'Book' }));
    expect(await within(f).findByText('No modem is set up, so SMS cannot be sent. Plug in a USB modem, or see Gateways.')).toBeTruthy();
    expect((within(f).getByLabelText('Patient’s name') as HTMLInputElement).value).toBe('Amina Otieno');
  });
});

describe('Reminders: actions', () => {
  it('moves an appointment to a new clinic time', async () => {
    const { backend, user } = renderReminders({ 'appointments.update': (p) => ({ ...AMINA, start: p.start ?? AMINA.start, reminders: [{ step: 1, sendAt: '2030-01-03T07:15:00.000Z', status: 'scheduled', text: 'x', messageId: 40 }] }) });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Move' }));
    const moveForm = within(card('Amina Otieno')).getByRole('form', { name: 'New time for Amina Otieno' });
    expect((within(moveForm).getByLabelText('New date') as HTMLInputElement).value).toBe('2030-01-03');
    const time = within(moveForm).getByLabelText('New time') as HTMLInputElement;
    expect(time.value).toBe('10:00');
    expect(document.activeElement).toBe(within(moveForm).getByLabelText('New date'));
    await user.clear(time);
    await user.type(time, '11:15');
    await user.click(within(moveForm).getByRole('button', { name: 'Save new time' }));
    await waitFor(() => expect(backend.callsOf('appointments.update')).toEqual([{ id: 1, start: '2030-01-03T08:15:00.000Z' }]));
    expect(await screen.findByText(/^Amina Otieno moved to .*11:15: 1 reminder scheduled\.$/)).toBeTruthy();
    await waitFor(() => expect(listLoads(backend)).toHaveLength(2));
  });

  it('says a refused move under the new time, and Escape keeps the old time', async () => {
    const { user } = renderReminders({
      'appointments.update': () => {
        throw new ValidationError([{ where: 'start', rule: 'appointment.closed', message: 'This appointment is cancelled: book a new one.' }]);
      },
    });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Move' }));
    const moveForm = within(card('Amina Otieno')).getByRole('form', { name: 'New time for Amina Otieno' });
    const time = within(moveForm).getByLabelText('New time');
    await user.clear(time);
    await user.type(time, '11:15');
    await user.click(within(moveForm).getByRole('button', { name: 'Save new time' }));
    expect(await within(moveForm).findByText('This appointment is closed: book a new one.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(within(card('Amina Otieno')).queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(within(card('Amina Otieno')).getByRole('button', { name: 'Move' }));
  });

  it('marks attended in one call, and then offers nothing more for it', async () => {
    let attended = false;
    const { backend, user } = renderReminders({
      'appointments.list': () => ({ items: [BARAKA, CHAUSIKU, attended ? { ...AMINA, status: 'attended' as const } : AMINA] }),
      'appointments.update': (p) => {
        attended = true;
        return { ...AMINA, status: p.status ?? AMINA.status };
      },
    });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Mark attended' }));
    await waitFor(() => expect(backend.callsOf('appointments.update')).toEqual([{ id: 1, status: 'attended' }]));
    expect(await screen.findByText('Amina Otieno marked attended.')).toBeTruthy();
    await waitFor(() => expect(within(card('Amina Otieno')).getByText('Attended')).toBeTruthy());
    expect(within(card('Amina Otieno')).queryByRole('button', { name: 'Mark attended' })).toBeNull();
    // The keyboard is on the appointment, not lost with the button.
    expect(document.activeElement?.textContent).toBe('Amina Otieno');
  });

  it('marks missed', async () => {
    const { backend, user } = renderReminders({ 'appointments.update': (p) => ({ ...AMINA, status: p.status ?? AMINA.status }) });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Mark missed' }));
    await waitFor(() => expect(backend.callsOf('appointments.update')).toEqual([{ id: 1, status: 'missed' }]));
  });

  it('offers Mark attended and Mark missed only from the appointment’s clinic day on; Move and Cancel always', async () => {
    // 22:30Z on 3 January is 01:30 on Friday 4 January in Nairobi: not today, though it is in UTC.
    const LATE = appointment({ id: 4, start: '2030-01-03T22:30:00.000Z', patient: { contactId: 14, name: 'Daudi Kamau', phone: '+254744000333', language: null } });
    // Yesterday, and the patient asked for another time: shown at the top, and it can be marked.
    const YESTERDAY = appointment({ id: 5, start: '2030-01-02T07:00:00.000Z', status: 'reschedule-requested', patient: { contactId: 15, name: 'Eshe Wanjiru', phone: '+254755000444', language: null } });
    renderReminders({ 'appointments.list': (p) => ({ items: p.status === 'reschedule-requested' ? [CHAUSIKU, YESTERDAY] : [BARAKA, CHAUSIKU, AMINA, LATE] }) });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    const actions = (name: string) => within(card(name)).getAllByRole('button').map((b) => b.textContent);
    // Today and yesterday: all four.
    expect(actions('Amina Otieno')).toEqual(['Move', 'Mark attended', 'Mark missed', 'Cancel appointment']);
    expect(actions('Eshe Wanjiru')).toEqual(['Move', 'Mark attended', 'Mark missed', 'Cancel appointment']);
    // Tomorrow (clinic time), and Saturday: only Move and Cancel.
    expect(actions('Baraka Mwangi')).toEqual(['Move', 'Cancel appointment']);
    expect(actions('Daudi Kamau')).toEqual(['Move', 'Cancel appointment']);
    expect(actions('Chausiku Njeri')).toEqual(['Move', 'Cancel appointment']);
  });

  it('cancels only after the confirmation, and says how many waiting reminders will not go', async () => {
    const { backend, user } = renderReminders({
      'appointments.update': (p) => ({ ...BARAKA, status: p.status ?? BARAKA.status, reminders: BARAKA.reminders.map((r) => ({ ...r, status: 'cancelled' })) }),
    });
    await screen.findByRole('article', { name: 'Baraka Mwangi' });
    await user.click(within(card('Baraka Mwangi')).getByRole('button', { name: 'Cancel appointment' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel the appointment of Baraka Mwangi?' });
    expect(within(dialog).getByText('Its 2 waiting reminders will not be sent.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(backend.callsOf('appointments.update')).toEqual([]);

    await user.click(within(card('Baraka Mwangi')).getByRole('button', { name: 'Cancel appointment' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, cancel it' }));
    await waitFor(() => expect(backend.callsOf('appointments.update')).toEqual([{ id: 2, status: 'cancelled' }]));
    expect(await screen.findByText('The appointment of Baraka Mwangi is cancelled: the 2 waiting reminders will not be sent.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says a failed action where it happened', async () => {
    const { user } = renderReminders({
      'appointments.update': () => {
        throw new ValidationError([{ where: 'id', rule: 'x', message: 'Not today.' }]);
      },
    });
    await screen.findByRole('article', { name: 'Amina Otieno' });
    await user.click(within(card('Amina Otieno')).getByRole('button', { name: 'Mark missed' }));
    expect(await within(card('Amina Otieno')).findByRole('alert')).toHaveProperty('textContent', 'Not today.');
  });
});

describe('Reminders in Swahili', () => {
  it('words the screen, the statuses and the actions in Swahili', async () => {
    setLanguage('sw');
    renderReminders();
    expect(await screen.findByRole('heading', { level: 1, name: 'Vikumbusho' })).toBeTruthy();
    const amina = await screen.findByRole('article', { name: 'Amina Otieno' });
    expect(within(amina).getByText('Imepangwa')).toBeTruthy();
    expect(within(amina).getByText('Imerukwa: muda wake ulikuwa umepita')).toBeTruthy();
    expect(within(amina).getByText('Imetumwa')).toBeTruthy();
    expect(within(amina).getByRole('button', { name: 'Hamisha' })).toBeTruthy();
    expect(within(amina).getByRole('button', { name: 'Weka alama: amehudhuria' })).toBeTruthy();
    expect(within(amina).getByRole('button', { name: 'Ghairi miadi' })).toBeTruthy();
    expect(screen.getByText('Ameomba muda mwingine')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Zinahitaji kushughulikiwa (1)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Siku zijazo' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Leo — / })).toBeTruthy();
    const f = screen.getByRole('form', { name: 'Panga miadi' });
    expect(within(f).getByLabelText('Jina la mgonjwa')).toBeTruthy();
    expect(within(f).getByLabelText('Namba ya simu')).toBeTruthy();
    expect(within(f).getByText(/^Saa za kliniki \(Africa\/Nairobi\), saa 24/)).toBeTruthy();
    expect(within(f).getByRole('button', { name: 'Panga' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Booked|Skipped|Book an appointment|Coming days/);
  });
});

describe('Reminders: pause automated sending', () => {
  it('pauses and resumes through settings.update, the button saying what it will do', async () => {
    useSettings.getState().set({ ...SETTINGS, automatedPaused: false });
    const backend = createBackend({ 'settings.update': (p) => ({ ...SETTINGS, automatedPaused: p.automatedPaused ?? false }) });
    renderWithClient(<PauseAutomated />, backend);
    const user = userEvent.setup();
    expect(screen.getByText('Reminders go out at their time.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Pause automated sending' }));
    expect(backend.callsOf('settings.update')).toEqual([{ automatedPaused: true }]);
    expect(await screen.findByText(/Automated sending is paused/)).toBeTruthy();
    // Paused: the button offers the way back, and the banner stays as it is.
    const resume = screen.getByRole('button', { name: 'Resume automated sending' });
    expect(screen.queryByRole('button', { name: 'Pause automated sending' })).toBeNull();
    // A label that changes is not also a toggle ("Resume …, pressed" would say the opposite).
    expect(resume.getAttribute('aria-pressed')).toBeNull();
    expect(screen.getByText('Automated sending is paused: reminders wait until you resume. Messages you send yourself still go.')).toBeTruthy();
    await user.click(resume);
    expect(backend.callsOf('settings.update')).toEqual([{ automatedPaused: true }, { automatedPaused: false }]);
    expect(await screen.findByRole('button', { name: 'Pause automated sending' })).toBeTruthy();
    expect(screen.getByText('Reminders go out at their time.')).toBeTruthy();
  });

  it('says Resume in Swahili when paused', async () => {
    setLanguage('sw');
    useSettings.getState().set({ ...SETTINGS, automatedPaused: true });
    renderWithClient(<PauseAutomated />, createBackend());
    expect(await screen.findByRole('button', { name: 'Endelea na utumaji wa kiotomatiki' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sitisha utumaji wa kiotomatiki' })).toBeNull();
    expect(screen.getByText(/^Utumaji wa kiotomatiki umesitishwa/)).toBeTruthy();
  });
});
