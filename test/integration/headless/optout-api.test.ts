/**
 * Opt-out through the simulator and the HTTP API (issue 12 "API and tests"): a patient's STOP
 * is answered on the wire once, a group send then skips that number as `suppressed` (with the
 * reason, in GET /api/v1/messages/:id), START lets the next one through; an alphanumeric STOP
 * gets no reply; POST and DELETE /api/v1/contacts/optout record consent another system holds.
 * Real host, real SQLite, the simulator on a pty.
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

const json = (method: string, path: string, body?: unknown) => h.json(method, path, body);

const onTheWire = (recipient: string) => h.sim.received.filter((s) => s.decoded.recipient === recipient).map((s) => s.decoded.text);

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const optedOut = async () => ((await (await json('GET', '/contacts/optout')).json()) as { items: Array<{ phone: string; source: string }> }).items;

describe('opt-out, through the modem', () => {
  it('answers STOP once, suppresses the next group send to that number, and START lets it through', async () => {
    h.sim.deliverSms({ from: '0712345678', text: 'STOP' });
    await until(() => onTheWire('+254712345678').length === 1, 'the confirmation');
    expect(onTheWire('+254712345678')).toEqual(['You will get no more messages from the clinic. Reply START to receive them again.']);
    h.sim.deliverSms({ from: '+254712345678', text: 'stop' });
    await until(async () => (await optedOut()).some((c) => c.phone === '+254712345678'), 'the opt-out');
    // The second STOP was stored too; give the modem time to have sent a second answer if one were due.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(onTheWire('+254712345678')).toHaveLength(1);

    const sent = await json('POST', '/messages', { to: ['0712345678', '0712345679'], text: 'The clinic is closed on Friday.' });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: number };
    const message = await waitForStatuses(h, id, ['sent', 'delivered', 'suppressed', 'failed']);
    const stopped = message.recipients.find((r) => r.address === '+254712345678')!;
    expect(stopped).toMatchObject({ status: 'suppressed' });
    expect(JSON.stringify(message)).toContain('replied STOP on');
    expect(onTheWire('+254712345679')).toEqual(['The clinic is closed on Friday.']);
    expect(onTheWire('+254712345678')).toHaveLength(1);

    h.sim.deliverSms({ from: '0712345678', text: 'START' });
    await until(() => onTheWire('+254712345678').length === 2, 'the opt-in confirmation');
    const again = (await (await json('POST', '/messages', { to: ['0712345678', '0712345679'], text: 'Open again on Monday.' })).json()) as { id: number };
    await waitForStatuses(h, again.id, ['sent', 'delivered']);
    expect(onTheWire('+254712345678').at(-1)).toBe('Open again on Monday.');
  });

  it('never answers an alphanumeric sender’s STOP', async () => {
    const before = h.sim.received.length;
    h.sim.deliverSms({ from: 'SAFARICOM', text: 'STOP' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(h.sim.received.length).toBe(before);
    expect((await optedOut()).map((c) => c.phone)).not.toContain('SAFARICOM');
  });
});

describe('/api/v1/contacts/optout', () => {
  it('opts a number out and back in for a system that records consent elsewhere, refusing a bad number', async () => {
    const out = await json('POST', '/contacts/optout', { phone: '+254700000001', reason: 'Consent withdrawn in the EMR' });
    expect(out.status).toBe(200);
    expect(await out.json()).toMatchObject({ phone: '+254700000001', optedOut: true, source: 'api', reason: 'Consent withdrawn in the EMR', changedBy: 'another system (HTTP API)' });
    expect((await optedOut()).map((c) => c.phone)).toContain('+254700000001');
    const back = await json('DELETE', '/contacts/optout?phone=%2B254700000001');
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ optedOut: false, reason: 'Recorded by another clinic system' });
    const bad = await json('POST', '/contacts/optout', { phone: '07123' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { issues: Array<{ where: string }> } } }).error.details.issues[0]!.where).toBe('phone');
    expect((await json('POST', '/contacts/optout', { phone: '+254700000001', why: 'x' })).status).toBe(400);
  });
});

describe('/api/v1/stats', () => {
  it('gives the day’s figures as the issue spells them, and 400 for a bad range', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const response = await json('GET', `/stats?from=${yesterday}&to=${tomorrow}`);
    expect(response.status).toBe(200);
    const { days } = (await response.json()) as { days: Array<Record<string, unknown>> };
    expect(days).toHaveLength(3);
    expect(Object.keys(days[0]!).sort()).toEqual(['attended', 'confirmed', 'date', 'delivered', 'failed', 'optOuts', 'received', 'remindersSent', 'sent', 'suppressed']);
    // The clinic's zone is this computer's: the sends and the STOPs above fall on one of these days.
    const total = (key: string) => days.reduce((n, d) => n + (d[key] as number), 0);
    expect(total('suppressed')).toBeGreaterThanOrEqual(1);
    expect(total('optOuts')).toBeGreaterThanOrEqual(1);
    expect(total('received')).toBeGreaterThanOrEqual(3);
    expect(days.map((d) => d.date)).toContain(today);
    expect((await json('GET', `/stats?from=${tomorrow}&to=${yesterday}`)).status).toBe(400);
    expect((await json('GET', '/stats?from=yesterday')).status).toBe(400);
  });

  it('gives the summary of the same days: failures by code, per gateway, the appointments’ funnel', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const response = await json('GET', `/stats/summary?from=${yesterday}&to=${tomorrow}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { failedByReason: unknown[]; gateways: Array<{ received: number }>; funnel: Record<string, number> };
    expect(Object.keys(body).sort()).toEqual(['failedByReason', 'funnel', 'gateways']);
    expect(body.gateways.reduce((n, g) => n + g.received, 0)).toBeGreaterThanOrEqual(3);
    expect(Object.keys(body.funnel).sort()).toEqual(['appointments', 'attended', 'confirmed', 'missed', 'reminded']);
    expect((await json('GET', `/stats/summary?from=${tomorrow}&to=${yesterday}`)).status).toBe(400);
  });
});
