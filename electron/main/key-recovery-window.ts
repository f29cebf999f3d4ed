/**
 * The desktop app's way back when the keychain no longer opens the data's key (a new Windows
 * profile, a reinstalled OS: Signal-Desktop's #6970 failure; docs/ARCHITECTURE.md "Data at
 * rest"). Native dialogs take no text, so the app's own page opens in its key-recovery form
 * (renderer/app/KeyRecovery.tsx, `?key-recovery=1`), before any backend exists: the page's
 * one call is the bridge's `recoverKey(code)`, answered here only while that window is open and
 * only from its own top frame (ipc-transport.ts isTrustedSender). The code re-seals the key with
 * this computer's keychain (store/database-key.ts recoverDatabaseKey); main then starts as usual.
 * Closing the window quits, with nothing changed. `ujumbe recover` is the same from a terminal.
 */
import { ipcMain } from 'electron';
import { IPC_CHANNELS, KEY_RECOVERY_QUERY, type KeyRecoveryAnswer } from '../../src-shared/rpc/bridge.ts';
import { DatabaseKeyError } from '../backend/store/database-key.ts';
import type { AppPaths } from './app-paths.ts';
import { isTrustedSender } from './ipc-transport.ts';
import { createMainWindow } from './window.ts';

/** Longer than any code typed by hand (24 characters and five dashes), short enough to refuse junk unread. */
const MAX_CODE_LENGTH = 100;

export interface KeyRecoveryOptions {
  paths: AppPaths;
  workArea?: { width: number; height: number };
  /** Re-seals the key with the code (recoverDatabaseKey); throws DatabaseKeyError when it does not open it. */
  recover: (code: string) => void;
  onLoadFailed?: (error: Error) => void;
}

/** Resolves true once a code opened the data (the window is closed then), false when the person closed the window. */
export function askForRecoveryCode(options: KeyRecoveryOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const window = createMainWindow(options.paths, {
      ...(options.workArea ? { workArea: options.workArea } : {}),
      query: { [KEY_RECOVERY_QUERY]: '1' },
      ...(options.onLoadFailed ? { onLoadFailed: options.onLoadFailed } : {}),
    });
    let settled = false;
    const finish = (opened: boolean): void => {
      if (settled) return;
      settled = true;
      ipcMain.removeHandler(IPC_CHANNELS.recoverKey);
      resolve(opened);
      if (opened && !window.isDestroyed()) window.close();
    };
    ipcMain.handle(IPC_CHANNELS.recoverKey, (event, code: unknown): KeyRecoveryAnswer => {
      if (!isTrustedSender(event, window, options.paths.rendererIndex)) throw new Error('Refused: unknown sender');
      if (settled) return { ok: true };
      if (typeof code !== 'string' || code.length > MAX_CODE_LENGTH) return { ok: false, code: 'database-key-wrong-code' };
      try {
        options.recover(code);
      } catch (error) {
        // Anything else (a key file gone or damaged meanwhile) is said the same way: the page words the code.
        if (error instanceof DatabaseKeyError) return { ok: false, code: error.code };
        throw error;
      }
      finish(true);
      return { ok: true };
    });
    window.once('closed', () => finish(false));
  });
}
