/**
 * One Ujumbe per user: two instances would fight over the modem's serial port and write to one
 * database. A second launch hands over to the first, which brings its window to the front.
 */
import { app, type BrowserWindow } from 'electron';
import { focusWindow } from './window.ts';

/**
 * @returns false in a second instance (the caller quits at once and does nothing else); true in
 *   the first, which from now on focuses its window whenever another launch is attempted.
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focusWindow(getWindow()));
  return true;
}
