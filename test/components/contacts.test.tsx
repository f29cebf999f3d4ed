import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContactDto } from '../../src-shared/contract/dto.ts';
import { ValidationError } from '../../src-shared/errors.ts';
import { ContactsScreen } from '../../renderer/screens/contacts/ContactsScreen.tsx';
import { SETTINGS, resetScreens, setupScreen } from './contacts-harness.tsx';

afterEach(resetScreens);

const amina: ContactDto = {
  id: 7,
  name: 'Amina Njeri',
  notes: 'Prefers mornings',
  addresses: [
    { id: 70, address: '+254712345678', protocol: 'sms', contactId: 7, preferred: true },
    { id: 71, address: 'amina@example.org', protocol: 'email', contactId: 7, preferred: true },
  ],
  groupIds: [1],
};

const baseStubs = {
  'settings.get': () => SETTINGS,
  'groups.list': () => [{ id: 1, name: 'Mothers', memberCount: 1 }],
};

describe('Contacts: the form', () => {
  it('checks the name and each number in place, then saves the normalised contact', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...baseStubs, 'contacts.list': () => ({ contacts: [], total: 0 }), 'contacts.create': (p) => ({ id: 9, ...p, addresses: p.addresses.map((a, i) => ({ ...a, id: i + 1, contactId: 9 })) }) });
    h.render(<ContactsScreen />);
    await screen.findByText('No contacts yet');

    await user.click(screen.getAllByRole('button', { name: 'New contact' })[0]!);
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A contact needs a name.');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(h.callsOf('contacts.create')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Amina Njeri');
    expect(screen.queryByRole('alert')).toBeNull();
    const phone = screen.getByRole('textbox', { name: 'Phone number' });
    await user.type(phone, '0712 34');
    await user.tab();
    expect((await screen.findByRole('alert')).textContent).toMatch(/not a valid phone number in Kenya/);
    expect(phone.getAttribute('aria-invalid')).toBe('true');

    await user.clear(phone);
    await user.type(phone, '0712 345 678');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Will be saved as +254712345678')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Mothers' }));
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), 'Twins');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));

    await waitFor(() => expect(h.callsOf('contacts.create')).toHaveLength(1));
    expect(h.callsOf('contacts.create')[0]).toEqual({
      name: 'Amina Njeri',
      notes: 'Twins',
      addresses: [{ address: '+254712345678', protocol: 'sms', preferred: true }],
      groupIds: [1],
      language: null,
      discreet: false,
    });
    expect(await screen.findByText('Saved Amina Njeri.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save contact' })).toBeNull();
  });

  it('shows the backend refusing an address next to that address', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      ...baseStubs,
      'contacts.list': () => ({ contacts: [], total: 0 }),
      'contacts.create': () => {
        throw new ValidationError([{ where: '+254712345678', rule: 'address.taken', message: 'This number already belongs to Baraka Otieno.' }]);
      },
    });
    h.render(<ContactsScreen />);
    await user.click((await screen.findAllByRole('button', { name: 'New contact' }))[0]!);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Amina');
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '+254 712 345 678');
    await user.click(screen.getByRole('button', { name: 'Save contact' }));

    const phone = screen.getByRole('textbox', { name: 'Phone number' });
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    const errorId = phone.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(document.getElementById(errorId)?.textContent).toBe('This number already belongs to Baraka Otieno.');
    expect(document.activeElement).toBe(phone);
  });

  it('keeps one preferred address per protocol and sends the choice', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...baseStubs, 'contacts.list': () => ({ contacts: [amina], total: 1 }), 'contacts.update': (p) => ({ ...amina, ...p.contact, addresses: amina.addresses }) });
    h.render(<ContactsScreen />);
    await user.click(await screen.findByRole('button', { name: /Amina Njeri/ }));
    await user.click(screen.getByRole('button', { name: 'Add a phone number' }));
    const third = screen.getByRole('group', { name: 'Address 3' });
    await user.type(within(third).getByRole('textbox', { name: 'Phone number' }), '0733 000 111');
    await user.click(within(third).getByRole('radio', { name: 'Preferred' }));
    expect((within(screen.getByRole('group', { name: 'Address 1' })).getByRole('radio', { name: 'Preferred' }) as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(h.callsOf('contacts.update')).toHaveLength(1));
    expect(h.callsOf('contacts.update')[0]!.contact.addresses).toEqual([
      { address: '+254712345678', protocol: 'sms', preferred: false },
      { address: 'amina@example.org', protocol: 'email', preferred: true },
      { address: '+254733000111', protocol: 'sms', preferred: true },
    ]);
  });
});

