/**
 * The appointments API as another clinic system calls it (issue 11 "API"): POST, GET, PATCH and
 * the day list, with the statuses and shapes the issue spells out; a bad phone or a past start is
 * a 4xx naming the field and nothing is saved. Real host, real SQLite, the simulator on a pty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const json = (method: string, path: string, body?: unknown) => h.json(method, path, body);

/** Ten days ahead at 10:00 UTC, so every reminder step is still ahead. */
const START = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 10 * 86_400_000 + 10 * 3_600_000).toISOString();
const DATE = START.slice(0, 10);

describe('/api/v1/appointments', () => {
  it('books (201) with its reminders, reads it back, lists its day, moves and cancels it', async () => {
    const created = await json('POST', '/appointments', { patient: { name: 'Amina Otieno', phone: '+254712345678', language: 'sw' }, start: START, service: 'ANC', externalId: 'EMR-77' });
    expect(created.status).toBe(201);
    const a = (await created.json()) as { id: number; status: string; reminders: Array<{ sendAt: string; status: string; text: string }> };
    expect(a.status).toBe('booked');
    expect(a.reminders).toHaveLength(2);
    expect(a.reminders.every((r) => r.status === 'scheduled' && r.text.startsWith('Habari Amina'))).toBe(true);
    expect(created.headers.get('location')).toBe(`/api/v1/appointments/${a.id}`);

    const again = await json('POST', '/appointments', { patient: { name: 'Amina Otieno', phone: '0712345678' }, start: START, externalId: 'EMR-77' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: number }).id).toBe(a.id);

    const got = (await (await json('GET', `/appointments/${a.id}`)).json()) as { id: number; reminders: unknown[] };
    expect(got).toMatchObject({ id: a.id, status: 'booked', start: START, service: 'ANC', externalId: 'EMR-77' });
    // The clinic's zone is the computer's here; the day of START in it may differ by one, so ask a span.
    const list = (await (await json('GET', `/appointments?from=${DATE}&to=${DATE}`)).json()) as { items: Array<{ id: number }> };
    const around = (await (await json('GET', `/appointments?from=2000-01-01&to=2100-01-01`)).json()) as { items: Array<{ id: number }> };
    expect(around.items.map((i) => i.id)).toContain(a.id);
    expect(list.items.length).toBeLessThanOrEqual(1);

    const later = new Date(Date.parse(START) + 86_400_000).toISOString();
    const moved = (await (await json('PATCH', `/appointments/${a.id}`, { start: later })).json()) as { start: string; reminders: Array<{ status: string }> };
    expect(moved.start).toBe(later);
    expect(moved.reminders.map((r) => r.status).sort()).toEqual(['cancelled', 'cancelled', 'scheduled', 'scheduled']);
    const cancelled = (await (await json('PATCH', `/appointments/${a.id}`, { status: 'cancelled' })).json()) as { status: string; reminders: Array<{ status: string }> };
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.reminders.every((r) => r.status === 'cancelled')).toBe(true);
    const byStatus = (status: string) => json('GET', `/appointments?from=2000-01-01&to=2100-01-01&status=${status}`).then((r) => r.json() as Promise<{ items: Array<{ id: number }> }>);
    expect((await byStatus('cancelled')).items.map((i) => i.id)).toContain(a.id);
    expect((await byStatus('booked')).items.map((i) => i.id)).not.toContain(a.id);
    expect((await json('GET', '/appointments?from=2000-01-01&to=2100-01-01&status=moved')).status).toBe(400);
  });

  it('refuses a bad phone or a start in the past with 400 naming the field, saving nothing', async () => {
    const before = (await (await json('GET', '/appointments?from=2000-01-01&to=2100-01-01')).json()) as { items: unknown[] };
    const bad = await json('POST', '/appointments', { patient: { name: 'X', phone: '71234567' }, start: '2020-01-01T08:00:00Z' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { issues: Array<{ where: string }> } } };
    expect(body.error.code).toBe('validation');
    expect(body.error.details.issues.map((i) => i.where)).toEqual(['start', 'patient.phone']);
    const unknownField = await json('POST', '/appointments', { patient: { name: 'X', phone: '0712345678' }, start: START, colour: 'red' });
    expect(unknownField.status).toBe(400);
    const after = (await (await json('GET', '/appointments?from=2000-01-01&to=2100-01-01')).json()) as { items: unknown[] };
    expect(after.items.length).toBe(before.items.length);
    expect((await json('GET', '/appointments/999999')).status).toBe(404);
  });

  it('reads and replaces templates and reminder plans by id', async () => {
    const list = (await (await json('GET', '/templates')).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((t) => t.id)).toEqual(expect.arrayContaining(['reminder-day-before', 'reminder-on-the-day']));
    const put = await json('PUT', '/templates/reminder-day-before', { name: 'Day before', variants: { en: 'Hi {first_name}: tomorrow at {time}.' } });
    expect(put.status).toBe(200);
    expect(((await (await json('GET', '/templates/reminder-day-before')).json()) as { variants: Record<string, string> }).variants).toEqual({ en: 'Hi {first_name}: tomorrow at {time}.' });
    const plan = await json('PUT', '/reminder-plans/default', { name: 'Default', services: [], steps: [{ kind: 'days-before', days: 1, at: '09:00', template: 'reminder-day-before' }] });
    expect(plan.status).toBe(200);
    expect((await json('PUT', '/reminder-plans/default', { name: 'D', services: [], steps: [{ kind: 'days-before', days: 1, at: '25:00', template: 'reminder-day-before' }] })).status).toBe(400);
  });

  it('deletes a template no plan uses (204) and a plan of its own, never a built-in one (409)', async () => {
    expect((await json('PUT', '/templates/hours', { name: 'Opening hours', variants: { en: 'We are open 8 to 5.' } })).status).toBe(200);
    expect((await json('PUT', '/reminder-plans/tb', { name: 'TB', services: ['TB'], steps: [{ kind: 'hours-before', hours: 2, template: 'hours' }] })).status).toBe(200);
    const inUse = await json('DELETE', '/templates/hours');
    expect(inUse.status).toBe(409);
    expect(((await inUse.json()) as { error: { code: string; details: { rule: string; plans: string[] } } }).error).toMatchObject({ code: 'conflict', details: { rule: 'template.in-use', plans: ['tb'] } });
    const planGone = await json('DELETE', '/reminder-plans/tb');
    expect(planGone.status).toBe(204);
    expect(await planGone.text()).toBe('');
    const gone = await json('DELETE', '/templates/hours');
    expect(gone.status).toBe(204);
    expect((await json('GET', '/templates/hours')).status).toBe(404);
    expect((await json('DELETE', '/templates/hours')).status).toBe(404);
    const builtIn = await json('DELETE', '/templates/reminder-on-the-day');
    expect(builtIn.status).toBe(409);
    expect(((await builtIn.json()) as { error: { details: { rule: string } } }).error.details.rule).toBe('template.built-in');
    expect((await json('DELETE', '/reminder-plans/default')).status).toBe(409);
  });
});
