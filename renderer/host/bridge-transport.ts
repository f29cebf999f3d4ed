/**
 * The Electron host's Transport: the preload's one narrow bridge (`window.ujumbe`,
 * src-shared/rpc/bridge.ts) seen as send / onMessage / onClose. Requests go out through
 * `bridge.request` and their response envelopes come back as messages; events arrive through
 * `bridge.onEvent`. The client parses everything (it is untrusted until then).
 */
import type { UjumbeBridge } from '../../src-shared/rpc/bridge.ts';
import type { Envelope } from '../../src-shared/rpc/envelope.ts';
import type { Transport } from '../../src-shared/rpc/transport.ts';

export function createBridgeTransport(bridge: UjumbeBridge): Transport {
  const messageListeners = new Set<(message: unknown) => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;

  const deliver = (message: unknown) => {
    if (closed) return;
    for (const listener of [...messageListeners]) listener(message);
  };
  const offEvent = bridge.onEvent(deliver);

  return {
    send(message: Envelope) {
      if (closed) throw new Error('The connection to Ujumbe is closed.');
      // Only requests travel this way; responses and events come from the other side.
      if (message.type !== 'request') return;
      bridge.request(message).then(deliver, (err: unknown) => {
        // Electron keeps only the message of an error thrown across invoke (docs/ARCHITECTURE.md "Habits": errors as data).
        deliver({
          type: 'response',
          id: message.id,
          ok: false,
          error: { code: 'disconnected', message: err instanceof Error ? err.message : 'Ujumbe did not answer.' },
        });
      });
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
      if (closed) return;
      closed = true;
      offEvent();
      for (const listener of [...closeListeners]) listener();
      closeListeners.clear();
      messageListeners.clear();
    },
  };
}
