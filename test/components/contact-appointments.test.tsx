// A contact's appointments on the contact's page (ContactsScreen -> ContactAppointments): the
// coming ones soonest first, the past ones latest first under "Past appointments", each with its
// clinic time, service, status and reminders (AppointmentCard, as on the Reminders screen), from
// appointments.forContact; booking for this contact with the Reminders screen's form, name and
// preferred phone filled in; no form for a contact without a phone; a reload on appointment.changed.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppointmentDto, ContactDto } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ContactsScreen } from '../../renderer/screens/contacts/ContactsScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { formatClinicTime } from '../../renderer/ui/format.ts';
import { SETTINGS, resetScreens, setupScreen, type Stubs } from './contacts-harness.tsx';
import { NOW, appointment as anAppointment } from './reminders-harness.tsx';

beforeEach(() => {
  // Thursday 3 January 2030, 09:00 in Nairobi; only Date is faked, so userEvent's timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => {
  vi.useRealTimers();
  resetScreens();
  setLanguage('en');
});

// Two phone numbers: the preferred one is the one a booking uses.
const amina: ContactDto = {
  id: 7,
  name: 'Amina Njeri',
  notes: '',
  addresses: [
    { id: 70, address: '+254733000111', protocol: 'sms', contactId: 7, preferred: false },
    { id: 71, address: '+254712345678', protocol: 'sms', contactId: 7, preferred: true },
    { id: 72, address: 'amina@example.org', protocol: 'email', contactId: 7, preferred: true },
  ],
  groupIds: [],
};
const baraka: ContactDto = {
  id: 8,
  name: 'Baraka Mwangi',
  notes: '',
  addresses: [{ id: 80, address: 'baraka@example.org', protocol: 'email', contactId: 8, preferred: true }],
  groupIds: [],
};

const appointment = (over: Partial<AppointmentDto> & Pick<AppointmentDto, 'id' | 'start'>): AppointmentDto =>
  anAppointment({ patient: { contactId: 7, name: 'Amina Njeri', phone: '+254712345678', language: null }, ...over });

// In a week, 09:30 in Nairobi: the day-before reminder waits.
const NEXT_WEEK = appointment({
  id: 1,
  start: '2030-01-10T06:30:00.000Z',
  service: 'Antenatal care',
  reminders: [{ step: 0, sendAt: '2030-01-09T05:00:00.000Z', status: 'scheduled', text: 'Reminder: your clinic appointment is tomorrow at 09:30.', messageId: 41 }],
});
// Tomorrow, 14:30: confirmed, its reminder sent this morning.
const TOMORROW = appointment({
  id: 2,
  start: '2030-01-04T11:30:00.000Z',
  status: 'confirmed',
  service: 'Immunisation',
  reminders: [{ step: 0, sendAt: '2030-01-03T05:00:00.000Z', status: 'sent', text: 'Reminder: your clinic appointment is tomorrow at 14:30.', messageId: 42 }],
});
// Two weeks ago: attended, the reminder delivered.
const LAST_MONTH = appointment({
  id: 3,
  start: '2029-12-20T07:00:00.000Z',
  status: 'attended',
  service: 'Antenatal care',
  reminders: [{ step: 0, sendAt: '2029-12-19T05:00:00.000Z', status: 'delivered', text: 'Reminder: your clinic appointment is tomorrow at 10:00.', messageId: 43 }],
});
// November: missed, the reminder failed.
const NOVEMBER = appointment({
  id: 4,
  start: '2029-11-15T07:00:00.000Z',
  status: 'missed',
  service: 'Family planning',
  reminders: [{ step: 0, sendAt: '2029-11-14T05:00:00.000Z', status: 'failed', text: 'Reminder: your clinic appointment is tomorrow at 10:00.', messageId: 44 }],
});

function renderContacts(stubs: Stubs, contacts: ContactDto[] = [amina, baraka]) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const h = setupScreen({
    'settings.get': () => SETTINGS,
    'groups.list': () => [],
    'contacts.list': () => ({ contacts, total: contacts.length }),
    // The backend's order: latest first.
    'appointments.forContact': () => ({ items: [NEXT_WEEK, TOMORROW, LAST_MONTH, NOVEMBER] }),
    ...stubs,
  });
  h.render(<ContactsScreen />);
  return { h, user: userEvent.setup() };
}

async function open(user: ReturnType<typeof userEvent.setup>, name: RegExp) {
  await user.click(await screen.findByRole('button', { name }));
  return screen.findByRole('region', { name: 'Appointments' });
}

const whenOf = (list: HTMLElement) => within(list).getAllByRole('article').map((a) => a.querySelector('.appointment__when')?.textContent ?? '');
const badgesOf = (article: HTMLElement) => [...article.querySelectorAll('.badge')].map((b) => b.textContent);

