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

describe('allowedExternalUrl', () => {
  it('every allow-list entry is https and says why', () => {
    for (const entry of EXTERNAL_LINK_ALLOW_LIST) {
      expect(entry.origin).toMatch(/^https:\/\/[^/]+$/);
      expect(entry.pathPrefix.startsWith('/')).toBe(true);
      expect(entry.why.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ['https://ujumbe.org/help/', 'https://ujumbe.org/help/'],
    ['https://ujumbe.org/help/modems#pin', 'https://ujumbe.org/help/modems#pin'],
    ['https://UJUMBE.org/help/x', 'https://ujumbe.org/help/x'],
    ['http://ujumbe.org/help/', null],
    ['https://ujumbe.org/helpx', null],
    ['https://ujumbe.org/help/../admin', null],
    ['https://ujumbe.org:8443/help/', null],
    ['https://user:pw@ujumbe.org/help/', null],
    ['https://ujumbe.org.evil.example/help/', null],
    ['https://evil.example/?https://ujumbe.org/help/', null],
    ['javascript:alert(1)//https://ujumbe.org/help/', null],
    ['file:///etc/passwd', null],
    ['ms-msdt:/id PCWDiagnostic', null],
    ['nonsense', null],
  ])('%s -> %s', (url, expected) => {
    expect(allowedExternalUrl(url)).toBe(expected);
  });
});
