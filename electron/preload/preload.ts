/**
 * The sandboxed preload: exposes ONE narrow bridge as `window.ujumbe` (docs/ARCHITECTURE.md "Habits": the renderer is untrusted) and nothing
 * else. The page gets `request(envelope)`, `onEvent(listener) -> unsubscribe`, `recoverKey(code)`
 * (the key-recovery page's one call, before a backend exists) and `choosePath(kind)` (the system's
 * folder or file chooser); it never sees `ipcRenderer`, an `IpcRendererEvent` (whose `sender` is ipcRenderer itself) or any other
 * channel. Main checks the sender and the envelope again; this side is only the narrow door.
 *
 * Sandboxed preloads cannot require local files, so scripts/build-electron.mjs bundles this and
 * its imports into one CommonJS file, dist/electron/preload.cjs, with only `electron` external.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, PATH_KINDS, type PathKind, type UjumbeBridge } from '../../src-shared/rpc/bridge.ts';
import type { RequestEnvelope } from '../../src-shared/rpc/envelope.ts';

export function createBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): UjumbeBridge {
  return {
    request(message: RequestEnvelope): Promise<unknown> {
      return ipc.invoke(IPC_CHANNELS.request, message);
    },
    onEvent(listener: (message: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
      // Only the envelope is passed on: the IpcRendererEvent stays here.
      const forward = (_event: IpcRendererEvent, message: unknown) => listener(message);
      ipc.on(IPC_CHANNELS.event, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC_CHANNELS.event, forward);
      };
    },
    recoverKey(code: string): Promise<unknown> {
      if (typeof code !== 'string') throw new TypeError('recoverKey needs the code as text.');
      return ipc.invoke(IPC_CHANNELS.recoverKey, code);
    },
    choosePath(kind: PathKind): Promise<unknown> {
      if (!(PATH_KINDS as readonly string[]).includes(kind)) throw new TypeError('choosePath needs one of the known kinds.');
      return ipc.invoke(IPC_CHANNELS.choosePath, kind);
    },
  };
}

contextBridge.exposeInMainWorld('ujumbe', createBridge(ipcRenderer));
