/** Two connected in-memory transports: the RPC layer tested with no Electron and no sockets. */
import type { Envelope } from './envelope.ts';
import type { Transport } from './transport.ts';

class MemoryEnd implements Transport {
  peer!: MemoryEnd;
  private readonly messageListeners = new Set<(message: unknown) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closed = false;

  send(message: Envelope): void {
    if (this.closed) throw new Error('The transport is closed.');
    // Through JSON, as every real transport does: nothing but data crosses.
    const copy: unknown = JSON.parse(JSON.stringify(message));
    queueMicrotask(() => {
      if (!this.peer.closed) for (const listener of this.peer.messageListeners) listener(copy);
    });
  }

  onMessage(listener: (message: unknown) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
    this.peer.close();
  }
}

export function createMemoryTransportPair(): [client: Transport, server: Transport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
