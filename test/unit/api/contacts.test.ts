/** contacts.* (not CSV) over the in-memory transport. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

describe('contacts.* through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('creates a contact with addresses normalised, one preferred per protocol (the first if none is marked)', async () => {
    const contact = await h.client.call('contacts.create', {
      name: '  Amina Wanjiku ',
      notes: 'Prefers Swahili',
      addresses: [
        { address: '0712 345 678', protocol: 'sms' },
        { address: '+254 722 000 111', protocol: 'sms' },
        { address: '0712-345-678', protocol: 'sms', preferred: true }, // the first one again
        { address: 'Amina@Example.ORG', protocol: 'email' },
      ],
    });
    expect(contact).toEqual({
      id: expect.any(Number),
      name: 'Amina Wanjiku',
      notes: 'Prefers Swahili',
      addresses: [
        { id: expect.any(Number), address: '+254712345678', protocol: 'sms', contactId: contact.id, preferred: true },
        { id: expect.any(Number), address: 'Amina@example.org', protocol: 'email', contactId: contact.id, preferred: true },
        { id: expect.any(Number), address: '+254722000111', protocol: 'sms', contactId: contact.id, preferred: false },
      ],
      groupIds: [],
      language: null,
      discreet: false,
    });
    expect(await h.client.call('contacts.get', { id: contact.id })).toEqual(contact);
  });

  it('keeps a contact’s message language and discreet wish, unchanged when left out', async () => {
    const contact = await h.client.call('contacts.create', { name: 'Baraka', addresses: [{ address: '0712345670', protocol: 'sms' }], language: 'sw', discreet: true });
    expect(contact).toMatchObject({ language: 'sw', discreet: true });
    const renamed = await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Baraka M.', addresses: [{ address: '0712345670', protocol: 'sms' }] } });
    expect(renamed).toMatchObject({ name: 'Baraka M.', language: 'sw', discreet: true });
    const cleared = await h.client.call('contacts.update', { id: contact.id, contact: { name: 'Baraka M.', addresses: [{ address: '0712345670', protocol: 'sms' }], language: null, discreet: false } });
    expect(cleared).toMatchObject({ language: null, discreet: false });
    await expect(h.client.call('contacts.create', { name: 'X', language: 'Swahili' })).rejects.toMatchObject({ code: 'invalid-params' });
  });

  it('follows the default country from settings', async () => {
    await h.client.call('settings.update', { defaultCountry: 'tz' });
    const contact = await h.client.call('contacts.create', { name: 'Neema', addresses: [{ address: '0754 123 456', protocol: 'sms' }] });
    expect(contact.addresses[0]?.address).toBe('+255754123456');
  });

  it('refuses an invalid address and one that is another contact’s, naming the owner; nothing is saved', async () => {
    await h.client.call('contacts.create', { name: 'Amina', addresses: [{ address: '0712345678', protocol: 'sms' }] });
    const error = await failureOf(
      h.client.call('contacts.create', {
        name: 'Baraka',
        addresses: [
          { address: 'not a number', protocol: 'sms' },
          { address: '+254712345678', protocol: 'sms' },
          { address: 'baraka@', protocol: 'email' },
        ],
        groupIds: [77],
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.details.issues).toEqual([
      expect.objectContaining({ where: 'addresses.0', rule: 'phone.characters' }),
      expect.objectContaining({ where: 'addresses.2' }),
      { where: 'addresses.1', rule: 'address.taken', message: '+254712345678 already belongs to Amina.' },
      expect.objectContaining({ where: 'groupIds.0', rule: 'group.unknown' }),
    ]);
    expect((await h.client.call('contacts.list', {})).total).toBe(1);
  });

  it('updates name, notes, addresses and groups; a removed number stays in the history without a contact', async () => {
    const group = await h.client.call('groups.create', { name: 'ANC' });
    const contact = await h.client.call('contacts.create', { name: 'Amina', addresses: [{ address: '0712345678', protocol: 'sms' }] });
    const updated = await h.client.call('contacts.update', {
      id: contact.id,
      contact: { name: 'Amina W.', notes: 'new', addresses: [{ address: '0722000111', protocol: 'sms' }], groupIds: [group.id] },
    });
    expect(updated).toMatchObject({ id: contact.id, name: 'Amina W.', notes: 'new', groupIds: [group.id], addresses: [{ address: '+254722000111', preferred: true }] });
    expect(h.backend.store.contacts.findAddress('+254712345678', 'sms')).toMatchObject({ contactId: null, preferred: false });
    // Keeping its own number is not "taken".
    await expect(h.client.call('contacts.update', { id: contact.id, contact: { name: 'Amina W.', addresses: [{ address: '+254722000111', protocol: 'sms' }] } })).resolves.toMatchObject({ groupIds: [] });
    expect(await failureOf(h.client.call('contacts.update', { id: 999, contact: { name: 'X' } }))).toMatchObject({ code: 'not-found' });
    expect(await failureOf(h.client.call('contacts.get', { id: 999 }))).toMatchObject({ code: 'not-found' });
  });

  it('deletes a contact and restores it (Undo) with the same id, addresses and groups', async () => {
    const group = await h.client.call('groups.create', { name: 'ANC' });
    const contact = await h.client.call('contacts.create', {
      name: 'Amina',
      addresses: [{ address: '0712345678', protocol: 'sms' }, { address: 'a@example.org', protocol: 'email' }],
      groupIds: [group.id],
    });
    const deleted = await h.client.call('contacts.delete', { id: contact.id });
    expect(deleted).toEqual(contact);
    expect(await failureOf(h.client.call('contacts.get', { id: contact.id }))).toMatchObject({ code: 'not-found' });
    expect((await h.client.call('groups.list', {}))[0]).toMatchObject({ memberCount: 0 });
    // The numbers stay as rows (message history), with no contact.
    expect(h.backend.store.contacts.findAddress('+254712345678', 'sms')?.contactId).toBeNull();

    const restored = await h.client.call('contacts.restore', { contact: deleted });
    expect(restored).toEqual(contact);
    expect(await failureOf(h.client.call('contacts.delete', { id: 999 }))).toMatchObject({ code: 'not-found' });
  });

  it('restores under a new id when the old one was taken, leaving out groups deleted since', async () => {
    const group = await h.client.call('groups.create', { name: 'Gone soon' });
    const contact = await h.client.call('contacts.create', { name: 'Amina', addresses: [{ address: '0712345678', protocol: 'sms' }], groupIds: [group.id] });
    const deleted = await h.client.call('contacts.delete', { id: contact.id });
    await h.client.call('groups.delete', { id: group.id });
    // SQLite may hand a freed top id out again: take it.
    const squatter = await h.client.call('contacts.create', { name: 'Squatter' });
    expect(squatter.id).toBe(contact.id);
    const restored = await h.client.call('contacts.restore', { contact: deleted });
    expect(restored).toMatchObject({ name: 'Amina', groupIds: [], addresses: [{ address: '+254712345678' }] });
    expect(restored.id).not.toBe(contact.id);
  });

  it('lists by name with search as you type (name, number as typed, e-mail), a group filter and a total', async () => {
    const group = await h.client.call('groups.create', { name: 'Diabetes' });
    await h.client.call('contacts.create', { name: 'amina Wanjiku', addresses: [{ address: '0712345678', protocol: 'sms' }], groupIds: [group.id] });
    await h.client.call('contacts.create', { name: 'Baraka Otieno', addresses: [{ address: 'baraka@clinic.org', protocol: 'email' }] });
    await h.client.call('contacts.create', { name: 'Chausiku', addresses: [{ address: '0722000111', protocol: 'sms' }], groupIds: [group.id] });
    await h.client.call('contacts.create', { name: '100% Mama', notes: '' });

    const names = async (params: Parameters<typeof h.client.call<'contacts.list'>>[1]) => {
      const page = await h.client.call('contacts.list', params);
      return { names: page.contacts.map((c) => c.name), total: page.total };
    };
    expect(await names({})).toEqual({ names: ['100% Mama', 'amina Wanjiku', 'Baraka Otieno', 'Chausiku'], total: 4 });
    expect(await names({ limit: 2, offset: 1 })).toEqual({ names: ['amina Wanjiku', 'Baraka Otieno'], total: 4 });
    expect(await names({ limit: 2, offset: 10 })).toEqual({ names: [], total: 4 });
    expect(await names({ search: 'WANJ' })).toEqual({ names: ['amina Wanjiku'], total: 1 });
    expect(await names({ search: '0722 000' })).toEqual({ names: ['Chausiku'], total: 1 });
    expect(await names({ search: '+2547123' })).toEqual({ names: ['amina Wanjiku'], total: 1 });
    expect(await names({ search: 'clinic.org' })).toEqual({ names: ['Baraka Otieno'], total: 1 });
    expect(await names({ search: '%' })).toEqual({ names: ['100% Mama'], total: 1 });
    expect(await names({ groupId: group.id })).toEqual({ names: ['amina Wanjiku', 'Chausiku'], total: 2 });
    expect(await names({ groupId: group.id, search: 'chau' })).toEqual({ names: ['Chausiku'], total: 1 });
    const listed = await h.client.call('contacts.list', { search: 'amina' });
    expect(listed.contacts[0]).toMatchObject({ groupIds: [group.id], addresses: [{ address: '+254712345678', preferred: true }] });
  });
});
