// Opted-out numbers on the Contacts screen: the "Opted out" badge on a row (ContactList), the
// "Only opted out" filter (contacts.list optedOut: true, with search and group), and "Messages" on
// a contact's page (ContactConsent): how each number opted out from consent.history, in the
// clinic's time zone; marking by hand and opting back in through consent.set with a reason; and a
// reload of the list and the open contact on consent.changed.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentDto, ContactDto } from '../../src-shared/contract/dto.ts';
import { setLanguage } from '../../renderer/i18n/index.ts';
import { ContactsScreen } from '../../renderer/screens/contacts/ContactsScreen.tsx';
import { useSettings } from '../../renderer/state/settings.ts';
import { SETTINGS, resetScreens, setupScreen, type Stubs } from './contacts-harness.tsx';

afterEach(() => {
  resetScreens();
  setLanguage('en');
});

const PREFERRED = '+254712345678';
const OTHER = '+254733000111';

const amina: ContactDto = {
  id: 7,
  name: 'Amina Njeri',
  notes: '',
  addresses: [
    { id: 70, address: PREFERRED, protocol: 'sms', contactId: 7, preferred: true },
    { id: 71, address: OTHER, protocol: 'sms', contactId: 7, preferred: false },
    { id: 72, address: 'amina@example.org', protocol: 'email', contactId: 7, preferred: true },
  ],
  groupIds: [1],
  optedOut: [PREFERRED],
};
const baraka: ContactDto = {
  id: 8,
  name: 'Baraka Mwangi',
  notes: '',
  addresses: [{ id: 80, address: '+254700111222', protocol: 'sms', contactId: 8, preferred: true }],
  groupIds: [],
};

const consent = (over: Partial<ConsentDto> & Pick<ConsentDto, 'phone' | 'optedOut' | 'changedAt'>): ConsentDto => ({
  source: 'staff',
  word: null,
  messageId: null,
  changedBy: null,
  reason: null,
  contactId: 7,
  ...over,
});

// Oldest first, as the backend answers: marked by hand in June, back in in July, then STOP by SMS
// at 11:02 UTC on 3 December, 14:02 in Nairobi.
const REPLY_HISTORY: ConsentDto[] = [
  consent({ phone: PREFERRED, optedOut: true, changedAt: '2026-06-01T07:00:00.000Z', changedBy: 'Wanjiru', reason: 'asked at the desk' }),
  consent({ phone: PREFERRED, optedOut: false, changedAt: '2026-07-01T07:00:00.000Z', changedBy: 'Wanjiru', reason: 'asked again' }),
  consent({ phone: PREFERRED, optedOut: true, changedAt: '2026-12-03T11:02:00.000Z', source: 'reply', word: 'STOP', messageId: 91 }),
];

function renderContacts(stubs: Stubs = {}) {
  useSettings.getState().set({ ...SETTINGS, clinicTimeZone: 'Africa/Nairobi' });
  const h = setupScreen({
    'settings.get': () => SETTINGS,
    'groups.list': () => [{ id: 1, name: 'Mothers', memberCount: 1 }],
    'contacts.list': () => ({ contacts: [amina, baraka], total: 2 }),
    'contacts.get': (p) => [amina, baraka].find((c) => c.id === p.id)!,
    'appointments.forContact': () => ({ items: [] }),
    'consent.history': (p) => ({ items: REPLY_HISTORY.filter((c) => c.phone === p.phone) }),
    ...stubs,
  });
  h.render(<ContactsScreen />);
  return { h, user: userEvent.setup() };
}

async function openAmina(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /Amina Njeri/ }));
  return screen.findByRole('region', { name: 'Messages' });
}

/** The line of one number in "Messages". */
function rowOf(region: HTMLElement, phone: string): HTMLElement {
  const row = within(region)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(phone));
  if (!row) throw new Error(`No row for ${phone}`);
  return row;
}

const DATE = /(3 Dec 2026|Dec 3, 2026)/.source;

