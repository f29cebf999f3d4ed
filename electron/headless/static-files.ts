/**
 * Serves the built renderer (`vite build` -> dist/renderer) read-only: GET and HEAD, correct
 * content types, `index.html` for `/`, nothing outside the folder (no `..`, no encoded `..`,
 * no symlink that leads out), and a plain page when the renderer is not built. Never a source
 * map: the packaged renderer is built without them (vite.config.ts), and one left in the folder
 * would hand any page the original sources and comments (*.map answers 404).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** A source map, whatever its case: `main.js.map`, `x.css.MAP`. */
export function isSourceMap(path: string): boolean {
  return extname(path).toLowerCase() === '.map';
}

export const NOT_BUILT_MESSAGE = 'The interface is not built: run npm run build:renderer';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Ujumbe</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">
<h1>Ujumbe is running</h1>
<p>${NOT_BUILT_MESSAGE}, then reload this page.</p>
<p>The HTTP API works without it: see <code>/api/v1/openapi.json</code>.</p>
</body>
</html>
`;

export type StaticOutcome =
  | { kind: 'file'; path: string; size: number; mtimeMs: number; contentType: string; cacheControl: string }
  | { kind: 'not-built'; body: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 405; message: string };

/**
 * Maps a request path to a file under `root`, or says why not. Pure but for reading the disk.
 * `urlPath` is the raw path of the request line (no query), still percent-encoded.
 */
export async function resolveStatic(root: string, method: string, urlPath: string): Promise<StaticOutcome> {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'error', status: 405, message: 'Only GET and HEAD are served here.' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'error', status: 400, message: 'Malformed path.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'error', status: 400, message: 'Malformed path.' };
  // Refused outright rather than normalised away: no legitimate link to the UI contains `..`.
  if (decoded.split('/').includes('..')) return { kind: 'error', status: 403, message: 'Refused.' };
  if (isSourceMap(decoded)) return { kind: 'error', status: 404, message: 'Not found.' };

  let realRoot: string;
  try {
    realRoot = await realpath(resolve(root));
  } catch {
    return { kind: 'not-built', body: NOT_BUILT_PAGE };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = join(realRoot, relative);
  if (candidate !== realRoot && !candidate.startsWith(realRoot + sep)) return { kind: 'error', status: 403, message: 'Refused.' };

  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    if (relative === 'index.html') return { kind: 'not-built', body: NOT_BUILT_PAGE };
    return { kind: 'error', status: 404, message: 'Not found.' };
  }
  // A symlink inside the build must not lead out of it.
  if (!real.startsWith(realRoot + sep)) return { kind: 'error', status: 403, message: 'Refused.' };
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return { kind: 'error', status: 404, message: 'Not found.' };

  // Vite puts content-hashed files under assets/: they never change. index.html must be fresh.
  const immutable = relative.startsWith('assets/');
  return {
    kind: 'file',
    path: real,
    size: info.size,
    mtimeMs: info.mtimeMs,
    contentType: contentTypeFor(real),
    cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}

/**
 * Writes a file outcome (headers already include the security headers). Supports
 * If-None-Match with a weak ETag from size and mtime.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: Extract<StaticOutcome, { kind: 'file' }>, headers: Record<string, string>): void {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  const common = { ...headers, ETag: etag, 'Cache-Control': file.cacheControl };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, { ...common, 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
