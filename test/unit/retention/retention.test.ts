// Retention (issue 13): with `retentionMonths` set, messages created before the start of the
// clinic day that many months back are deleted, at start and then daily, in slices; nothing
// still waiting to go is ever deleted, recent messages stay, and the search index stays sound.
import { afterEach, describe, expect, it } from 'vitest';
import { flush } from '../../support/backbone.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { type ApiHarness, makeApiHarness } from '../../support/api-harness.ts';
import { type RetentionRun, RetentionService, retentionCutoff } from '../../../electron/backend/retention/retention-service.ts';
import { silentLogger } from '../../../electron/backend/logger.ts';

let h: ApiHarness;
afterEach(async () => h?.close());

const to = (...numbers: string[]) => numbers.map((address) => ({ kind: 'address' as const, address, protocol: 'sms' as const }));
const count = (table: string, where = '1 = 1', ...args: unknown[]) =>
  (h.backend.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
/** Test-only: dates a message back, as if written then (the clock cannot go backwards). */
const dateBack = (messageId: number, created: string) => h.backend.store.db.prepare('UPDATE messages SET created = ? WHERE id = ?').run(created, messageId);
const exists = (messageId: number) => h.backend.store.messages.exists(messageId);

describe('retentionCutoff', () => {
  it('counts calendar months on the clinic calendar, from the start of the day', () => {
    // 2025-03-03 11:00 in Nairobi; twelve months back: 2024-03-03 00:00 Nairobi.
    expect(retentionCutoff(Date.parse('2025-03-03T08:00:00Z'), 12, 'Africa/Nairobi')).toBe('2024-03-02T21:00:00.000Z');
    // A month without the 31st: its last day.
    expect(retentionCutoff(Date.parse('2026-03-31T10:00:00Z'), 1, 'Africa/Nairobi')).toBe('2026-02-27T21:00:00.000Z');
    // Across a year, and the clinic's date rather than UTC's (23:30 UTC is already the next day in Nairobi).
    expect(retentionCutoff(Date.parse('2026-01-14T23:30:00Z'), 2, 'Africa/Nairobi')).toBe('2025-11-14T21:00:00.000Z');
  });
});

describe('RetentionService', () => {
  async function history() {
    await h.client.call('settings.update', { timeZone: 'Africa/Nairobi' });
    const cutoff = '2024-03-02T21:00:00.000Z';
    const oldReply = h.backend.messaging.receive({ from: '+254712345001', text: 'Jibu la zamani sana', gatewayId: 'modem-1', arrivedAt: '2024-01-10T09:00:00.000Z' });
    const justBefore = h.backend.messaging.receive({ from: '+254712345002', text: 'Kabla kidogo', gatewayId: 'modem-1', arrivedAt: '2024-03-02T20:59:59.999Z' });
    const onCutoff = h.backend.messaging.receive({ from: '+254712345002', text: 'Siku ile ile', gatewayId: 'modem-1', arrivedAt: cutoff });
    const recent = h.backend.messaging.receive({ from: '+254712345003', text: 'Jibu la juzi', gatewayId: 'modem-1', arrivedAt: '2025-02-01T09:00:00.000Z' });
    const oldSent = await h.client.call('messages.send', { to: to('+254712345004', '+254712345005'), text: 'Tangazo la zamani' });
    // Written long ago, still to go: never deleted.
    const oldWaiting = await h.client.call('messages.send', { to: to('+254712345006'), text: 'Bado inasubiri', sendAt: h.clock.iso(300 * 86_400_000) });
    const booked = await h.client.call('appointments.book', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: '2025-03-07T07:00:00.000Z' });
    await flush();
    dateBack(oldSent.messageId, '2024-01-05T08:00:00.000Z');
    dateBack(oldWaiting.messageId, '2023-12-01T08:00:00.000Z');
    const reminderIds = booked.reminders.flatMap((r) => (r.messageId === null ? [] : [r.messageId]));
    for (const id of reminderIds) dateBack(id, '2023-06-01T08:00:00.000Z');
    return { cutoff, oldReply, justBefore, onCutoff, recent, oldSent, oldWaiting, reminderIds };
  }

  it('is off by default: a run deletes nothing', async () => {
    h = await makeApiHarness();
    await history();
    expect((await h.client.call('settings.get', {})).retentionMonths).toBeNull();
    const before = count('messages');
    expect(await h.backend.retention.runNow()).toBeNull();
    expect(count('messages')).toBe(before);
  });

  it('previews, then deletes exactly the old messages once turned on, keeping what waits and what is recent', async () => {
    h = await makeApiHarness();
    const m = await history();
    const runs: RetentionRun[] = [];
    h.backend.retention.onDeleted((run) => runs.push(run));

    expect(await h.client.call('retention.preview', { months: 12 })).toEqual({ before: m.cutoff, count: 3 });
    // Nothing is deleted by a preview.
    expect(exists(m.oldReply.messageId)).toBe(true);

    await h.client.call('settings.update', { retentionMonths: 12 });
    h.clock.advance(0);
    const run = await h.backend.retention.runNow();
    expect(run).toEqual({ count: 3, before: m.cutoff });
    expect(runs).toEqual([{ count: 3, before: m.cutoff }]);

    expect(exists(m.oldReply.messageId)).toBe(false);
    expect(exists(m.justBefore.messageId)).toBe(false);
    expect(exists(m.oldSent.messageId)).toBe(false);
    expect(exists(m.onCutoff.messageId)).toBe(true);
    expect(exists(m.recent.messageId)).toBe(true);
    expect(exists(m.oldWaiting.messageId)).toBe(true);
    for (const id of m.reminderIds) expect(exists(id)).toBe(true);
    // The thread left empty is gone; the one with a newer message stays, its time that message's.
    expect(h.backend.store.conversations.get(m.oldReply.conversationId)).toBeUndefined();
    expect(h.backend.store.conversations.get(m.onCutoff.conversationId)?.lastMessageAt).toBe(m.cutoff);
    expect(count('message_recipients', 'message_id = ?', m.oldSent.messageId)).toBe(0);
    expect((await h.client.call('messages.search', { q: 'zamani' })).items).toEqual([]);
    expect(() => h.backend.store.db.prepare("INSERT INTO message_text (message_text) VALUES ('integrity-check')").run()).not.toThrow();
    expect(h.heard.filter((e) => e.event === 'messages.deleted').map((e) => (e.payload as { messageIds: number[] }).messageIds.length)).toEqual([3]);

    // Again: nothing more is old enough.
    expect(await h.backend.retention.runNow()).toEqual({ count: 0, before: m.cutoff });
    expect(runs).toHaveLength(1);
  });

  it('works in slices, each committed and announced on its own', async () => {
    h = await makeApiHarness();
    const m = await history();
    await h.backend.store.transaction(() => h.backend.store.settings.set('retentionMonths', 12));
    // A fake monotonic counter that says each step used up the slice: one step per slice.
    let ms = 0;
    const service = new RetentionService({ store: h.backend.store, deletion: h.backend.deletion, clock: h.clock, timers: h.clock, logger: silentLogger, idWindow: 1, sliceMs: 1, elapsedMs: () => (ms += 1) });
    expect(await service.runNow()).toMatchObject({ count: 3 });
    const slices = h.heard.filter((e) => e.event === 'messages.deleted').map((e) => (e.payload as { messageIds: number[] }).messageIds);
    expect(slices).toEqual([[m.oldReply.messageId], [m.justBefore.messageId], [m.oldSent.messageId]]);
    await service.stop();
  });

  it('runs after start and then once a day, on the injected timers', async () => {
    h = await makeApiHarness({ start: false });
    const clock = new FakeClock('2026-06-01T06:00:00.000Z');
    const service = new RetentionService({ store: h.backend.store, deletion: h.backend.deletion, clock, timers: clock, logger: silentLogger, startDelayMs: 30_000 });
    h.backend.store.transaction(() => h.backend.store.settings.set('retentionMonths', 1));
    const old = h.backend.messaging.receive({ from: '+254712345001', text: 'Mwezi uliopita', gatewayId: 'modem-1', arrivedAt: '2026-04-20T09:00:00.000Z' });
    service.start();
    expect(clock.pendingDelays()).toEqual([30_000]);
    clock.advance(30_000);
    expect(await service.runNow()).toMatchObject({ count: 1 });
    expect(exists(old.messageId)).toBe(false);
    await flush();
    expect(clock.pendingDelays()).toEqual([86_400_000]);
    // A message that becomes old by tomorrow's run.
    const later = h.backend.messaging.receive({ from: '+254712345002', text: 'Karibu mwezi', gatewayId: 'modem-1', arrivedAt: '2026-05-01T09:00:00.000Z' });
    await service.runNow();
    expect(exists(later.messageId)).toBe(true); // today's cutoff: 2026-05-01 00:00 Nairobi
    clock.advance(86_400_000);
    await service.runNow();
    expect(exists(later.messageId)).toBe(false); // tomorrow's: 2026-05-02 00:00
    await service.stop();
    expect(clock.pendingDelays()).toEqual([]);
  });
});
