/**
 * The desktop app for real: Playwright (playwright-core's `_electron`) launches the built app
 * with the real Electron binary and checks what only a real Chromium can prove: the page runs
 * sandboxed without Node, sees exactly the `ujumbe` bridge, gets the CSP, cannot navigate away or
 * open windows, and talks to the backend over IPC.
 *
 * Needs `npm run build` and the Electron binary (node_modules/electron/dist). Where the binary is
 * missing (no internet to download it) the suite is skipped with that reason.
 * Run: npm run build && npm run test:e2e:electron
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  try {
    const relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
    const full = join(pkg, 'dist', relative);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const built = existsSync(join(root, 'dist', 'electron', 'main.cjs')) && existsSync(join(root, 'dist', 'renderer', 'index.html'));
const skipReason = !binary
  ? 'the Electron binary is not installed (node_modules/electron/dist): Electron 45 downloads it on first launch and this machine has no internet'
  : !built
    ? 'the app is not built: run `npm run build` first'
    : '';

describe.skipIf(skipReason !== '')(`the desktop app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ujumbe-e2e-electron-'));
    app = await _electron.launch({ executablePath: binary!, args: [root, `--data-dir=${dataDir}`], cwd: root });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the page sandboxed, without Node, with only the ujumbe bridge', async () => {
    const probe = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w.ujumbe as Record<string, unknown> | undefined;
      return {
        require: typeof w.require,
        process: typeof w.process,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
      };
    });
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', bridgeKeys: ['onEvent', 'request'] });
  });

  it('talks to the backend through the bridge', async () => {
    const answer = await page.evaluate(() => (window as unknown as { ujumbe: { request(m: unknown): Promise<unknown> } }).ujumbe.request({ type: 'request', id: 1, command: 'app.info', params: {} }));
    expect(answer).toMatchObject({ type: 'response', id: 1, ok: true, result: { host: 'electron', dataDir } });
  });

  it('runs under the CSP: no eval', async () => {
    const evalBlocked = await page.evaluate(() => {
      try {
        return new Function('return 1')() !== 1;
      } catch {
        return true;
      }
    });
    expect(evalBlocked).toBe(true);
  });

  it('cannot open windows or navigate away', async () => {
    await page.evaluate(() => window.open('https://example.org/', '_blank'));
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^file:.*\/dist\/renderer\/index\.html/);
  });

  it('is denied every permission it asks for', async () => {
    const answer = await page.evaluate(() => Notification.requestPermission());
    expect(answer).toBe('denied');
  });
});
