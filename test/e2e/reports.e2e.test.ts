/**
 * Issue 12's Reports and navigation badges in a browser, through the real stack (headless host,
 * built renderer, WebSocket contract, the simulator on a pty), by role and accessible name: after
 * one SMS delivered and one the network refused (+CMS ERROR: 1), the Reports screen shows the
 * totals, the failure by its reason, the modem's figures and a drawn chart, and prints without
 * its controls; a reply nobody understood puts a count on Conversations (unread) and on Reminders
 * (needs attention), and each clears when the nurse reads it or marks it done. What a Needs
 * attention entry shows and the STOP round trip are replies.e2e.test.ts's.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, type E2eRig, navLink, screenshot, startRig } from './browser.ts';

const missing = chromiumMissingReason();
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(missing !== null)(`reports and badges in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let rig: E2eRig | undefined;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 50, dataDirPrefix: 'ujumbe-e2e-reports-' });
    page = await rig.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${rig.host.url}#token=${rig.host.token}`);
    await page.getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(() => rig?.close());

  const go = async (screen: string) => {
    await navLink(page, screen).click();
    await page.getByRole('heading', { level: 1, name: screen }).waitFor();
  };

  /** Another system's send, through the public API. */
  const send = (to: string, text: string) =>
    fetch(`${rig!.host.url}api/v1/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rig!.host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: [to], text, automated: false }),
    });

  /** The cells of a table's rows, header row first. */
  const rowsOf = (name: string) =>
    page.getByRole('table', { name }).locator('tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));

  it('shows the figures of a delivered and a refused SMS, by reason and per modem, with a drawn chart', async () => {
    const sim = rig!.sim;
    expect((await send('+254712345601', 'Kumbusho: kliniki kesho saa tatu.')).status).toBe(201);
    await expect.poll(() => sim.received.length, { timeout: 15_000 }).toBe(1);
    sim.reportDelivery(sim.received[0]!.reference);
    // The network refuses the next one for good: TS 24.011 cause 1, unassigned number.
    sim.injectCmsError(1);
    expect((await send('+254712345602', 'Kumbusho: kliniki kesho saa tatu.')).status).toBe(201);

    // The screen shows what it loaded when opened: open it once the backend has both outcomes.
    const api = async <T>(path: string): Promise<T> => (await (await fetch(`${rig!.host.url}api/v1${path}`, { headers: { Authorization: `Bearer ${rig!.host.token}` } })).json()) as T;
    const today = new Date().toISOString().slice(0, 10);
    const around = `from=${plusDays(today, -1)}&to=${plusDays(today, 1)}`;
    await expect
      .poll(async () => (await api<{ days: Array<{ delivered: number; failed: number }> }>(`/stats?${around}`)).days.reduce((n, d) => [n[0]! + d.delivered, n[1]! + d.failed], [0, 0]), { timeout: 15_000 })
      .toEqual([1, 1]);

    await go('Reports');
    const total = (name: string) => page.locator('.reports-total').filter({ has: page.getByText(name, { exact: true }) }).locator('dd');
    await expect.poll(async () => [await total('Sent').textContent(), await total('Delivered').textContent(), await total('Failed').textContent(), await total('Delivery rate').textContent()]).toEqual(['1', '1', '1', '100%']);

    expect(await rowsOf(await failuresName())).toEqual([
      ['Reason', 'Failed'],
      ['This phone number does not exist (cms-1)', '1'],
    ]);
    const modems = await rowsOf(await tableName('Messages per modem'));
    expect(modems[0]).toEqual(['Modem', 'Sent', 'Delivered', 'Failed', 'Received', 'Delivery rate']);
    expect(modems.slice(1).map((r) => r.slice(1))).toEqual([['1', '1', '1', '0', '100%']]);

    // uPlot drew on a canvas inside the named image, described by the table of the same figures.
    const chart = page.getByRole('img', { name: /^Messages per day, .*: 1 sent, 1 delivered, 1 failed, 0 received\./ });
    await chart.locator('canvas').first().waitFor();
    expect(await chart.getAttribute('aria-describedby')).toBe('reports-figures');
    await screenshot(page, 'reports');

    // On paper: no navigation or controls, the heading that says whose report it is.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByText('Messages report', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'reports-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByText('Messages report', { exact: true }).isVisible()).toBe(false);
  });

  it('counts an unread reply on Conversations and on Reminders until it is read and marked done', async () => {
    rig!.sim.deliverSms({ from: '0712345690', text: 'Habari, sijaelewa ujumbe' });
    await page.getByRole('link', { name: 'Conversations (1 unread)' }).waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Reminders (1 reply needs attention)' }).waitFor();

    await go('Conversations');
    await page.getByRole('link', { name: /\+254712345690/ }).first().click();
    await page.getByText('Habari, sijaelewa ujumbe').first().waitFor();
    await page.getByRole('link', { name: 'Conversations', exact: true }).waitFor({ timeout: 10_000 });
    // Reading it does not deal with it: it still needs attention.
    expect(await page.getByRole('link', { name: 'Reminders (1 reply needs attention)' }).count()).toBe(1);

    await go('Reminders');
    await page.getByRole('button', { name: 'Mark done: +254712345690' }).click();
    await page.getByRole('link', { name: 'Reminders', exact: true }).waitFor({ timeout: 10_000 });
  });

  /** A table's accessible name, found by its start (the rest is the period in words). */
  async function tableName(start: string): Promise<string> {
    const caption = page.locator('caption').filter({ hasText: new RegExp(`^${start}`) });
    return (await caption.textContent()) ?? start;
  }
  const failuresName = () => tableName('Failed messages by reason');
});
