/** groups.* over the in-memory transport. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

describe('groups.* through the contract', () => {
  let h: ApiHarness;
  beforeEach(async () => {
    h = await makeApiHarness();
  });
  afterEach(() => h.close());

  it('creates, lists by name with member counts, renames and deletes', async () => {
    const dm = await h.client.call('groups.create', { name: '  Diabetes ' });
    const anc = await h.client.call('groups.create', { name: 'ANC' });
    expect(dm).toEqual({ id: expect.any(Number), name: 'Diabetes', memberCount: 0 });
    await h.client.call('contacts.create', { name: 'Amina', groupIds: [dm.id, anc.id] });
    await h.client.call('contacts.create', { name: 'Baraka', groupIds: [dm.id] });
    expect(await h.client.call('groups.list', {})).toEqual([
      { id: anc.id, name: 'ANC', memberCount: 1 },
      { id: dm.id, name: 'Diabetes', memberCount: 2 },
    ]);
    // A change of case of its own name is a rename, not a clash.
    expect(await h.client.call('groups.rename', { id: dm.id, name: 'DIABETES' })).toEqual({ id: dm.id, name: 'DIABETES', memberCount: 2 });
    expect(await h.client.call('groups.delete', { id: dm.id })).toEqual({ id: dm.id });
    expect((await h.client.call('groups.list', {})).map((g) => g.name)).toEqual(['ANC']);
    // Its members are still contacts.
    expect((await h.client.call('contacts.list', {})).total).toBe(2);
  });

  it('refuses a name another group has, without regard to case', async () => {
    const dm = await h.client.call('groups.create', { name: 'Diabetes' });
    const anc = await h.client.call('groups.create', { name: 'ANC' });
    expect(await failureOf(h.client.call('groups.create', { name: 'diabetes' }))).toMatchObject({
      code: 'validation',
      details: { issues: [{ where: 'name', rule: 'group.exists', message: 'There is already a group called "Diabetes".' }] },
    });
    expect(await failureOf(h.client.call('groups.rename', { id: anc.id, name: 'DIABETES' }))).toMatchObject({ code: 'validation' });
    expect(await failureOf(h.client.call('groups.rename', { id: 999, name: 'X' }))).toMatchObject({ code: 'not-found' });
    expect(await failureOf(h.client.call('groups.delete', { id: 999 }))).toMatchObject({ code: 'not-found' });
    expect(await failureOf(h.client.call('groups.create', { name: '   ' }))).toMatchObject({ code: 'invalid-params' });
    expect(dm.id).not.toBe(anc.id);
  });
});
