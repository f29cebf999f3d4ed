/**
 * The tray icon (the menu bar on macOS): the unread count in its tooltip (and its title where the
 * OS shows one: the macOS menu bar, Linux app indicators) and a menu with "Open Ujumbe" and
 * "Quit Ujumbe", in the interface language (shell-words.ts). Closing the window leaves Ujumbe
 * running (docs/ARCHITECTURE.md "Hosts"), so this menu is how it is quit.
 * Some Linux desktops show no tray at all (the constructor throws there); Ujumbe keeps running
 * then too, and a second launch of Ujumbe brings the window back.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { MainLanguage } from './damaged-database-dialog.ts';
import { SHELL_WORDS } from './shell-words.ts';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon.ts';

export interface TrayOptions {
  onOpen: () => void;
  onQuit: () => void;
  /** The words' language at first; setLanguage changes it. Default English. */
  language?: MainLanguage;
}

export interface UnreadTray {
  setUnread(count: number): void;
  /** Re-words the menu and the tooltip (the interface language setting changed). */
  setLanguage(language: MainLanguage): void;
  destroy(): void;
}

/** The tooltip for a count: plain words, no message content. */
export function trayTooltip(count: number, language: MainLanguage = 'en'): string {
  return SHELL_WORDS[language].unread(count);
}

/** The short title beside the icon; empty when there is nothing unread. */
export function trayTitle(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** @throws where the desktop has no tray (the caller carries on without one). */
export function createUnreadTray(options: TrayOptions): UnreadTray {
  const tray = new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_ICON_PNG_BASE64}`));
  let language: MainLanguage = options.language ?? 'en';
  let unread = 0;
  const word = () => {
    const words = SHELL_WORDS[language];
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.open, click: () => options.onOpen() },
        { type: 'separator' },
        { label: words.quit, click: () => options.onQuit() },
      ]),
    );
    tray.setToolTip(trayTooltip(unread, language));
  };
  word();
  // Windows and most Linux trays: a click opens the window (macOS opens the menu).
  tray.on('click', () => options.onOpen());

  let destroyed = false;
  return {
    setUnread(count) {
      if (destroyed) return;
      unread = Number.isSafeInteger(count) && count > 0 ? count : 0;
      tray.setToolTip(trayTooltip(unread, language));
      tray.setTitle(trayTitle(unread));
    },
    setLanguage(next) {
      if (destroyed || next === language) return;
      language = next;
      word();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}
