/**
 * The server side of one WebSocket connection as a Transport (src-shared/rpc/transport.ts):
 * JSON text frames in and out, nothing else. Dumb on purpose (docs/ARCHITECTURE.md "Habits": dumb transports): the RPC server
 * validates what arrives; this only refuses what is not a JSON text frame of sane size, and
 * drops a client that stops reading.
 */
import type { RawData, WebSocket } from 'ws';
import type { Envelope } from '../../src-shared/rpc/envelope.ts';
import type { Transport } from '../../src-shared/rpc/transport.ts';
import { type Logger, silentLogger } from '../backend/logger.ts';

/** The largest frame accepted (a 10,000-recipient send is about 600 KB of JSON). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A client that has this much unread output is not reading: it is dropped. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** RFC 6455 §7.4.1 close codes used here. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  tooBig: 1009,
  /** 4000-4999: private use. */
  slowConsumer: 4008,
} as const;

export interface WebSocketTransportOptions {
  maxFrameBytes?: number;
  maxBufferedBytes?: number;
  logger?: Logger;
}

export function createWebSocketTransport(socket: WebSocket, options: WebSocketTransportOptions = {}): Transport {
  const maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const logger = options.logger ?? silentLogger;
  const messageListeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  const drop = (code: number, reason: string) => {
    logger.warn('Closing a WebSocket client', { code, reason });
    socket.close(code, reason);
  };

  const onMessage = (data: RawData, isBinary: boolean) => {
    if (closed) return;
    if (isBinary) return drop(CLOSE_CODES.unsupportedData, 'Text frames only');
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    // ws enforces maxPayload too (closing with 1009); this guards a transport made without it.
    if (size > maxFrameBytes) return drop(CLOSE_CODES.tooBig, 'Frame too large');
    let message: unknown;
    try {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      message = JSON.parse(text);
    } catch {
      return drop(CLOSE_CODES.invalidPayload, 'Frames must be JSON');
    }
    for (const listener of [...messageListeners]) listener(message);
  };

  const onClose = () => {
    if (closed) return;
    closed = true;
    socket.off('message', onMessage);
    for (const listener of [...closeListeners]) listener();
    closeListeners.clear();
    messageListeners.clear();
  };

  socket.on('message', onMessage);
  socket.on('close', onClose);
  // An 'error' is always followed by 'close'; a listener is needed so it is not thrown.
  socket.on('error', (err) => logger.debug('WebSocket error', { error: err.message }));

  return {
    send(message: Envelope) {
      if (closed || socket.readyState !== socket.OPEN) throw new Error('The WebSocket is closed.');
      if (socket.bufferedAmount > maxBufferedBytes) {
        drop(CLOSE_CODES.slowConsumer, 'Not reading');
        throw new Error('The WebSocket client is not reading.');
      }
      socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(listener);
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (socket.readyState === socket.CLOSED || socket.readyState === socket.CLOSING) return;
      socket.close(CLOSE_CODES.normal);
    },
  };
}
