/**
 * The system's folder and file choosers for the page (the Backups panel's "Choose…": a USB stick
 * or a second disk is picked, not typed). The page names only the kind (bridge.ts PATH_KINDS);
 * main words the chooser in the interface language and answers only the app window's own top
 * frame (ipc-transport.ts isTrustedSender). The path goes back to the page, which saves it
 * through the contract as it would a typed one (backups.configure, backups.restore check it).
 */
import { dialog, ipcMain, type BrowserWindow, type OpenDialogOptions } from 'electron';
import { IPC_CHANNELS, PATH_KINDS, type PathKind } from '../../src-shared/rpc/bridge.ts';
import { BACKUP_FILE_EXTENSION } from '../backend/backup/backup-files.ts';
import type { MainLanguage } from './damaged-database-dialog.ts';
import { isTrustedSender } from './ipc-transport.ts';
import { SHELL_WORDS } from './shell-words.ts';

export function chooserOptions(kind: PathKind, language: MainLanguage): OpenDialogOptions {
  const words = SHELL_WORDS[language];
  if (kind === 'backup-folder') return { title: words.chooseBackupFolder, properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
  return {
    title: words.chooseBackupFile,
    properties: ['openFile', 'dontAddToRecent'],
    filters: [
      { name: words.backupFiles, extensions: [BACKUP_FILE_EXTENSION] },
      { name: words.allFiles, extensions: ['*'] },
    ],
  };
}

export function registerPathChooser(options: { getWindow: () => BrowserWindow | null; rendererIndex: string; language: () => MainLanguage }): () => void {
  ipcMain.handle(IPC_CHANNELS.choosePath, async (event, kind: unknown): Promise<string | null> => {
    const window = options.getWindow();
    if (!isTrustedSender(event, window, options.rendererIndex) || !window) throw new Error('Refused: unknown sender');
    if (typeof kind !== 'string' || !(PATH_KINDS as readonly string[]).includes(kind)) throw new Error('Refused: unknown kind of path');
    const chosen = await dialog.showOpenDialog(window, chooserOptions(kind as PathKind, options.language()));
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.choosePath);
}
