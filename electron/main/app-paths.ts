/**
 * Where the Electron host finds its own files, and the one test of "is this URL our app":
 * the renderer is `dist/renderer/index.html` loaded with `loadFile`, so the only page that may
 * talk to the backend is that file, in the window's top frame.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AppPaths {
  /** The built renderer's entry page. */
  readonly rendererIndex: string;
  /** The bundled sandboxed preload (one CommonJS file). */
  readonly preload: string;
  /** `rendererIndex` as a file URL, as Chromium reports it. */
  readonly appUrl: string;
}

/**
 * @param appRoot `app.getAppPath()`: the project folder in development, `resources/app.asar`
 *   once packaged. Both hold `dist/` with the same layout.
 */
export function appPaths(appRoot: string): AppPaths {
  const rendererIndex = resolve(appRoot, 'dist', 'renderer', 'index.html');
  return {
    rendererIndex,
    preload: join(resolve(appRoot), 'dist', 'electron', 'preload.cjs'),
    appUrl: pathToFileURL(rendererIndex).href,
  };
}

/**
 * True when `url` is the app's own page: a `file:` URL with no host whose path is exactly
 * `rendererIndex`. The query and fragment are ignored (the renderer may route with `#/...`).
 * Anything unparsable is not ours.
 */
export function isAppFileUrl(url: string, rendererIndex: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  parsed.search = '';
  parsed.hash = '';
  let path: string;
  try {
    path = fileURLToPath(parsed);
  } catch {
    return false;
  }
  if (!isAbsolute(path)) return false;
  const expected = resolve(rendererIndex);
  // Windows paths are case-insensitive; Chromium may report the drive letter in another case.
  return process.platform === 'win32' ? path.toLowerCase() === expected.toLowerCase() : path === expected;
}
