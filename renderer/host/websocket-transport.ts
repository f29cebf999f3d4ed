/**
 * The browser side of the headless host's WebSocket: one open socket as a Transport (JSON text
 * frames), and the handshake that carries the token. Reconnecting is connect.ts's job: this
 * transport lives and dies with its socket.
 */
import type { Envelope } from '../../src-shared/rpc/envelope.ts';
import type { Transport } from '../../src-shared/rpc/transport.ts';

/** What the server answers with; the token travels as a second, never-echoed subprotocol. */
export const WS_PROTOCOL = 'ujumbe';
export const WS_TOKEN_PROTOCOL_PREFIX = 'ujumbe.token.';

/** The subset of the DOM WebSocket used here (a test may pass another implementation). */
export type WebSocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'addEventListener' | 'removeEventListener' | 'protocol'>;
export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

const OPEN = 1;

/** An `error` is always followed by `close`, which is what is acted on. */
const ignoreError = () => {};

export const browserWebSocket: WebSocketFactory = (url, protocols) => new WebSocket(url, protocols);

/**
 * Opens a socket with the token; resolves once it is open, rejects if it closes first (the
 * browser does not say why: a refused token and a stopped server look the same here).
 */
export function openWebSocket(url: string, token: string, factory: WebSocketFactory = browserWebSocket): Promise<WebSocketLike> {
  return new Promise((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = factory(url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`]);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const onOpen = () => {
      cleanup();
      resolve(socket);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The WebSocket closed before it opened.'));
    };
    const cleanup = () => {
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('close', onClose);
      socket.removeEventListener('error', ignoreError);
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('close', onClose);
    socket.addEventListener('error', ignoreError);
  });
}

/** An open socket as a Transport. Frames that are not JSON are dropped. */
export function createWebSocketTransport(socket: WebSocketLike): Transport {
  const messageListeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  const onMessage = (event: MessageEvent) => {
    if (closed || typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const listener of [...messageListeners]) listener(message);
  };
  const onClose = () => {
    if (closed) return;
    closed = true;
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
    socket.removeEventListener('error', ignoreError);
    for (const listener of [...closeListeners]) listener();
    closeListeners.clear();
    messageListeners.clear();
  };
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);
  socket.addEventListener('error', ignoreError);
  if (socket.readyState !== OPEN) queueMicrotask(onClose);

  return {
    send(message: Envelope) {
      if (closed || socket.readyState !== OPEN) throw new Error('The connection to Ujumbe is closed.');
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      socket.close(1000);
      onClose();
    },
  };
}
