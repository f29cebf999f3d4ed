/**
 * The one narrow bridge the Electron preload exposes to the renderer as `window.ujumbe`
 * (docs/ARCHITECTURE.md "Habits": the renderer is untrusted): requests go out and come back as envelopes; events arrive through one
 * listener. Never raw ipcRenderer. The renderer wraps it in a Transport (renderer/host/).
 */
import type { RequestEnvelope } from './envelope.ts';

export interface UjumbeBridge {
  /** Sends a request envelope; resolves with the response envelope (untrusted until parsed). */
  request(message: RequestEnvelope): Promise<unknown>;
  /** @returns unsubscribe */
  onEvent(listener: (message: unknown) => void): () => void;
  /**
   * The recovery code typed on the key-recovery page (electron/main/key-recovery-window.ts),
   * before any backend exists; main answers it only while that page is open. Resolves with a
   * KeyRecoveryAnswer (untrusted until checked).
   */
  recoverKey(code: string): Promise<unknown>;
  /**
   * Opens the system's chooser for a path the page needs (electron/main/path-chooser.ts):
   * resolves with the chosen absolute path, or null when cancelled. Only the desktop app has it.
   */
  choosePath(kind: PathKind): Promise<unknown>;
}

/** What a page may ask the system's chooser for. */
export const PATH_KINDS = ['backup-folder', 'backup-file'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

/** What main answers a recoverKey: opened, or the error's code (`database-key-wrong-code` …). */
export type KeyRecoveryAnswer = { ok: true } | { ok: false; code: string };

/** The page's address carries this query parameter when it is the key-recovery page. */
export const KEY_RECOVERY_QUERY = 'key-recovery';

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = { request: 'ujumbe:request', event: 'ujumbe:event', recoverKey: 'ujumbe:recover-key', choosePath: 'ujumbe:choose-path' } as const;