describe('Contacts: messages to a contact', () => {
  it('saves the language of reminders and the wish for discreet messages', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...baseStubs, 'contacts.list': () => ({ contacts: [], total: 0 }), 'contacts.create': (p) => ({ id: 9, ...p, addresses: p.addresses.map((a, i) => ({ ...a, id: i + 1, contactId: 9 })) }) });
    h.render(<ContactsScreen />);
    await screen.findByText('No contacts yet');
    await user.click(screen.getAllByRole('button', { name: 'New contact' })[0]!);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Baraka');
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '0712 345 670');
    const language = screen.getByRole('combobox', { name: 'Language of reminders' });
    expect((language as HTMLSelectElement).value).toBe('');
    await user.selectOptions(language, 'sw');
    await user.click(screen.getByRole('checkbox', { name: 'Discreet messages' }));
    await user.click(screen.getByRole('button', { name: 'Save contact' }));
    await waitFor(() => expect(h.callsOf('contacts.create')).toHaveLength(1));
    expect(h.callsOf('contacts.create')[0]).toMatchObject({ name: 'Baraka', language: 'sw', discreet: true });
  });
});

describe('Contacts: delete and Undo', () => {
  it('deletes, offers Undo, and Undo restores the contact as it was', async () => {
    const user = userEvent.setup();
    let listed = [amina];
    const h = setupScreen({
      ...baseStubs,
      'contacts.list': () => ({ contacts: listed, total: listed.length }),
      'contacts.delete': () => {
        listed = [];
        return amina;
      },
      'contacts.restore': (p) => {
        listed = [amina];
        return { ...amina, ...p.contact, addresses: amina.addresses };
      },
    });
    h.render(<ContactsScreen />);
    await user.click(await screen.findByRole('button', { name: /Amina Njeri/ }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Deleted Amina Njeri.')).toBeTruthy();
    expect(h.callsOf('contacts.delete')).toEqual([{ id: 7 }]);
    await screen.findByText('No contacts yet');
    await user.click(screen.getByRole('button', { name: 'Undo' }));

    await waitFor(() => expect(h.callsOf('contacts.restore')).toHaveLength(1));
    expect(h.callsOf('contacts.restore')[0]).toEqual({
      contact: {
        id: 7,
        name: 'Amina Njeri',
        notes: 'Prefers mornings',
        addresses: [
          { address: '+254712345678', protocol: 'sms', preferred: true },
          { address: 'amina@example.org', protocol: 'email', preferred: true },
        ],
        groupIds: [1],
      },
    });
    expect(await screen.findByRole('button', { name: /Amina Njeri/ })).toBeTruthy();
    expect(await screen.findByText('Amina Njeri is back.')).toBeTruthy();
  });
});

describe('Contacts: the list', () => {
  it('searches as you type, once per pause, and filters by group', async () => {
    const user = userEvent.setup();
    const h = setupScreen({ ...baseStubs, 'contacts.list': () => ({ contacts: [amina], total: 1 }) });
    h.render(<ContactsScreen />);
    await screen.findByRole('button', { name: /Amina Njeri/ });
    await user.type(screen.getByRole('searchbox', { name: 'Search contacts' }), 'ami');
    await waitFor(() => expect(h.callsOf('contacts.list').some((p) => p.search === 'ami')).toBe(true));
    expect(h.callsOf('contacts.list').filter((p) => p.search !== undefined).map((p) => p.search)).toEqual(['ami']);

    await user.click(screen.getByRole('button', { name: 'Mothers (1)' }));
    await waitFor(() => expect(h.callsOf('contacts.list').some((p) => p.groupId === 1 && p.search === 'ami')).toBe(true));
    expect(screen.getByRole('button', { name: 'Mothers (1)' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('pages 50,000 contacts: renders a screenful and asks only for the pages it shows', async () => {
    const total = 50_000;
    const h = setupScreen({
      ...baseStubs,
      'contacts.list': (p) => ({
        total,
        contacts: Array.from({ length: Math.min(p.limit, total - p.offset) }, (_, i) => ({ id: p.offset + i + 1, name: `Patient ${p.offset + i + 1}`, notes: '', addresses: [], groupIds: [] })),
      }),
    });
    h.render(<ContactsScreen />);
    expect(await screen.findByText('50,000 contacts')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Contacts' });
    await within(list).findByRole('button', { name: /Patient 1\b/ });
    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(5);
    expect(items.length).toBeLessThan(100);
    expect(items[0]!.getAttribute('aria-setsize')).toBe('50000');
    expect(h.callsOf('contacts.list').map((p) => p.offset)).toEqual([0]);
  });
});

describe('Contacts: groups', () => {
  it('creates, renames and deletes a group', async () => {
    const user = userEvent.setup();
    const h = setupScreen({
      ...baseStubs,
      'contacts.list': () => ({ contacts: [], total: 0 }),
      'groups.create': (p) => ({ id: 2, name: p.name, memberCount: 0 }),
      'groups.rename': (p) => ({ id: p.id, name: p.name, memberCount: 1 }),
      'groups.delete': (p) => ({ id: p.id }),
    });
    h.render(<ContactsScreen />);
    await screen.findByRole('button', { name: 'Mothers (1)' });

    await user.click(screen.getByRole('button', { name: 'Add group' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A group needs a name.');
    await user.type(screen.getByRole('textbox', { name: 'New group' }), 'ANC visits');
    await user.click(screen.getByRole('button', { name: 'Add group' }));
    await waitFor(() => expect(h.callsOf('groups.create')).toEqual([{ name: 'ANC visits' }]));

    await user.click(screen.getByRole('button', { name: 'Rename group Mothers' }));
    const nameBox = screen.getByRole('textbox', { name: 'Group name' });
    await user.clear(nameBox);
    await user.type(nameBox, 'Mothers (ANC){Enter}');
    await waitFor(() => expect(h.callsOf('groups.rename')).toEqual([{ id: 1, name: 'Mothers (ANC)' }]));

    await user.click(screen.getByRole('button', { name: 'Delete group Mothers' }));
    expect(screen.getByText('Delete the group “Mothers”? Its contacts are kept.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete group' }));
    await waitFor(() => expect(h.callsOf('groups.delete')).toEqual([{ id: 1 }]));
  });
});

describe('Contacts: export', () => {
  it('downloads the CSV the backend made', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:contacts';
    };
    URL.revokeObjectURL = () => {};
    // jsdom cannot navigate to a blob: URL; the click itself is what a browser turns into a download.
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      setupScreen({ ...baseStubs, 'contacts.list': () => ({ contacts: [amina], total: 1 }), 'contacts.export': () => ({ csv: 'name,phone\nAmina Njeri,+254712345678\n', count: 1 }) }).render(<ContactsScreen />);
      await user.click(await screen.findByRole('button', { name: 'Export contacts as CSV' }));
      expect(await screen.findByText('Exported 1 contact.')).toBeTruthy();
      expect(created).toHaveLength(1);
      expect(created[0]!.type).toBe('text/csv;charset=utf-8');
      expect(clicks).toHaveBeenCalledTimes(1);
    } finally {
      clicks.mockRestore();
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
  });

  it('says why an export failed, in place', async () => {
    const user = userEvent.setup();
    setupScreen({
      ...baseStubs,
      'contacts.list': () => ({ contacts: [], total: 0 }),
      'contacts.export': () => {
        throw new Error('The disk is full.');
      },
    }).render(<ContactsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Export contacts as CSV' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The contacts could not be exported: The disk is full.');
  });
});
