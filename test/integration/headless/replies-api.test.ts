/**
 * Replies that act, through the simulator and the HTTP API (issue 12 "API and tests"): "1"
 * confirms the patient's appointment (GET /api/v1/appointments/:id says so) and is answered on
 * the wire; "2" asks for another time; a reply whose network clock is 3 hours behind is dated when
 * it arrived, so its thread sorts first. Real host, real SQLite, the simulator on a pty.
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

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what} (${JSON.stringify(value).slice(0, 200)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const START = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 5 * 86_400_000 + 10 * 3_600_000).toISOString();
/** The SC time stamp form the simulator takes: seconds and an offset, no milliseconds. */
const scts = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
const wire = (to: string) => h.sim.received.filter((s) => s.decoded.recipient === to).map((s) => s.decoded.text);

describe('replies that act, through the modem', () => {
  it('confirms on "1" and asks for another time on "2", answering each', async () => {
    const amina = (await (await json('POST', '/appointments', { patient: { name: 'Amina Otieno', phone: '+254712345001' }, start: START })).json()) as { id: number };
    const baraka = (await (await json('POST', '/appointments', { patient: { name: 'Baraka Mwangi', phone: '+254712345002' }, start: START })).json()) as { id: number };
    h.sim.deliverSms({ from: '+254712345001', text: '1' });
    h.sim.deliverSms({ from: '+254712345002', text: '2' });
    const status = (id: number) => async () => ((await (await json('GET', `/appointments/${id}`)).json()) as { status: string }).status;
    await until(status(amina.id), (s) => s === 'confirmed', 'confirmed');
    await until(status(baraka.id), (s) => s === 'reschedule-requested', 'reschedule-requested');
    await until(async () => wire('+254712345001'), (w) => w.length === 1, 'the confirmation answer');
    expect(wire('+254712345001')[0]).toMatch(/^Thank you, Amina\. Your appointment on .+ is confirmed\.$/);
    await until(async () => wire('+254712345002'), (w) => w.length === 1, 'the reschedule answer');
    expect(wire('+254712345002')).toEqual(['Thank you, Baraka. The clinic will contact you to choose another time.']);
    // Received messages, with their sender, for a system that polls for replies.
    const received = (await (await json('GET', '/messages?direction=in')).json()) as { items: Array<{ direction: string; sender: string; content: string }> };
    expect(received.items.every((m) => m.direction === 'in')).toBe(true);
    expect(received.items.map((m) => [m.sender, m.content])).toEqual(expect.arrayContaining([['+254712345001', '1'], ['+254712345002', '2']]));
    expect((await json('GET', '/messages?direction=sideways')).status).toBe(400);
  });

  it('dates a reply when it arrived, not by a network clock 3 hours behind', async () => {
    h.sim.deliverSms({ from: '+254712345101', text: 'First, on time', timestamp: scts(Date.now() - 60_000) });
    await until(async () => ((await (await json('GET', '/conversations')).json()) as { items: Array<{ address: string }> }).items, (i) => i.some((c) => c.address === '+254712345101'), 'the first thread');
    const behind = scts(Date.now() - 3 * 3_600_000);
    h.sim.deliverSms({ from: '+254712345102', text: 'Later, but the network says 3 hours ago', timestamp: behind });
    const threads = await until(
      async () => ((await (await json('GET', '/conversations')).json()) as { items: Array<{ address: string; lastMessageAt: string }> }).items,
      (i) => i.some((c) => c.address === '+254712345102'),
      'the second thread',
    );
    expect(threads[0]!.address).toBe('+254712345102');
    expect(Date.parse(threads[0]!.lastMessageAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
