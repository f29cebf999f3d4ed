/** contacts.import and contacts.export over the in-memory transport. */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

describe('contacts.import', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('saves the good rows and returns each bad row with its number, field and reason', async () => {
    await h.client.call('contacts.create', { name: 'Already here', addresses: [{ address: '0799000000', protocol: 'sms' }] });
    const result = await h.client.call('contacts.import', {
      rows: [
        { name: 'Amina', phone: '0712 345 678', group: 'Diabetes' },
        { phone: '0712 000 001' },
        { name: 'Baraka', phone: '12' },
        { name: 'Chausiku', email: 'chausiku@' },
        { name: 'Dalila' },
        { name: 'Esther', phone: '+254 799 000 000' },
        { name: 'Fatuma', email: 'FATUMA@Clinic.ORG', notes: 'Deaf: SMS only', group: 'diabetes' },
        { name: 'Amina again', phone: '+254712345678' },
        { name: 'Gift', phone: '0733 111 222; 0744 111 222', email: 'gift@example.org' },
      ],
    });
    expect(result).toEqual({
      created: 3,
      duplicates: 2,
      errors: [
        { row: 2, field: 'name', message: 'A contact needs a name.' },
        { row: 3, field: 'phone', message: expect.stringMatching(/^12: /) },
        { row: 4, field: 'email', message: expect.stringMatching(/^chausiku@: /) },
        { row: 5, field: 'phone', message: 'A contact needs a phone number or an e-mail address.' },
      ],
    });
    const groups = await h.client.call('groups.list', {});
    expect(groups).toEqual([{ id: expect.any(Number), name: 'Diabetes', memberCount: 2 }]);
    const gift = (await h.client.call('contacts.list', { search: 'Gift' })).contacts[0];
    expect(gift?.addresses.map((a) => [a.address, a.preferred])).toEqual([
      ['+254733111222', true],
      ['gift@example.org', true],
      ['+254744111222', false],
    ]);
    const fatuma = (await h.client.call('contacts.list', { search: 'Fatuma' })).contacts[0];
    expect(fatuma).toMatchObject({ notes: 'Deaf: SMS only', addresses: [{ address: 'FATUMA@clinic.org' }], groupIds: [groups[0]!.id] });
  });

  it('puts rows without a group into defaultGroup', async () => {
    await h.client.call('contacts.import', { rows: [{ name: 'A', phone: '0712000001' }, { name: 'B', phone: '0712000002', group: 'Other' }], defaultGroup: 'Imported' });
    expect((await h.client.call('groups.list', {})).map((g) => [g.name, g.memberCount])).toEqual([['Imported', 1], ['Other', 1]]);
  });

  it('imports 10,000 rows in one call', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Patient ${i}`, phone: `0712${String(i).padStart(6, '0')}`, group: i % 2 ? 'Odd' : 'Even' }));
    rows[500] = { name: '', phone: '0712', group: 'Odd' };
    const result = await h.client.call('contacts.import', { rows });
    expect(result.created).toBe(9_999);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[501, 'name'], [501, 'phone']]);
    expect((await h.client.call('contacts.list', { limit: 1 })).total).toBe(9_999);
    expect((await h.client.call('contacts.list', { search: '0712 009 999' })).contacts.map((c) => c.name)).toEqual(['Patient 9999']);
    // A second import of the same file creates nothing.
    const again = await h.client.call('contacts.import', { rows });
    expect(again).toMatchObject({ created: 0, duplicates: 9_999 });
  });
});

describe('contacts.export', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('writes name,phone,email,notes,groups with every address (preferred first) and neutralises formulas', async () => {
    const anc = await h.client.call('groups.create', { name: 'ANC' });
    const dm = await h.client.call('groups.create', { name: '=Diabetes' });
    await h.client.call('contacts.create', {
      name: '=HYPERLINK("http://evil.example","click")',
      notes: '@SUM(1+1)\nsecond line, with "quotes"',
      addresses: [
        { address: '0712345678', protocol: 'sms' },
        { address: '0722000111', protocol: 'sms', preferred: true },
        { address: 'x@example.org', protocol: 'email' },
      ],
      groupIds: [anc.id, dm.id],
    });
    await h.client.call('contacts.create', { name: 'Baraka', notes: '-5 tablets', addresses: [{ address: 'b@example.org', protocol: 'email' }] });
    await h.client.call('consent.set', { phone: '+254712345678', optedOut: true, reason: 'Asked at the desk' });

    const { csv, count } = await h.client.call('contacts.export', {});
    expect(count).toBe(2);
    const parsed = Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['name', 'phone', 'email', 'notes', 'groups', 'opted_out'],
      ['\'=HYPERLINK("http://evil.example","click")', "'+254722000111; +254712345678", 'x@example.org', '\'@SUM(1+1)\nsecond line, with "quotes"', 'ANC; =Diabetes', "'+254712345678"],
      ['Baraka', '', 'b@example.org', "'-5 tablets", '', ''],
    ]);
    // Every cell a spreadsheet would evaluate starts with the apostrophe.
    for (const row of parsed.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('round-trips through papaparse into another clinic’s import', async () => {
    const group = await h.client.call('groups.create', { name: 'ANC' });
    await h.client.call('contacts.create', {
      name: 'Amina Wanjiku',
      notes: '=not a formula',
      addresses: [{ address: '0712345678', protocol: 'sms' }, { address: '0722000111', protocol: 'sms' }, { address: 'a@example.org', protocol: 'email' }],
      groupIds: [group.id],
    });
    await h.client.call('contacts.create', { name: 'Baraka', addresses: [{ address: 'b@example.org', protocol: 'email' }] });
    const { csv } = await h.client.call('contacts.export', {});

    const other = await makeApiHarness();
    try {
      const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map((r) => ({
        name: r.name,
        phone: r.phone,
        email: r.email,
        notes: r.notes,
        group: r.groups,
      }));
      expect(await other.client.call('contacts.import', { rows })).toEqual({ created: 2, duplicates: 0, errors: [] });
      const strip = (c: { name: string; notes: string; addresses: Array<{ address: string; protocol: string; preferred: boolean }> }) => ({
        name: c.name,
        notes: c.notes,
        addresses: c.addresses.map((a) => [a.address, a.protocol, a.preferred]),
      });
      const mine = (await h.client.call('contacts.list', {})).contacts.map(strip);
      const theirs = (await other.client.call('contacts.list', {})).contacts.map(strip);
      expect(theirs).toEqual(mine);
      expect((await other.client.call('groups.list', {})).map((g) => [g.name, g.memberCount])).toEqual([['ANC', 1]]);
    } finally {
      await other.close();
    }
  });
});
