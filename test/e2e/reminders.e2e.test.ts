/**
 * Issue 11's browser test, through the real stack (headless host, built renderer, WebSocket
 * contract, the simulator on a pty), by role and accessible name: make a template, book an
 * appointment, see its reminders, cancel it; and the Outbox shows the reminders as scheduled.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, type E2eRig, screenshot, startRig, navLink } from './browser.ts';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)(`reminders in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let rig: E2eRig | undefined;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 50, dataDirPrefix: 'ujumbe-e2e-reminders-' });
    page = await rig.browser.newPage({ viewport: { width: 1024, height: 600 } });
    await page.goto(`${rig.host.url}#token=${rig.host.token}`);
    await page.getByText('Connected', { exact: true }).waitFor();
  });

  afterAll(() => rig?.close());

  const go = (screen: string) => navLink(page, screen).click();

  it('makes a template', async () => {
    await go('Templates');
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Results ready');
    await page.getByRole('textbox', { name: 'Text in English', exact: true }).fill('Hello {first_name}, please come to the clinic on {day}.');
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Templates' }).getByText('Results ready').isVisible()).toBe(true);
    await screenshot(page, 'templates');
  });

  it('books an appointment, sees its reminders, and cancels it', async () => {
    await go('Reminders');
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    const date = `${inThreeDays.getFullYear()}-${String(inThreeDays.getMonth() + 1).padStart(2, '0')}-${String(inThreeDays.getDate()).padStart(2, '0')}`;
    await page.getByRole('textbox', { name: 'Patient’s name' }).fill('Amina Otieno');
    await page.getByRole('textbox', { name: 'Phone' }).fill('0712 345 678');
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const reminders = page.getByRole('list', { name: 'Reminders to Amina Otieno' });
    await expect.poll(() => reminders.getByRole('listitem').count()).toBe(2);
    expect(await reminders.getByText('Scheduled').count()).toBe(2);
    await screenshot(page, 'reminders');

    // The Outbox lists them as scheduled.
    await go('Outbox');
    await expect.poll(() => page.getByRole('list', { name: 'Scheduled messages' }).getByRole('listitem').count()).toBe(2);
    await go('Reminders');

    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Reminders to Amina Otieno' }).getByText('Cancelled').count()).toBe(2);
    expect(rig!.sim.received).toHaveLength(0);
  });
});
