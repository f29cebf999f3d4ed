// Keyword rules (issue 12 "Keywords and auto-replies"): the first word of a reply picks a rule
// that answers with a template and may add the sender to a group, counting how often it fired;
// never for an operator's sender or a message that reads like an automatic reply; STOP cannot be
// a keyword; a rule's keyword is one word, stored as compared.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { type ApiHarness, failureOf, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

async function setup() {
  h = await makeApiHarness();
  await h.client.call('templates.put', { id: 'hours', name: 'Opening hours', variants: { en: 'We are open Monday to Friday, 8:00 to 17:00.', sw: 'Tuko wazi Jumatatu hadi Ijumaa, saa 2 asubuhi hadi saa 11 jioni.' } });
  const group = await h.client.call('groups.create', { name: 'Asked for hours' });
  const rule = await h.client.call('keywords.put', { keyword: ' hours ', templateId: 'hours', groupId: group.id });
  return { group, rule };
}
const reply = (from: string, text: string) => h.backend.messaging.receive({ from, text, gatewayId: 'modem-1' });

describe('keyword rules', () => {
  it('answers the first word with the template, adds the sender to the group and counts it', async () => {
    const { group, rule } = await setup();
    expect(rule).toMatchObject({ keyword: 'HOURS', templateId: 'hours', groupId: group.id, enabled: true, fired: 0 });
    reply('+254712345678', 'Hours? when are you open');
    await flush();
    expect(h.modem.calls.map((c) => [c.address, c.content])).toEqual([['+254712345678', 'We are open Monday to Friday, 8:00 to 17:00.']]);
    const members = await h.client.call('contacts.list', { groupId: group.id });
    expect(members.contacts.map((c) => c.addresses[0]?.address)).toEqual(['+254712345678']);
    expect((await h.client.call('keywords.list', {})).items[0]).toMatchObject({ fired: 1, lastFiredAt: h.clock.iso() });
    expect((await h.client.call('attention.list', {})).items).toEqual([]);
  });

  it('never answers an operator, a disabled rule, or a message that reads like an automatic reply', async () => {
    const { rule } = await setup();
    reply('SAFARICOM', 'HOURS');
    reply('+254712345678', 'Hours: automatic reply, I am out of office');
    await flush();
    expect(h.modem.calls).toEqual([]);
    await h.client.call('keywords.put', { id: rule.id, keyword: 'HOURS', templateId: 'hours', enabled: false });
    reply('+254712345679', 'HOURS');
    await flush();
    expect(h.modem.calls).toEqual([]);
    // Not answered by a rule: the nurse sees them.
    expect((await h.client.call('attention.list', {})).items).toHaveLength(2);
  });

  it('refuses a keyword of two words, an opt-out word, one taken, an unknown template, or a rule that does nothing', async () => {
    await setup();
    const where = async (p: Parameters<typeof h.client.call<'keywords.put'>>[1]) => ((await failureOf(h.client.call('keywords.put', p))).details as { issues: Array<{ where: string; rule: string }> }).issues.map((i) => i.rule);
    expect(await where({ keyword: 'opening hours', templateId: 'hours' })).toEqual(['keyword.one-word']);
    expect(await where({ keyword: 'stop', templateId: 'hours' })).toEqual(['keyword.consent-word']);
    expect(await where({ keyword: 'HOURS', templateId: 'hours' })).toEqual(['keyword.taken']);
    expect(await where({ keyword: 'MAP', templateId: 'nope' })).toEqual(['template.unknown']);
    expect(await where({ keyword: 'MAP', templateId: null })).toEqual(['keyword.does-nothing']);
  });

  it('deletes a rule', async () => {
    const { rule } = await setup();
    expect(await h.client.call('keywords.delete', { id: rule.id })).toEqual({ deleted: true });
    expect((await failureOf(h.client.call('keywords.delete', { id: rule.id }))).code).toBe('not-found');
  });
});