describe('Contacts: opted-out contacts in the list', () => {
  it('shows “Opted out” in words on a contact with an opted-out number, and only there', async () => {
    renderContacts();
    const aminaRow = await screen.findByRole('button', { name: /Amina Njeri/ });
    expect(within(aminaRow).getByText('Opted out')).toBeTruthy();
    // Part of the row's accessible name, not a colour only.
    expect(aminaRow.textContent).toMatch(/Amina Njeri Opted out/);
    const barakaRow = screen.getByRole('button', { name: /Baraka Mwangi/ });
    expect(within(barakaRow).queryByText('Opted out')).toBeNull();

    act(() => setLanguage('sw'));
    expect(within(aminaRow).getByText('Amejiondoa')).toBeTruthy();
  });

  it('lists only opted-out contacts when asked, together with search and group', async () => {
    const { h, user } = renderContacts();
    await screen.findByRole('button', { name: /Amina Njeri/ });
    expect(h.callsOf('contacts.list').every((p) => p.optedOut === undefined)).toBe(true);

    const filter = screen.getByRole('checkbox', { name: 'Only opted out (replied STOP)' });
    await user.click(filter);
    await waitFor(() => expect(h.callsOf('contacts.list').at(-1)).toEqual({ limit: 200, offset: 0, optedOut: true }));

    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'ami');
    await user.click(screen.getByRole('button', { name: 'Mothers (1)' }));
    await waitFor(() => expect(h.callsOf('contacts.list').at(-1)).toEqual({ limit: 200, offset: 0, search: 'ami', groupId: 1, optedOut: true }));

    await user.click(filter);
    await waitFor(() => expect(h.callsOf('contacts.list').at(-1)).toEqual({ limit: 200, offset: 0, search: 'ami', groupId: 1 }));
  });

  it('says “No contacts match.” when no contact opted out', async () => {
    const { user } = renderContacts({ 'contacts.list': (p) => (p.optedOut ? { contacts: [], total: 0 } : { contacts: [baraka], total: 1 }) });
    await screen.findByRole('button', { name: /Baraka Mwangi/ });
    await user.click(screen.getByRole('checkbox', { name: 'Only opted out (replied STOP)' }));
    expect(await screen.findByText('No contacts match.')).toBeTruthy();
  });
});

