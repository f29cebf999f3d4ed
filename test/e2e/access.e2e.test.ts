/**
 * Issue 13's users, lock and API keys in a browser, through the real stack (headless host, built
 * renderer, WebSocket contract, the simulator on a pty), by role and accessible name: a nurse
 * signs in (after a wrong PIN), cannot open Settings, and the screen locks by itself after the
 * idle minutes (Playwright's clock, so no waiting); the administrator signs in on the lock
 * screen, makes an API key that sends through the HTTP API, then revokes it: 401 at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSession } from '../../src-shared/contract/access.ts';
import { chromiumMissingReason, type E2eRig, navLink, screenshot, startRig } from './browser.ts';

const missing = chromiumMissingReason();

describe.skipIf(missing !== null)(`sign-in, lock and API keys in a browser${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let rig: E2eRig | undefined;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig({ networkDelayMs: 0, dataDirPrefix: 'ujumbe-e2e-access-' });
    // The clinic's set-up, as an administrator would have done it in Settings (the Users panel
    // has its own component tests): a PIN for the administrator, and a nurse, which turns sign-in on.
    const { access } = rig.host.backend;
    const admin = access.resolve(undefined)!;
    await access.setSecret(admin.id!, '1357');
    await access.createUser(newSession('in-process'), admin, { name: 'Neema', role: 'nurse', secret: '2468' });
    page = await rig.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.clock.install();
    await page.goto(`${rig.host.url}#token=${rig.host.token}`);
  });

  afterAll(() => rig?.close());

  const signIn = async (who: string, secret: string) => {
    await page.getByRole('combobox', { name: 'Who is signing in' }).selectOption({ label: who });
    await page.getByLabel('PIN or password').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('asks who is at the desk, refuses a wrong PIN in words, and shows no patient data before', async () => {
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await signIn('Neema (Nurse)', '0000');
    await page.getByText('That PIN or password is not right. Try again.').waitFor();
    await screenshot(page, 'sign-in');
    await signIn('Neema (Nurse)', '2468');
    await navLink(page, 'Conversations').waitFor();
  });

  it('a nurse sees no Settings, and its address says only an administrator can open it', async () => {
    expect(await navLink(page, 'Settings').count()).toBe(0);
    await page.goto(`${rig!.host.url}#/settings`);
    await page.getByText('Only an administrator can open Settings.').waitFor();
  });

  it('locks by itself after ten idle minutes', async () => {
    await page.clock.fastForward('10:30');
    await page.getByRole('heading', { level: 1, name: 'The screen is locked' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('an administrator makes an API key that sends, then revokes it: refused at once', async () => {
    await signIn('Administrator (Administrator)', '1357');
    await navLink(page, 'Settings').click();
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByRole('textbox', { name: 'Name (the system that will use it)' }).fill('KenyaEMR');
    await keys.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Nurse' });
    await keys.getByRole('button', { name: 'Make the key' }).click();
    const dialog = page.getByRole('dialog', { name: 'The new key KenyaEMR' });
    const key = (await dialog.getByText(/^ujk_/).textContent())!.trim();
    await screenshot(page, 'api-key-shown');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();

    const send = () =>
      fetch(`${rig!.host.url}api/v1/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: ['+254712345601'], text: 'Kumbusho', automated: false }),
      });
    expect((await send()).status).toBe(201);

    await keys.getByRole('button', { name: 'Revoke the key KenyaEMR' }).click();
    await page.getByRole('dialog', { name: 'Revoke the key KenyaEMR?' }).getByRole('button', { name: 'Revoke the key' }).click();
    await keys.getByRole('button', { name: 'Revoke the key KenyaEMR' }).waitFor({ state: 'detached' });
    expect((await send()).status).toBe(401);
  });
});
