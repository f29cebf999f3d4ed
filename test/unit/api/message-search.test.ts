// messages.search (issue 12): full-text over message text through migration 010's index: every
// typed word as a prefix, accents and case ignored, newest first, the words marked; FTS syntax
// typed by a nurse is never interpreted; scheduled text edits are found by their new words.
import { afterEach, describe, expect, it } from 'vitest';
import { ftsQuery, markedParts } from '../../../electron/backend/store/repositories/message-search-repository.ts';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

describe('messages.search', () => {
  it('finds every word as a prefix, newest first, with the words marked', async () => {
    h = await makeApiHarness();
    const first = h.backend.messaging.receive({ from: '+254712345678', text: 'Habari, nitakuja kesho asubuhi', gatewayId: 'modem-1' });
    const second = h.backend.messaging.receive({ from: '+254712345679', text: 'Je peux ARRÊTER les messages?', gatewayId: 'modem-1' });
    const third = h.backend.messaging.receive({ from: '+254712345678', text: 'Kesho siwezi kuja', gatewayId: 'modem-1' });
    const found = await h.client.call('messages.search', { q: 'kes' });
    expect(found.items.map((i) => i.messageId)).toEqual([third.messageId, first.messageId]);
    expect(found.items[1]!.parts).toEqual([
      { text: 'Habari, nitakuja ', match: false },
      { text: 'kesho', match: true },
      { text: ' asubuhi', match: false },
    ]);
    expect(found.items[0]).toMatchObject({ direction: 'in', address: '+254712345678', conversationId: third.conversationId });
    expect((await h.client.call('messages.search', { q: 'arret' })).items.map((i) => i.messageId)).toEqual([second.messageId]);
    expect((await h.client.call('messages.search', { q: 'kesho kuja' })).items.map((i) => i.messageId)).toEqual([third.messageId]);
    const paged = await h.client.call('messages.search', { q: 'kesho', limit: 1 });
    expect(paged.nextBefore).toBe(third.messageId);
    expect((await h.client.call('messages.search', { q: 'kesho', limit: 1, before: paged.nextBefore! })).items.map((i) => i.messageId)).toEqual([first.messageId]);
  });

  it('never interprets FTS syntax, and finds nothing for nothing', async () => {
    h = await makeApiHarness();
    h.backend.messaging.receive({ from: '+254712345678', text: 'NEAR the clinic "AND" OR', gatewayId: 'modem-1' });
    for (const q of ['"', 'NEAR(', 'content:x', '*', 'AND OR NOT', '-x', '   ', '']) {
      await expect(h.client.call('messages.search', { q })).resolves.toBeDefined();
    }
    expect((await h.client.call('messages.search', { q: '"AND"' })).items).toHaveLength(1);
    expect((await h.client.call('messages.search', { q: '  ' })).items).toEqual([]);
  });

  it('builds quoted prefix queries and splits marked text', () => {
    expect(ftsQuery(' Amina  "kes*" ')).toBe('"Amina"* "kes"*');
    expect(ftsQuery('!!!')).toBeNull();
    expect(markedParts('a\u0002b\u0003c\u0002d')).toEqual([{ text: 'a', match: false }, { text: 'b', match: true }, { text: 'c', match: false }, { text: 'd', match: true }]);
  });
});
