/**
 * Issue 12's browser test, through the real stack (headless host, built renderer, WebSocket
 * contract, the simulator on a pty), by role and accessible name: a reply the rules do not
 * understand waits on "Needs attention" (with a count on the Reminders item) until marked done;
 * a STOP is answered once on the wire and its number listed as opted out; the search finds a
 * message's words and marks them, and the thread prints alone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, type E2eRig, screenshot, startRig, navLink } from './browser.ts';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)(`replies in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let rig: E2eRig | undefined;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 50, dataDirPrefix: 'ujumbe-e2e-replies-' });
    page = await rig.browser.newPage({ viewport: { width: 1024, height: 600 } });
    await page.goto(`${rig.host.url}#token=${rig.host.token}`);
    await page.getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(() => rig?.close());

  const go = (screen: string) => navLink(page, screen).click();

  it('puts a reply nobody understood on Needs attention until it is marked done', async () => {
    rig!.sim.deliverSms({ from: '0712345678', text: 'Nitakuja kesho asubuhi' });
    await go('Reminders');
    const done = page.getByRole('button', { name: 'Mark done: +254712345678' });
    await done.waitFor();
    expect(await page.getByText('Nitakuja kesho asubuhi').count()).toBeGreaterThan(0);
    await screenshot(page, 'needs-attention');
    await done.click();
    await expect.poll(() => page.getByRole('button', { name: 'Mark done: +254712345678' }).count()).toBe(0);
  });

  it('answers a STOP once on the wire and lists the number as opted out', async () => {
    rig!.sim.deliverSms({ from: '0712345679', text: 'STOP' });
    await expect.poll(() => rig!.sim.received.filter((s) => s.decoded.recipient === '+254712345679').length, { timeout: 15_000 }).toBe(1);
    expect(rig!.sim.received.at(-1)!.decoded.text).toBe('You will get no more messages from the clinic. Reply START to receive them again.');
    const listed = (await (await fetch(`${rig!.host.url}api/v1/contacts/optout`, { headers: { Authorization: `Bearer ${rig!.host.token}` } })).json()) as { items: Array<{ phone: string }> };
    expect(listed.items.map((c) => c.phone)).toEqual(['+254712345679']);
  });

  it('finds a message by its words and marks them', async () => {
    await go('Conversations');
    await page.getByRole('searchbox', { name: 'Search conversations' }).or(page.getByRole('textbox', { name: 'Search conversations' })).fill('kesho');
    const hit = page.getByRole('button', { name: /Nitakuja kesho asubuhi/ });
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['kesho']);
    await screenshot(page, 'message-search');
    await hit.click();
    await page.getByText('Found by your search').waitFor();

    // On paper (issue 15): the thread alone, its messages and a note of when; no navigation, list, reply box or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('searchbox', { name: 'Search conversations' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /^Print the conversation with / }).isVisible()).toBe(false);
    expect(await page.getByRole('list', { name: 'Messages' }).getByText('Nitakuja kesho asubuhi').isVisible()).toBe(true);
    expect(await page.getByText(/^Printed from Ujumbe on /).isVisible()).toBe(true);
    await screenshot(page, 'conversation-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByText(/^Printed from Ujumbe on /).isVisible()).toBe(false);
  });
});
