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
}

/** What main answers a recoverKey: opened, or the error's code (`database-key-wrong-code` …). */
export type KeyRecoveryAnswer = { ok: true } | { ok: false; code: string };

/** The page's address carries this query parameter when it is the key-recovery page. */
export const KEY_RECOVERY_QUERY = 'key-recovery';

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = { request: 'ujumbe:request', event: 'ujumbe:event', recoverKey: 'ujumbe:recover-key' } as const;
