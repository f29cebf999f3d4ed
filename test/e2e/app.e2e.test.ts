/**
 * A nurse's day through the real stack: `ujumbe`'s headless host (the same backend, the built
 * renderer, the contract over WebSocket) with the modem simulator on a real pty, driven in
 * Chromium by role and accessible name. A screenshot of each screen is saved in
 * test-results/screenshots (UPDATE_SCREENSHOTS=1 also refreshes docs/screenshots for the README).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HeadlessHost } from '../../electron/headless/host.ts';
import type { ModemSimulator } from '../../electron/modem-sim/index.ts';
import { chromiumMissingReason, type E2eRig, screenshot, startRig, navLink } from './browser.ts';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)(`the app in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sim: ModemSimulator;
  let host: HeadlessHost;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  let rig: E2eRig | undefined;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 200, dataDirPrefix: 'ujumbe-e2e-' });
    ({ sim, host, browser, dataDir } = rig);
  });

  afterAll(() => rig?.close());

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${host.url}#token=${host.token}`);
    await expect.poll(() => page.getByText('Connected', { exact: true }).isVisible()).toBe(true);
  });

  async function go(screen: string): Promise<void> {
    await navLink(page, screen).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: screen }).isVisible()).toBe(true);
  }

  it('sends to a raw number: the modem gets the right PDU and the thread shows Sent', async () => {
    await go('Compose');
    await page.getByRole('combobox', { name: 'To' }).fill('0712 345 678');
    await page.getByRole('combobox', { name: 'To' }).press('Enter');
    await page.getByRole('textbox', { name: 'Message' }).fill('Habari! Kumbusho: kliniki kesho saa tatu asubuhi.');
    await expect.poll(() => page.getByText(/49 characters · 1 SMS · GSM-7/).isVisible()).toBe(true);
    await screenshot(page, 'compose');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    await expect.poll(() => sim.received.length).toBe(1);
    expect(sim.received[0]!.decoded).toMatchObject({ recipient: '+254712345678', text: 'Habari! Kumbusho: kliniki kesho saa tatu asubuhi.', encoding: 'gsm7' });

    await go('Conversations');
    await page.getByRole('link', { name: /\+254712345678/ }).first().click();
    await expect.poll(() => page.getByText('Sent', { exact: true }).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'conversation');
  });

  it('adds a contact and sends to it by name', async () => {
    await go('Contacts');
    await page.getByRole('button', { name: 'New contact' }).first().click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Amina Wanjiru');
    await page.getByRole('textbox', { name: 'Phone number' }).fill('0722 000 111');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => page.getByText('Saved Amina Wanjiru.').isVisible()).toBe(true);
    await screenshot(page, 'contacts');

    await go('Compose');
    await page.getByRole('combobox', { name: 'To' }).fill('Amina');
    await page.getByRole('option', { name: /Amina Wanjiru/ }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Majibu yako yako tayari.');
    await page.getByRole('textbox', { name: 'Message' }).press('Control+Enter');
    await expect.poll(() => sim.received.some((r) => r.decoded.recipient === '+254722000111' && r.decoded.text === 'Majibu yako yako tayari.')).toBe(true);
  });

  it('imports a CSV with one bad row and shows that row with its reason', async () => {
    const csv = join(dataDir, 'patients.csv');
    writeFileSync(csv, 'Jina,Simu,Notes\nBaraka Otieno,0733 111 222,\nGrace Achieng,not-a-number,\nHalima Said,+254 711 999 888,Mum\n');
    await go('Contacts');
    await page.getByLabel('Import contacts from CSV').setInputFiles(csv);
    await page.getByRole('button', { name: /Import 3 contacts/ }).click();
    await expect.poll(() => page.getByText(/Imported 2/).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByText('1 row with problems').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('table', { name: 'Rows with problems' }).getByText('not-a-number').isVisible()).toBe(true);
    await screenshot(page, 'contacts-import');
  });

  it('shows the modem in the gateway panel, and Stop and Start work', async () => {
    await go('Gateways');
    await expect.poll(() => page.getByText('huawei E3131').or(page.getByText('Huawei E3131')).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('img', { name: 'Signal 4 of 5' }).or(page.getByLabel('Signal 4 of 5')).first().isVisible()).toBe(true);
    await screenshot(page, 'gateways');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => host.backend.gateways()[0]!.status().state).toBe('stopped');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => host.backend.gateways()[0]!.status().state, { timeout: 15_000 }).toBe('running');
  });

  it('shows the outbox and the settings', async () => {
    await go('Outbox');
    await expect.poll(() => page.getByText(/Habari! Kumbusho/).first().isVisible()).toBe(true);
    await screenshot(page, 'outbox');
    await go('Settings');
    await screenshot(page, 'settings');
  });

  it('refuses a wrong token', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(`${host.url}#token=not-the-token`);
    await expect.poll(() => stranger.getByText(/Not authorised/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const api = await fetch(new URL('api/v1/health', host.url), { headers: { Authorization: 'Bearer not-the-token' } });
    expect(api.status).toBe(401);
    await stranger.close();
  });
});
