/**
 * The first time the window is closed, Ujumbe says that it keeps running (to send scheduled
 * messages and receive replies) and how to open or quit it (docs/ARCHITECTURE.md "Hosts";
 * issue 11 "Scheduled sends"). Once per data folder: remembered in the settings store
 * (`trayNoticeShown`), so neither a second close nor a restart shows it again.
 *
 * A desktop notification where the OS has them; a message box where it has none. Where the
 * desktop has no tray there is no icon to quit from, so the message box (not a notification)
 * says how to get back (start Ujumbe again) and offers "Quit Ujumbe" at once.
 */
import { Notification, dialog } from 'electron';
import type { MainLanguage } from './damaged-database-dialog.ts';
import { type IconPlace, SHELL_WORDS } from './shell-words.ts';

export interface BackgroundNoticeOptions {
  /** True once the notice has been shown (the settings store). */
  alreadyShown: () => boolean;
  /** Remembers that it has been shown (the settings store). */
  markShown: () => void;
  language: () => MainLanguage;
  place: () => IconPlace;
  /** A click on the notification opens the window again. */
  showWindow: () => void;
  /** "Quit Ujumbe" in the message box of a desktop without a tray. */
  quit: () => void;
}

export type BackgroundNoticeOutcome = 'notification' | 'message-box' | 'already-shown';

/** @returns what to call each time the window has been closed while Ujumbe keeps running. */
export function createBackgroundNotice(options: BackgroundNoticeOptions): () => Promise<BackgroundNoticeOutcome> {
  // Electron drops a Notification's click handler when the object is garbage-collected.
  const live = new Set<Notification>();
  let shownThisRun = false;
  return async () => {
    if (shownThisRun || options.alreadyShown()) return 'already-shown';
    shownThisRun = true;
    options.markShown();
    const words = SHELL_WORDS[options.language()];
    const place = options.place();
    const body = words.noticeBody(place);
    if (place !== 'none' && Notification.isSupported()) {
      const notification = new Notification({ title: words.noticeTitle, body, silent: true });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        options.showWindow();
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
      return 'notification';
    }
    const buttons = place === 'none' ? [words.ok, words.quit] : [words.ok];
    const { response } = await dialog.showMessageBox({ type: 'info', title: words.noticeTitle, message: words.noticeTitle, detail: body, buttons, defaultId: 0, cancelId: 0, noLink: true });
    if (place === 'none' && response === 1) options.quit();
    return 'message-box';
  };
}
