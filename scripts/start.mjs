#!/usr/bin/env node
// `npm start`: builds the renderer and the Electron host, then starts the desktop app. Where the
// Electron binary is missing and cannot be downloaded (Electron 45+ fetches it on first launch,
// and machines without internet cannot), it says so in one plain message and starts the headless
// host instead, which serves the same app to the browser (`ujumbe serve`).
// Arguments after `--` go to the app: `npm start -- --data-dir=/tmp/ujumbe`.
//
// Never `require('electron')` here: that starts a download of its own and throws when it fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);

export const FALLBACK_MESSAGE =
  'The Electron desktop shell is not available on this machine (its binary could not be downloaded). Starting Ujumbe in your browser instead:';

/** The installed Electron binary, or null. Reads what electron's own index.js reads, without its download. */
export function installedElectronBinary(packageDir = electronPackage, env = process.env) {
  let relative;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(packageDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

/** Runs the download electron's package would run, once. Its output is kept out of the way. */
function tryDownloadElectron() {
  const installer = join(electronPackage, 'install.js');
  if (!existsSync(installer)) return;
  spawnSync(process.execPath, [installer], { cwd: electronPackage, stdio: 'ignore', timeout: 10 * 60_000 });
}

/**
 * Runs a child with our stdio, passes Ctrl-C and termination on, and exits with its code.
 * Ctrl-C in a terminal already reaches the child (the whole foreground process group gets it);
 * passing it on as well would be a second Ctrl-C, which the app reads as "stop now, do not wait
 * for the modem". So SIGINT is forwarded only when we have no terminal; SIGTERM always.
 */
function runForwardingSignals(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
  });
}

function buildRenderer() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build:renderer'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error('The app screens (renderer) did not build; see above.');
    process.exit(result.status ?? 1);
  }
}

async function main() {
  buildRenderer();
  try {
    await buildElectron({ quiet: true });
  } catch (error) {
    console.error(`The Electron host did not build: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }

  let binary = installedElectronBinary();
  if (!binary) {
    tryDownloadElectron();
    binary = installedElectronBinary();
  }

  if (binary) {
    const env = { ...process.env };
    // Set, it would make Electron run as plain Node instead of as the app.
    delete env.ELECTRON_RUN_AS_NODE;
    runForwardingSignals(binary, [root, ...args], env);
    return;
  }

  console.log(FALLBACK_MESSAGE);
  runForwardingSignals(process.execPath, [join(root, 'bin', 'ujumbe.mjs'), 'serve', ...args]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
