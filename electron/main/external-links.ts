/**
 * Links the app may open in the user's own browser. Everything else is refused: the renderer
 * never opens windows, and `shell.openExternal` on an arbitrary URL can start any program
 * registered for a scheme (Electron security checklist, item 15).
 * The list is data: add a row, with the reason, when the UI gains a link.
 */

export interface AllowedLink {
  /** Scheme, host and port exactly as `URL.origin` gives them: https only. */
  readonly origin: string;
  /** The path must start with this. */
  readonly pathPrefix: string;
  readonly why: string;
}

// Empty until the UI has a link to open: a domain nobody has checked the project owns must never
// be trusted here. Add the project's help site, with its reason, when there is one.
export const EXTERNAL_LINK_ALLOW_LIST: readonly AllowedLink[] = Object.freeze([]);

/**
 * Returns the normalised URL to open, or null when `raw` is not on the allow-list.
 * Credentials in the URL, other ports and other schemes are refused.
 */
export function allowedExternalUrl(raw: string, allowList: readonly AllowedLink[] = EXTERNAL_LINK_ALLOW_LIST): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  const ok = allowList.some((entry) => entry.origin.startsWith('https://') && url.origin === entry.origin && url.pathname.startsWith(entry.pathPrefix));
  return ok ? url.href : null;
}
