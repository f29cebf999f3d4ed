/**
 * The renderer's Content Security Policy: our own scripts only, no eval, no remote origin of any
 * kind, no plugins, no frames, no forms posting anywhere (Electron security checklist, item 7).
 * `style-src 'unsafe-inline'` is kept as agreed, so style attributes and <style> elements that
 * libraries insert keep working; a style cannot run script, and scripts stay strict.
 */
import type { Session } from 'electron';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Schemes whose responses get our CSP header: the app's files (and a custom app scheme, if one is added). */
const APP_SCHEMES = new Set(['file:', 'app:']);

function isAppResponse(url: string): boolean {
  try {
    return APP_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Sets the CSP header on every response of the app's own schemes, replacing any CSP a response
 * already had. Chromium does not always route file:// through webRequest, so the renderer's
 * index.html carries the same policy in a <meta> tag as well (see docs/SECURITY.md).
 */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResponse(details.url)) {
      callback({});
      return;
    }
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

/** Schemes the renderer may load at all. Ujumbe works offline: nothing goes to the network. */
const LOCAL_SCHEMES = new Set(['file:', 'app:', 'data:', 'blob:', 'devtools:', 'chrome-extension:']);

/**
 * Cancels every request to the network (http, https, ws, ftp ...) from any page of this
 * session: a second wall behind the CSP, and one that holds even if a page lost its <meta> tag.
 */
export function blockNetworkRequests(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    let scheme = '';
    try {
      scheme = new URL(details.url).protocol;
    } catch {
      // Unparsable: refused below.
    }
    callback({ cancel: !LOCAL_SCHEMES.has(scheme) });
  });
}
