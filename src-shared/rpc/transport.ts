/**
 * The one thing every host implements (docs/ARCHITECTURE.md "Habits": dumb transports): Electron IPC, the headless WebSocket and
 * the in-memory pair used by tests. Transports are dumb: they move envelopes and nothing else;
 * validation, errors, timeouts and event fan-out live once, in client.ts and server.ts.
 */
import type { Envelope } from './envelope.ts';

export interface Transport {
  send(message: Envelope): void;
  /** @returns unsubscribe */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other side goes away (socket closed, window gone). @returns unsubscribe */
  onClose(listener: () => void): () => void;
  close(): void;
}
