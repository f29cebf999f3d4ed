/**
 * Gatekeeping pieces of the headless host (issue 10 item 11 c, e, f): a header that must come
 * once, the rate-limited refusal log, and no source maps from the static server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusalLog, repeatedHeaders } from '../../../electron/headless/security.ts';
import { isSourceMap, resolveStatic } from '../../../electron/headless/static-files.ts';
import { statusForCode } from '../../../electron/headless/api-errors.ts';
import viteConfig from '../../../vite.config.ts';

describe('repeatedHeaders', () => {
  it('finds a Host (or Authorization, Origin) sent twice, in any case', () => {
    expect(repeatedHeaders(['Host', '127.0.0.1:80', 'host', 'evil.example'])).toEqual(['host']);
    expect(repeatedHeaders(['Host', 'a', 'Authorization', 'Bearer x', 'AUTHORIZATION', 'Bearer y', 'Origin', 'o', 'origin', 'p'])).toEqual(['authorization', 'origin']);
  });

  it('lets headers that may repeat repeat', () => {
    expect(repeatedHeaders(['Host', 'a', 'Accept', 'x', 'Accept', 'y', 'Cookie', 'a', 'Cookie', 'b'])).toEqual([]);
  });
});

describe('RefusalLog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes one line per reason per minute, with a count', () => {
    const lines: Array<[string, Record<string, string | number>]> = [];
    const log = new RefusalLog({ warn: (message, fields) => lines.push([message, fields]) });
    for (let i = 0; i < 500; i++) log.refused('token', 'Refused an API call without the right token', { method: 'GET' });
    log.refused('host', 'Refused a request for another host name', { host: 'evil.example' });
    expect(lines).toEqual([
      ['Refused an API call without the right token', { reason: 'token', count: 1, method: 'GET' }],
      ['Refused a request for another host name', { reason: 'host', count: 1, host: 'evil.example' }],
    ]);

    vi.advanceTimersByTime(60_000);
    expect(lines.slice(2)).toEqual([['Refused an API call without the right token (repeated)', { reason: 'token', count: 499, windowMs: 60_000 }]]);

    // Still under fire: the next minute is one line too, not one line now.
    for (let i = 0; i < 100; i++) log.refused('token', 'Refused an API call without the right token');
    expect(lines).toHaveLength(3);
    vi.advanceTimersByTime(60_000);
    expect(lines.slice(3)).toEqual([['Refused an API call without the right token (repeated)', { reason: 'token', count: 100, windowMs: 60_000 }]]);

    // A quiet minute ends the window: the next refusal is written at once again.
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(4);
    log.refused('token', 'Refused an API call without the right token', { method: 'POST' });
    expect(lines[4]).toEqual(['Refused an API call without the right token', { reason: 'token', count: 1, method: 'POST' }]);
  });

  it('writes what it still counts when flushed (the server closing)', () => {
    const lines: string[] = [];
    const log = new RefusalLog({ warn: (message, fields) => lines.push(`${message} ${String(fields.count)}`), windowMs: 1_000 });
    log.refused('origin', 'Refused a cross-origin request');
    log.refused('origin', 'Refused a cross-origin request');
    log.refused('origin', 'Refused a cross-origin request');
    log.flush();
    expect(lines).toEqual(['Refused a cross-origin request 1', 'Refused a cross-origin request (repeated) 2']);
    vi.advanceTimersByTime(5_000);
    expect(lines).toHaveLength(2);
  });
});

describe('source maps', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ujumbe-static-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
    writeFileSync(join(root, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["../renderer/main.tsx"]}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are never served by the headless static server, even when one was left in the build', async () => {
    expect(await resolveStatic(root, 'GET', '/assets/index-abc.js')).toMatchObject({ kind: 'file' });
    for (const path of ['/assets/index-abc.js.map', '/assets/index-abc.js.MAP', '/assets/index-abc.js%2Emap']) {
      expect(await resolveStatic(root, 'GET', path)).toEqual({ kind: 'error', status: 404, message: 'Not found.' });
    }
    expect(isSourceMap('a.css.map')).toBe(true);
    expect(isSourceMap('map.js')).toBe(false);
  });

  it('are not built for the renderer that ships', () => {
    expect(viteConfig.build?.sourcemap).toBe(false);
  });
});

describe('api-errors', () => {
  it('maps request-timeout to 408', () => {
    expect(statusForCode('request-timeout')).toBe(408);
  });
});
