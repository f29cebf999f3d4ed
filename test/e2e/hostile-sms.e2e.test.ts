/**
 * A hostile SMS through the real stack (docs/ARCHITECTURE.md: received texts are normalised): the modem simulator delivers a PDU
 * whose text holds markup and a lone surrogate and whose alphanumeric sender holds markup and a
 * carriage return; the headless host stores it normalised (U+FFFD, no control character) and the
 * renderer shows all of it as text in Chromium: no element is ever made from it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../electron/headless/host.ts';
import type { ModemSimulator } from '../../electron/modem-sim/index.ts';
import { chromiumMissingReason, type E2eRig, screenshot, startRig, navLink } from './browser.ts';

const missing = chromiumMissingReason();

// 11 septets at most fit an alphanumeric sender (TS 23.040 §9.1.2.5): markup plus a CR.
const SENDER = '<b>X\r</b>';
const SHOWN_SENDER = '<b>X</b>';
// One UCS-2 SMS (at most 70 UTF-16 units), so it is stored by MessagingService.receive at once.
const TEXT = 'Hi <img src=x onerror="window.__ujumbePwned=1"> <b>bold</b> \ud800 ok';
const SHOWN_TEXT = 'Hi <img src=x onerror="window.__ujumbePwned=1"> <b>bold</b> \ufffd ok';

describe.skipIf(missing !== null)(`a hostile SMS in the browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sim: ModemSimulator;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;

  let rig: E2eRig | undefined;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 50, dataDirPrefix: 'ujumbe-e2e-hostile-' });
    ({ sim, host, browser } = rig);
  });

  afterAll(() => rig?.close());

  it('stores it normalised and shows the text and the sender literally, creating no element from them', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${host.url}#token=${host.token}`);
    await expect.poll(() => page.locator('.connection-connected').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => host.backend.gateways()[0]?.status().state, { timeout: 15_000 }).toBe('running');
    sim.deliverSms({ from: SENDER, text: TEXT, encoding: 'ucs2' });

    // Stored normalised: the sender without its CR, the lone surrogate as U+FFFD.
    const api = (path: string) => fetch(new URL(`api/v1${path}`, host.url), { headers: { Authorization: `Bearer ${host.token}` } });
    await expect
      .poll(async () => ((await (await api('/conversations')).json()) as { items: Array<{ address: string }> }).items.map((c) => c.address), { timeout: 20_000 })
      .toContain(SHOWN_SENDER);
    const messages = (await (await api('/messages?limit=10')).json()) as { items: Array<{ content: string; direction: string }> };
    expect(messages.items.filter((m) => m.direction === 'in').map((m) => m.content)).toEqual([SHOWN_TEXT]);

    await navLink(page, 'Conversations').click();
    const row = page.locator('a.conversation', { hasText: SHOWN_SENDER });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.click();

    const thread = page.locator('section.thread');
    await expect.poll(() => thread.getByText(SHOWN_TEXT, { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('#thread-title').textContent()).toBe(SHOWN_SENDER);
    expect(await page.locator('.conversation-name', { hasText: SHOWN_SENDER }).textContent()).toBe(SHOWN_SENDER);
    await screenshot(page, 'hostile-sms');

    // Nothing was made from the markup: no image, no bold, no script, in the list or the thread.
    const list = page.locator('.conversations');
    for (const tag of ['img', 'b', 'script']) {
      expect(await list.locator(tag).count(), tag).toBe(0);
    }
    expect(await page.locator('body img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __ujumbePwned?: number }).__ujumbePwned)).toBeUndefined();
  });
});
