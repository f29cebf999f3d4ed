/**
 * `POST /api/v1/messages` with `"template"` + `"variables"` + `"sendAt"` (issue 11), through the
 * real headless host and the modem simulator: each patient gets their language's text as its own
 * message, all scheduled, and both reach the modem; a field empty for a patient is a 400 naming
 * the patient's number and the field, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitForStatuses, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const json = (method: string, body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const post = (body: unknown) => h.api('/messages', json('POST', body));
const messageCount = async () => ((await (await h.api('/messages?limit=500')).json()) as { items: unknown[] }).items.length;

interface Receipt {
  id: number;
  recipients: Array<{ id: number; address: string; status: string }>;
  messages?: Array<{ id: number; text: string; language: string; discreet: boolean; recipientIds: number[] }>;
}

describe('POST /api/v1/messages with a template', () => {
  it('fills each patient’s variant, schedules every message, and each reaches the modem', async () => {
    const put = await h.api('/templates/api-visit', json('PUT', { name: 'Visit', variants: { en: 'Hello {first_name}, {service} on {day}.', sw: 'Habari {first_name}, {service} {day}.' } }));
    expect(put.status).toBe(200);
    // Booking makes the patients' contacts, with their languages (the appointment's own reminders are days away).
    const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
    for (const patient of [{ name: 'Amina Otieno', phone: '0712345001', language: 'sw' }, { name: 'John Smith', phone: '0712345002', language: 'en' }]) {
      expect((await h.api('/appointments', json('POST', { patient, start }))).status).toBe(201);
    }
    const before = await messageCount();

    // A number no contact has: {first_name} is empty for it. Nothing is saved, Amina's message neither.
    const refused = await post({ to: ['0712345001', '0712 999 000'], template: 'api-visit', variables: { service: 'ANC', day: 'kesho' } });
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as { error: { code: string; details: { issues: Array<{ where: string; rule: string; message: string }> } } }).error;
    expect(error.code).toBe('validation');
    expect(error.details.issues).toEqual([{ where: '0712 999 000', rule: 'template.empty-field', message: expect.stringContaining('{first_name}') }]);
    expect(await messageCount()).toBe(before);

    const sendAt = new Date(Math.ceil((Date.now() + 1_500) / 1000) * 1000).toISOString();
    // automated: false, so the clinic's send window (whatever the hour of the test) does not hold it.
    const response = await post({ to: ['0712345001', '0712345002'], template: 'api-visit', variables: { service: 'ANC', day: 'Friday' }, sendAt, automated: false });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as Receipt;
    expect(receipt.recipients.map((r) => [r.address, r.status])).toEqual([['+254712345001', 'scheduled'], ['+254712345002', 'scheduled']]);
    expect(receipt.messages?.map((m) => [m.language, m.text])).toEqual([['sw', 'Habari Amina, ANC Friday.'], ['en', 'Hello John, ANC on Friday.']]);
    expect(receipt.id).toBe(receipt.messages![0]!.id);
    expect(response.headers.get('location')).toBe(`/api/v1/messages/${receipt.id}`);
    for (const m of receipt.messages!) {
      const shown = (await (await h.api(`/messages/${m.id}`)).json()) as { text: string; sendAt: string };
      expect(shown).toMatchObject({ text: m.text, sendAt });
      await waitForStatuses(h, m.id, ['sent']);
    }
  });

  it('refuses an unknown template and a body with both text and template, naming the field', async () => {
    const unknown = await post({ to: ['0712345001'], template: 'no-such-template' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { details: { issues: Array<{ where: string }> } } }).error.details.issues.map((i) => i.where)).toEqual(['template']);
    const both = await post({ to: ['0712345001'], template: 'api-visit', text: 'Hi' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid-params', message: expect.stringContaining('template') });
  });
});
