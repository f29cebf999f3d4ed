/** "Is this our page?" and "may this link open in the browser?": the two URL tests the host relies on. */
import { describe, expect, it } from 'vitest';
import { appPaths, isAppFileUrl } from '../../../electron/main/app-paths.ts';
import { EXTERNAL_LINK_ALLOW_LIST, allowedExternalUrl } from '../../../electron/main/external-links.ts';

const paths = appPaths('/opt/Ujumbe App/resources/app.asar');

describe('appPaths', () => {
  it('finds the renderer and the preload under dist/', () => {
    expect(paths.rendererIndex).toBe('/opt/Ujumbe App/resources/app.asar/dist/renderer/index.html');
    expect(paths.preload).toBe('/opt/Ujumbe App/resources/app.asar/dist/electron/preload.cjs');
    expect(paths.appUrl).toBe('file:///opt/Ujumbe%20App/resources/app.asar/dist/renderer/index.html');
  });
});

describe('isAppFileUrl', () => {
  it.each([
    [paths.appUrl, true],
    [`${paths.appUrl}#/conversations/2`, true],
    [`${paths.appUrl}?lang=sw`, true],
    ['file:///opt/Ujumbe%20App/resources/app.asar/dist/renderer/other.html', false],
    ['file:///opt/Ujumbe%20App/resources/app.asar/dist/renderer/../renderer/index.html', true],
    ['file:///etc/passwd', false],
    ['file://evil-host/opt/Ujumbe%20App/resources/app.asar/dist/renderer/index.html', false],
    ['https://example.org/opt/Ujumbe%20App/resources/app.asar/dist/renderer/index.html', false],
    ['app://opt/Ujumbe%20App/resources/app.asar/dist/renderer/index.html', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppFileUrl(url, paths.rendererIndex)).toBe(expected);
  });
});

const HELP_ONLY = [{ origin: 'https://help.example.org', pathPrefix: '/help/', why: 'help pages, for these tests' }];

describe('allowedExternalUrl', () => {
  it('ships with no entry, and every entry is https and says why', () => {
    expect(EXTERNAL_LINK_ALLOW_LIST).toEqual([]);
    for (const entry of EXTERNAL_LINK_ALLOW_LIST) {
      expect(entry.origin).toMatch(/^https:\/\/[^/]+$/);
      expect(entry.pathPrefix.startsWith('/')).toBe(true);
      expect(entry.why.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['https://help.example.org/help/', 'https://help.example.org/help/'],
    ['https://help.example.org/help/modems#pin', 'https://help.example.org/help/modems#pin'],
    ['https://HELP.example.org/help/x', 'https://help.example.org/help/x'],
    ['http://help.example.org/help/', null],
    ['https://help.example.org/helpx', null],
    ['https://help.example.org/help/../admin', null],
    ['https://help.example.org:8443/help/', null],
    ['https://user:pw@help.example.org/help/', null],
    ['https://help.example.org.evil.example/help/', null],
    ['https://evil.example/?https://help.example.org/help/', null],
    ['javascript:alert(1)//https://help.example.org/help/', null],
    ['file:///etc/passwd', null],
    ['ms-msdt:/id PCWDiagnostic', null],
    ['nonsense', null],
  ])('%s -> %s', (url, expected) => {
    expect(allowedExternalUrl(url, HELP_ONLY)).toBe(expected);
  });
});
