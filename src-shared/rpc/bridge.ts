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
}

/** The IPC channel names, in one place for main and preload. */
export const IPC_CHANNELS = { request: 'ujumbe:request', event: 'ujumbe:event' } as const;
