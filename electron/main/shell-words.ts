/**
 * What the desktop shell itself says (tray, the "still running" notice), in English and Swahili.
 * Main has no i18n library (the renderer's i18next is not loaded here): a small typed table, as
 * for the damaged-database question (damaged-database-dialog.ts), so a missing word is a type
 * error. The language is the interface language the nurse chose (the `language` setting), read
 * through the contract; Swahili to be checked by a native speaker, as the renderer's is.
 */
import type { MainLanguage } from './damaged-database-dialog.ts';

/** Where the icon that stays is: the tray (Windows, Linux), the menu bar (macOS), or nowhere (a desktop without a tray). */
export type IconPlace = 'tray' | 'menu-bar' | 'none';

export interface ShellWords {
  /** The tray's tooltip for an unread count (plain words, no message content). */
  unread: (count: number) => string;
  open: string;
  quit: string;
  /** The first time the window is closed: Ujumbe keeps running, and how to open or quit it. */
  noticeTitle: string;
  noticeBody: (place: IconPlace) => string;
  ok: string;
  /** The native choosers the page opens (path-chooser.ts). */
  chooseBackupFolder: string;
  chooseBackupFile: string;
  backupFiles: string;
  allFiles: string;
}

export const SHELL_WORDS: Record<MainLanguage, ShellWords> = {
  en: {
    unread: (count) => (count <= 0 ? 'Ujumbe — no unread messages' : count === 1 ? 'Ujumbe — 1 unread message' : `Ujumbe — ${count} unread messages`),
    open: 'Open Ujumbe',
    quit: 'Quit Ujumbe',
    noticeTitle: 'Ujumbe is still running',
    noticeBody: (place) =>
      'Ujumbe keeps running to send scheduled messages and receive replies. ' +
      (place === 'none'
        ? 'To open it, start Ujumbe again. To stop it, open it and choose Quit in its File menu (Ctrl+Q).'
        : `To open it, click the Ujumbe icon in the ${place === 'menu-bar' ? 'menu bar' : 'tray'} or start Ujumbe again. To stop it, choose “Quit Ujumbe” in that icon’s menu.`),
    ok: 'OK',
    chooseBackupFolder: 'Choose the folder for Ujumbe’s backups (a USB stick or a second disk)',
    chooseBackupFile: 'Choose the Ujumbe backup to restore',
    backupFiles: 'Ujumbe backup',
    allFiles: 'All files',
  },
  sw: {
    unread: (count) => (count <= 0 ? 'Ujumbe — hakuna jumbe ambazo hazijasomwa' : count === 1 ? 'Ujumbe — ujumbe 1 ambao haujasomwa' : `Ujumbe — jumbe ${count} ambazo hazijasomwa`),
    open: 'Fungua Ujumbe',
    quit: 'Zima Ujumbe',
    noticeTitle: 'Ujumbe bado unafanya kazi',
    noticeBody: (place) =>
      'Ujumbe unaendelea kufanya kazi ili kutuma jumbe zilizopangwa na kupokea majibu. ' +
      (place === 'none'
        ? 'Ili kuufungua, anzisha Ujumbe tena. Ili kuuzima, ufungue kisha uchague Quit kwenye menyu ya File (Ctrl+Q).'
        : `Ili kuufungua, bofya alama ya Ujumbe kwenye ${place === 'menu-bar' ? 'upau wa menyu' : 'trei'} au anzisha Ujumbe tena. Ili kuuzima, chagua “Zima Ujumbe” kwenye menyu ya alama hiyo.`),
    ok: 'Sawa',
    chooseBackupFolder: 'Chagua folda ya nakala za akiba za Ujumbe (USB au diski ya pili)',
    chooseBackupFile: 'Chagua nakala ya akiba ya Ujumbe ya kurejesha',
    backupFiles: 'Nakala ya akiba ya Ujumbe',
    allFiles: 'Faili zote',
  },
};
