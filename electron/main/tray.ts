/**
 * The tray icon: the unread count in its tooltip (and its title where the OS shows one: the
 * macOS menu bar, Linux app indicators) and a menu with Open Ujumbe and Quit.
 * Some Linux desktops show no tray at all; nothing depends on it (a second launch of Ujumbe
 * also brings the window back).
 */
import { Menu, Tray, nativeImage } from 'electron';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon.ts';

export interface TrayOptions {
  onOpen: () => void;
  onQuit: () => void;
}

export interface UnreadTray {
  setUnread(count: number): void;
  destroy(): void;
}

/** The tooltip for a count: plain words, no message content. */
export function trayTooltip(count: number): string {
  if (count <= 0) return 'Ujumbe — no unread messages';
  return count === 1 ? 'Ujumbe — 1 unread message' : `Ujumbe — ${count} unread messages`;
}

/** The short title beside the icon; empty when there is nothing unread. */
export function trayTitle(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export function createUnreadTray(options: TrayOptions): UnreadTray {
  const tray = new Tray(nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_ICON_PNG_BASE64}`));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Ujumbe', click: () => options.onOpen() },
      { type: 'separator' },
      { label: 'Quit', click: () => options.onQuit() },
    ]),
  );
  // Windows and most Linux trays: a click opens the window (macOS opens the menu).
  tray.on('click', () => options.onOpen());
  tray.setToolTip(trayTooltip(0));

  let destroyed = false;
  return {
    setUnread(count) {
      if (destroyed) return;
      const n = Number.isSafeInteger(count) && count > 0 ? count : 0;
      tray.setToolTip(trayTooltip(n));
      tray.setTitle(trayTitle(n));
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray.destroy();
    },
  };
}
