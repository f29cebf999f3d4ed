#!/usr/bin/env node
// Bundles the Electron host with esbuild (its JS API):
//   electron/main/main.ts       -> dist/electron/main.cjs     (Node, CommonJS; native and heavy
//                                                              packages stay in node_modules)
//   electron/preload/preload.ts -> dist/electron/preload.cjs  (ONE file: a sandboxed preload
//                                                              cannot require local files)
//   electron/backend/store/checkpoint-worker.cjs is copied beside them as it is
// Usage: node scripts/build-electron.mjs
import { copyFileSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Electron 45 ships Node 22 and Chromium 140.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/**
 * Left out of the main bundle and loaded from node_modules at run time: native modules (rebuilt
 * for Electron's ABI by electron-builder) and packages with optional native parts or their own
 * dynamic requires. Each must be a runtime dependency, or the packaged app would miss it.
 */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'serialport', '@serialport/*', 'nodemailer', 'ws', 'bufferutil', 'utf-8-validate'];

function checkExternalsAreDependencies() {
  const deps = Object.keys(pkg.dependencies ?? {});
  for (const name of MAIN_EXTERNALS) {
    if (name === 'electron' || name === 'bufferutil' || name === 'utf-8-validate') continue; // provided by Electron / optional peers of ws
    const ok = name.endsWith('/*') ? deps.some((d) => d.startsWith(name.slice(0, -1))) : deps.includes(name);
    if (!ok) throw new Error(`${name} is external to the main bundle but not in package.json dependencies.`);
  }
}

/** The modules a bundle still requires at run time (from esbuild's metafile). */
function requiredModules(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) if (imp.external) found.add(imp.path);
  }
  return [...found].sort();
}

const isBuiltin = (name) => name.startsWith('node:') || builtinModules.includes(name);

/**
 * @param {{ quiet?: boolean, outDir?: string }} options outDir (default dist/electron) lets a
 *   test build elsewhere.
 * @returns the modules each bundle requires at run time, built-ins left out.
 */
export async function buildElectron({ quiet = false, outDir = join(root, 'dist', 'electron') } = {}) {
  checkExternalsAreDependencies();
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  };

  const main = await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    target: NODE_TARGET,
    external: MAIN_EXTERNALS,
    // CommonJS has no import.meta: the bundle's own URL stands in, so a file found beside a
    // module in the source (the WAL checkpointer's worker) is found beside main.cjs.
    banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { ...common.define, 'import.meta.url': '__bundle_url' },
  });

  const preload = await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    // A sandboxed preload is a browser-like context with a tiny `require` (electron, events,
    // timers, url): build for the browser so no Node built-in can sneak in.
    platform: 'browser',
    target: CHROME_TARGET,
    external: ['electron'],
  });
  const preloadRequires = requiredModules(preload.metafile);
  if (preloadRequires.some((m) => m !== 'electron')) {
    throw new Error(`The preload bundle requires ${preloadRequires.join(', ')}; a sandboxed preload may require only electron.`);
  }

  // The WAL checkpointer's thread is a file of its own, loaded by path beside main.cjs
  // (electron/backend/store/checkpointer.ts); it is plain CommonJS already.
  copyFileSync(join(root, 'electron', 'backend', 'store', 'checkpoint-worker.cjs'), join(outDir, 'checkpoint-worker.cjs'));
  // A backup's thread (store/backup-copy.ts), found the same way.
  copyFileSync(join(root, 'electron', 'backend', 'store', 'backup-copy-worker.cjs'), join(outDir, 'backup-copy-worker.cjs'));

  const mainRequires = requiredModules(main.metafile).filter((m) => !isBuiltin(m));
  if (!quiet) {
    console.log(`dist/electron/main.cjs     (requires at run time: ${mainRequires.join(', ')})`);
    console.log(`dist/electron/preload.cjs  (requires at run time: ${preloadRequires.join(', ')})`);
  }
  return { main: mainRequires, preload: preloadRequires };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildElectron();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