describe('Contacts: “Messages” on a contact’s page', () => {
  it('says which numbers get messages, and how an opted-out one opted out, in clinic time', async () => {
    const { h, user } = renderContacts();
    const region = await openAmina(user);
    expect(within(region).getByRole('heading', { level: 2, name: 'Messages' })).toBeTruthy();
    const preferred = rowOf(region, PREFERRED);
    expect(preferred.textContent).toContain(`${PREFERRED} opted out: no reminders or group messages.`);
    await waitFor(() => expect(preferred.textContent).toMatch(new RegExp(`Replied STOP on ${DATE} at 14:02\\.`)));
    expect(within(preferred).getByRole('button', { name: 'Opt back in' })).toBeTruthy();
    const other = rowOf(region, OTHER);
    expect(other.textContent).toContain(`${OTHER} gets messages.`);
    expect(within(other).getByRole('button', { name: 'Mark as opted out' })).toBeTruthy();
    // Only the opted-out number's history is read.
    expect(h.callsOf('consent.history')).toEqual([{ phone: PREFERRED }]);
    // The form's Save is still there, above this section.
    expect(screen.getByRole('button', { name: 'Save contact' })).toBeTruthy();
  });

  it('says who marked a number by hand, when, and why', async () => {
    const { user } = renderContacts({
      'consent.history': (p) => ({ items: [consent({ phone: p.phone, optedOut: true, changedAt: '2026-12-03T11:02:00.000Z', changedBy: 'Wanjiru', reason: 'asked at the desk' })] }),
    });
    const region = await openAmina(user);
    const preferred = rowOf(region, PREFERRED);
    await waitFor(() => expect(preferred.textContent).toMatch(new RegExp(`Marked by Wanjiru on ${DATE} at 14:02: asked at the desk`)));
  });

  it('marks a number as opted out by hand: a reason is required, then exactly { phone, optedOut: true, reason }', async () => {
    let current = amina;
    const history = [...REPLY_HISTORY];
    const { h, user } = renderContacts({
      'contacts.get': () => current,
      'consent.history': (p) => ({ items: history.filter((c) => c.phone === p.phone) }),
      'consent.set': (p) => {
        current = { ...amina, optedOut: [PREFERRED, p.phone] };
        const saved = consent({ phone: p.phone, optedOut: p.optedOut, changedAt: '2026-12-04T06:30:00.000Z', changedBy: 'Wanjiru', reason: p.reason });
        history.push(saved);
        return saved;
      },
    });
    const region = await openAmina(user);
    await user.click(within(rowOf(region, OTHER)).getByRole('button', { name: 'Mark as opted out' }));
    const form = within(region).getByRole('form', { name: `Mark ${OTHER} as opted out` });
    const reason = within(form).getByRole('textbox', { name: 'Reason' });
    await waitFor(() => expect(document.activeElement).toBe(reason));

    await user.click(within(form).getByRole('button', { name: 'Mark as opted out' }));
    expect(within(form).getByRole('alert').textContent).toBe('Say why (for example: asked at the desk).');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(reason);
    expect(h.callsOf('consent.set')).toHaveLength(0);

    await user.type(reason, 'asked at the desk');
    expect(within(form).queryByRole('alert')).toBeNull();
    const listCalls = h.callsOf('contacts.list').length;
    await user.click(within(form).getByRole('button', { name: 'Mark as opted out' }));
    await waitFor(() => expect(h.callsOf('consent.set')).toHaveLength(1));
    expect(h.callsOf('consent.set')[0]).toEqual({ phone: OTHER, optedOut: true, reason: 'asked at the desk' });
    expect(await screen.findByText(`${OTHER} gets no more reminders or group messages.`)).toBeTruthy();

    // The number says so at once; the list and the contact are read again.
    const other = rowOf(region, OTHER);
    expect(other.textContent).toMatch(new RegExp(`opted out: no reminders or group messages\\. Marked by Wanjiru on (4 Dec 2026|Dec 4, 2026) at 09:30: asked at the desk`));
    await waitFor(() => expect(h.callsOf('contacts.get')).toEqual([{ id: 7 }]));
    await waitFor(() => expect(h.callsOf('contacts.list').length).toBeGreaterThan(listCalls));
    expect(h.callsOf('consent.history')).toContainEqual({ phone: OTHER });
    expect(rowOf(region, OTHER).textContent).toMatch(/Marked by Wanjiru on .* at 09:30: asked at the desk/);
    expect(within(rowOf(region, OTHER)).getByRole('button', { name: 'Opt back in' })).toBeTruthy();
  });

  it('opts a number back in after a STOP only with a reason and the patient’s own word', async () => {
    let current = amina;
    const { h, user } = renderContacts({
      'contacts.get': () => current,
      'consent.set': (p) => {
        current = { ...amina, optedOut: undefined };
        return consent({ phone: p.phone, optedOut: p.optedOut, changedAt: '2026-12-04T06:30:00.000Z', changedBy: 'Wanjiru', reason: p.reason });
      },
    });
    const region = await openAmina(user);
    const preferred = rowOf(region, PREFERRED);
    await waitFor(() => expect(preferred.textContent).toMatch(/Replied STOP/));
    await user.click(within(preferred).getByRole('button', { name: 'Opt back in' }));
    const form = within(region).getByRole('form', { name: `Opt ${PREFERRED} back in` });
    const reason = within(form).getByRole('textbox', { name: 'Reason' });
    // The hint tells the nurse why: the patient said STOP herself.
    expect(reason.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(reason.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(
      new RegExp(`^\\${PREFERRED} replied STOP\\. Opt back in only if the patient has told you in person`),
    );

    await user.type(reason, 'asked at the desk on 5 Dec');
    await user.click(within(form).getByRole('button', { name: 'Opt back in' }));
    const confirm = within(form).getByRole('checkbox', { name: 'The patient told me in person that they want messages again.' });
    expect(within(form).getByRole('alert').textContent).toBe('Tick this only when the patient has told you so.');
    expect(document.activeElement).toBe(confirm);
    expect(h.callsOf('consent.set')).toHaveLength(0);

    await user.click(confirm);
    await user.click(within(form).getByRole('button', { name: 'Opt back in' }));
    await waitFor(() => expect(h.callsOf('consent.set')).toEqual([{ phone: PREFERRED, optedOut: false, reason: 'asked at the desk on 5 Dec' }]));
    expect(await screen.findByText(`${PREFERRED} gets messages again.`)).toBeTruthy();
    await waitFor(() => expect(rowOf(region, PREFERRED).textContent).toContain(`${PREFERRED} gets messages.`));
    await waitFor(() => expect(h.callsOf('contacts.get')).toEqual([{ id: 7 }]));
  });

  it('opts a number marked by hand back in without the STOP confirmation', async () => {
    const { h, user } = renderContacts({
      'consent.history': (p) => ({ items: [consent({ phone: p.phone, optedOut: true, changedAt: '2026-12-03T11:02:00.000Z', changedBy: 'Wanjiru', reason: 'asked at the desk' })] }),
      'consent.set': (p) => consent({ phone: p.phone, optedOut: p.optedOut, changedAt: '2026-12-04T06:30:00.000Z', reason: p.reason }),
    });
    const region = await openAmina(user);
    const preferred = rowOf(region, PREFERRED);
    await waitFor(() => expect(preferred.textContent).toMatch(/Marked by Wanjiru/));
    await user.click(within(preferred).getByRole('button', { name: 'Opt back in' }));
    const form = within(region).getByRole('form', { name: `Opt ${PREFERRED} back in` });
    expect(within(form).queryByRole('checkbox')).toBeNull();
    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'wants reminders again');
    await user.click(within(form).getByRole('button', { name: 'Opt back in' }));
    await waitFor(() => expect(h.callsOf('consent.set')).toEqual([{ phone: PREFERRED, optedOut: false, reason: 'wants reminders again' }]));
    expect(await screen.findByText(`${PREFERRED} gets messages again.`)).toBeTruthy();
  });
});

describe('Contacts: consent.changed', () => {
  it('reloads the list and the open contact when a number opts out elsewhere', async () => {
    let listed: ContactDto[] = [{ ...amina, optedOut: undefined }, baraka];
    const { h, user } = renderContacts({
      'contacts.list': () => ({ contacts: listed, total: listed.length }),
      'contacts.get': (p) => listed.find((c) => c.id === p.id)!,
    });
    const region = await openAmina(user);
    expect(rowOf(region, PREFERRED).textContent).toContain(`${PREFERRED} gets messages.`);
    expect(within(screen.getByRole('button', { name: /Amina Njeri/ })).queryByText('Opted out')).toBeNull();
    const listCalls = h.callsOf('contacts.list').length;

    // The patient replies STOP: the backend commits it and says so.
    listed = [amina, baraka];
    act(() => h.emit('consent.changed', REPLY_HISTORY[2]!));

    await waitFor(() => expect(h.callsOf('contacts.get')).toEqual([{ id: 7 }]));
    // The list reloads too, on its own promise: wait for it rather than assume the order.
    await waitFor(() => expect(h.callsOf('contacts.list').length).toBeGreaterThan(listCalls));
    await waitFor(() => expect(within(screen.getByRole('button', { name: /Amina Njeri/ })).getByText('Opted out')).toBeTruthy());
    await waitFor(() => expect(rowOf(region, PREFERRED).textContent).toMatch(new RegExp(`opted out: no reminders or group messages\\. Replied STOP on ${DATE} at 14:02\\.`)));
  });
});