describe('Contacts: a contact’s appointments', () => {
  it('shows the coming appointments soonest first, then the past ones latest first, with their reminders', async () => {
    const { h, user } = renderContacts({});
    const region = await open(user, /Amina Njeri/);
    expect(within(region).getByRole('heading', { level: 2, name: 'Appointments' })).toBeTruthy();
    const upcoming = await within(region).findByRole('list', { name: 'Coming appointments of Amina Njeri' });
    expect(h.callsOf('appointments.forContact')).toEqual([{ contactId: 7 }]);
    // Clinic time: 11:30Z is 14:30 in Nairobi, 06:30Z is 09:30.
    const when = whenOf(upcoming);
    expect(when).toHaveLength(2);
    expect(when[0]).toMatch(/^Fri.*14:30$/);
    expect(when[1]).toMatch(/^Thu.*09:30$/);
    const [tomorrow, nextWeek] = within(upcoming).getAllByRole('article') as [HTMLElement, HTMLElement];
    expect(within(tomorrow).getByText('Immunisation')).toBeTruthy();
    expect(badgesOf(tomorrow)).toEqual(['Confirmed', 'Sent']);
    const reminder = within(within(nextWeek).getByRole('list', { name: `Reminders for ${formatClinicTime(NEXT_WEEK.start, 'en', 'Africa/Nairobi')}, Antenatal care` })).getByRole('listitem');
    expect(reminder.querySelector('time')?.textContent).toMatch(/08:00$/);
    expect(within(reminder).getByText('Scheduled')).toBeTruthy();
    expect(within(nextWeek).getByText('Antenatal care')).toBeTruthy();
    expect(within(nextWeek).getByRole('button', { name: 'Move' })).toBeTruthy();

    // The past ones are folded away until asked for.
    const summary = within(region).getByText('Past appointments (2)');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    await user.click(summary);
    expect(details.open).toBe(true);
    const past = within(region).getByRole('list', { name: 'Past appointments of Amina Njeri' });
    const [december, november] = within(past).getAllByRole('article') as [HTMLElement, HTMLElement];
    expect(whenOf(past)[0]).toMatch(/Dec.*10:00$/);
    expect(whenOf(past)[1]).toMatch(/Nov.*10:00$/);
    expect(badgesOf(december)).toEqual(['Attended', 'Delivered']);
    expect(badgesOf(november)).toEqual(['Missed', 'Failed']);
    // Closed: nothing to move or mark.
    expect(within(december).queryByRole('button', { name: 'Move' })).toBeNull();
    expect(region.textContent).not.toMatch(/untranslated|reschedule-requested/);
    // The contact's form and its Save stay above, untouched.
    expect(screen.getByRole('button', { name: 'Save contact' })).toBeTruthy();
  });

  // Every card is this patient's: each is named by its clinic time and service (Intl, in the interface language).
  it('names each appointment card and its reminders by its time and service, in Swahili too', async () => {
    const { user } = renderContacts({});
    const region = await open(user, /Amina Njeri/);
    const upcoming = await within(region).findByRole('list', { name: 'Coming appointments of Amina Njeri' });
    const at = (a: AppointmentDto, lng: string) => formatClinicTime(a.start, lng, 'Africa/Nairobi');
    const tomorrow = within(upcoming).getByRole('article', { name: `${at(TOMORROW, 'en')}, Immunisation` });
    const nextWeek = within(upcoming).getByRole('article', { name: `${at(NEXT_WEEK, 'en')}, Antenatal care` });
    expect(at(TOMORROW, 'en')).toMatch(/^Fri.*14:30$/);
    expect(within(tomorrow).getByRole('list', { name: `Reminders for ${at(TOMORROW, 'en')}, Immunisation` })).toBeTruthy();
    // The actions say which appointment they act on.
    const move = within(nextWeek).getByRole('button', { name: 'Move' });
    expect(document.getElementById(move.getAttribute('aria-describedby')!)?.textContent).toBe(at(NEXT_WEEK, 'en'));
    const names = within(region)
      .getAllByRole('article', { hidden: true })
      .map((a) => a.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(4);

    act(() => setLanguage('sw'));
    try {
      const orodha = await within(region).findByRole('list', { name: 'Miadi ijayo ya Amina Njeri' });
      expect(at(NEXT_WEEK, 'sw')).not.toBe(at(NEXT_WEEK, 'en'));
      const wiki = within(orodha).getByRole('article', { name: `${at(NEXT_WEEK, 'sw')}, Antenatal care` });
      expect(within(wiki).getByRole('list', { name: `Vikumbusho vya ${at(NEXT_WEEK, 'sw')}, Antenatal care` })).toBeTruthy();
    } finally {
      setLanguage('en');
    }
  });

  it('says so when the contact has no appointment yet, in Swahili too', async () => {
    const { user } = renderContacts({ 'appointments.forContact': () => ({ items: [] }) });
    const region = await open(user, /Amina Njeri/);
    expect(await within(region).findByText('No appointments yet.')).toBeTruthy();
    expect(within(region).queryByText(/Past appointments/)).toBeNull();
    act(() => setLanguage('sw'));
    expect(await screen.findByRole('region', { name: 'Miadi' })).toBeTruthy();
    expect(within(region).getByText('Bado hakuna miadi.')).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Panga miadi' })).toBeTruthy();
  });

  it('books for this contact with the name and preferred phone filled in, then lists it', async () => {
    let items = [LAST_MONTH];
    const { h, user } = renderContacts({
      'appointments.forContact': () => ({ items }),
      'appointments.book': (p) => {
        const made = appointment({
          id: 9,
          start: p.start,
          service: p.service ?? null,
          created: true,
          reminders: [{ step: 0, sendAt: '2030-01-06T05:00:00.000Z', status: 'scheduled', text: 'Reminder: your clinic appointment is tomorrow at 10:30.', messageId: 49 }],
        });
        items = [made, LAST_MONTH];
        return made;
      },
    });
    const region = await open(user, /Amina Njeri/);
    expect(await within(region).findByText('No coming appointments.')).toBeTruthy();
    const book = within(region).getByRole('button', { name: 'Book an appointment' });
    expect(book.getAttribute('aria-expanded')).toBe('false');
    expect(within(region).queryByRole('form', { name: 'Book an appointment' })).toBeNull();
    await user.click(book);
    expect(book.getAttribute('aria-expanded')).toBe('true');

    const f = within(region).getByRole('form', { name: 'Book an appointment' });
    const name = within(f).getByLabelText('Patient’s name') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.value).toBe('Amina Njeri');
    expect((within(f).getByLabelText('Phone') as HTMLInputElement).value).toBe('+254712345678');
    const date = within(f).getByLabelText('Date') as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '2030-01-07');
    const time = within(f).getByLabelText('Time') as HTMLInputElement;
    await user.clear(time);
    await user.type(time, '10:30');
    await user.type(within(f).getByLabelText('Service (optional)'), 'ANC');
    await user.click(within(f).getByRole('button', { name: 'Book' }));

    await waitFor(() =>
      expect(h.callsOf('appointments.book')).toEqual([
        // 10:30 in Nairobi is 07:30Z.
        { patient: { name: 'Amina Njeri', phone: '+254712345678' }, start: '2030-01-07T07:30:00.000Z', service: 'ANC' },
      ]),
    );
    expect(await screen.findByText('Booked for Amina Njeri: 1 reminder scheduled.')).toBeTruthy();
    await waitFor(() => expect(h.callsOf('appointments.forContact')).toHaveLength(2));
    const upcoming = await within(region).findByRole('list', { name: 'Coming appointments of Amina Njeri' });
    const booked = within(upcoming).getByRole('article');
    expect(booked.querySelector('.appointment__when')?.textContent).toMatch(/^Mon.*10:30$/);
    expect(within(booked).getByText('ANC')).toBeTruthy();
    // The form closes; the keyboard is back on its button.
    expect(within(region).queryByRole('form', { name: 'Book an appointment' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(book));
  });

  it('offers no form to a contact without a phone number, and says why', async () => {
    const { h, user } = renderContacts({ 'appointments.forContact': () => ({ items: [] }) });
    const region = await open(user, /Baraka Mwangi/);
    expect(await within(region).findByText('No appointments yet.')).toBeTruthy();
    expect(h.callsOf('appointments.forContact')).toEqual([{ contactId: 8 }]);
    expect(within(region).getByText('Baraka Mwangi has no phone number, so no appointment can be booked here: add a phone number above and save the contact first.')).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Book an appointment' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Book an appointment' })).toBeNull();
  });

  it('reloads when appointments change elsewhere (the Reminders screen, the HTTP API, an import)', async () => {
    let items: AppointmentDto[] = [TOMORROW];
    const { h, user } = renderContacts({ 'appointments.forContact': () => ({ items }) });
    const region = await open(user, /Amina Njeri/);
    const upcoming = await within(region).findByRole('list', { name: 'Coming appointments of Amina Njeri' });
    expect(within(upcoming).getAllByRole('article')).toHaveLength(1);
    items = [NEXT_WEEK, { ...TOMORROW, status: 'reschedule-requested' }];
    act(() => {
      h.emit('appointment.changed', { ids: [1] });
      h.emit('appointment.changed', { ids: [2] });
    });
    await waitFor(() => expect(within(upcoming).getAllByRole('article')).toHaveLength(2));
    // One reload for the burst.
    expect(h.callsOf('appointments.forContact')).toHaveLength(2);
    expect(within(upcoming).getByText('Asked for another time')).toBeTruthy();
  });
});
