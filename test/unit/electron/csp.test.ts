/** The Content Security Policy, and the session's second wall: no request leaves the machine. */
import { describe, expect, it, vi } from 'vitest';
import { fakeSession } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron);

const { CONTENT_SECURITY_POLICY, blockNetworkRequests, installContentSecurityPolicy } = await import('../../../electron/main/csp.ts');

type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void) => void;

describe('the CSP string', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no eval, no inline script and no remote origin', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }));
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const [, sources] of directives) {
      for (const source of sources) {
        expect(source).not.toMatch(/^(\*|https?:|wss?:|blob:|filesystem:)|\.|:\/\//);
      }
    }
  });
});

describe('installContentSecurityPolicy', () => {
  function install() {
    const session = fakeSession();
    installContentSecurityPolicy(session as never);
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as HeadersListener;
    return (url: string, responseHeaders?: Record<string, string[]>) => {
      let answer: { responseHeaders?: Record<string, string[]> } | undefined;
      listener({ url, ...(responseHeaders ? { responseHeaders } : {}) }, (response) => (answer = response));
      return answer;
    };
  }

  it("sets the policy on the app's own responses", () => {
    const respond = install();
    expect(respond('file:///opt/Ujumbe/resources/app.asar/dist/renderer/index.html')).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(respond('app://ujumbe/index.html')?.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('replaces a weaker policy a response brought, whatever its header case, and keeps other headers', () => {
    const respond = install();
    const answer = respond('file:///x/index.html', { 'content-security-policy': ["script-src 'unsafe-eval'"], 'X-Other': ['1'] });
    expect(answer).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('leaves responses of other schemes alone (devtools)', () => {
    const respond = install();
    expect(respond('devtools://devtools/bundled/inspector.html')).toEqual({});
  });
});

describe('blockNetworkRequests', () => {
  it.each([
    ['https://evil.example/x.js', true],
    ['http://127.0.0.1:8080/', true],
    ['ws://127.0.0.1:1234/', true],
    ['ftp://example.org/', true],
    ['not a url', true],
    ['file:///opt/Ujumbe/resources/app.asar/dist/renderer/assets/app.js', false],
    ['data:image/png;base64,AAAA', false],
    ['devtools://devtools/bundled/inspector.html', false],
  ])('%s -> cancel %s', (url, cancel) => {
    const session = fakeSession();
    blockNetworkRequests(session as never);
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]![0] as HeadersListener;
    let answer: { cancel?: boolean } | undefined;
    listener({ url }, (response) => (answer = response));
    expect(answer).toEqual({ cancel });
  });
});

describe("the renderer page's own CSP <meta> (what applies where file:// skips webRequest)", () => {
  it('is as strict as the header, except the headless host\'s loopback WebSocket', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const policy = new Map(meta![1]!.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources] as const;
    }));
    const header = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources] as const;
    }));
    expect(meta![1]).not.toContain('unsafe-eval');
    for (const [name, sources] of header) {
      if (name === 'frame-ancestors') continue; // not allowed in a meta tag
      const extra = (policy.get(name) ?? []).filter((s) => !sources.includes(s));
      if (name === 'connect-src') expect(extra.every((s) => /^ws:\/\/(127\.0\.0\.1|localhost):\*$/.test(s))).toBe(true);
      else expect(extra).toEqual([]);
      expect(policy.has(name)).toBe(true);
    }
  });
});
