/**
 * One Ujumbe per user: two instances would fight over the modem's serial port and write to one
 * database. A second launch hands over to the first, which brings its window to the front — or
 * opens it again: the window may have been closed while Ujumbe kept running in the tray, or never
 * opened (a start at login, `--hidden`). A second launch that is itself a start at login (the
 * login item firing while Ujumbe already runs) opens nothing.
 */
import { app, type BrowserWindow } from 'electron';
import { HIDDEN_FLAG } from './login-item.ts';
import { focusWindow } from './window.ts';

/**
 * @param reopen opens the window when there is none, then focuses it; without it, the current
 *   window (if any) is focused.
 * @returns false in a second instance (the caller quits at once and does nothing else); true in
 *   the first, which from now on shows its window whenever another launch is attempted.
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null, reopen?: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv: string[]) => {
    if (Array.isArray(argv) && argv.includes(HIDDEN_FLAG)) return;
    if (reopen) reopen();
    else focusWindow(getWindow());
  });
  return true;
}
