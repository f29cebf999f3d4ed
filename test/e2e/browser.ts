/**
 * The browser side of the end-to-end tests: Debian's Chromium driven by playwright-core (a test
 * tool's own browser download cannot work here), headless, with the flags that keep it off a
 * network this machine does not have.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHeadlessHost, type HeadlessHost } from '../../electron/headless/host.ts';
import { ModemSimulator } from '../../electron/modem-sim/index.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      // Root in a container has no user namespaces for Chromium's sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot of the page as a test artifact (and, for the README, under docs/). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', `${name}.png`) });
}

/** What every browser test starts: a simulated modem, the headless host on it, and Chromium. */
/** A navigation link by its screen's name: its accessible name may go on with a count ("Conversations (2 unread)"). */
export function navLink(page: Page, screen: string) {
  return page.getByRole('link', { name: new RegExp(`^${screen}( \\(.*\\))?$`) });
}

export interface E2eRig {
  sim: ModemSimulator;
  host: HeadlessHost;
  browser: Browser;
  dataDir: string;
  /** Closes the browser, the host and the modem, and removes the data folder. */
  close(): Promise<void>;
}

export async function startRig(options: { networkDelayMs: number; dataDirPrefix: string }): Promise<E2eRig> {
  const sim = await ModemSimulator.start({ profile: 'huawei', networkDelayMs: options.networkDelayMs, noise: false });
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix));
  const host = await startHeadlessHost({ port: 0, dataDir, modems: [{ path: sim.path }] });
  const browser = await launchBrowser();
  return {
    sim,
    host,
    browser,
    dataDir,
    async close() {
      await browser.close();
      await host.close();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
