/**
 * The ONE ipcMain entry point (docs/ARCHITECTURE.md "Habits": dumb transports; the renderer is untrusted). Requests arrive on `IPC_CHANNELS.request` through
 * `ipcMain.handle`; each is checked — sender is the app window's top frame showing the app's own
 * file, payload is a request envelope — then handed to the RPC server, whose answer (a result or
 * an error, as data) is returned as a response envelope. Events go to the window on
 * `IPC_CHANNELS.event` through a Transport the RPC server fans out to like any other connection.
 *
 * Electron keeps only the `message` of an error thrown from a handler, so errors of commands
 * travel inside the envelope; the two refusals below are the only thrown errors, and they carry
 * nothing but a fixed message.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventEnvelope, ResponseEnvelope } from '../../src-shared/rpc/envelope.ts';
import { parseEnvelope } from '../../src-shared/rpc/envelope.ts';
import { IPC_CHANNELS } from '../../src-shared/rpc/bridge.ts';
import type { RpcServer } from '../../src-shared/rpc/server.ts';
import type { Transport } from '../../src-shared/rpc/transport.ts';
import { isAppFileUrl } from './app-paths.ts';
import { newSession, type CallerSession } from '../../src-shared/contract/access.ts';

export const REFUSED_SENDER = 'Refused: unknown sender';
export const REFUSED_MALFORMED = 'Refused: not a request envelope';

export interface IpcTransportOptions {
  rpcServer: RpcServer;
  /** The app window, or null while there is none. Only its top frame may call. */
  getWindow: () => BrowserWindow | null;
  /** The renderer's entry page (`AppPaths.rendererIndex`). */
  rendererIndex: string;
  /** Told after each answered request (the tray refreshes its unread count after a read). */
  onAnswered?: (command: string, ok: boolean) => void;
  /** Told about each refusal (reason only: the payload may hold patient data). */
  onRefused?: (reason: string) => void;
}

export interface IpcTransport {
  /**
   * The window's session (issue 13): who the renderer acts as. One per app window, for the
   * life of the app: a page reload keeps it (signed in or locked), so reloading is no way round
   * the lock.
   */
  readonly session: CallerSession;
  /** Removes the handler and stops sending events. */
  close(): void;
}

/**
 * True when the IPC came from the app window's top frame while it shows the app's own page.
 * A frame that is gone, an iframe, another window or a page that got navigated elsewhere is not.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, rendererIndex: string): boolean {
  if (!window || window.isDestroyed()) return false;
  try {
    const contents = window.webContents;
    if (event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const top = contents.mainFrame;
    if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
    return isAppFileUrl(frame.url, rendererIndex);
  } catch {
    // A frame disposed while we looked at it.
    return false;
  }
}

/**
 * Only plain JSON crosses, as on the WebSocket host: the renderer sees the same data whichever
 * host it runs in (no Dates, Maps or undefined that structured clone would keep).
 */
function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function registerIpcTransport(options: IpcTransportOptions): IpcTransport {
  const { rpcServer, getWindow, rendererIndex } = options;
  const session = newSession('ipc');

  ipcMain.handle(IPC_CHANNELS.request, async (event, raw: unknown): Promise<ResponseEnvelope> => {
    if (!isTrustedSender(event, getWindow(), rendererIndex)) {
      options.onRefused?.('sender');
      throw new Error(REFUSED_SENDER);
    }
    const message = parseEnvelope(raw);
    if (!message || message.type !== 'request') {
      options.onRefused?.('envelope');
      throw new Error(REFUSED_MALFORMED);
    }
    const outcome = await rpcServer.invoke(message.command, message.params, session);
    options.onAnswered?.(message.command, outcome.ok);
    try {
      return outcome.ok
        ? { type: 'response', id: message.id, ok: true, result: asJson(outcome.result) }
        : { type: 'response', id: message.id, ok: false, error: asJson(outcome.error) };
    } catch (err) {
      return { type: 'response', id: message.id, ok: false, error: { code: 'internal', message: `The answer to "${message.command}" could not be sent: ${err instanceof Error ? err.message : String(err)}` } };
    }
  });

  // Events: the RPC server fans out to this like to any connection. Requests never come this
  // way (they are answered by the handler above), so onMessage has nothing to deliver.
  const closeListeners = new Set<() => void>();
  let closed = false;
  const events: Transport = {
    send(message) {
      if (closed || message.type !== 'event') return;
      const window = getWindow();
      if (!window || window.isDestroyed()) return;
      const contents = window.webContents;
      // Never hand patient data to a page that is not ours.
      if (!isAppFileUrl(contents.getURL(), rendererIndex)) return;
      contents.send(IPC_CHANNELS.event, asJson<EventEnvelope>(message));
    },
    onMessage() {
      return () => {};
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const listener of [...closeListeners]) listener();
    },
  };
  const detach = rpcServer.serve(events, session);

  return {
    session,
    close() {
      ipcMain.removeHandler(IPC_CHANNELS.request);
      detach();
      events.close();
    },
  };
}
