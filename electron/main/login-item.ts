/**
 * "Start at login" (the `startAtLogin` setting, on by default; issue 11 "Scheduled sends": a
 * reminder due at 07:00 must not wait for a nurse to open the app). Applied by main at start and
 * after each `settings.update` that changes it; the headless host saves the setting and ignores it.
 *
 * - Windows: the Run registry key, through `app.setLoginItemSettings({ openAtLogin, args:
 *   ['--hidden'] })` (path: process.execPath, the installed Ujumbe.exe).
 * - macOS: a login item through `app.setLoginItemSettings({ openAtLogin })` (SMAppService on
 *   macOS 13+). macOS passes no arguments to a login item and Electron 45 has no `openAsHidden`
 *   any more, so a start at login is recognised by `getLoginItemSettings().wasOpenedAtLogin`.
 * - Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/ujumbe.desktop` (XDG Autostart
 *   spec; `~/.config` when XDG_CONFIG_HOME is unset or relative), `Exec=` the AppImage file
 *   ($APPIMAGE: process.execPath inside an AppImage is a mount point that is gone after it exits)
 *   or else process.execPath, with `--hidden`; removed when the setting is off.
 *
 * A start with `--hidden` opens no window, only the tray (main.ts).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, posix } from 'node:path';
import { app } from 'electron';

/** The switch a start at login carries (Chromium strips neither it nor its value). */
export const HIDDEN_SWITCH = 'hidden';
export const HIDDEN_FLAG = `--${HIDDEN_SWITCH}`;

/** The autostart file's name: one per user, whatever Ujumbe is installed as. */
export const AUTOSTART_FILE_NAME = 'ujumbe.desktop';

export interface LoginItemEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  execPath: string;
}

const currentEnvironment = (): LoginItemEnvironment => ({ platform: process.platform, env: process.env, homeDir: homedir(), execPath: process.execPath });

/** What applying did: the OS's login item (Windows, macOS), or the autostart file written or removed. */
export type LoginItemOutcome = { way: 'login-item'; openAtLogin: boolean } | { way: 'autostart-file'; openAtLogin: boolean; path: string };

/** `$XDG_CONFIG_HOME/autostart/ujumbe.desktop`; a relative XDG_CONFIG_HOME is invalid (XDG Base Directory spec) and ignored. */
export function autostartPath(environment: Pick<LoginItemEnvironment, 'env' | 'homeDir'>): string {
  const xdg = environment.env.XDG_CONFIG_HOME;
  const config = xdg && xdg.startsWith('/') ? xdg : posix.join(environment.homeDir, '.config');
  return posix.join(config, 'autostart', AUTOSTART_FILE_NAME);
}

/** What the autostart file starts: the AppImage itself when running from one, else this executable. */
export function autostartExecutable(environment: Pick<LoginItemEnvironment, 'env' | 'execPath'>): string {
  const appImage = environment.env.APPIMAGE;
  return appImage && appImage.startsWith('/') ? appImage : environment.execPath;
}

/**
 * One argument of an `Exec=` line (Desktop Entry spec, "The Exec key"): quoted when it holds a
 * reserved character, `"`, `` ` ``, `$` and `\` escaped inside the quotes; `%` doubled (field
 * codes). Then the backslashes once more, since the value is also a string (spec "Value types").
 */
export function execArgument(arg: string): string {
  const percent = arg.replace(/%/g, '%%');
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(percent) ? `"${percent.replace(/(["`$\\])/g, '\\$1')}"` : percent;
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart file's text. No message content, nothing about the clinic. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Ujumbe',
    'Comment=Sends scheduled messages and receives replies in the background',
    `Exec=${execArgument(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Makes the OS start Ujumbe at login (hidden), or stop doing so.
 * @throws the file system's error when the autostart file cannot be written or removed (Linux).
 */
export function applyLoginItem(openAtLogin: boolean, environment: LoginItemEnvironment = currentEnvironment()): LoginItemOutcome {
  if (environment.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_FLAG] });
    return { way: 'login-item', openAtLogin };
  }
  if (environment.platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin });
    return { way: 'login-item', openAtLogin };
  }
  const path = autostartPath(environment);
  if (!openAtLogin) {
    rmSync(path, { force: true });
    return { way: 'autostart-file', openAtLogin, path };
  }
  const text = autostartEntry(autostartExecutable(environment));
  let existing: string | null = null;
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    // Not there yet.
  }
  if (existing !== text) {
    mkdirSync(dirname(path), { recursive: true });
    // Written whole, then renamed: a session manager never reads half a file.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text, { mode: 0o644 });
    renameSync(temp, path);
  }
  return { way: 'autostart-file', openAtLogin, path };
}

/** True for a start at login: `--hidden` (Windows, Linux), or macOS saying it opened the login item. */
export function startedAtLogin(platform: NodeJS.Platform = process.platform): boolean {
  if (app.commandLine.hasSwitch(HIDDEN_SWITCH)) return true;
  if (platform !== 'darwin') return false;
  try {
    return app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false;
  }
}

/**
 * Why this run must not touch the login item, or null. Not packaged: process.execPath is the bare
 * Electron binary, which would start without Ujumbe. Another data folder (`--data-dir`): the login
 * item starts the default one, so only a run on the default folder decides it.
 */
export function loginItemSkipReason(run: { isPackaged: boolean; explicitDataDir: boolean }): 'not-packaged' | 'other-data-folder' | null {
  if (!run.isPackaged) return 'not-packaged';
  if (run.explicitDataDir) return 'other-data-folder';
  return null;
}
