/**
 * `POST /api/v1/messages` with `"sendAt"` (issue 11): the message waits as `scheduled`, GET shows
 * its time, it reaches the modem at its time; a time that is not ISO 8601 with an offset, or an
 * expiry already past, is a 400 naming the field, and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { middayZone } from '../../support/midday-zone.ts';
import { startHarness, waitForStatuses, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // An API send is automated: the send window holds it, so the clinic's hour must be inside it.
  h.host.backend.store.settings.set('timeZone', middayZone());
});
afterAll(async () => {
  await h?.close();
});

const post = (body: unknown) => h.api('/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/v1/messages with sendAt', () => {
  it('schedules, shows sendAt, and the modem gets it at its time, not before', async () => {
    const sendAtMs = Math.ceil((Date.now() + 2_500) / 1000) * 1000;
    const sendAt = new Date(sendAtMs).toISOString();
    const submits: number[] = [];
    h.sim.on('command', (c) => {
      if (c.startsWith('AT+CMGS')) submits.push(Date.now());
    });
    const response = await post({ to: ['0712345678'], text: 'Kumbusho la kliniki', sendAt });
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { id: number; recipients: Array<{ status: string }> };
    expect(receipt.recipients.map((r) => r.status)).toEqual(['scheduled']);
    const shown = (await (await h.api(`/messages/${receipt.id}`)).json()) as { sendAt: string; recipients: Array<{ status: string; nextAttemptAt: string }> };
    expect(shown).toMatchObject({ sendAt, recipients: [{ status: 'scheduled', nextAttemptAt: sendAt }] });
    await waitForStatuses(h, receipt.id, ['sent']);
    expect(submits[0]).toBeGreaterThanOrEqual(sendAtMs);
  });

  it('refuses a local time without an offset, and an expiry already past, naming the field', async () => {
    const local = await post({ to: ['0712345678'], text: 'x', sendAt: '2030-01-04 07:00' });
    expect(local.status).toBe(400);
    expect(((await local.json()) as { error: { message: string } }).error.message).toMatch(/sendAt/);
    const past = await post({ to: ['0712345678'], text: 'x', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    const body = (await past.json()) as { error: { code: string; details: { issues: Array<{ where: string }> } } };
    expect(body.error.code).toBe('validation');
    expect(body.error.details.issues.map((i) => i.where)).toEqual(['expiresAt']);
  });
});
